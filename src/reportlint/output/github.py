"""The GitHub format: one workflow command per finding, so it shows on the pull request's changed line."""

from __future__ import annotations

from collections.abc import Sequence

from reportlint.findings import Finding
from reportlint.lint import Outcome
from reportlint.output import Errors
from reportlint.output.text import tally
from reportlint.rules import rule_name


def github_line(finding: Finding) -> str:
    return (
        f"::{finding.severity} file={_property(finding.path)},line={finding.line},col={finding.column},"
        f"title={_property(f'{finding.code} {rule_name(finding.code)}')}::{_data(finding.message)}"
    )


def render(outcomes: Sequence[Outcome], errors: Errors, quiet: bool = False) -> str:
    lines = [github_line(finding) for outcome in outcomes for finding in outcome.findings]
    if not quiet:
        lines.extend(tally(outcome) for outcome in outcomes)
    return "".join(line + "\n" for line in lines)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
