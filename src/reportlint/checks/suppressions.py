"""Inline suppressions (RL8xx): `<!-- reportlint-disable CODE -->` under a question's heading and
`<!-- reportlint-disable-next-line CODE -->` drop the findings they name; a suppression that drops nothing,
or that reportlint cannot read, is itself a finding, so none outlives the problem it was written for."""

from __future__ import annotations

from collections.abc import Sequence

from reportlint.findings import WARNING, Finding, Rule
from reportlint.reading.report import Report
from reportlint.reading.suppress import DISABLE, KINDS, NEXT_LINE, Directive, directives

FAMILY = "suppression"
RULES = (
    Rule(
        "RL801",
        "unused-suppression",
        WARNING,
        FAMILY,
        "An inline suppression drops no finding: nothing it names is found where it applies.",
        "reports/README.md:364:25: RL801 warning: `reportlint-disable RL201` is unused: Question 17 has no RL201 finding; remove it",
    ),
    Rule(
        "RL802",
        "invalid-suppression",
        WARNING,
        FAMILY,
        "An inline suppression names an unknown code, no code, or an unknown directive.",
        "reports/README.md:447:25: RL802 warning: `reportlint-disable RL999`: RL999 is no finding code it can drop (see `reportlint rules`)",
    ),
)
CODES = frozenset(rule.code for rule in RULES)  # a suppression cannot drop these


def apply_suppressions(report: Report, findings: Sequence[Finding], path: str, known: frozenset[str]) -> list[Finding]:
    """`findings` without those a suppression drops, and a finding for every suppression that is unused or
    cannot be read. `known` is every finding code."""
    found = directives(report)
    if not found:
        return list(findings)
    used: set[tuple[int, str]] = set()  # (directive's line, code)
    dropping = _first_dropping(found)
    kept = []
    for finding in findings:
        candidates = (
            dropping.get((DISABLE, finding.question, finding.code)),
            dropping.get((NEXT_LINE, finding.line, finding.code)),
        )
        first = min((index for index in candidates if index is not None), default=None)
        if first is None:
            kept.append(finding)
        else:
            used.add((found[first].line, finding.code))
    for directive in found:
        kept.extend(_problems(directive, used, known, path))
    return kept


def _first_dropping(found: list[Directive]) -> dict[tuple[str, int | None, str], int]:
    """(kind, question or line dropped, code) -> the first directive (index in line order) that drops a
    finding there: each finding looks its directive up, however many directives and findings a report has."""
    first: dict[tuple[str, int | None, str], int] = {}
    for index, directive in enumerate(found):
        if directive.kind == DISABLE and directive.question is not None:
            where: int | None = directive.question
        elif directive.kind == NEXT_LINE:
            where = directive.line + 1
        else:
            continue
        for code in directive.codes:
            first.setdefault((directive.kind, where, code.code), index)
    return first


def _problems(directive: Directive, used: set[tuple[int, str]], known: frozenset[str], path: str) -> list[Finding]:
    name = f"`reportlint-{directive.kind}`"

    def finding(column: int, code: str, message: str) -> Finding:
        return Finding(path, directive.line, column, code, message, directive.question)

    if directive.kind not in KINDS:
        return [
            finding(
                directive.column,
                "RL802",
                f"{name} is no directive reportlint knows: write `reportlint-disable` (for the question) or "
                f"`reportlint-disable-next-line` (for the line below)",
            )
        ]
    if not directive.codes:
        return [
            finding(
                directive.column,
                "RL802",
                f"{name} names no code: write the codes it drops, e.g. `<!-- reportlint-{directive.kind} RL303 -->`",
            )
        ]
    problems = []
    for code in directive.codes:
        written = f"`reportlint-{directive.kind} {code.code}`"
        if code.code not in known or code.code in CODES:
            message = f"{written}: {code.code} is no finding code it can drop (see `reportlint rules`)"
            problems.append(finding(code.column, "RL802", message))
        elif (directive.line, code.code) not in used:
            problems.append(finding(code.column, "RL801", f"{written} is unused: {_where(directive, code.code)}"))
    return problems


def _where(directive: Directive, code: str) -> str:
    if directive.kind == NEXT_LINE:
        return f"line {directive.line + 1} has no {code} finding; remove it"
    if directive.question is None:
        return "it is not under a question's heading, so it applies to no question; move it below `### Question N`"
    return f"Question {directive.question} has no {code} finding; remove it"
