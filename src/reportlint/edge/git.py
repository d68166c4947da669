"""What git tracks or stages in a work tree: the index read directly, or `git ls-files` when it cannot be."""

from __future__ import annotations

import os

from reportlint.edge.gitindex import indexed_paths
from reportlint.edge.textfile import NotAFile

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which the hook would pay for at start
if TYPE_CHECKING:
    from collections.abc import Callable

TIMEOUT = 120  # seconds: git on a broken repository (a FIFO for its config) must not hold a commit forever


class Git:
    """Asks git once per repository which files it tracks or stages, however many links point there."""

    def __init__(self, listed: Callable[[str], frozenset[str] | None] | None = None) -> None:
        """`listed`: a folder's entries when they are known already (None when not), which tell where no `.git`
        is without asking the file system."""
        self._listed = listed
        self._index: dict[str, frozenset[str] | None] = {}
        self._roots: dict[str, str | None] = {}  # folder -> its work tree, looked up once per folder
        self._places: dict[str, _Place | None] = {}  # a file's folder as named -> its index and path in it

    def tracked(self, path: str) -> bool | None:
        folder, name = os.path.split(path)
        if name not in ("", os.curdir, os.pardir):
            return self.tracked_in(folder, name)
        place = self._place_of(folder)  # no file's name: the path itself, relative to the work tree
        return None if place is None else os.path.relpath(path, place[1]).replace(os.sep, "/") in place[0]

    def tracked_in(self, folder: str, name: str) -> bool | None:
        """Whether git tracks or stages the file `name` in `folder`, looked up by the folder as it is named: a
        figures folder's files share one lookup, and no path is split or normalised per file."""
        place = self._place_of(folder)
        return None if place is None else place[2] + name in place[0]

    def _place_of(self, folder: str) -> _Place | None:
        try:
            return self._places[folder]
        except KeyError:  # once per folder
            place = self._places[folder] = self._place(folder)
            return place

    def _place(self, folder: str) -> _Place | None:
        """The index of the work tree holding `folder`, its top, and the folder's path in it ('' at the top, else
        ending in '/'); None outside a work tree, or when what git tracks is unknown."""
        folder = os.path.abspath(folder)
        root = self._work_tree(folder)
        if root is None:
            return None
        if root not in self._index:
            try:
                listed = indexed_paths(root)
            except NotAFile:  # git would wait on it too: what it tracks is unknown
                self._index[root] = None
            else:
                self._index[root] = listed if listed is not None else _ls_files(root)
        index = self._index[root]
        if index is None:
            return None
        below = folder[len(root) :].lstrip(os.sep)  # `root` is `folder` or a parent, found by cutting it
        return index, root, below.replace(os.sep, "/") + "/" if below else ""

    def _work_tree(self, folder: str) -> str | None:
        """`work_tree(folder)`, remembering every folder on the way up: a batch's reports share their parents."""
        if folder not in self._roots:
            parent = os.path.dirname(folder)
            names = None if self._listed is None else self._listed(folder)
            if (names is None or ".git" in names) and os.path.exists(os.path.join(folder, ".git")):
                self._roots[folder] = folder
            else:
                self._roots[folder] = None if parent == folder else self._work_tree(parent)
        return self._roots[folder]


_Place = tuple[frozenset[str], str, str]


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
        result = subprocess.run(
            ["git", "-C", root, "ls-files", "-z"], capture_output=True, check=False, timeout=TIMEOUT
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    return frozenset(os.fsdecode(name) for name in result.stdout.split(b"\0") if name)


def ignored(path: str) -> bool:
    """Whether git ignores `path` (`git check-ignore`); False outside a work tree or without git."""
    import subprocess

    folder = os.path.dirname(os.path.abspath(path))
    try:
        result = subprocess.run(
            ["git", "-C", folder, "check-ignore", "-q", "--", os.path.basename(path)],
            capture_output=True,
            check=False,
            timeout=TIMEOUT,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0
