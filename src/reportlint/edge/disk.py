"""The file system as one run sees it, cached: folder listings, the first bytes of figures, each folder's
configuration and git's list of tracked files, each read once however many reports need them."""

from __future__ import annotations

import os

from reportlint.checks.figures import Parts
from reportlint.config import Config
from reportlint.edge.discovery import discover
from reportlint.edge.git import Git
from reportlint.edge.textfile import FOLDER, NotAFile, read_head

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which the hook would pay for at start
if TYPE_CHECKING:
    from reportlint.checks.figures import Peek

HEAD_BYTES = 64


class Disk:
    """The file system as one run sees it: each folder listed and each file's first bytes read once.

    Staff check hundreds of reports in one call, many linking the same figures folder.
    """

    def __init__(self) -> None:
        self._listings: dict[str, _Listing | None] = {}
        self.git = Git(self._listed)
        self._heads: dict[str, Peek] = {}
        self._real: dict[str, str] = {}
        self._configs: dict[str, Config] = {}

    def listing(self, folder: str) -> _Listing | None:
        """The folder's entries, those of them that are symbolic links (or could not be told apart from one) and
        those that are regular files; None when it is not a folder."""
        try:
            return self._listings[folder]
        except KeyError:
            listing = self._listings[folder] = _list(folder)
            return listing

    def _listed(self, folder: str) -> frozenset[str] | None:
        """The entries of `folder` when it was listed already, for git to look for `.git` in without a `stat`."""
        listing = self._listings.get(folder)
        return None if listing is None else listing[0]

    def realpath(self, path: str) -> str:
        if path not in self._real:
            self._real[path] = os.path.realpath(path)
        return self._real[path]

    def head(self, path: str, regular: bool = False) -> Peek:
        """`regular`: its folder's listing found a regular file there, which need not be looked at again."""
        try:
            return self._heads[path]
        except KeyError:
            head = self._heads[path] = _head(path, regular)
            return head

    def config(self, folder: str) -> Config:
        """The configuration for reports in `folder`; raises ConfigError for a bad one."""
        return discover(os.path.abspath(folder), self._configs)


_Listing = tuple[frozenset[str], frozenset[str], frozenset[str]]  # entries, links among them, regular files


def _list(folder: str) -> _Listing | None:
    """A folder's entries, its symbolic links and its regular files, from one `scandir`: each entry's type
    comes with its name on most file systems, where a separate `lstat` or `stat` of a figure would cost a
    system call."""
    names: list[str] = []
    links: list[str] = []
    files: list[str] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                names.append(name)
                try:  # a regular file first, as most entries are: one call each
                    if entry.is_file(follow_symlinks=False):
                        files.append(name)
                    elif entry.is_symlink():
                        links.append(name)
                except OSError:  # pragma: no cover - only where the listing holds no type and lstat is refused
                    links.append(name)  # what cannot be looked at is taken for a link
    except OSError:
        return None
    return frozenset(names), frozenset(links), frozenset(files)


def _head(path: str, regular: bool) -> Peek:
    """The first bytes of a regular file; a FIFO, device or socket is never opened (reading one can wait forever)."""
    try:
        return read_head(path, HEAD_BYTES, regular)
    except NotAFile as error:
        return "folder" if error.kind == FOLDER else "special"
    except OSError:
        return "unreadable"


class Folder:
    """A report's folder as the figure checks see it; nothing outside it is ever opened."""

    def __init__(self, root: str, disk: Disk) -> None:
        self.root = root
        self.disk = disk
        # what each image asks again, remembered by parts: a report links a few folders many times
        self._listings: dict[Parts, _Listing | None] = {}
        self._paths: dict[Parts, str] = {}

    def _path(self, parts: Parts) -> str:
        try:
            return self._paths[parts]
        except KeyError:  # once per folder and figure of the report
            path = self._paths[parts] = os.path.join(self.root, *parts)
            return path

    def _listing(self, folder: Parts) -> _Listing | None:
        try:
            return self._listings[folder]
        except KeyError:
            listing = self._listings[folder] = self.disk.listing(self._path(folder))
            return listing

    def names(self, folder: Parts) -> frozenset[str] | None:
        listing = self._listing(folder)
        return listing[0] if listing is not None else None

    def head(self, path: Parts) -> Peek:
        """The file's first bytes, or "outside" when a symbolic link on the way leads out of the folder."""
        full = self._path(path)
        listing = self._inside(path)
        if listing is None:
            inside = self.disk.realpath(self.root)
            real = os.path.realpath(full)
            if real != inside and not real.startswith(inside.rstrip(os.sep) + os.sep):
                return "outside"
            return self.disk.head(full)
        return self.disk.head(full, path[-1] in listing[2])

    def _inside(self, path: Parts) -> _Listing | None:
        """The listing of the file's folder when `path` cannot lead out of the folder, None when it could: through
        `..` or a symbolic link. Most figures are plain files in plain folders, told by the listings that found
        them, with no `realpath` or `lstat` each."""
        listing = None
        for index, part in enumerate(path):
            if part in ("", ".", ".."):
                return None
            listing = self._listing(path[:index])
            if listing is None or part in listing[1]:
                return None
        return listing

    def tracked(self, path: Parts) -> bool | None:
        return self.disk.git.tracked_in(self._path(path[:-1]), path[-1])
