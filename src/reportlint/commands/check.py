"""`reportlint check`: check files, print them in the chosen format, exit 0, 1 or 2.

The checking itself is the Python API's `Checker` (the run context), so a script gets exactly what this command
prints.
What is imported here is only what every run needs: with `--hook` and nothing staged that concerns a
report, the hook exits before the checks are even imported.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from reportlint.records import NamedTuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which the hook would pay for at start
if TYPE_CHECKING:
    import argparse

    from reportlint.commands.context import RunContext
    from reportlint.commands.hookfiles import Read
    from reportlint.lint import Outcome

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DEFAULT_REPORT = os.path.join("reports", "README.md")


class Checked(NamedTuple):
    """One file's result as a worker process sends it back: an outcome, None for a file that is not a report,
    the reason it could not be read, or the broken configuration that stops the run."""

    path: str
    outcome: Outcome | None = None  # for the formats made from all the reports' outcomes at once
    error: str | None = None
    stop: str | None = None  # its folder's configuration is broken: the run's one message, and nothing printed
    printed: tuple[str, str] | None = None  # instead of the outcome, what the text format prints of the report
    fails: bool = False  # the report's verdict fails the run


def run(options: argparse.Namespace) -> int:
    return check_files(**{name: getattr(options, name) for name in CHECK_OPTIONS})


# The check command's options with the parser's defaults, so the hook's plain `reportlint check [--hook] FILES...`
# comes to check_files without building the parser (main.py; a test holds the two to the same defaults).
CHECK_OPTIONS = ("files", "hook", "template", "draft", "strict", "output", "quiet", "statistics", "exit_zero")


def check_files(
    files: Sequence[str],
    hook: bool = False,
    template: str | None = None,
    draft: bool = False,
    strict: bool = False,
    output: str = "text",
    quiet: bool = False,
    statistics: bool = False,
    exit_zero: bool = False,
) -> int:
    if statistics and output != "text":
        print("reportlint: --statistics counts findings in the text format, not with --format", file=sys.stderr)
        return EXIT_ERROR
    read: Read = {}  # the reports the hook read for their links, each checked without reading it again
    if hook:
        from reportlint.commands.hookfiles import hook_files

        files = hook_files(files, read)
        if not files:
            return EXIT_CLEAN  # nothing staged concerns a report
    from functools import partial

    from reportlint.commands.context import RunContext
    from reportlint.config import ConfigError
    from reportlint.edge import batch
    from reportlint.edge.textfile import ReadError
    from reportlint.output import renderer

    try:
        if not hook:
            files = list(files) or [default_report("reportlint")]
        context = RunContext(template, draft=draft, strict=strict)
    except (ConfigError, ReadError, UsageProblem) as error:
        print(f"reportlint: {error}", file=sys.stderr)
        return EXIT_ERROR
    name = "statistics" if statistics else output
    by_report = name == "text"  # printed report by report, each report's part made where it is checked
    with batch.Uncollected():
        checked = batch.run(partial(check_one, context, read, by_report), files)
        stop = next((item.stop for item in checked if item.stop is not None), None)  # the first in the files' order
        if stop is not None:
            print(f"reportlint: {stop}", file=sys.stderr)
            return EXIT_ERROR
        checked.sort(key=lambda item: item.path)
        reports = [item for item in checked if item.outcome is not None or item.printed is not None]
        errors = [(item.path, item.error) for item in checked if item.error is not None]
        for path, reason in errors:
            print(f"reportlint: {path}: {reason}", file=sys.stderr)
        if not reports and not errors and not hook:
            print(
                f"reportlint: no report among the {len(files)} file(s) given (a report has `### Question N` headings)",
                file=sys.stderr,
            )
        if by_report:
            _print_by_report([item.printed for item in reports if item.printed is not None], quiet)
        else:
            sys.stdout.write(renderer(name, quiet=quiet)([item.outcome for item in reports if item.outcome], errors))
    if errors:
        return EXIT_ERROR
    fails = any(item.fails for item in reports)
    return EXIT_FINDINGS if fails and not exit_zero else EXIT_CLEAN


def _print_by_report(printed: list[tuple[str, str]], quiet: bool) -> None:
    """Each report's part written on its own, so the console's escaping looks at each part, and works through
    only a part that needs it rather than a whole batch's megabytes."""
    from reportlint.output.text import in_order

    for part in in_order(printed, quiet):
        if part:
            sys.stdout.write(part)


def check_one(context: RunContext, read: Read, by_report: bool, path: str) -> Checked:
    """One file checked, in the process that checks it (a batch's worker). `by_report`: the text format's part
    for the report is made here and sent instead of its outcome, which is bigger to send and to read back."""
    from reportlint.config import ConfigError
    from reportlint.edge.textfile import ReadError

    known = read.get(os.path.abspath(path))
    try:  # looked up where the file is checked: in a batch, by the worker processes, not before they start
        context.config(os.path.dirname(os.path.abspath(path)))
    except (ReadError, ConfigError) as error:
        return Checked(path, stop=str(error))
    try:
        result = context.check(path) if known is None else context.lint(path, *known)
    except (ReadError, ConfigError) as error:
        return Checked(path, error=str(error))
    except OSError as error:  # whatever else the disk says of this file is its line, not the run's end
        return Checked(path, error=error.strerror or str(error))
    if result is None:
        return Checked(path)
    outcome = result.outcome()
    if by_report:
        from reportlint.output.text import printed

        return Checked(path, printed=printed(outcome), fails=outcome.verdict.fails)
    return Checked(path, outcome, fails=outcome.verdict.fails)


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
