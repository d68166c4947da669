"""The edge that reads: report files, the folder a report links figures from, and git's list of tracked files."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from reportlint.config import DEFAULT, Config, ConfigError, parse, parse_template
from reportlint.checks.figures import Parts, Peek
from reportlint.edge.gitindex import indexed_paths
from reportlint.course.templates import Template

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
            raise Unreadable(
                f"is {size / 1024 / 1024:.1f} MB, too large for a report (limit {MAX_BYTES // 1024 // 1024} MB)"
            )
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
        self._roots: dict[str, str | None] = {}  # folder -> its work tree, looked up once per folder

    def tracked(self, path: str) -> bool | None:
        folder = os.path.dirname(path)
        if folder not in self._roots:
            self._roots[folder] = work_tree(folder)
        root = self._roots[folder]
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

    def head(self, path: str) -> Peek:
        if path not in self._heads:
            self._heads[path] = _head(path)
        return self._heads[path]

    def config(self, folder: str) -> Config:
        """The configuration for reports in `folder`; raises ConfigError for a bad one."""
        folder = os.path.abspath(folder)
        if folder not in self._configs:
            self._configs[folder] = _discover(folder)
        return self._configs[folder]


CONFIG_FILE = ".reportlint.toml"


def _discover(folder: str) -> Config:
    """The nearest `.reportlint.toml`, or `pyproject.toml` with a [tool.reportlint] table, from `folder` up
    to the top of its git work tree (or of the file system, outside one)."""
    top = work_tree(folder)
    current = folder
    while True:
        own = os.path.join(current, CONFIG_FILE)
        if os.path.isfile(own):
            return parse(_toml(own), own, _template_loader(current, own))
        project = os.path.join(current, "pyproject.toml")
        if os.path.isfile(project) and _mentions_reportlint(project):
            section = _toml(project).get("tool", {}).get("reportlint")
            if section is not None:
                if not isinstance(section, dict):
                    raise ConfigError(project, "tool.reportlint", "must be a table")
                return parse(section, project, _template_loader(current, project))
        parent = os.path.dirname(current)
        if current in (top, parent):
            return DEFAULT
        current = parent


def _mentions_reportlint(path: str) -> bool:
    """Most projects' pyproject.toml has no reportlint table; seeing that costs less than a TOML parser."""
    try:
        with open(path, "rb") as handle:
            return b"reportlint" in handle.read()
    except OSError:
        return True  # let the parser say what is wrong


def _toml(path: str) -> dict[str, Any]:
    """A TOML file as a table; only runs that have a configuration pay for the parser."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10 only
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise ConfigError(path, "file", error.strerror or str(error)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(path, "toml", str(error)) from None


def load_template(path: str) -> Template:
    """A course's template file (TOML); raises ConfigError naming the file and the key."""
    return parse_template(_toml(path), path)


def _template_loader(folder: str, source: str) -> Callable[[str], Template]:
    def load(name: str) -> Template:
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            raise ConfigError(source, "template", f"{name!r} is neither a built-in template nor a template file")
        return load_template(path)

    return load


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
