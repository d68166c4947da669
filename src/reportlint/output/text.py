"""The text format: one line per finding, as ruff and flake8 print them so editors and CI pick them up, then a
tally per report that puts the course checker's own count first."""

from __future__ import annotations

from collections.abc import Sequence

from reportlint.findings import ERROR, Finding
from reportlint.lint import Outcome
from reportlint.output import Errors
from reportlint.status import FAIL, MISSING, UNANSWERED


def finding_line(finding: Finding) -> str:
    return f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {finding.severity}: {finding.message}"


def render(outcomes: Sequence[Outcome], errors: Errors, quiet: bool = False) -> str:
    """Every report's findings (sorted by file and line), then every report's tally unless `quiet`.

    Under draft the unanswered questions of a report are named only in its tally, and what fails comes
    last, so the group sees what still blocks the commit at the bottom of the output.
    """
    return "".join(in_order([printed(outcome) for outcome in outcomes], quiet))


def printed(outcome: Outcome) -> tuple[str, str]:
    """What this format prints of one report: its finding lines, and its tally line. A batch's worker processes
    make it where they check the report, and send it instead of the outcome: the main process then only puts
    each report's part in its place."""
    return "".join(line + "\n" for line in _finding_lines(outcome)), tally(outcome) + "\n"


def in_order(reports: Sequence[tuple[str, str]], quiet: bool) -> list[str]:
    """The reports' `printed` parts in the order they are printed: every report's findings, then every tally."""
    return [lines for lines, _ in reports] + ([] if quiet else [line for _, line in reports])


def _finding_lines(outcome: Outcome) -> list[str]:
    if not outcome.draft:
        return [finding_line(finding) for finding in outcome.findings]
    unanswered = outcome.verdict.numbers(UNANSWERED)
    shown = [f for f in outcome.findings if not (f.code == "RL301" and f.question in unanswered)]
    return [finding_line(f) for f in shown if f.severity != ERROR] + [
        finding_line(f) for f in shown if f.severity == ERROR
    ]


def tally(outcome: Outcome) -> str:
    """`path: template: course check 29/31 · 2 errors, 3 warnings · fails: Q8, Q19 · 1 unanswered: Q27`."""
    course = outcome.course
    parts = [
        f"course check {course.passed}/{course.total}"
        if course.passed is not None
        else "course check stops with an error"
    ]
    verdict = outcome.verdict
    counted = [_count(verdict.errors, "error"), _count(verdict.warnings, "warning")]
    parts.append(", ".join(part for part in counted if part) or "no findings")
    failing = verdict.numbers(FAIL, MISSING)
    if failing:
        parts.append("fails: " + ", ".join(f"Q{number}" for number in failing))
    unanswered = verdict.numbers(UNANSWERED)
    if unanswered:
        parts.append(f"{len(unanswered)} unanswered: " + ", ".join(f"Q{number}" for number in unanswered))
    line = f"{outcome.path}: {outcome.template}: {' · '.join(parts)}"
    if outcome.draft and unanswered and not verdict.fails:
        line += " (draft: unanswered questions do not fail)"
    return line


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}" if number else ""
