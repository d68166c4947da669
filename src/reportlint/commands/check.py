"""`reportlint check`: check files, print them in the chosen format, exit 0, 1 or 2."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from reportlint.commands.context import RunContext
from reportlint.config import ConfigError
from reportlint.edge import batch
from reportlint.edge.textfile import ReadError
from reportlint.lint import Outcome
from reportlint.output import renderer
from reportlint.records import NamedTuple

if TYPE_CHECKING:
    import argparse

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DEFAULT_REPORT = os.path.join("reports", "README.md")


class Checked(NamedTuple):
    """One file's result as a worker process sends it back: an outcome, None for a file that is not a report,
    or the reason it could not be read."""

    path: str
    outcome: Outcome | None = None
    error: str | None = None


def run(options: argparse.Namespace) -> int:
    return check_files(options.files, options.template, options.draft, options.strict, options.output)


def check_files(
    files: Sequence[str], template: str | None = None, draft: bool = False, strict: bool = False, output: str = "text"
) -> int:
    """The check command; the defaults are the command line's, so the hook's plain `reportlint check FILES...`
    comes here without building the parser (main.py)."""
    try:
        files = list(files) or [default_report("reportlint")]
        context = RunContext(template, draft, strict)
        for path in files:  # a broken configuration stops the run before any report is checked
            context.config(os.path.dirname(os.path.abspath(path)))
    except (ConfigError, ReadError, UsageProblem) as error:
        print(f"reportlint: {error}", file=sys.stderr)
        return EXIT_ERROR
    checked = sorted(batch.run(partial(check_one, context), files), key=lambda item: item.path)
    outcomes = [item.outcome for item in checked if item.outcome is not None]
    errors = [(item.path, item.error) for item in checked if item.error is not None]
    for path, reason in errors:
        print(f"reportlint: {path}: {reason}", file=sys.stderr)
    if not outcomes and not errors:
        print(
            f"reportlint: no report among the {len(files)} file(s) given (a report has `### Question N` headings)",
            file=sys.stderr,
        )
    sys.stdout.write(renderer(output)(outcomes, errors))
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if any(outcome.verdict.fails for outcome in outcomes) else EXIT_CLEAN


def check_one(context: RunContext, path: str) -> Checked:
    try:
        result = context.check(path)
    except (ReadError, ConfigError) as error:
        return Checked(path, error=str(error))
    return Checked(path, result.outcome() if result is not None else None)


class UsageProblem(Exception):
    """No report named and none where one is expected."""


def default_report(command: str) -> str:
    """`reports/README.md` below the current folder, or `README.md` when run from inside `reports/`."""
    if os.path.isfile(DEFAULT_REPORT):
        return DEFAULT_REPORT
    if os.path.basename(os.getcwd()) == "reports" and os.path.isfile("README.md"):
        return "README.md"
    raise UsageProblem(
        f"no files given and no {DEFAULT_REPORT} here: pass the report's path, e.g. `{command} reports/README.md`"
    )
