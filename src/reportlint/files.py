"""The edge that reads: report files, the folder a report links figures from, and git's list of tracked files."""

from __future__ import annotations

import os

from reportlint.figures import Parts, Peek
from reportlint.gitindex import indexed_paths

MAX_BYTES = 5 * 1024 * 1024  # real reports are under 100 KB; anything this big is not a report
HEAD_BYTES = 64


class Unreadable(Exception):
    """A file that cannot be checked; the message names the reason, the command line names the file."""


def read_text(path: str) -> str:
    """Read a report as UTF-8 (BOM allowed) whatever the locale, refusing what is not text."""
    try:
        size = os.path.getsize(path)
        if os.path.isdir(path):
            raise Unreadable("is a folder, not a file")
        if size > MAX_BYTES:
            raise Unreadable(f"is {size / 1024 / 1024:.1f} MB, too large for a report (limit {MAX_BYTES // 1024 // 1024} MB)")
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise Unreadable("no such file") from None
    except IsADirectoryError:
        raise Unreadable("is a folder, not a file") from None
    except OSError as error:
        raise Unreadable(error.strerror or str(error)) from None
    if b"\x00" in data:
        raise Unreadable("is binary (it holds NUL bytes), not a markdown report")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Unreadable(f"is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})") from None


class Git:
    """Asks git once per repository which files it tracks or stages, however many links point there."""

    def __init__(self) -> None:
        self._index: dict[str, frozenset[str] | None] = {}

    def tracked(self, path: str) -> bool | None:
        root = work_tree(os.path.dirname(path))
        if root is None:
            return None
        if root not in self._index:
            listed = indexed_paths(root)
            self._index[root] = listed if listed is not None else _ls_files(root)
        index = self._index[root]
        if index is None:
            return None
        return os.path.relpath(path, root).replace(os.sep, "/") in index


def work_tree(folder: str) -> str | None:
    """The git work tree holding `folder`, found by looking for `.git` upwards (no git process)."""
    folder = os.path.abspath(folder)
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _ls_files(root: str) -> frozenset[str] | None:
    import subprocess  # only reports with figures inside a git work tree pay for it

    try:
        result = subprocess.run(["git", "-C", root, "ls-files", "-z"], capture_output=True, check=False)
    except OSError:
        return None
    if result.returncode != 0:
        return None
    return frozenset(os.fsdecode(name) for name in result.stdout.split(b"\0") if name)


class Disk:
    """The file system as one run sees it: each folder listed and each file's first bytes read once.

    Staff check hundreds of reports in one call, many linking the same figures folder.
    """

    def __init__(self) -> None:
        self.git = Git()
        self._names: dict[str, frozenset[str] | None] = {}
        self._heads: dict[str, Peek] = {}
        self._real: dict[str, str] = {}

    def names(self, folder: str) -> frozenset[str] | None:
        if folder not in self._names:
            try:
                self._names[folder] = frozenset(os.listdir(folder))
            except OSError:
                self._names[folder] = None
        return self._names[folder]

    def realpath(self, path: str) -> str:
        if path not in self._real:
            self._real[path] = os.path.realpath(path)
        return self._real[path]

    def head(self, path: str) -> Peek:
        if path not in self._heads:
            self._heads[path] = _head(path)
        return self._heads[path]


def _head(path: str) -> Peek:
    if os.path.isdir(path):
        return "folder"
    try:
        with open(path, "rb") as handle:
            return handle.read(HEAD_BYTES)
    except OSError:
        return "unreadable"


class Folder:
    """A report's folder as the figure checks see it; nothing outside it is ever opened."""

    def __init__(self, root: str, disk: Disk) -> None:
        self.root = root
        self.disk = disk

    def _path(self, parts: Parts) -> str:
        return os.path.join(self.root, *parts)

    def names(self, folder: Parts) -> frozenset[str] | None:
        return self.disk.names(self._path(folder))

    def head(self, path: Parts) -> Peek:
        full = self._path(path)
        inside = self.disk.realpath(self.root)
        real = os.path.realpath(full)
        if real != inside and not real.startswith(inside.rstrip(os.sep) + os.sep):
            return "outside"
        return self.disk.head(full)

    def tracked(self, path: Parts) -> bool | None:
        return self.disk.git.tracked(self._path(path))
