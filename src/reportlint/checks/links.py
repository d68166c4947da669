"""Link checks (RL41x): relative links to files, not only images, must reach a file, and reach it in the copy
of `reports/` the graders scrape.

Pure: the file system is asked through the figure checks' `Files`; links are classified by the one
classifier `check` and `html` share.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from reportlint.findings import ERROR, WARNING, Finding, Rule
from reportlint.reading.links import ABSOLUTE, RELATIVE, classify
from reportlint.reading.report import Question, Report

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which the hook would pay for at start
if TYPE_CHECKING:
    from reportlint.checks.figures import Files

FAMILY = "links"
RULES = (
    Rule(
        "RL410",
        "link-missing",
        ERROR,
        FAMILY,
        "A relative link leads to no file in the repository (broken on GitHub too).",
        "reports/README.md:316:29: RL410 error: link 'figures/build_log.txt' leads to no file (looked for reports/figures/build_log.txt): it is broken on GitHub too",
    ),
    Rule(
        "RL411",
        "link-outside-reports",
        WARNING,
        FAMILY,
        "A link leads out of the report's folder: it works on GitHub, not in the graders' scraped copy.",
        "reports/README.md:340:65: RL411 warning: link '/dockerfiles/train.dockerfile' leads out of reports/: it works on GitHub but not in the copy of reports/ the graders scrape; link the file's GitHub address instead",
    ),
)

# `[text](target)` not preceded by `!` (images are the figure checks'); the target may be `<...>` and have a title.
# It starts with its literal `[`, which the re module skips ahead to; the `!` is looked behind once one is found.
_LINK = re.compile(r"\[(?<!!\[)(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\([ \t]*(<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))+)[^)\n]*\)")
# From its first backtick, which the re module skips ahead to; the rest of the run is matched again to close it.
_CODE_SPAN = r"`(`*)(?:.+?)(?<!`)`\1(?!`)"  # kept as text, as the next: compiled on first use, by the re module
_COMMENT = r"<!--.*?(?:-->|$)"


def check_links(report: Report, files: Files, path: str, folder: str) -> Iterator[Finding]:
    """`folder` is how the report's folder is named in messages (e.g. 'reports/')."""
    lines = report.lines
    special: set[int] | None = None
    for question in report.questions:
        first = question.marker_line
        if first is None:
            continue
        marker_line = lines[first - 1]
        text = question.text
        if "](" not in marker_line and ("]" not in text or text.count("[") == text.count("![")):
            continue  # no line below the marker's holds a link, or every `[` opens an image: most answers
        if special is None:
            special = _special_lines(report)
        for number in _lines_with_links(question, marker_line):
            if number in special:
                continue
            line = lines[number - 1]
            visible = re.sub(_COMMENT, _blank, line) if "<!--" in line else line
            if "`" in visible:
                visible = re.sub(_CODE_SPAN, _blank, visible)
            if visible.count("[") == visible.count("!["):
                continue  # every `[` opens an image (the figure checks'), as on most lines with a `](`
            for match in _LINK.finditer(visible):
                for code, message in _problems(match.group(1), files, folder):
                    yield Finding(path, number, match.start() + 1, code, message, question.number)


def _special_lines(report: Report) -> set[int]:
    """The lines of code and raw HTML, where no link is one."""
    return {n for spans in (report.blocks.code, report.blocks.html) for s in spans for n in range(s.start, s.end + 1)}


def _lines_with_links(question: Question, marker_line: str) -> list[int]:
    """The lines of the answer that hold a `](`, found in the text the reading joined, not line by line: the
    marker's whole line, then each line after it."""
    assert question.marker_line is not None
    numbers = [question.marker_line] if "](" in marker_line else []
    text = question.text
    start = text.find("\n") + 1  # the marker's line is looked at whole, above
    number = question.marker_line + 1
    found = text.find("](", start) if start else -1
    while found >= 0:
        number += text.count("\n", start, found)
        numbers.append(number)
        start = text.find("\n", found) + 1  # the next line (0: none is left): a line is listed once
        number += 1
        found = text.find("](", start) if start else -1
    return numbers


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def _problems(target: str, files: Files, folder: str) -> Iterator[tuple[str, str]]:
    link = classify(target)
    if link.kind == ABSOLUTE:
        yield "RL411", _outside(link.shown, folder)
        return
    if link.kind != RELATIVE:
        return  # web addresses, in-page anchors, mail: nothing to look for on disk
    parts = tuple(link.path.split("/"))
    if parts[-1] == "..":
        return  # a folder above: there if the report is
    names = files.names(parts[:-1])
    if names is None or parts[-1] not in names:
        yield (
            "RL410",
            f"link {link.shown!r} leads to no file (looked for {posixpath.normpath(folder + link.path)}): it is "
            f"broken on GitHub too",
        )
        return
    if parts[0] == "..":
        yield "RL411", _outside(link.shown, folder)


def _outside(shown: str, folder: str) -> str:
    return (
        f"link {shown!r} leads out of {folder}: it works on GitHub but not in the copy of {folder} the "
        f"graders scrape; link the file's GitHub address instead"
    )
