"""The command line: one argparse parser for every command, and one `main(argv) -> int`.

pre-commit starts `reportlint check FILES...` on every commit: with no option given, that call goes straight
to the check command, without importing argparse or building the parser (together about half the time a
report takes to check). Each command's module is imported only when that command runs. Exit codes are 0
(clean), 1 (findings that fail, or a page written) and 2 (usage, configuration or file errors).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence

from reportlint import __version__
from reportlint.commands.console import finish, guard, lines, unescaped, use_utf8
from reportlint.course.templates import BUILTIN, INFER
from reportlint.edge.batch import WorkerFailed

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which the hook would pay for at start
if TYPE_CHECKING:
    import argparse
    from datetime import datetime

EXIT_USAGE = 2
EXIT_WORKER = 2  # a worker process of a batch ended before sending its results
EXIT_INTERRUPTED = 128 + 2  # 128 + SIGINT, as a shell reports a command Ctrl-C stopped
# Command -> the module under reportlint.commands that runs it, with `run(options) -> int`.
COMMANDS = {
    "check": "check",
    "html": "render",
    "summary": "summary",
    "rules": "listing",
    "templates": "listing",
    "completion": "completion",
}
TEMPLATE_HELP = (
    f"{', '.join(BUILTIN)}, {INFER}, or a template file; default: the configuration's, else told from the report"
)


# (command, --format or -o) whose standard output is a document rather than lines for a console
DOCUMENTS = (("check", "json"), ("check", "sarif"), ("summary", "json"), ("summary", "csv"), ("html", "-"))


class UsageError(Exception):
    """A mistake on the command line; printed as one line, exit 2."""


def template_name(value: str) -> str:
    """`--template`: a built-in name or 'infer' as is; anything else must be a template file (read later)."""
    import argparse

    if value in BUILTIN or value == INFER or os.path.isfile(value):
        return value
    raise argparse.ArgumentTypeError(f"{value!r} is not {', '.join(BUILTIN)}, {INFER}, or a template file")


_OFFSET = r"\s*(?:[Zz]|([+-])(\d\d):?(\d\d))$"  # compiled on use: the hook never needs it


def deadline(value: str) -> datetime:
    """`--before`: an ISO 8601 date and time, with an offset (`+01:00`, `+0100`, `Z`, after a space or not),
    else in the local time zone. The offset is written out for `fromisoformat`, which takes only `+01:00`
    before Python 3.11."""
    import argparse
    from datetime import datetime

    text = re.sub(_OFFSET, lambda m: f"{m[1]}{m[2]}:{m[3]}" if m[1] else "+00:00", value.strip(), count=1)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not an ISO date and time, e.g. '2026-01-23 23:59' or '2026-01-23T23:59:00+01:00'"
        ) from None
    return moment.astimezone() if moment.tzinfo is None else moment


def codes(value: str) -> tuple[str, ...]:
    """`--select`, `--ignore`: codes or code prefixes separated by commas, checked as the configuration's are."""
    import argparse

    from reportlint.config import ConfigError, parse

    listed = [code.strip() for code in value.split(",") if code.strip()]
    try:
        parse({"select": listed}, "command line")
    except ConfigError as error:
        raise argparse.ArgumentTypeError(str(error).split(": ", 2)[-1]) from None
    return tuple(listed)


