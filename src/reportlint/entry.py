"""The `reportlint` program's entry: the hook's usual call runs without importing click.

pre-commit starts `reportlint check FILES...` on every commit, and importing click costs three times
Python's own start-up. A call made only of file names and the options `--draft` and
`--format text|json|github` is run here directly; anything else (help, other commands, other options,
mistakes) goes to the click command line, which gives the same results and all the messages.
"""

from __future__ import annotations

import sys

FORMATS = ("text", "json", "github")


def main() -> None:
    quiet_encoding_errors()
    plain = plain_check(sys.argv[1:])
    if plain is None:
        from reportlint.commands.main import main as command_line

        command_line()
        return
    from reportlint.commands.check import run_check

    files, draft, output = plain
    sys.exit(run_check(files, None, draft, output))


def plain_check(args: list[str]) -> tuple[list[str], bool, str] | None:
    """(files, draft, format) when `args` is a plain check of named files, else None."""
    if args[:1] == ["check"]:
        args = args[1:]
    files: list[str] = []
    draft, output = False, "text"
    pending = iter(args)
    for arg in pending:
        if arg == "--draft":
            draft = True
        elif arg == "--format" or arg.startswith("--format="):
            output = arg.partition("=")[2] if "=" in arg else next(pending, "")
            if output not in FORMATS:
                return None
        elif arg.startswith("-") or arg in ("html", "summary", "rules", "templates"):
            return None
        else:
            files.append(arg)
    return (files, draft, output) if files else None


def quiet_encoding_errors() -> None:
    """Printing never fails on a console that cannot show a character of a path or an answer."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
