"""Where the course's own checker would read a different answer than the report's structure shows."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.course.script import MARKER, CourseAnswer, course_answers
from reportlint.course.templates import Template
from reportlint.findings import ERROR, WARNING, Finding, Rule
from reportlint.reading.report import Question, Report

FAMILY = "course"
RULES = (
    Rule(
        "RL501",
        "grader-cuts-answer",
        ERROR,
        FAMILY,
        "The course checker cuts this answer at a `##` and counts less.",
        "reports/README.md:291:1: RL501 error: Question 13: the course checker stops reading this answer at this `##` and counts 66 words, 0 images (reportlint: 131 words, 0 images)",
    ),
    Rule(
        "RL502",
        "grader-crash",
        ERROR,
        FAMILY,
        "The course checker finds a different number of answers and stops with an error.",
        "reports/README.md:628:1: RL502 error: the course checker finds 32 answers where dtu-mlops-2025 has 31 and stops with an error, checking nothing: a `###` or `##` in the last answer makes it count that answer twice",
    ),
    Rule(
        "RL503",
        "grader-reads-on",
        ERROR,
        FAMILY,
        "The course checker counts text that is not part of this answer.",
        "reports/README.md:628:1: RL503 error: Question 31: the course checker also reads from here to the end of the file as this answer and counts 398 words, 0 images (reportlint: 101 words, 0 images)",
    ),
    Rule(
        "RL504",
        "grader-counts-hidden-image",
        WARNING,
        FAMILY,
        "The course checker counts image syntax that no reader sees (in code or a comment).",
        "reports/README.md:427:1: RL504 warning: Question 21: the course checker counts this image syntax, but it is in code or a comment and no reader sees an image",
    ),
    Rule(
        "RL505",
        "grader-ignores-html-image",
        WARNING,
        FAMILY,
        "The course checker does not count an HTML `<img>` tag.",
        "reports/README.md:414:1: RL505 warning: Question 20: the course checker does not count this <img> tag: use ![alt](figures/x.png) to have it counted",
    ),
    Rule(
        "RL506",
        "grader-misaligned",
        ERROR,
        FAMILY,
        "The course checker takes another question's answer as this one's.",
        "reports/README.md:451:1: RL506 error: Question 23: the course checker takes only the text after this `Answer:` as this question's answer and counts 131 words, 0 images (reportlint: 132 words, 0 images)",
    ),
)


def check_compat(report: Report, template: Template, path: str) -> Iterator[Finding]:
    answers = course_answers(report.text)
    if len(answers) != template.count:
        yield _crash(report, template, path, answers)
        return
    owners = {(q.marker_line, q.marker_column): q.number for q in report.questions if q.marker_line is not None}
    shifted = False
    for question in report.questions:
        limits = template.limits.get(question.number)
        if (
            question.marker_line is None
            or limits is None
            or (limits.words is None and limits.images is None)
            or not 0 < question.number <= len(answers)
        ):
            continue
        answer = answers[question.number - 1]
        owner = owners.get((answer.marker_line, answer.marker_column), question.number)
        if owner != question.number:
            if not shifted:
                yield _shift(path, question, owner)
            shifted = True
            continue
        yield from _differs(report, path, question, answer)
        if limits.images is not None:
            yield from _hidden_images(path, question)


def _shift(path: str, question: Question, owner: int) -> Finding:
    """Once answers are paired by position with the wrong questions, every later one is off: say it once."""
    return Finding(
        path,
        question.line,
        1,
        "RL506",
        f"Question {question.number}: the course checker pairs answers with questions by position and "
        f"reads Question {owner}'s answer as this one's, and so on for later questions: fix the missing "
        f"or extra headings and `{MARKER}` lines",
        question.number,
    )


def _counts(words: int, images: int) -> str:
    return f"{words} word{'' if words == 1 else 's'}, {images} image{'' if images == 1 else 's'}"


def _differs(report: Report, path: str, question: Question, answer: CourseAnswer) -> Iterator[Finding]:
    ours = (question.words, question.image_count)
    theirs = (answer.words, answer.images)
    if theirs == ours:
        return
    number = question.number
    instead = f"counts {_counts(*theirs)} (reportlint: {_counts(*ours)})"
    if (answer.marker_line, answer.marker_column) != (question.marker_line, question.marker_column):
        yield Finding(
            path,
            answer.marker_line,
            answer.marker_column,
            "RL506",
            f"Question {number}: the course checker takes only the text after this `{MARKER}` as this "
            f"question's answer and {instead}",
            number,
        )
    elif answer.cut_line is not None and answer.cut_line <= question.end:
        yield Finding(
            path,
            answer.cut_line,
            answer.cut_column,
            "RL501",
            f"Question {number}: the course checker stops reading this answer at this `##` and {instead}",
            number,
        )
    else:
        start = _first_text_after(report, question.end, answer.end_line)
        to = (
            "the end of the file"
            if answer.cut_line is None
            else f"the `##` at line {answer.cut_line}, column {answer.cut_column}"
        )
        yield Finding(
            path,
            start,
            1,
            "RL503",
            f"Question {number}: the course checker also reads from here to {to} as this answer and {instead}",
            number,
        )


def _first_text_after(report: Report, end: int, limit: int) -> int:
    for number in range(end + 1, max(limit, end + 1) + 1):
        if number <= len(report.lines) and report.lines[number - 1].strip():
            return number
    return min(end + 1, max(len(report.lines), 1))


def _hidden_images(path: str, question: Question) -> Iterator[Finding]:
    for image in question.hidden:
        yield Finding(
            path,
            image.line,
            image.column,
            "RL504",
            f"Question {question.number}: the course checker counts this image syntax, but it is in "
            f"code or a comment and no reader sees an image",
            question.number,
        )
    for image in question.images:
        if image.html:
            yield Finding(
                path,
                image.line,
                image.column,
                "RL505",
                f"Question {question.number}: the course checker does not count this <img> tag: "
                f"use ![alt]({image.target}) to have it counted",
                question.number,
            )


def _crash(report: Report, template: Template, path: str, answers: list[CourseAnswer]) -> Finding:
    """Say where the course checker's count of answers goes wrong; it then checks nothing at all."""
    head = (
        f"the course checker finds {len(answers)} answers where {template.name} has {template.count} "
        f"and stops with an error, checking nothing"
    )
    ours = {(q.marker_line, q.marker_column): q for q in report.questions if q.marker_line is not None}
    markers = _marker_positions(report)
    if len(answers) > template.count and len(answers) >= 2 and answers[-2].marker_line == answers[-1].marker_line:
        last = answers[-2]
        assert last.cut_line is not None
        return Finding(
            path,
            last.cut_line,
            last.cut_column,
            "RL502",
            f"{head}: a `###` or `##` in the last answer makes it count that answer twice",
            None,
        )
    cut_markers = {(a.marker_line, a.marker_column) for a in answers}
    for index, position in enumerate(markers[:-1]):
        if position not in cut_markers:
            line, column = markers[index + 1]
            return Finding(
                path,
                line,
                column,
                "RL502",
                f"{head}: no `###` heading between the `{MARKER}` at line {position[0]} and this one, "
                f"so it drops the first (is a `### Question` heading missing?)",
                None,
            )
    for line, column in markers:
        if (line, column) not in ours:
            return Finding(
                path,
                line,
                column,
                "RL502",
                f"{head}: this `{MARKER}` is not a question's answer marker; reword it",
                None,
            )
    missing = next((q for q in report.questions if q.marker_line is None), None)
    if missing is not None:
        return Finding(
            path, missing.line, 1, "RL502", f"{head}: Question {missing.number} has no `{MARKER}` line", missing.number
        )
    return Finding(path, 1, 1, "RL502", f"{head}: the report has {len(markers)} `{MARKER}` markers", None)


def _marker_positions(report: Report) -> list[tuple[int, int]]:
    positions = []
    for number, line in enumerate(report.lines, start=1):
        column = line.find(MARKER)
        while column >= 0:
            positions.append((number, column + 1))
            column = line.find(MARKER, column + 1)
    return positions
