"""The command line: reads files, asks git, prints, and turns results into exit codes 0, 1 and 2."""

from __future__ import annotations

import os
import sys

import click

from reportlint import __version__
from reportlint.files import Disk, Folder, Unreadable, read_text
from reportlint.formats import json_document, text_lines
from reportlint.lint import Result, lint
from reportlint.templates import BUILTIN, INFER

DEFAULT_REPORT = os.path.join("reports", "README.md")
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _CheckByDefault(click.Group):
    """`reportlint FILES...` means `reportlint check FILES...`, as a pre-commit entry wants it short."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)


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
@click.option("--template", "template_name", type=click.Choice([*BUILTIN, INFER]),
              help="Template to hold the report to; default: tell from the report itself.")
@click.option("--draft", is_flag=True, help="List unanswered questions without failing on them.")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def check(ctx: click.Context, files: tuple[str, ...], template_name: str | None, draft: bool, output: str) -> None:
    """Check FILES (default: reports/README.md). Markdown files that are not reports are skipped."""
    if not files:
        if not os.path.isfile(DEFAULT_REPORT):
            raise click.UsageError(f"no files given and no {DEFAULT_REPORT} here: pass the report's path, "
                                   f"e.g. `reportlint reports/README.md`")
        files = (DEFAULT_REPORT,)
    results, errors = check_files(files, template_name)
    for path, reason in errors:
        click.echo(f"reportlint: {path}: {reason}", err=True)
    if output == "json":
        click.echo(json_document(results, errors))
    else:
        for line in text_lines(results, draft):
            click.echo(line)
        if not results and not errors:
            click.echo(f"reportlint: no report among the {len(files)} file(s) given "
                       f"(a report has `### Question N` headings)", err=True)
    if errors:
        ctx.exit(EXIT_ERROR)
    ctx.exit(EXIT_FINDINGS if any(result.fails(draft) for result in results) else EXIT_CLEAN)


def check_files(files: tuple[str, ...], template_name: str | None) -> tuple[list[Result], list[tuple[str, str]]]:
    """Check each file; unreadable ones come back as (path, reason) instead of stopping the run."""
    disk = Disk()
    results: list[Result] = []
    errors: list[tuple[str, str]] = []
    for path in files:
        try:
            text = read_text(path)
        except Unreadable as error:
            errors.append((path, str(error)))
            continue
        folder = os.path.dirname(os.path.abspath(path))
        label = os.path.basename(folder) + "/"
        result = lint(text, path, template_name, Folder(folder, disk), label)
        if result is not None:
            results.append(result)
    return results, errors

