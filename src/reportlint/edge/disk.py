"""The file system as one run sees it, cached: folder listings, the first bytes of figures, each folder's
configuration and git's list of tracked files, each read once however many reports need them."""

from __future__ import annotations

import os
import stat

from reportlint.checks.figures import Parts
from reportlint.config import Config
from reportlint.edge.discovery import discover
from reportlint.edge.git import Git
from reportlint.edge.textfile import FOLDER, NotAFile, open_regular

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which the hook would pay for at start
if TYPE_CHECKING:
    from reportlint.checks.figures import Peek

HEAD_BYTES = 64


class Disk:
    """The file system as one run sees it: each folder listed and each file's first bytes read once.

    Staff check hundreds of reports in one call, many linking the same figures folder.
    """

    def __init__(self) -> None:
        self.git = Git()
        self._names: dict[str, frozenset[str] | None] = {}
        self._heads: dict[str, Peek] = {}
        self._real: dict[str, str] = {}
        self._links: dict[str, bool] = {}
        self._configs: dict[str, Config] = {}

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

    def may_be_link(self, path: str) -> bool:
        """Whether `path` is a symbolic link, or cannot be looked at (lstat once per path)."""
        if path not in self._links:
            try:
                self._links[path] = stat.S_ISLNK(os.lstat(path).st_mode)
            except OSError:
                self._links[path] = True
        return self._links[path]

    def head(self, path: str) -> Peek:
        if path not in self._heads:
            self._heads[path] = _head(path)
        return self._heads[path]

    def config(self, folder: str) -> Config:
        """The configuration for reports in `folder`; raises ConfigError for a bad one."""
        return discover(os.path.abspath(folder), self._configs)


def _head(path: str) -> Peek:
    """The first bytes of a regular file; a FIFO, device or socket is never opened (reading one can wait forever)."""
    try:
        with open_regular(path) as handle:
            return handle.read(HEAD_BYTES)
    except NotAFile as error:
        return "folder" if error.kind == FOLDER else "special"
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
        """The file's first bytes, or "outside" when a symbolic link on the way leads out of the folder."""
        full = self._path(path)
        if self._may_leave(path):
            inside = self.disk.realpath(self.root)
            real = os.path.realpath(full)
            if real != inside and not real.startswith(inside.rstrip(os.sep) + os.sep):
                return "outside"
        return self.disk.head(full)

    def _may_leave(self, path: Parts) -> bool:
        """Whether `path` could lead out of the folder: through `..` or a symbolic link. Most figures are
        plain files in plain folders, found with one cached lstat per part instead of a `realpath` each."""
        prefix = self.root
        for part in path:
            if part in ("", ".", ".."):
                return True
            prefix = os.path.join(prefix, part)
            if self.disk.may_be_link(prefix):
                return True
        return False

    def tracked(self, path: Parts) -> bool | None:
        return self.disk.git.tracked(self._path(path))
