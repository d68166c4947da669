"""`reportlint html`: render reports as the graders' page, each written atomically beside its report.

As a pre-commit hook it is a fixer: it exits 1 and names the page when it wrote a changed one, 0 when
every page was already up to date, and 2 when a report cannot be read or a page cannot be written.
"""

from __future__ import annotations

import argparse
import os
import sys

from reportlint.commands.check import UsageProblem, default_report
from reportlint.commands.context import RunContext
from reportlint.config import ConfigError
from reportlint.edge.figurefiles import Figures
from reportlint.edge.git import work_tree
from reportlint.edge.pagefile import WriteError, write_if_changed
from reportlint.edge.textfile import ReadError, read_text

PAGE_NAME = "report.html"
STDOUT = "-"
EXIT_CLEAN, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2


def run(options: argparse.Namespace) -> int:
    try:
        files = options.files or [default_report("reportlint html")]
        if options.output is not None and len(files) > 1:
            raise UsageProblem(
                f"-o/--output takes one report; without it each report gets its own {PAGE_NAME} beside it"
            )
        context = RunContext(options.template)
    except (UsageProblem, ConfigError) as error:
        print(f"reportlint: {error}", file=sys.stderr)
        return EXIT_ERROR
    code = EXIT_CLEAN
    targets: dict[str, str] = {}
    for path in files:
        try:
            written = render_file(context, path, options.output, options.embed_images, options.pretty, targets)
        except (ReadError, WriteError, ConfigError) as error:
            print(f"reportlint: {path}: {error}", file=sys.stderr)
            code = EXIT_ERROR
            continue
        if written is not None:
            print(f"reportlint: wrote {written} (from {path})")
            code = max(code, EXIT_CHANGED)
    return code


def render_file(
    context: RunContext, path: str, output: str | None, embed: bool, pretty: bool, targets: dict[str, str]
) -> str | None:
    """Render one report; the path of the page when it was written anew, None when unchanged or not a report."""
    text = read_text(path)
    result = context.lint(path, text)
    if result is None:
        return None
    if _has_bom(path):
        text = "\ufeff" + text  # the course's converter keeps it, as one of the 43 characters it drops
    target = os.path.join(os.path.dirname(path), PAGE_NAME) if output is None else output
    out_folder = None if target == STDOUT else os.path.dirname(os.path.abspath(target))
    if out_folder is not None:
        _claim(path, target, targets)
    folder = os.path.dirname(os.path.abspath(path))
    root = work_tree(folder) or folder
    figures = Figures(folder, root, out_folder, embed)
    name = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
    from reportlint.output.page import page

    document = page(result, text, figures, name, pretty=pretty, embedded=embed)
    if target == STDOUT:
        sys.stdout.write(document)
        return None
    return target if write_if_changed(target, document.encode("utf-8")) else None


def _claim(path: str, target: str, targets: dict[str, str]) -> None:
    """Refuse to overwrite the report itself, or a page another report of this run has just written."""
    real = os.path.realpath(target)
    if real == os.path.realpath(path):
        raise WriteError(f"the page would overwrite the report itself ({target}); choose another -o")
    if real in targets:
        raise WriteError(f"{targets[real]} already renders to {target}; give this report its own -o")
    targets[real] = path


def _has_bom(path: str) -> bool:
    with open(path, "rb") as handle:
        return handle.read(3) == b"\xef\xbb\xbf"
