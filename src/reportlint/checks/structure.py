"""Structure checks (RL1xx): questions missing, repeated, out of order or beyond the template, and headings
that change where an answer ends."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.course.templates import Template
from reportlint.findings import ERROR, WARNING, Finding, Rule
from reportlint.reading.report import Report

FAMILY = "structure"
RULES = (
    Rule(
        "RL101",
        "missing-question",
        ERROR,
        FAMILY,
        "A question of the template has no `### Question N` heading.",
        "reports/README.md:191:1: RL101 error: Question 9 is missing: no `### Question 9` heading between Question 8 and Question 10",
    ),
    Rule(
        "RL102",
        "duplicate-question",
        ERROR,
        FAMILY,
        "The same question number has two headings.",
        "reports/README.md:426:1: RL102 error: Question 22 appears again (first at line 410): delete or renumber one",
    ),
    Rule(
        "RL103",
        "question-out-of-order",
        ERROR,
        FAMILY,
        "A question heading comes after a higher-numbered one.",
        "reports/README.md:324:1: RL103 error: Question 15 comes after Question 16: keep the template's order",
    ),
    Rule(
        "RL104",
        "extra-question",
        ERROR,
        FAMILY,
        "A question number beyond the template's last question.",
        "reports/README.md:631:1: RL104 error: Question 32 is not in dtu-mlops-2025, which has questions 1-31",
    ),
    Rule(
        "RL105",
        "missing-answer-marker",
        ERROR,
        FAMILY,
        "A question has no `Answer:` marker, so nothing counts as its answer.",
        "reports/README.md:128:1: RL105 error: Question 5 has no `Answer:` line: put `> Answer:` above the answer",
    ),
    Rule(
        "RL106",
        "heading-extra-text",
        WARNING,
        FAMILY,
        "A question heading has text after its number.",
        "reports/README.md:367:17: RL106 warning: Question 18 heading has extra text 'TODO': keep it `### Question 18`",
    ),
    Rule(
        "RL107",
        "heading-in-answer",
        ERROR,
        FAMILY,
        "A level 1-3 heading inside an answer ends the answer there.",
        "reports/README.md:628:1: RL107 error: heading '### Use of generative AI' ends Question 31's answer, so the text below it counts for no question: use `####` or bold text",
    ),
)


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
