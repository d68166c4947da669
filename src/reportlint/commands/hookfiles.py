"""What the pre-commit hook checks (`reportlint check --hook`): the reports among the staged files, and the
reports that link a staged figure, whether the figure was added, changed or deleted.

pre-commit passes the hook the staged markdown files and images that still exist; a deletion it passes to
no hook, so git is asked for those, but only when one can concern a report: a staged deletion is a file gone
from git's index, which is read directly (as the check reads it), so when every file that a tracked markdown
file links is in the index, no deletion can bring in a report and the git process, which costs about as much
as Python's own start, is spared. That proof reads the reports, which a commit staging neither a report nor a
figure would not otherwise import the modules for: such a commit asks git at once. A figure's reports are the markdown files in its folder and the folders
above it, up to the top of the work tree, that link it: `reports/figures/loss.png` brings in
`reports/README.md` when that report shows it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from reportlint.edge.git import work_tree
from reportlint.edge.gitindex import indexed_paths
from reportlint.edge.staged import staged_deletions
from reportlint.edge.textfile import NotAFile

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which the hook would pay for at start
if TYPE_CHECKING:
    from reportlint.reading.report import Report

MARKDOWN = (".md", ".markdown")
MOST_READ = 16  # tracked markdown files read to spare the git process; with more, git answers sooner
Links = dict[str, list[str]]  # a report's key -> the files it links, each report read once per hook run
Read = dict[str, "tuple[str, Report]"]  # a report's absolute path -> its text and model, as read for its links


def hook_files(staged: Sequence[str], read: Read) -> list[str]:
    """The files to check, each once, in the order found: the markdown files of `staged`, then the reports
    that link one of its other files or a file whose deletion is staged. Every report read on the way is
    left in `read`, so that the check does not read and parse it again."""
    reports = [path for path in staged if path.lower().endswith(MARKDOWN)]
    figures = [path for path in staged if not path.lower().endswith(MARKDOWN)]
    links: Links = {}
    figures += _deletions(links, read, concerned=bool(reports or figures))
    chosen = dict.fromkeys(reports)
    if figures:
        chosen.update(dict.fromkeys(_linking(figures, set(map(_key, chosen)), links, read)))
    return list(chosen)


def _deletions(links: Links, read: Read, concerned: bool) -> list[str]:
    """The staged deletions that may concern a report: when the commit stages a report or a figure (`concerned`)
    and every file that a tracked markdown file links is in git's index, none, without asking git; else what
    git says."""
    top = work_tree(os.curdir)
    if top is None:
        return []
    try:
        listed = indexed_paths(top)
    except NotAFile:  # an index git would wait on as well: no deletion can be known
        return []
    if concerned and listed is not None and _links_indexed(top, listed, links, read):
        return []
    return staged_deletions()


def _links_indexed(top: str, listed: frozenset[str], links: Links, read: Read) -> bool:
    """Whether every file inside the work tree `top` that one of its tracked markdown files links is in
    `listed`, its index; False when there are too many such files to read them sooner than git answers."""
    markdown = [name for name in listed if name.lower().endswith(MARKDOWN)]
    if len(markdown) > MOST_READ:
        return False
    for name in markdown:
        for figure in _links_of(os.path.join(top, *name.split("/")), links, read):
            inside = os.path.relpath(figure, top)
            if not inside.startswith(os.pardir) and inside.replace(os.sep, "/") not in listed:
                return False
    return True


def _linking(figures: Sequence[str], known: set[str], links: Links, read: Read) -> list[str]:
    """The reports, other than those in `known`, that link one of `figures`."""
    wanted = {_key(path) for path in figures}
    found: list[str] = []
    for folder in _folders_above(figures):
        for name in _markdown_in(folder):
            path = os.path.join(folder, name) if folder != "." else name
            if _key(path) not in known and wanted & {_key(figure) for figure in _links_of(path, links, read)}:
                known.add(_key(path))
                found.append(path)
    return found


def _folders_above(paths: Iterable[str]) -> list[str]:
    """Each path's folder and the folders above it, up to the top of its work tree (the folder alone outside
    one), each once, nearest first; named relative to the current folder when below it, as pre-commit names
    files."""
    seen: dict[str, None] = {}
    for path in paths:
        folder = os.path.abspath(os.path.dirname(path) or os.curdir)
        top = work_tree(folder)
        while True:
            seen.setdefault(folder)
            parent = os.path.dirname(folder)
            if top is None or folder in (top, parent):
                break
            folder = parent
    return [_shown(folder) for folder in seen]


def _shown(path: str) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith(os.pardir) else relative


def _markdown_in(folder: str) -> list[str]:
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return sorted(name for name in names if name.lower().endswith(MARKDOWN))


def _links_of(report: str, links: Links, read: Read) -> list[str]:
    """`_linked(report, read)` as absolute paths, read once per run however many questions ask it."""
    key = _key(report)
    if key not in links:
        links[key] = [os.path.abspath(figure) for figure in _linked(report, read)]
    return links[key]


def _linked(report: str, read: Read) -> list[str]:
    """The files the report at `report` shows as images (relative links only, as paths from the current folder
    or absolute as `report` is); none when it cannot be read or is no report. What was read goes into `read`."""
    from reportlint.edge.textfile import ReadError, read_text
    from reportlint.reading.links import RELATIVE, classify
    from reportlint.reading.report import read as model

    try:
        text = read_text(report)
    except ReadError:
        return []
    parsed = model(text)
    read[os.path.abspath(report)] = (text, parsed)
    folder = os.path.dirname(report)
    linked = []
    for question in parsed.questions:
        for image in question.images:
            link = classify(image.target)
            if link.kind == RELATIVE:
                linked.append(os.path.normpath(os.path.join(folder, *link.path.split("/"))))
    return linked


def _key(path: str) -> str:
    """One spelling per file: absolute, normalised, and in one letter case, as a link whose case differs from
    the file's (RL402) still concerns that file."""
    return os.path.normcase(os.path.abspath(path)).lower()
