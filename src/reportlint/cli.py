"""The command line: reads files, asks git, prints, and turns results into exit codes 0, 1 and 2."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from functools import partial
from typing import Any, NamedTuple

import click

from reportlint import __version__, batch
from reportlint.config import ConfigError
from reportlint.files import Unreadable
from reportlint.findings import RULES
from reportlint.formats import (
    finding_line,
    github_line,
    json_document,
    result_json,
    tally,
)
from reportlint.runner import (
    TEMPLATE_HELP,
    check_file,
    disk,
    fresh_disk,
    template_option,
)
from reportlint.templates import BUILTIN, INFER, Template

DEFAULT_REPORT = os.path.join("reports", "README.md")
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


# Commands in modules of their own, imported only when used: the hook's `check` starts on every commit.
LAZY_COMMANDS = {"html": "reportlint.cli_html", "summary": "reportlint.cli_summary"}


class _CheckByDefault(click.Group):
    """`reportlint FILES...` means `reportlint check FILES...`, as a pre-commit entry wants it short."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        known = (*self.commands, *LAZY_COMMANDS, "--help", "-h", "--version")
        if not args or args[0] not in known:
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*self.commands, *LAZY_COMMANDS])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS:
            command: click.Command = getattr(importlib.import_module(LAZY_COMMANDS[name]), name)
            return command
        return super().get_command(ctx, name)


@click.group(cls=_CheckByDefault, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportlint")
def main() -> None:
    """Check question-and-answer markdown reports (DTU 02476 MLOps) question by question."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True, path_type=str))
@click.option("--template", "template_name", callback=template_option, help=TEMPLATE_HELP)
@click.option("--draft", is_flag=True, help="List unanswered questions without failing on them.")
@click.option("--format", "output", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="github: one GitHub Actions workflow command per finding.")
@click.pass_context
def check(ctx: click.Context, files: tuple[str, ...], template_name: str | Template | None, draft: bool,
          output: str) -> None:
    """Check FILES (default: reports/README.md). Markdown files that are not reports are skipped."""
    if not files:
        if not os.path.isfile(DEFAULT_REPORT):
            raise click.UsageError(f"no files given and no {DEFAULT_REPORT} here: pass the report's path, "
                                   f"e.g. `reportlint reports/README.md`")
        files = (DEFAULT_REPORT,)
    fresh_disk()
    validate_configs(files)
    job = partial(check_one, template_name=template_name, draft=draft, output=output)
    outcomes = sorted(batch.run(job, files, setup=fresh_disk), key=lambda outcome: outcome.path)
    reports = [outcome for outcome in outcomes if outcome.error is None and outcome.tally is not None]
    errors = [(outcome.path, outcome.error) for outcome in outcomes if outcome.error is not None]
    for path, reason in errors:
        click.echo(f"reportlint: {path}: {reason}", err=True)
    if output == "json":
        click.echo(json_document([outcome.document for outcome in reports], errors))
    else:
        for outcome in reports:
            for line in outcome.lines:
                click.echo(line)
        for outcome in reports:
            click.echo(outcome.tally)
        if not reports and not errors:
            click.echo(f"reportlint: no report among the {len(files)} file(s) given "
                       f"(a report has `### Question N` headings)", err=True)
    if errors:
        ctx.exit(EXIT_ERROR)
    ctx.exit(EXIT_FINDINGS if any(outcome.fails for outcome in reports) else EXIT_CLEAN)


def validate_configs(paths: Sequence[str]) -> None:
    """Read every report folder's configuration first: a bad one stops the run before any report is checked."""
    for path in paths:
        try:
            disk().config(os.path.dirname(os.path.abspath(path)))
        except ConfigError as error:
            click.echo(f"reportlint: {error}", err=True)
            raise SystemExit(EXIT_ERROR) from None


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
    return Checked(path, None, result.fails(draft), lines, tally(result, draft),
                   result_json(result) if output == "json" else None)


@main.command()
@click.argument("code", required=False)
def rules(code: str | None) -> None:
    """List every finding code, or explain CODE."""
    if code is None:
        width = max(len(rule.name) for rule in RULES.values())
        for rule in RULES.values():
            click.echo(f"{rule.code}  {rule.name:<{width}}  {rule.summary}")
        return
    found = RULES.get(code.upper())
    if found is None:
        raise click.UsageError(f"unknown code {code!r}: `reportlint rules` lists them all")
    click.echo(f"{found.code} {found.name}\n\n{found.summary}\n\nExample:\n  {found.example}")


@main.command()
def templates() -> None:
    """List the built-in templates and the limits of each question."""
    for name, template in BUILTIN.items():
        click.echo(f"{name}: {template.count} questions")
        click.echo("  question  words     images")
        for number, limits in template.limits.items():
            click.echo(f"  {number:>8}  {_range(limits.words):<8}  {_range(limits.images)}")
    click.echo(f"{INFER}: limits read from each question's own prompt")


def _range(limits: tuple[int, int] | None) -> str:
    return "-" if limits is None else f"{limits[0]}-{limits[1]}"
