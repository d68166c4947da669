"""Finding a report's configuration (`.reportlint.toml`, or `[tool.reportlint]` in `pyproject.toml`) from its
folder up to the top of its repository, and reading TOML files: configuration and course template files."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from reportlint.config import DEFAULT, Config, ConfigError, parse, parse_template
from reportlint.course.templates import Template
from reportlint.edge.git import work_tree

CONFIG_FILE = ".reportlint.toml"


def discover(folder: str) -> Config:
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
    return parse(table, path, _template_loader(folder, path))


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
            table: dict[str, Any] = tomllib.load(handle)
            return table
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
