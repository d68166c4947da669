"""Unanswered checks (RL3xx): empty answers, the template's placeholder left in, and its `---` dashes left
around an answer."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from reportlint.checks.structure import then_counts
from reportlint.course.script import count_words
from reportlint.course.templates import Template
from reportlint.findings import ERROR, WARNING, Finding, Rule
from reportlint.reading.report import PLACEHOLDER, Question, Report, merged_words, stray_stop

_QUOTE = r"^[ \t]*(?:>[ \t]?)*"  # compiled on first use (by the re module), for dashes in a quote
# The template's dashes are exactly three: `--- question N fill here ---`. A longer run is something else
# (a pasted table's rule, say).
_OPENING_DASHES = re.compile(r"---(?!-)")
_CLOSING_DASHES = re.compile(r"(?<!-)---$")

FAMILY = "unanswered"
RULES = (
    Rule(
        "RL301",
        "unanswered",
        ERROR,
        FAMILY,
        "The answer is empty, still the template's placeholder, or only its `---` dashes.",
        "reports/README.md:521:1: RL301 error: Question 27 is unanswered: replace `--- question 27 fill here ---` with your answer",
    ),
    Rule(
        "RL302",
        "placeholder-left",
        WARNING,
        FAMILY,
        "A written answer still holds the template's placeholder line.",
        "reports/README.md:185:1: RL302 warning: Question 8 still holds the template's `--- question N fill here ---` beside its answer: delete it",
    ),
    Rule(
        "RL303",
        "dash-wrapped-answer",
        WARNING,
        FAMILY,
        "The answer is still wrapped in the template's `---` dashes.",
        "reports/README.md:211:1: RL303 warning: Question 10's answer is still wrapped in the template's `---`: the dashes count as words and a `---` under a line turns that line into a heading; remove them",
    ),
)

# Findings that say a question is not written yet: `--draft` lists them without failing. RL702 is the
# template's placeholder gibberish left as the answer (checks/revision.py).
DRAFT_CODES = frozenset({"RL301", "RL302", "RL702"})
UNANSWERED_CODES = frozenset({"RL301", "RL702"})  # the answer is not written at all


def check_unanswered(report: Report, template: Template, path: str, answered: list[Question]) -> Iterator[Finding]:
    """Empty answers and placeholders; these fire even where the template's minimum is 0. `answered` is
    `answered_in(report, template)`, which lint finds once for every check that reads answers."""
    underlines = _dash_underlines(report)
    for question in answered:
        number = question.number
        placeholders = _placeholder_lines(report, question) if question.has_placeholder else []  # most have none
        if question.unanswered:
            yield _unanswered(report, template, question, placeholders, path)
            continue
        for line in placeholders:
            gone = sum(count_words(match.group(0)) for match in PLACEHOLDER.finditer(report.lines[line - 1]))
            yield Finding(
                path,
                line,
                1,
                "RL302",
                f"Question {number} still holds the template's `--- question N fill here ---` "
                f"beside its answer: delete it{then_counts(question.words - gone, template, number)}",
                number,
            )
        if "-" not in question.text or "---" not in question.text:
            continue  # no dashes of the template's: most answers (a dash alone is found at once, in C)
        ends = _content_ends(report, question)
        dashes = _dash_wrapped(question, ends, underlines)
        if dashes is not None:
            gone = len(_wrapping_dashes(question, ends, underlines))
            yield Finding(
                path,
                dashes,
                1,
                "RL303",
                f"Question {number}'s answer is still wrapped in the template's `---`: the dashes "
                f"count as words and a `---` under a line turns that line into a heading; remove them"
                f"{then_counts(question.words - gone, template, number)}",
                number,
            )


def _unanswered(report: Report, template: Template, question: Question, placeholders: list[int], path: str) -> Finding:
    """Say what to do: replace the placeholder, write between the dashes, or turn the heading that ends the
    answer before any text into bold text, so the text below it joins the answer."""
    number = question.number
    assert question.marker_line is not None
    line = placeholders[0] if placeholders else question.marker_line
    stray = stray_stop(report, question)
    if placeholders:
        what = f"replace `--- question {number} fill here ---` with your answer"
    elif stray is not None and merged_words(report, question) > question.words:
        heading = report.lines[stray.line - 1].strip()
        after = then_counts(merged_words(report, question), template, number)
        what = f"the heading {heading!r} at line {stray.line} ends it before any text: make it bold text{after}"
    elif "-" in question.text:
        line = next(n for n in _answer_line_numbers(question) if "-" in _content(report, question, n))
        what = "only the template's `---` dashes are left: write the answer in their place"
    else:
        what = "write the answer below `Answer:`"
    return Finding(path, line, 1, "RL301", f"Question {number} is unanswered: {what}", number)


def _content(report: Report, question: Question, number: int) -> str:
    """A line of the answer, without the marker and what stands before it on its line."""
    line = report.lines[number - 1]
    if number == question.marker_line:
        return line[question.marker_column - 1 + len("Answer:") :]
    return line


def answered_in(report: Report, template: Template) -> list[Question]:
    """Questions with a marker that the template knows, each number once (its first heading with a marker)."""
    limits = template.limits
    answered = [question for question in report.questions if question.marker_line is not None]
    if len({question.number for question in answered}) < len(answered):  # a number repeated: keep the first
        first: dict[int, Question] = {}
        for question in answered:
            first.setdefault(question.number, question)
        answered = list(first.values())
    return [question for question in answered if question.number in limits]


def _answer_line_numbers(question: Question) -> range:
    assert question.marker_line is not None
    return range(question.marker_line, question.end + 1)


def _placeholder_lines(report: Report, question: Question) -> list[int]:
    """Asked only of an answer that holds the placeholder."""
    return [number for number in _answer_line_numbers(question) if PLACEHOLDER.search(report.lines[number - 1])]


def wrapping_dashes(report: Report, question: Question) -> list[tuple[int, str]]:
    """The template's `---` words around an answer, each as (line, "open" | "close" | "under"): what "remove
    them" removes, so that the message can say what the answer then counts."""
    return _wrapping_dashes(question, _content_ends(report, question), _dash_underlines(report))


