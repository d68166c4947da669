"""The per-question checks on a read report: structure, unanswered questions, and length."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.findings import Finding
from reportlint.reading.report import PLACEHOLDER, Question, Report
from reportlint.course.templates import Range, Template

_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)*")
# The template's dashes are exactly three: `--- question N fill here ---`. A longer run is something else
# (a pasted table's rule, say).
_OPENING_DASHES = re.compile(r"---(?!-)")
_CLOSING_DASHES = re.compile(r"(?<!-)---$")


def check_structure(report: Report, template: Template, path: str) -> Iterator[Finding]:
    """Questions missing, repeated, out of order or beyond the template, and headings that hide answers."""
    seen: dict[int, int] = {}
    highest = 0
    for question in report.questions:
        number = question.number
        if number in seen:
            yield Finding(
                path,
                question.line,
                1,
                "RL102",
                f"Question {number} appears again (first at line {seen[number]}): delete or renumber one",
                number,
            )
        elif number not in template.limits:
            yield Finding(
                path,
                question.line,
                1,
                "RL104",
                f"Question {number} is not in {template.name}, which has questions 1-{template.count}",
                number,
            )
        elif number < highest:
            yield Finding(
                path,
                question.line,
                1,
                "RL103",
                f"Question {number} comes after Question {highest}: keep the template's order",
                number,
            )
        seen.setdefault(number, question.line)
        highest = max(highest, number)
        if question.extra:
            yield Finding(
                path,
                question.line,
                question.extra_column,
                "RL106",
                f"Question {number} heading has extra text {question.extra!r}: keep it `### Question {number}`",
                number,
            )
        if question.marker_line is None:
            yield Finding(
                path,
                question.line,
                1,
                "RL105",
                f"Question {number} has no `Answer:` line: put `> Answer:` above the answer",
                number,
            )
        stop = question.stop
        if (
            question.marker_line is not None
            and stop is not None
            and stop.level != 2
            and not any(other.line == stop.line for other in report.questions)
        ):
            heading = report.lines[stop.line - 1].strip()
            yield Finding(
                path,
                stop.line,
                1,
                "RL107",
                f"heading {heading!r} ends Question {number}'s answer, so the text below it counts "
                f"for no question: use `####` or bold text",
                number,
            )
    yield from _missing(report, template, path, seen)


def _missing(report: Report, template: Template, path: str, seen: dict[int, int]) -> Iterator[Finding]:
    for number in template.limits:
        if number in seen:
            continue
        after = next((q for q in report.questions if q.number > number), None)
        before = max((n for n in seen if n < number), default=None)
        where = (
            f"between Question {before} and Question {after.number}"
            if before and after
            else (f"before Question {after.number}" if after else "at the end of the report")
        )
        line = after.line if after else max(len(report.lines), 1)
        yield Finding(
            path, line, 1, "RL101", f"Question {number} is missing: no `### Question {number}` heading {where}", number
        )


def check_unanswered(report: Report, template: Template, path: str) -> Iterator[Finding]:
    """Empty answers and placeholders; these fire even where the template's minimum is 0."""
    for question in _answered_in(report, template):
        number = question.number
        placeholders = list(_placeholder_lines(report, question))
        if question.unanswered:
            line = placeholders[0] if placeholders else question.marker_line
            assert line is not None
            what = (
                f"replace `--- question {number} fill here ---` with your answer"
                if placeholders
                else ("write the answer below `Answer:`")
            )
            yield Finding(path, line, 1, "RL301", f"Question {number} is unanswered: {what}", number)
            continue
        for line in placeholders:
            yield Finding(
                path,
                line,
                1,
                "RL302",
                f"Question {number} still holds the template's `--- question N fill here ---` "
                f"beside its answer: delete it",
                number,
            )
        dashes = _dash_wrapped(report, question)
        if dashes is not None:
            yield Finding(
                path,
                dashes,
                1,
                "RL303",
                f"Question {number}'s answer is still wrapped in the template's `---`: the dashes "
                f"count as words and a `---` under a line turns that line into a heading; remove them",
                number,
            )


def _answered_in(report: Report, template: Template) -> Iterator[Question]:
    """Questions with a marker that the template knows, each number once."""
    done: set[int] = set()
    for question in report.questions:
        if question.marker_line is None or question.number not in template.limits or question.number in done:
            continue
        done.add(question.number)
        yield question


def _answer_line_numbers(question: Question) -> range:
    assert question.marker_line is not None
    return range(question.marker_line, question.end + 1)


def _placeholder_lines(report: Report, question: Question) -> Iterator[int]:
    if not question.has_placeholder:
        return
    for number in _answer_line_numbers(question):
        if PLACEHOLDER.search(report.lines[number - 1]):
            yield number


def _dash_wrapped(report: Report, question: Question) -> int | None:
    """The line of the template's leftover `---` around an answer, if any: opening the answer (on the text's
    line or alone), closing it, or under a line of it, where it makes that line a heading."""
    assert question.marker_line is not None
    if "---" not in question.text:
        return None
    content = [(n, _QUOTE.sub("", report.lines[n - 1])) for n in _answer_line_numbers(question)]
    content[0] = (
        question.marker_line,
        report.lines[question.marker_line - 1][question.marker_column - 1 + len("Answer:") :],
    )
    content = [(n, PLACEHOLDER.sub("", text).strip()) for n, text in content]
    content = [(n, text) for n, text in content if text]
    if not content:
        return None
    if _OPENING_DASHES.match(content[0][1]):
        return content[0][0]
    for heading in report.blocks.headings:
        if (
            heading.setext
            and question.marker_line < heading.line
            and heading.end <= question.end
            and _QUOTE.sub("", report.lines[heading.end - 1]).strip() == "---"
        ):
            return heading.end
    if _CLOSING_DASHES.search(content[-1][1]):
        return content[-1][0]
    return None


def check_lengths(report: Report, template: Template, path: str) -> Iterator[Finding]:
    """Words and images against the template's ranges, counted as the course counts them."""
    for question in _answered_in(report, template):
        if question.unanswered:
            continue
        limits = template.limits[question.number]
        line = question.marker_line
        assert line is not None
        if limits.words is not None:
            yield from _against(path, line, question.number, question.words, limits.words, "word", "RL201", "RL202")
        if limits.images is not None:
            yield from _against(
                path, line, question.number, question.image_count, limits.images, "image", "RL203", "RL204"
            )


def _against(
    path: str, line: int, number: int, got: int, expected: Range, noun: str, short: str, over: str
) -> Iterator[Finding]:
    low, high = expected
    counted = f"Question {number}: {got} {noun}{'' if got == 1 else 's'}, expected {low}-{high}"
    if got < low:
        yield Finding(path, line, 1, short, f"{counted}: {low - got} short", number)
    elif got > high:
        yield Finding(path, line, 1, over, f"{counted}: {got - high} over", number)
