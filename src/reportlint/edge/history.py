"""A report as it stood in its repository's history, read from git's objects: never a checkout, never a write.

Staff scrape each group's clone after the deadline, but groups keep committing; what counts is the last
commit before the deadline. Every answer here comes from `git log`, `git ls-tree` and `git cat-file`,
which read the object store only; the clone's files, index and refs are never touched. Configuration a
group's repository could use to run a program on such reads (an fsmonitor hook, signature checks with
a chosen gpg) is switched off on the command line.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
from collections.abc import Iterable, Iterator, Sequence

from reportlint.checks.figures import Parts
from reportlint.edge.disk import HEAD_BYTES
from reportlint.edge.figurefiles import MAX_FIGURE_BYTES
from reportlint.edge.textfile import MAX_BYTES, ReadError, decode
from reportlint.output.imagekind import image_kind
from reportlint.output.page import Figure
from reportlint.reading.links import DATA, EMPTY, RELATIVE, REMOTE, classify
from reportlint.records import NamedTuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which the hook would pay for at start
if TYPE_CHECKING:
    from reportlint.checks.figures import Peek

GIT = ("git", "--no-pager", "-c", "core.fsmonitor=false", "-c", "log.showSignature=false")
TREE, BLOB, LINK, SUBMODULE = "tree", "blob", "120000", "commit"
_LINK_DEPTH = 8
_KEPT = max(MAX_BYTES, MAX_FIGURE_BYTES) + 1  # enough of any blob to see that it is over its limit
_CHUNK = 1024 * 1024


class GitError(Exception):
    """git could not answer (not a repository, a broken one, git missing); the message says why."""


class Commit(NamedTuple):
    sha: str
    time: int  # the committer date, in seconds since the epoch: what `git log --before` compares


class Entry(NamedTuple):
    kind: str  # TREE, BLOB, LINK (a symbolic link's blob) or SUBMODULE
    oid: str
    size: int  # bytes of a blob; 0 for the others


def _environment() -> dict[str, str]:
    return {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}  # no index refresh, not even an opportunistic one


def _git(root: str, *args: str) -> bytes:
    try:
        done = subprocess.run([*GIT, "-C", root, *args], capture_output=True, env=_environment(), check=False)
    except OSError as error:
        raise GitError(f"git cannot be run: {error.strerror or error}") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} failed: {lines[-1] if lines else f'exit code {done.returncode}'}")
    return done.stdout


def has_commits(root: str) -> bool:
    """False for a repository where nothing was ever committed (its HEAD names no commit)."""
    try:
        _git(root, "rev-parse", "-q", "--verify", "HEAD^{commit}")
    except GitError:
        return False
    return True


def _log(root: str, *args: str) -> bytes:
    """`git log ARGS`; nothing at all in a repository where nothing was ever committed."""
    try:
        return _git(root, "log", *args)
    except GitError:
        if has_commits(root):
            raise
        return b""


def last_before(root: str, moment: int) -> Commit | None:
    """The last commit of HEAD's history made at or before `moment` (seconds since the epoch); None when none was."""
    out = _log(root, "-1", f"--before=@{moment}", "--format=%H %ct").decode("ascii").split()
    return Commit(out[0], int(out[1])) if out else None


def last_changes(root: str, paths: Sequence[str], since: str | None = None) -> dict[str, Commit]:
    """The newest commit of HEAD's history that changed each of `paths` (files or folders, relative to `root`
    with '/'), only among commits after `since` when given; paths never changed there are left out."""
    if not paths:
        return {}
    span = "HEAD" if since is None else f"{since}..HEAD"
    limit = ["-1"] if len(paths) == 1 else []  # one path: git can stop at the first commit that changed it
    out = _log(root, *limit, "-z", "--format=%x1e%H %ct", "--name-only", span, "--", *paths)
    wanted = set(paths)
    found: dict[str, Commit] = {}
    for record in out.split(b"\x1e")[1:]:
        header, _, names = record.partition(b"\0")
        sha, time = header.decode("ascii").split()
        for name in names.lstrip(b"\n").split(b"\0"):
            path = os.fsdecode(name)
            while path and path not in wanted:  # a file below a folder asked about counts for the folder
                path = posixpath.dirname(path)
            path = path or "."  # the top folder, asked about as '.'
            if path in wanted and path not in found:
                found[path] = Commit(sha, int(time))
        if len(found) == len(wanted):
            break
    return found


def list_tree(root: str, commit: str, folders: Iterable[str]) -> dict[str, Entry]:
    """Every file and folder below `folders` (relative to `root`; '' for the top) in `commit`, by path."""
    wanted = set(folders)
    spec = [] if "" in wanted else [f"{folder}/" for folder in sorted(wanted)]
    out = _git(root, "ls-tree", "-r", "-t", "-l", "-z", commit, "--", *spec)
    entries: dict[str, Entry] = {}
    for line in out.split(b"\0"):
        meta, _, name = line.partition(b"\t")
        path = os.fsdecode(name)
        if not line or wanted.isdisjoint(_above(path)):
            continue  # `-t` also lists the folders on the way down to those asked about
        mode, kind, oid, size = meta.decode("ascii").split()
        entries[path] = Entry(LINK if mode == LINK else kind, oid, int(size) if size.isdigit() else 0)
    return entries


def _above(path: str) -> Iterator[str]:
    """The folders `path` is in, nearest first, down to '' (the top)."""
    while path:
        path = path.rpartition("/")[0]
        yield path


