"""The command line (click): options, help and usage errors around runner.py; exit codes 0, 1 and 2."""

from __future__ import annotations

import importlib
import os

import click

from reportlint import __version__
from reportlint.config import ConfigError
from reportlint.entry import quiet_encoding_errors
from reportlint.edge.disk import load_template
from reportlint.findings import RULES
from reportlint.commands.check import run_check
from reportlint.course.templates import BUILTIN, INFER, Template

DEFAULT_REPORT = os.path.join("reports", "README.md")


# Commands in modules of their own, imported only when used: the hook's `check` starts on every commit.
LAZY_COMMANDS = {"html": "reportlint.commands.render", "summary": "reportlint.commands.summary"}


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
    quiet_encoding_errors()


TEMPLATE_HELP = (
    f"{', '.join(BUILTIN)}, {INFER}, or a template file; default: the configuration's, else told from "
    f"the report itself."
)


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


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True, path_type=str))
@click.option("--template", "template_name", callback=template_option, help=TEMPLATE_HELP)
@click.option("--draft", is_flag=True, help="List unanswered questions without failing on them.")
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="github: one GitHub Actions workflow command per finding.",
)
@click.pass_context
def check(
    ctx: click.Context, files: tuple[str, ...], template_name: str | Template | None, draft: bool, output: str
) -> None:
    """Check FILES (default: reports/README.md). Markdown files that are not reports are skipped."""
    if not files:
        if not os.path.isfile(DEFAULT_REPORT):
            raise click.UsageError(
                f"no files given and no {DEFAULT_REPORT} here: pass the report's path, "
                f"e.g. `reportlint reports/README.md`"
            )
        files = (DEFAULT_REPORT,)
    ctx.exit(run_check(files, template_name, draft, output))


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