def _wrapping_dashes(
    question: Question, ends: _Ends | None, underlines: list[tuple[int, int]]
) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    if ends is not None:
        (first, first_text), (last, last_text) = ends
        # Only the end words are split off: an answer's first or last line may be a whole paragraph.
        if first_text.split(None, 1)[0] == "---":
            found.append((first, "open"))
        if last_text.rsplit(None, 1)[-1] == "---" and (last != first or len(first_text.split(None, 1)) > 1):
            found.append((last, "close"))
    closing = found[-1][0] if found and found[-1][1] == "close" else None
    for line, end in underlines:
        if question.marker_line is not None and question.marker_line < line and end <= question.end and end != closing:
            found.append((end, "under"))
    return found


def _dash_underlines(report: Report) -> list[tuple[int, int]]:
    """The (first line, underline) of every setext heading underlined with the template's `---`: found once
    per report, as most have none and each answer would otherwise look at every heading."""
    return [
        (heading.line, heading.end)
        for heading in report.blocks.headings
        if heading.setext and re.sub(_QUOTE, "", report.lines[heading.end - 1]).strip() == "---"
    ]


_Ends = tuple[tuple[int, str], tuple[int, str]]


def _content_ends(report: Report, question: Question) -> _Ends | None:
    """The first and the last of the answer's lines that hold text (the same line when one does), as
    (line, text without quote markers, the marker or placeholders); None when none does. Only the ends
    are looked at: the lines between are never cleaned."""
    numbers = _answer_line_numbers(question)
    first = _first_content(report, question, numbers)
    last = _first_content(report, question, reversed(numbers))
    return None if first is None or last is None else (first, last)


def _first_content(report: Report, question: Question, numbers: Iterable[int]) -> tuple[int, str] | None:
    for number in numbers:
        text = _content_text(report, question, number)
        if text:
            return number, text
    return None


def _content_text(report: Report, question: Question, number: int) -> str:
    if number == question.marker_line:
        text = _content(report, question, number)
    else:
        text = report.lines[number - 1]
        if ">" in text:
            text = re.sub(_QUOTE, "", text)  # without a quote marker only blanks go, which strip() takes anyway
    if question.has_placeholder:  # none on any line otherwise
        text = PLACEHOLDER.sub("", text)
    return text.strip()


def _dash_wrapped(question: Question, ends: _Ends | None, underlines: list[tuple[int, int]]) -> int | None:
    """The line of the template's leftover `---` around an answer, if any: opening the answer (on the text's
    line or alone), closing it, or under a line of it, where it makes that line a heading. `ends` are the
    answer's first and last lines of text, looked for only when it holds a `---`."""
    assert question.marker_line is not None
    if ends is None:
        return None
    (first, first_text), (last, last_text) = ends
    if _OPENING_DASHES.match(first_text):
        return first
    for line, end in underlines:
        if question.marker_line < line and end <= question.end:
            return end
    if _CLOSING_DASHES.search(last_text):
        return last
    return None
