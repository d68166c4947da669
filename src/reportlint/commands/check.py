"""Reading and checking report files, shared by every command (check, html, summary); no click here.

Each run, and each worker process of a large run, keeps one file-system cache, so a figures
folder is listed and git's index is read once however many reports link into them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from functools import partial
from typing import Any, NamedTuple

from reportlint.edge import batch
from reportlint.config import DEFAULT, ConfigError
from reportlint.edge.disk import Disk, Folder, Unreadable, read_text
from reportlint.output.text import (
    finding_line,
    github_line,
    json_document,
    result_json,
    tally,
)
from reportlint.lint import Result, lint
from reportlint.course.templates import Template

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

_DISK = Disk()


def fresh_disk() -> None:
    """Start a run (or a worker process) with an empty cache; `batch.run` calls it as its setup."""
    global _DISK
    _DISK = Disk()


def check_file(path: str, template_name: str | Template | None, use_config: bool = True) -> Result | None:
    """Read and check one report under its folder's configuration (or none, for staff who want every group
    held to the course's template); raises Unreadable or ConfigError, and returns None when the file is not
    a report."""
    text = read_text(path)
    folder = os.path.dirname(os.path.abspath(path))
    config = _DISK.config(folder) if use_config else DEFAULT
    return lint(text, path, template_name, Folder(folder, _DISK), os.path.basename(folder) + "/", config)


class Checked(NamedTuple):
    """What the command line needs of one checked file; small, so worker processes can send it back."""

    path: str
    error: str | None = None
    fails: bool = False
    lines: tuple[str, ...] = ()
    tally: str | None = None  # None: not a report
    document: dict[str, Any] | None = None


def check_one(path: str, template_name: str | Template | None, draft: bool, output: str) -> Checked:
    try:
        result = check_file(path, template_name)
    except (Unreadable, ConfigError) as error:
        return Checked(path, error=str(error))
    if result is None:
        return Checked(path)
    if output == "github":
        lines = tuple(github_line(f, draft or result.config.draft) for f in result.findings)
    else:
        lines = tuple(finding_line(f) for f in result.findings)
    return Checked(
        path, None, result.fails(draft), lines, tally(result, draft), result_json(result) if output == "json" else None
    )


def run_check(files: Sequence[str], template_name: str | Template | None, draft: bool, output: str) -> int:
    """The whole `check` command once its arguments are known: print, and return the exit code.

    Plain printing, no click: the hook's usual call reaches this without importing click (see entry.py).
    """
    fresh_disk()
    for path in files:  # a bad configuration stops the run before any report is checked
        try:
            _DISK.config(os.path.dirname(os.path.abspath(path)))
        except ConfigError as error:
            print(f"reportlint: {error}", file=sys.stderr)
            return EXIT_ERROR
    job = partial(check_one, template_name=template_name, draft=draft, output=output)
    outcomes = sorted(batch.run(job, files, setup=fresh_disk), key=lambda outcome: outcome.path)
    reports = [outcome for outcome in outcomes if outcome.error is None and outcome.tally is not None]
    errors = [(outcome.path, outcome.error) for outcome in outcomes if outcome.error is not None]
    for path, reason in errors:
        print(f"reportlint: {path}: {reason}", file=sys.stderr)
    if output == "json":
        print(json_document([outcome.document for outcome in reports], errors))
    else:
        for outcome in reports:
            for line in outcome.lines:
                print(line)
        for outcome in reports:
            print(outcome.tally)
        if not reports and not errors:
            print(
                f"reportlint: no report among the {len(files)} file(s) given (a report has `### Question N` headings)",
                file=sys.stderr,
            )
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if any(outcome.fails for outcome in reports) else EXIT_CLEAN
