"""One status per question and one verdict per report, decided here once and read by every output.

Text, JSON, GitHub, SARIF, the HTML page and the staff summary all print these numbers, so they can
never disagree about how many questions pass or whether the report fails.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlint.checks.unanswered import DRAFT_CODES, UNANSWERED_CODES
from reportlint.course.templates import Limits, Range, Template
from reportlint.findings import ERROR, WARNING, Finding
from reportlint.reading.report import Question, Report
from reportlint.records import NamedTuple

PASS = "pass"  # no finding
WARN = "warn"  # passes, with warnings only
FAIL = "fail"  # an error: costs marks or breaks the graded copy
UNANSWERED = "unanswered"  # empty, or still the template's placeholder
MISSING = "missing"  # no heading for it
STATES = (PASS, WARN, FAIL, UNANSWERED, MISSING)


class QuestionStatus(NamedTuple):
    number: int
    state: str
    line: int | None  # the heading's line; None when the question is missing
    answer_start: int | None  # the `Answer:` line; None without one
    answer_end: int | None
    words: int  # counted the course's way on the answer as reportlint reads it
    images: int
    words_range: Range | None
    images_range: Range | None
    codes: tuple[str, ...]  # the codes of the findings at this question, in line order

    @property
    def passes(self) -> bool:
        return self.state in (PASS, WARN)


class Verdict(NamedTuple):
    """A report's standing: small and picklable, so worker processes send it back instead of the report."""

    questions: tuple[QuestionStatus, ...]  # every question of the template, in order, missing ones included
    errors: int
    warnings: int
    fails: bool  # the exit code's verdict: errors (or, strictly, warnings) beyond what draft allows

    @property
    def passing(self) -> int:
        return sum(status.passes for status in self.questions)

    def numbers(self, *states: str) -> tuple[int, ...]:
        return tuple(status.number for status in self.questions if status.state in states)


def decide(report: Report, template: Template, findings: Sequence[Finding], strict: bool, drafted: bool) -> Verdict:
    """`findings` carry their final severity; `drafted` findings (unanswered, under draft) never fail."""
    codes: dict[int, list[str]] = {}  # each question's codes, in the findings' (line) order
    erring: set[int] = set()  # the questions with an error
    for finding in findings:  # one pass: a question's findings are not looked at again for an error
        number = finding.question
        if number is not None:
            if number in codes:
                codes[number].append(finding.code)
            else:
                codes[number] = [finding.code]
            if finding.severity == ERROR:
                erring.add(number)
    first = {question.number: question for question in reversed(report.questions)}  # each number's first heading
    statuses = tuple(
        [
            _status(number, limits, first.get(number), codes.get(number), number in erring)
            for number, limits in template.limits.items()
        ]
    )
    severities = [finding.severity for finding in findings]
    errors, warnings = severities.count(ERROR), severities.count(WARNING)
    failing = errors or (strict and warnings)
    if drafted:
        failing = any(
            finding.code not in DRAFT_CODES and (finding.severity == ERROR or (strict and finding.severity == WARNING))
            for finding in findings
        )
    return Verdict(statuses, errors, warnings, bool(failing))


# A record made from a tuple of its fields: a Python call less for each of the template's questions.
_new = tuple.__new__


def _status(
    number: int, limits: Limits, question: Question | None, found: list[str] | None, erring: bool
) -> QuestionStatus:
    """`found`: the codes of the findings at the question, None for none; `erring`: one of them is an error."""
    codes = tuple(found) if found else ()
    if question is None:
        return _new(QuestionStatus, (number, MISSING, None, None, None, 0, 0, limits.words, limits.images, codes))
    answered = question.marker_line is not None
    if answered and (question.unanswered or (found and not UNANSWERED_CODES.isdisjoint(found))):
        state = UNANSWERED
    elif not found:
        state = PASS  # most questions: nothing more to look at
    elif erring:
        state = FAIL
    else:
        state = WARN
    return _new(
        QuestionStatus,
        (
            number,
            state,
            question.line,
            question.marker_line,
            question.end if answered else None,
            question.words,
            question.image_count,
            limits.words,
            limits.images,
            codes,
        ),
    )
