"""Structure checks (RL1xx): questions missing, repeated, out of order or beyond the template, and headings
that change where an answer ends."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from reportlint.course.script import MARKER, count_words
from reportlint.course.templates import Template, infer_limits
from reportlint.findings import ERROR, WARNING, Finding, Rule
from reportlint.reading.blocks import Heading
from reportlint.reading.report import Question, Report, as_bold, merged_words, stray_stop

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
        "A question heading comes after a higher-numbered one (the course checker pairs answers by position).",
        "reports/README.md:324:1: RL103 error: Question 15 comes after Question 16: move it above Question 16, as the template orders them",
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
        "A question has no `Answer:` marker of its own (RL506 says what the course checker reads for it).",
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
        "A level-3 heading (or a level-2 one naming a question) inside an answer ends it there, for the course "
        "checker too.",
        "reports/README.md:628:1: RL107 error: heading '### Use of generative AI' ends Question 31's answer, but this `###` after the last `Answer:` makes the course checker read the answer twice, cut here and whole: make it bold text",
    ),
    Rule(
        "RL108",
        "title-in-answer",
        WARNING,
        FAMILY,
        "A level-1 heading inside an answer: the course checker reads on through it, the page shows a title.",
        "reports/README.md:306:1: RL108 warning: heading '# Question 14' inside Question 14's answer shows as a page title, but the course checker reads on through it and counts the text below it as this answer: make it bold text",
    ),
    Rule(
        "RL109",
        "question-heading-as-text",
        WARNING,
        FAMILY,
        "A non-breaking (or other Unicode) space after `###`: the page shows the question heading as text.",
        "reports/README.md:209:4: RL109 warning: Question 10 heading has a no-break space (U+00A0) after `###`, so the page shows this line as text, not as a heading; the course checker reads it as Question 10 all the same: type a plain space",
    ),
    Rule(
        "RL110",
        "answer-marker-as-heading",
        WARNING,
        FAMILY,
        "The `Answer:` line is a heading (`### Answer:`): it is read as the marker, but shows as a heading.",
        "reports/README.md:134:1: RL110 warning: Question 5's `Answer:` is a heading: the course checker reads the answer below it all the same, but the page shows a heading there: write `> Answer:` as the template does",
    ),
)


def check_structure(report: Report, template: Template, path: str) -> Iterator[Finding]:
    """Questions missing, repeated, out of order or beyond the template, and headings that hide answers."""
    seen: dict[int, int] = {}
    highest = 0
    headings = {heading.line for heading in report.blocks.headings}
    question_lines = {question.line for question in report.questions}
    # A title above the first question (the report's own, in most) is inside no answer: only later ones are kept.
    top = report.questions[0].line if report.questions else 0
    titles = [h for h in report.blocks.headings if h.level == 1 and not h.setext and h.line > top]
    title_lines = [heading.line for heading in titles]
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
                f"Question {number} comes after Question {highest}: {_reorder(report, template, question, highest)}",
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
        marker_line = question.marker_line
        if marker_line is None:
            yield Finding(
                path,
                question.line,
                1,
                "RL105",
                f"Question {number} has no `Answer:` line: put `> Answer:` above the answer",
                number,
            )
        elif marker_line in headings:
            yield Finding(
                path,
                marker_line,
                1,
                "RL110",
                f"Question {number}'s `Answer:` is a heading: the course checker reads the answer below it all "
                f"the same, but the page shows a heading there: write `> Answer:` as the template does",
                number,
            )
        if question.shown_as_text:
            yield _shown_as_text(report, question, path)
        # Most answers end at the next question's heading, which is never a stray one.
        ends_elsewhere = question.stop is not None and question.stop.line not in question_lines
        stray = stray_stop(report, question) if ends_elsewhere and not question.unanswered else None
        if stray is not None:
            heading = report.lines[stray.line - 1].strip()
            if stray.line < _last_marker(report):
                what = "so the text below it counts for no question"
            elif stray.level == 3:
                what = (
                    "but this `###` after the last `Answer:` makes the course checker read the answer twice, cut "
                    "here and whole"
                )
            else:
                what = "but the course checker reads the last answer on to the end of the file"
            after = then_counts(merged_words(report, question), template, number)
            yield Finding(
                path,
                stray.line,
                1,
                "RL107",
                f"heading {heading!r} ends Question {number}'s answer, {what}: make it bold text{after}",
                number,
            )
        if titles and marker_line is not None:
            inside = titles[bisect_right(title_lines, marker_line) : bisect_right(title_lines, question.end)]
            if inside:
                yield from _titles(report, template, question, path, inside)
    yield from _missing(report, template, path, seen)


def _last_marker(report: Report) -> int:
    """The line of the report's last `Answer:`, 0 without one; looked for only at a stray heading."""
    return next((n for n in range(len(report.lines), 0, -1) if MARKER in report.lines[n - 1]), 0)


def _reorder(report: Report, template: Template, question: Question, highest: int) -> str:
    """Move the section back, unless the two headings were swapped: the course pairs answers by position, so
    when each prompt states the other's limits, the sections are in place and only the numbers are wrong."""
    other = next(q for q in report.questions if q.number == highest)
    mine, theirs = template.limits.get(question.number), template.limits.get(highest)
    if (
        mine != theirs
        and infer_limits(question.prompt) == theirs
        and infer_limits(other.prompt) == mine
        and mine != infer_limits("")
    ):
        return (
            f"its prompt is that of Question {highest} and the prompt under `### Question {highest}` (line "
            f"{other.line}) is this one's: swap the two headings' numbers"
        )
    return f"move it above Question {highest}, as the template orders them"


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


def then_counts(words: int, template: Template, number: int) -> str:
    """What following the advice does to the answer's count, said when it leaves the template's range."""
    limits = template.limits.get(number)
    allowed = limits.words if limits is not None else None
    if allowed is None or allowed[0] <= words <= allowed[1]:
        return ""
    return f" (the answer then counts {words} words, expected {allowed[0]}-{allowed[1]})"


def _titles(
    report: Report, template: Template, question: Question, path: str, inside: list[Heading]
) -> Iterator[Finding]:
    """Level-1 headings inside an answer: neither reader stops there, but the page shows a title."""
    for heading in inside:
        line = report.lines[heading.line - 1]
        words = question.words - count_words(line) + count_words(as_bold(line))
        yield Finding(
            path,
            heading.line,
            1,
            "RL108",
            f"heading {line.strip()!r} inside Question {question.number}'s answer shows as a page title, but "
            f"the course checker reads on through it and counts the text below it as this answer: make it "
            f"bold text{then_counts(words, template, question.number)}",
            question.number,
        )


def _shown_as_text(report: Report, question: Question, path: str) -> Finding:
    space = report.lines[question.line - 1][question.shown_as_text - 1]
    import unicodedata  # only to name an odd space, which few reports have

    name = unicodedata.name(space, "Unicode space").lower()
    return Finding(
        path,
        question.line,
        question.shown_as_text,
        "RL109",
        f"Question {question.number} heading has a {name} (U+{ord(space):04X}) after `###`, so the page shows "
        f"this line as text, not as a heading; the course checker reads it as Question {question.number} all "
        f"the same: type a plain space",
        question.number,
    )
