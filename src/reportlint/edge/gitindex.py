"""Which files git tracks or stages, read from the index file itself rather than from `git ls-files`.

The hook runs on every commit; starting `git ls-files` (and importing subprocess for it) costs more
than the whole check of a report. The index format is documented and stable (versions 2-4), so it is
read directly. Only what this reader cannot read answers None, and the caller asks git: a split or
sparse index (its entries live in other files) and SHA-256 object names.

Inside `git commit` the index to read is the one git names in GIT_INDEX_FILE, which is not always the
repository's `index`: a commit of named paths (`git commit FILE`, `--only`) is made from a temporary
index that lists HEAD plus those paths, so a file that is staged but left out of this commit is not in
it. What git 2.39 exports to the pre-commit hook, from the top folder or a subfolder alike (the hook
always runs in the work tree's top folder, and pre-commit passes the variable on unchanged):

- `git commit`, `git commit --amend`: `.git/index`, relative to the work tree's top;
- `git commit -a`, `git commit --include FILE`: `<top>/.git/index.lock`, absolute;
- `git commit FILE`, `git commit --only FILE`: `<top>/.git/next-index-<pid>.lock`, absolute;
- in a linked worktree, always absolute, in the worktree's own git folder
  (`<main>/.git/worktrees/<name>/index`, `index.lock`, `next-index-<pid>.lock`), with GIT_DIR set to
  that folder too, the one the worktree's `.git` file names.

git reads a relative GIT_INDEX_FILE from the work tree's top, wherever it was started (it moves there
before reading the index), and a file that does not exist as an empty index. So does this reader, which
is why its answer equals `git -C <top> ls-files` in every case above.

Every file here is read as a report is: only when it is a regular file, and never past a limit. An index that is
a FIFO or a device (or a `.git` that links to one) would make git itself wait or read forever, so it is not left
to git either: `NotAFile` tells the caller that what git tracks cannot be known here.
"""

from __future__ import annotations

import os
import sys

from reportlint.edge.textfile import NotAFile, ReadError, read_bytes

_INDEX_LIMIT = 512 * 1024 * 1024  # the index of a repository with a few million files; past that, git reads it
_SMALL_LIMIT = 64 * 1024  # a `.git` file, `commondir`, `config`
_EXTENDED = 0x4000
_HASH_SIZE = 20  # SHA-1 object names; SHA-256 repositories are left to git
_UNREAD_EXTENSIONS = (b"link", b"sdir")  # split index, sparse index: entries live elsewhere


def indexed_paths(root: str) -> frozenset[str] | None:
    """Paths (relative, with '/') in the index of the work tree at `root`, or None to ask git instead; raises
    NotAFile when the index (or `.git`) is a FIFO, device or socket, which git could not read either."""
    git_dir = _git_dir(root)
    if git_dir is None or _uses_sha256(git_dir):
        return None
    named = os.environ.get("GIT_INDEX_FILE")
    index = os.path.join(git_dir, "index") if named is None else os.path.join(root, named)
    try:
        data = read_bytes(index, _INDEX_LIMIT, "a git index")
    except FileNotFoundError:
        return frozenset()  # a new repository where nothing was ever added; git reads it as empty too
    except NotAFile:
        raise
    except (OSError, ReadError):
        return None
    try:
        names = _entries(data)
    except (ValueError, IndexError):
        return None
    return None if names is None else frozenset(_decoded(names))


def _decoded(names: list[bytes]) -> list[str]:
    """The names as `os.fsdecode` gives them, decoded at once: a NUL ends every character's bytes in UTF-8, so
    the names joined by one decode as each alone (in any other file system encoding, each is decoded alone)."""
    if not names or sys.getfilesystemencoding() != "utf-8":  # none, or (never on a supported system) not UTF-8
        return [os.fsdecode(name) for name in names]
    return b"\0".join(names).decode("utf-8", sys.getfilesystemencodeerrors()).split("\0")


def _git_dir(root: str) -> str | None:
    """`.git` itself, or where a `.git` file (a worktree or submodule) points."""
    dot_git = os.path.join(root, ".git")
    if os.path.isdir(dot_git):
        return dot_git
    try:
        line = _small(dot_git).partition("\n")[0].strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not line.startswith("gitdir:"):
        return None
    return os.path.normpath(os.path.join(root, line[len("gitdir:") :].strip()))


def _uses_sha256(git_dir: str) -> bool:
    common = _common_dir(git_dir)
    for folder in (git_dir, common) if common != git_dir else (git_dir,):  # one read of a repository's own config
        try:
            if "sha256" in _small(os.path.join(folder, "config")).lower():
                return True
        except (OSError, UnicodeDecodeError):
            continue
    return False


def _common_dir(git_dir: str) -> str:
    """A linked worktree keeps its config in the main repository's git dir."""
    try:
        return os.path.normpath(os.path.join(git_dir, _small(os.path.join(git_dir, "commondir")).strip()))
    except (OSError, UnicodeDecodeError):
        return git_dir


def _small(path: str) -> str:
    """A small text file of git's own; NotAFile, TooLarge and OSError alike mean git's layout is not readable."""
    try:
        return read_bytes(path, _SMALL_LIMIT, "a git file").decode("utf-8")
    except ReadError as error:
        raise OSError(str(error)) from None


def _entries(data: bytes) -> list[bytes] | None:
    if len(data) < 12:
        return None
    signature, version, count = data[:4], _number(data, 4, 4), _number(data, 8, 4)
    if signature != b"DIRC" or version not in (2, 3, 4):
        return None
    names: list[bytes] = []
    position = 12
    previous = b""
    fixed = 40 + _HASH_SIZE  # times, ids, mode, size, then the object name
    find = data.index  # ValueError when a name has no end: a broken index
    for _ in range(count):
        # the flags read byte by byte: an index that ends early raises IndexError, and no call is made per entry
        flags = data[position + fixed] << 8 | data[position + fixed + 1]
        name_at = position + fixed + 2
        if flags & _EXTENDED:
            if version < 3:
                return None
            name_at += 2
        if version == 4:
            strip, name_at = _varint(data, name_at)
            end = find(b"\0", name_at)
            name = previous[: len(previous) - strip] + data[name_at:end]
            position = end + 1
            previous = name
        else:
            end = find(b"\0", name_at)
            name = data[name_at:end]
            position += (name_at - position + len(name) + 8) & ~7
        names.append(name)
    return names if _extensions_readable(data, position) else None


def _number(data: bytes, position: int, size: int) -> int:
    """A big-endian unsigned number; past the end of the data is a broken index, not zero."""
    if position + size > len(data):
        raise IndexError("index file ends early")
    return int.from_bytes(data[position : position + size], "big")


def _varint(data: bytes, position: int) -> tuple[int, int]:
    """Git's offset varint (index version 4): how many bytes of the previous name to drop."""
    byte = data[position]
    value = byte & 0x7F
    while byte & 0x80:
        position += 1
        byte = data[position]
        value = ((value + 1) << 7) | (byte & 0x7F)
    return value, position + 1


def _extensions_readable(data: bytes, position: int) -> bool:
    end = len(data) - _HASH_SIZE
    while position + 8 <= end:
        signature = data[position : position + 4]
        if signature in _UNREAD_EXTENSIONS:
            return False
        position += 8 + _number(data, position + 4, 4)
    return True
