"""Reading and checking one report file, shared by every command (check, html, summary).

Each run, and each worker process of a large run, keeps one file-system cache (`disk()`), so a figures
folder is listed and git's index is read once however many reports link into them.
"""

from __future__ import annotations

import os

import click

from reportlint.config import DEFAULT, ConfigError
from reportlint.files import Disk, Folder, load_template, read_text
from reportlint.lint import Result, lint
from reportlint.templates import BUILTIN, INFER, Template

_DISK = Disk()


def fresh_disk() -> None:
    """Start a run (or a worker process) with an empty cache; `batch.run` calls it as its setup."""
    global _DISK
    _DISK = Disk()


def disk() -> Disk:
    return _DISK


def check_file(path: str, template_name: str | Template | None, use_config: bool = True) -> Result | None:
    """Read and check one report under its folder's configuration (or none, for staff who want every group
    held to the course's template); raises Unreadable or ConfigError, and returns None when the file is not
    a report."""
    text = read_text(path)
    folder = os.path.dirname(os.path.abspath(path))
    config = _DISK.config(folder) if use_config else DEFAULT
    return lint(text, path, template_name, Folder(folder, _DISK), os.path.basename(folder) + "/", config)


TEMPLATE_HELP = f"{', '.join(BUILTIN)}, {INFER}, or a template file; default: the configuration's, else told from " \
                f"the report itself."


def template_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | Template | None:
    """The `--template` option of every command: a built-in name, 'infer', or a template file read now."""
    if value is None or value in BUILTIN or value == INFER:
        return value
    if not os.path.isfile(value):
        raise click.BadParameter(f"{value!r} is not {', '.join(BUILTIN)}, {INFER}, or a template file")
    try:
        return load_template(value)
    except ConfigError as error:
        raise click.BadParameter(str(error)) from None
