"""`reportlint summary`: the edge around summary.py. Finds reports in folders, checks them on every core,
prints one table, and shows a progress bar only where a person is watching.

The summary is a report, not a gate: findings never change the exit code. It exits 0 when every file
was read, 2 when a file could not be read (its row says why, and the run goes on), when a file given by
name is not a report, when nothing found is a report, or on a usage error.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Callable, TextIO

from reportlint.commands.context import RunContext
from reportlint.config import ConfigError
from reportlint.edge import batch
from reportlint.edge.textfile import ReadError
from reportlint.output.table import (
    NOT_A_REPORT,
    Row,
    csv_text,
    error_row,
    json_text,
    row,
    sort_rows,
    table,
)

EXIT_CLEAN, EXIT_ERROR = 0, 2
# Folders never searched: tools' and environments' copies of other people's markdown, and hidden ones.
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages"})
VENV_MARKER = "pyvenv.cfg"  # any virtual environment, whatever it is called
PROGRESS_FROM = 100  # fewer reports take well under a second: a bar would only flicker
PROGRESS_STEPS = 20
PROGRESS_WIDTH = 30


def run(options: argparse.Namespace) -> int:
    try:
        context = RunContext(options.template, use_config=not options.no_config)
    except ConfigError as error:
        print(f"reportlint: {error}", file=sys.stderr)
        return EXIT_ERROR
    targets, folder_errors = find_reports(options.paths)
    rows = [*folder_errors]
    for path, found in zip(targets, checked(partial(summarize_one, context), list(targets), sys.stderr)):
        explicit = targets[path]
        if found is not None:
            rows.append(found)
        elif explicit:
            rows.append(error_row(path, NOT_A_REPORT))
    rows = sort_rows(rows)
    errors = [r for r in rows if r.error is not None]
    for r in errors:
        print(f"reportlint: {r.path}: {r.error}", file=sys.stderr)
    if not rows:
        print(
            f"reportlint: no report found in {', '.join(options.paths)} (a report has `### Question N` headings)",
            file=sys.stderr,
        )
    text = {"table": table, "csv": csv_text, "json": json_text}[options.output](rows)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_ERROR if errors or not rows else EXIT_CLEAN


# --- finding the reports ----------------------------------------------------------------------------


def find_reports(paths: Iterable[str]) -> tuple[dict[str, bool], list[Row]]:
    """Every markdown file to check, mapped to whether it was named (True) or found in a folder (False),
    each file once; and a row for each folder that could not be listed, so no group drops out unseen."""
    targets: dict[str, bool] = {}
    by_real: dict[str, str] = {}
    folder_errors: list[Row] = []

    def add(path: str, explicit: bool) -> None:
        first = by_real.setdefault(os.path.realpath(path), path)
        targets[first] = targets.get(first, False) or explicit

    for path in paths:
        if os.path.isdir(path):
            files, unlisted = markdown_files(path)
            for found in files:
                add(found, False)
            folder_errors.extend(error_row(folder, f"folder cannot be read: {reason}") for folder, reason in unlisted)
        else:
            add(path, True)
    return targets, folder_errors


def markdown_files(top: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The `.md` files under `top`, skipping hidden folders (`.git`, `.venv`), virtual environments and
    `node_modules`; symbolic links to folders are not followed, so a link loop cannot hang the run."""
    found: list[str] = []
    unlisted: list[tuple[str, str]] = []
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as error:
            unlisted.append((folder, error.strerror or str(error)))
            continue
        if folder != top and any(entry.name == VENV_MARKER for entry in entries):
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                if entry.name not in SKIPPED_FOLDERS:
                    stack.append(entry.path)
            elif entry.name.lower().endswith(".md") and entry.is_file():
                found.append(entry.path)
    return found, unlisted


# --- checking them ----------------------------------------------------------------------------------


def summarize_one(context: RunContext, path: str) -> Row | None:
    """A row for one file, None when it is not a report; runs in worker processes, so it returns a Row."""
    try:
        result = context.check(path)
    except (ReadError, ConfigError) as error:
        return error_row(path, str(error))
    return None if result is None else row(result.outcome())


def checked(job: Callable[[str], Row | None], paths: Sequence[str], stream: TextIO) -> list[Row | None]:
    """`job` over `paths` with batch.run; in slices behind a progress bar when `stream` is a terminal and
    the run is long, never in a pipe or a log."""
    if len(paths) < PROGRESS_FROM or not stream.isatty():
        return batch.run(job, paths)
    results: list[Row | None] = []
    parts = slices(paths, batch.PARALLEL_FROM)
    for done, part in enumerate(parts, start=1):
        results.extend(batch.run(job, part))
        _progress(stream, len(results), len(paths), last=done == len(parts))
    return results


def _progress(stream: TextIO, done: int, total: int, last: bool) -> None:
    filled = PROGRESS_WIDTH * done // total
    bar = "#" * filled + "-" * (PROGRESS_WIDTH - filled)
    stream.write(f"\rreportlint summary [{bar}] {done}/{total}" + ("\n" if last else ""))
    stream.flush()


def slices(paths: Sequence[str], parallel_from: int) -> list[Sequence[str]]:
    """About PROGRESS_STEPS slices, but each big enough to run on every core when the whole run is."""
    count = PROGRESS_STEPS if len(paths) < parallel_from else max(1, min(PROGRESS_STEPS, len(paths) // parallel_from))
    size = math.ceil(len(paths) / count)
    return [paths[start : start + size] for start in range(0, len(paths), size)]
