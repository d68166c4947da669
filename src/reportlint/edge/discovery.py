"""Finding a report's configuration (`.reportlint.toml`, or `[tool.reportlint]` in `pyproject.toml`) from its
folder up to the top of its repository, and reading TOML files: configuration and course template files."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from reportlint.config import DEFAULT, Config, ConfigError, abridged, parse, parse_template, shown
from reportlint.course.templates import Template
from reportlint.edge.git import work_tree
from reportlint.edge.textfile import MAX_BYTES, ReadError, read_bytes, reason

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which the hook would pay for at start
if TYPE_CHECKING:
    from typing import Any

CONFIG_FILE = ".reportlint.toml"


def discover(folder: str, known: dict[str, Config] | None = None) -> Config:
    """The nearest `.reportlint.toml`, or `pyproject.toml` with a [tool.reportlint] table, from `folder` up
    to the top of its git work tree (or of the file system, outside one). Either name there as anything but a
    regular file (a FIFO, a link to a device, a link to nothing) is refused, not passed over.

    `known` holds the answers found before, by folder, and gets the answer for every folder passed on the way
    up: below the top of a work tree, a folder with neither file has its parent's configuration, and a
    batch's thousand reports share their parents."""
    known = {} if known is None else known
    passed = []
    current = folder
    found = known.get(current)
    while found is None:
        passed.append(current)
        found = _own(current)
        parent = os.path.dirname(current)
        if found is None and (current == parent or os.path.exists(os.path.join(current, ".git"))):
            found = DEFAULT  # the top of the work tree (or of the file system), with no configuration
        elif found is None:
            current = parent
            found = known.get(current)
    for name in passed:
        known[name] = found
    return found


def _own(folder: str) -> Config | None:
    """The configuration in `folder` itself, None when it has neither file or a pyproject.toml without one."""
    own = os.path.join(folder, CONFIG_FILE)
    if os.path.lexists(own):
        return parse(_toml(own), own, _template_loader(folder, own, work_tree(folder)))
    project = os.path.join(folder, "pyproject.toml")
    if os.path.lexists(project) and _mentions_reportlint(project):
        section = _toml(project).get("tool", {}).get("reportlint")
        if section is not None:
            if not isinstance(section, dict):
                raise ConfigError(project, "tool.reportlint", "must be a table")
            return parse(section, project, _template_loader(folder, project, work_tree(folder)))
    return None


def load_config(path: str) -> Config:
    """A configuration file named on the command line (`--config`): a `pyproject.toml`'s [tool.reportlint]
    table, or the top level of any other file, as `.reportlint.toml` holds it."""
    folder = os.path.dirname(os.path.abspath(path))
    table = _toml(path)
    if os.path.basename(path) == "pyproject.toml":
        section = table.get("tool", {}).get("reportlint")
        if not isinstance(section, dict):
            raise ConfigError(path, "tool.reportlint", "missing" if section is None else "must be a table")
        table = section
    return parse(table, path, _template_loader(folder, path, work_tree(folder)))


def _mentions_reportlint(path: str) -> bool:
    """Most projects' pyproject.toml has no reportlint table; seeing that costs less than a TOML parser."""
    return b"reportlint" in _read(path)


def _read(path: str) -> bytes:
    """A configuration or template file's bytes: a regular file of at most MAX_BYTES, or ConfigError."""
    try:
        return read_bytes(path, MAX_BYTES, "a configuration file")
    except ReadError as error:
        raise ConfigError(path, "file", str(error)) from None
    except OSError as error:
        raise ConfigError(path, "file", reason(error, path)) from None


def _toml(path: str) -> dict[str, Any]:
    """A TOML file as a table; only runs that have a configuration pay for the parser.

    A parse error says where (line and column) and what, quoting at most a few characters of the file (the
    parser names a duplicated key, which may be long). Arrays nested deeper than the parser's stack can take
    are refused the same way."""
    data = _read(path)
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10 only
        import tomli as tomllib
    try:
        table: dict[str, Any] = tomllib.loads(data.decode("utf-8"))
        return table
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        what, at, where = str(error).rpartition(" (at ")
        raise ConfigError(path, "toml", abridged(what) + at + where if at else str(error)) from None
    except RecursionError:
        raise ConfigError(path, "toml", "arrays or tables nested too deeply to read") from None


def load_template(path: str) -> Template:
    """A course's template file (TOML); raises ConfigError naming the file and the key.

    Any path is read: `--template PATH` names a file the user chose, so only its type and size are checked
    here. A template named in a configuration file is kept inside the repository by `_template_loader`."""
    return parse_template(_toml(path), path)


def _template_loader(folder: str, source: str, top: str | None) -> Callable[[str], Template]:
    """Reads the template file a configuration names, relative to its `folder`, and only inside the git work
    tree `top` (outside one, inside `folder`): a repository's configuration must not make reportlint read, and
    quote in its messages, files elsewhere on the machine (by an absolute path, `../` or a symbolic link)."""
    root = top or folder
    where = "the repository" if top else "the configuration's folder"

    def load(name: str) -> Template:
        path = os.path.normpath(os.path.join(folder, name))
        if os.path.isabs(name) or not _inside(path, root):
            raise ConfigError(source, "template", f"{shown(name)} is outside {where}: name a template file inside it")
        if not os.path.lexists(path):
            raise ConfigError(source, "template", f"{shown(name)} is neither a built-in template nor a template file")
        if not _inside(os.path.realpath(path), os.path.realpath(root)):
            raise ConfigError(source, "template", f"{shown(name)} is a symbolic link leading outside {where}")
        return load_template(path)

    return load


def _inside(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:  # pragma: no cover - Windows only: another drive
        return False