def build_parser() -> argparse.ArgumentParser:
    import argparse

    class _Parser(argparse.ArgumentParser):
        """argparse that reports a mistake in one line instead of printing usage and exiting itself."""

        def error(self, message: str) -> None:  # type: ignore[override]
            raise UsageError(f"{message} (see `{self.prog} --help`)")

    parser = _Parser(
        prog="reportlint",
        description="Check question-and-answer markdown reports (DTU 02476 MLOps) question by question. "
        "`reportlint FILES...` means `reportlint check FILES...`.",
    )
    parser.add_argument("--version", action="version", version=f"reportlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="check reports (the default command)", description=CHECK_HELP)
    check.add_argument("files", nargs="*", metavar="FILE", help="reports to check (default: reports/README.md)")
    _template_option(check)
    check.add_argument("--draft", action="store_true", help="list unanswered questions without failing on them")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument(
        "--format",
        dest="output",
        choices=("text", "json", "github", "sarif"),
        default="text",
        help="text: one line per finding (default); json: one document; github: workflow commands; "
        "sarif: SARIF 2.1.0 for code scanning",
    )
    check.add_argument("-q", "--quiet", action="store_true", help="print only the findings, no tally per report")
    check.add_argument(
        "--statistics", action="store_true", help="print how many findings each code has instead of each finding"
    )
    check.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when findings fail (2 still means a file was unreadable)"
    )
    check.add_argument(
        "--hook",
        action="store_true",
        help="what the pre-commit hook runs: FILES are the staged files; a figure brings in the reports that link "
        "it, and figures whose deletion is staged are asked of git",
    )

    html = commands.add_parser("html", help="render reports as the graders' page", description=HTML_HELP)
    html.add_argument("files", nargs="*", metavar="FILE", help="reports to render (default: reports/README.md)")
    html.add_argument("-o", "--output", metavar="PATH", help="where to write the page; '-' for standard output")
    html.add_argument("--embed-images", action="store_true", help="put each figure into the page as a data URI")
    html.add_argument("--pretty", action="store_true", help="render fenced code and tables, as GitHub does")
    _template_option(html)

    summary = commands.add_parser("summary", help="one row per report, for teaching staff", description=SUMMARY_HELP)
    summary.add_argument("paths", nargs="+", metavar="PATH", help="reports, or folders searched for reports")
    summary.add_argument(
        "--format",
        dest="output",
        choices=("table", "csv", "json"),
        default="table",
        help="table: fits the terminal (default); csv, json: every column",
    )
    summary.add_argument(
        "--sort",
        choices=SORTS,
        default="group",
        help="rows by group (default; numbers in order, letter case ignored), or worst first by the course's "
        "count, errors, warnings, unanswered questions or figures absent from the graded copy",
    )
    summary.add_argument(
        "--per-question",
        action="store_true",
        help="one row per group and question instead (words, images, status, codes); CSV, or JSON with --format json",
    )
    summary.add_argument(
        "--html", metavar="DIR", help="also write the grading dashboard: DIR/index.html and a page per group"
    )
    summary.add_argument(
        "--before",
        type=deadline,
        metavar="WHEN",
        help="check each report in a git repository as its last commit before WHEN holds it "
        "(ISO date and time, e.g. '2026-01-23 23:59' or '2026-01-23T23:59+01:00'; local time without an offset)",
    )
    _template_option(summary)
    configs = summary.add_mutually_exclusive_group()
    configs.add_argument(
        "--no-config", action="store_true", help="ignore the groups' own configuration files (the course's rules)"
    )
    configs.add_argument(
        "--config", metavar="FILE", help="this configuration for every report instead of each group's own"
    )
    summary.add_argument(
        "--select", type=codes, metavar="CODES", help="report only these codes or prefixes, e.g. RL2,RL4"
    )
    summary.add_argument("--ignore", type=codes, metavar="CODES", help="leave out these codes or prefixes, e.g. RL303")

    rules = commands.add_parser("rules", help="list every finding code, or explain one")
    rules.add_argument("code", nargs="?", metavar="CODE", help="a code such as RL201")
    commands.add_parser("templates", help="list the built-in templates and their limits")

    completion = commands.add_parser("completion", help="print a shell completion script", description=COMPLETION_HELP)
    completion.add_argument("shell", choices=("bash", "zsh"))
    return parser


