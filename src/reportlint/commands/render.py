"""`reportlint html`: render reports as the graders' page, each written atomically beside its report.

As a pre-commit hook it must be safe in CI: a page git tracks is a fixer's output (it exits 1 when it wrote a
changed one, so the commit stops until the page is staged again), but a page git ignores or does not track
is written and the hook passes, so a fresh clone's first `pre-commit run` is green. Outside a git work tree a
written page exits 1, as fixers do. Each message says what to do next. Each report gets its own page:
`README.md` gets `report.html`, any other report `NAME.html` beside it.
"""

from __future__ import annotations

import argparse
import os
import sys

from reportlint.commands.check import UsageProblem, default_report
from reportlint.commands.context import RunContext
from reportlint.config import ConfigError
from reportlint.edge.figurefiles import Figures
from reportlint.edge.git import Git, ignored, work_tree
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
    git = Git()
    for path in dict.fromkeys(files, None):  # a report named twice is rendered once
        try:
            written = render_file(context, path, options.output, options.embed_images, options.pretty, targets)
        except (ReadError, WriteError, ConfigError, OSError) as error:
            reason = (error.strerror or str(error)) if isinstance(error, OSError) else error
            print(f"reportlint: {path}: {reason}", file=sys.stderr)
            code = EXIT_ERROR
            continue
        if written is not None:
            tracked = git.tracked(os.path.abspath(written))
            print(f"reportlint: wrote {written} (from {path}){_next_step(written, tracked)}")
            if tracked is not False:
                code = max(code, EXIT_CHANGED)
    return code


def _next_step(page: str, tracked: bool | None) -> str:
    """What to do with a page just written: a tracked page must be staged again; an untracked one needs a choice."""
    if tracked is None:
        return ": open it in a browser"
    if tracked:
        return f": open it, then `git add {page}`"
    if ignored(page):
        return ", which git ignores: open it in a browser"
    return f": open it; `git add {page}` or list it in .gitignore"


def render_file(
    context: RunContext, path: str, output: str | None, embed: bool, pretty: bool, targets: dict[str, str]
) -> str | None:
    """Render one report; the path of the page when it was written anew, None when unchanged or not a report."""
    text = read_text(path)
    result = context.lint(path, text)
    if result is None:
        return None
    target = _own_page(path, targets) if output is None else output
    out_folder = None if target == STDOUT else os.path.dirname(os.path.abspath(target))
    if out_folder is not None:
        _claim(path, target, targets)
    folder = os.path.dirname(os.path.abspath(path))
    root = work_tree(folder) or folder
    figures = Figures(folder, root, out_folder, embed)
    name = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
    from reportlint.output.page import page

    document = page(result, text, figures, shown_name(name), pretty=pretty, embedded=embed)
    data = document.encode("utf-8", "backslashreplace")  # a file name's lone surrogate anywhere else
    if target == STDOUT:
        sys.stdout.write(data.decode("utf-8"))
        return None
    return target if write_if_changed(target, data) else None


def shown_name(name: str) -> str:
    """A file name as the page shows it: its bytes that are not UTF-8 (which Python holds as lone surrogates,
    and no UTF-8 page can hold) written as `\\xff`."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _own_page(path: str, targets: dict[str, str]) -> str:
    """`report.html` for a `README.md`, `NAME.html` for any other report, so two reports in one folder get two
    pages (a hook cannot pass `-o`); a name another report of this run already took gets `FILE.html`."""
    folder, name = os.path.split(path)
    stem = os.path.splitext(name)[0]
    if stem.lower() == "readme":
        page_name = PAGE_NAME
    elif stem.lower() == os.path.splitext(PAGE_NAME)[0]:
        page_name = f"{name}.html"  # report.md: its page must not be the README's report.html
    else:
        page_name = f"{stem}.html"
    target = os.path.join(folder, page_name)
    if os.path.realpath(target) in targets:
        target = os.path.join(folder, f"{name}.html")
    return target


def _claim(path: str, target: str, targets: dict[str, str]) -> None:
    """Refuse to overwrite the report itself; remember the page, so no other report of this run takes it."""
    real = os.path.realpath(target)
    if real == os.path.realpath(path):
        raise WriteError(f"the page would overwrite the report itself ({target}); choose another -o")
    targets[real] = path