class Snapshot:
    """A report's folder as one commit holds it: the `Files` the figure checks ask, and the figures of its page.

    Files are read when asked for, through one `git cat-file --batch` kept open while the report is checked
    (a `with` block), so only the report and the files it links are read, however much the folder holds.
    """

    def __init__(self, root: str, entries: dict[str, Entry]) -> None:
        """`entries`: what `list_tree` lists below the folder, by path inside the folder."""
        self.root = root
        self.entries = entries
        self.children: dict[str, set[str]] = {"": set()}
        for name, entry in self.entries.items():
            parent, _, base = name.rpartition("/")
            self.children.setdefault(parent, set()).add(base)
            if entry.kind == TREE:
                self.children.setdefault(name, set())
        self._blobs: dict[str, bytes | None] = {}
        self._reader: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Snapshot:
        return self

    def __exit__(self, *_: object) -> None:
        if self._reader is not None:
            assert self._reader.stdin is not None and self._reader.stdout is not None
            self._reader.stdin.close()  # git ends at the end of its input
            self._reader.stdout.close()
            self._reader.wait()
            self._reader = None

    def _blob(self, oid: str) -> bytes | None:
        """A blob's bytes, asked of the `git cat-file --batch` that answers one object name at a time; of a blob
        over every limit (a report's, a figure's), only the first bytes past the limit are kept."""
        if oid not in self._blobs:
            if self._reader is None:
                self._reader = subprocess.Popen(
                    [*GIT, "-C", self.root, "cat-file", "--batch"],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    env=_environment(),
                )
            assert self._reader.stdin is not None and self._reader.stdout is not None
            self._reader.stdin.write(f"{oid}\n".encode("ascii"))
            self._reader.stdin.flush()
            header = self._reader.stdout.readline().split()
            if len(header) != 3:  # `<oid> missing`, or git gone
                self._blobs[oid] = None
            else:
                size = int(header[2])
                self._blobs[oid] = self._reader.stdout.read(min(size, _KEPT))
                left = size - _KEPT
                while left > 0:  # past every limit: read and dropped, so that git's next answer lines up
                    left -= len(self._reader.stdout.read(min(left, _CHUNK))) or left  # nothing read: git is gone
                self._reader.stdout.read(1)  # the newline after the contents
        return self._blobs[oid]

    def text(self, name: str) -> str | None:
        """The text of the file `name` in the folder; None when the commit does not hold it."""
        entry = self.entries.get(name)
        if entry is None or entry.kind != BLOB:
            return None
        if entry.size > MAX_BYTES:
            raise ReadError(
                f"is {entry.size / 1024 / 1024:.1f} MB, too large for a report (limit {MAX_BYTES // 1024 // 1024} MB)"
            )
        data = self._blob(entry.oid)
        if data is None:
            raise ReadError("cannot be read from git")
        return decode(data)

    def _resolved(self, path: str) -> Entry | str:
        """The entry at `path`, following symbolic links inside the folder; 'outside' when one leads out."""
        for _ in range(_LINK_DEPTH):
            entry = self.entries.get(path)
            if entry is None or entry.kind != LINK:
                return entry if entry is not None else "missing"
            target = os.fsdecode(self._blob(entry.oid) or b"")
            path = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            if target.startswith("/") or path == ".." or path.startswith("../"):
                return "outside"
        return "outside"

    def data(self, path: str) -> bytes | str:
        """A file's bytes, or why there are none: 'missing', 'outside', 'folder' or 'unreadable'."""
        entry = self._resolved(path)
        if isinstance(entry, str):
            return entry
        if entry.kind in (TREE, SUBMODULE):
            return "folder"
        data = self._blob(entry.oid)
        return "unreadable" if data is None else data

    # --- checks.figures.Files ---

    def names(self, folder: Parts) -> frozenset[str] | None:
        found = self.children.get("/".join(folder))
        return None if found is None else frozenset(found)

    def head(self, path: Parts) -> Peek:
        data = self.data("/".join(path))
        if isinstance(data, bytes):
            return data[:HEAD_BYTES]
        return "unreadable" if data == "missing" else data  # type: ignore[return-value]

    def tracked(self, path: Parts) -> bool | None:
        return True  # in the commit: committed by definition


class SnapshotFigures:
    """The figures of a page made from a snapshot: each one embedded from the commit, as `html --embed-images`
    embeds figures from disk; nothing outside the report's folder is read."""

    def __init__(self, snapshot: Snapshot, commit: str) -> None:
        self.snapshot = snapshot
        self.commit = commit[:7]

    def __call__(self, target: str) -> Figure:
        link = classify(target)
        if link.kind in (DATA, EMPTY):
            return Figure(target)
        if link.kind == REMOTE:
            return Figure(target, "remote image, not embedded")
        if link.kind != RELATIVE or link.path == ".." or link.path.startswith("../"):
            return Figure(None, f"it is not a file in the report's folder of commit {self.commit}")
        data = self.snapshot.data(link.path)
        if not isinstance(data, bytes):
            return Figure(None, f"not in commit {self.commit}" if data == "missing" else f"it is {data} there")
        if len(data) > MAX_FIGURE_BYTES:
            return Figure(None, f"larger than {MAX_FIGURE_BYTES // 1024 // 1024} MB, not embedded")
        kind = image_kind(data)
        if kind is None:
            return Figure(None, "not a PNG, JPEG, GIF, WebP, BMP or SVG image")
        import base64

        return Figure(f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}")