CHECK_HELP = (
    "Check FILES (default: reports/README.md). Markdown files that are not reports are skipped. "
    "Exits 0 when nothing fails, 1 when an error (or, with --strict, a warning) is found, 2 when a file "
    "cannot be read or the configuration is invalid."
)
HTML_HELP = (
    "Render FILES (default: reports/README.md) as the graders' page, with each question's status. "
    "Exits 1 when it wrote a changed page (pre-commit's convention for fixers), 0 when all were up to date."
)
COMPLETION_HELP = (
    "Print a completion script for bash or zsh, made from this command line's own options. "
    'Load it from your shell\'s start-up file: eval "$(reportlint completion bash)".'
)
SUMMARY_HELP = (
    "One row per report in PATHS (files, or folders searched for reports; the folders directly inside a "
    "folder of groups are the groups). Exits 0 when every group has a row with counts, 2 when one has none "
    "(its row says why: unreadable, no report, no commit before the deadline)."
)
SORTS = ("group", "course", "errors", "warnings", "unanswered", "figures")


def _template_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--template", type=template_name, metavar="NAME", help=TEMPLATE_HELP)


def with_command(argv: Sequence[str]) -> list[str]:
    """`reportlint FILES...` is `reportlint check FILES...`, as a pre-commit entry wants it short."""
    if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version")):
        return list(argv)
    return ["check", *argv]


def plain_check(args: Sequence[str]) -> bool:
    """`check`, perhaps `--hook`, then file names only: what the hook runs, which argparse would read as the check
    command's defaults (a test holds the two to the same options)."""
    files = args[2:] if args[1:2] == ["--hook"] else args[1:]
    return args[0] == "check" and not any(arg.startswith("-") for arg in files)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line once and return its exit code; nothing here calls sys.exit. Whatever a command
    prints for a person goes through `Lines`, so nothing in a report or a file name can act on the terminal."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = lines(out), lines(err)
    try:
        return _command(with_command(sys.argv[1:] if argv is None else argv))
    except WorkerFailed as error:  # killed, or out of memory: what it was checking is not known
        print(f"reportlint: {error}", file=sys.stderr)
        return EXIT_WORKER
    finally:
        sys.stdout, sys.stderr = out, err


def _command(args: list[str]) -> int:
    if plain_check(args):
        from reportlint.commands.check import check_files

        hook = args[1:2] == ["--hook"]
        return check_files(args[2:] if hook else args[1:], hook=hook)
    try:
        options = build_parser().parse_args(args)
    except UsageError as error:
        print(f"reportlint: {error}", file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as done:  # --help and --version print and stop
        return done.code if isinstance(done.code, int) else 0
    if writes_a_document(options):
        sys.stdout = unescaped(sys.stdout)
        use_utf8(sys.stdout)
    import importlib  # not on the plain check's path, which would pay 0.4 ms for it with warnings

    module = importlib.import_module(f"reportlint.commands.{COMMANDS[options.command]}")
    code: int = module.run(options)
    return code


def writes_a_document(options: argparse.Namespace) -> bool:
    """Whether standard output gets a document that is UTF-8 by definition (JSON, SARIF, CSV, an HTML page)
    rather than lines for a console, whose code page may not show every character."""
    return (options.command, getattr(options, "output", None)) in DOCUMENTS


def run() -> None:
    """The `reportlint` console script: a closed pipe or a failing write never changes how the run ends.

    Once everything is written and flushed the process ends at once (`os._exit`), without the interpreter's
    teardown of every module and object it made, which cost the hook on every commit half as much as Python's
    whole start. Nothing is left for that teardown: every file a command writes is closed when the command
    returns, and no worker process, thread or git process outlives it. A run that fails with a traceback ends
    as Python ends it."""
    sys.stdout, out = guard(sys.stdout)
    sys.stderr, _ = guard(sys.stderr)
    try:
        code = main()
    except KeyboardInterrupt:  # Ctrl-C: the shells' code for a run stopped by SIGINT, and no traceback
        code = EXIT_INTERRUPTED
    os._exit(finish(code, out))
