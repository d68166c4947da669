"""Printed forms of the results, each made from the same findings: text lines and a JSON document."""

from __future__ import annotations

from typing import Any

from reportlint.findings import DRAFT_CODES, Finding
from reportlint.lint import Result


def finding_line(finding: Finding) -> str:
    """`path:line:col: CODE message`, as ruff and flake8 print, so editors and CI pick it up."""
    return f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {finding.message}"


def github_line(finding: Finding, draft: bool) -> str:
    """A GitHub Actions workflow command, so the finding shows on the pull request's changed line."""
    kind = "warning" if draft and finding.code in DRAFT_CODES else "error"
    return (
        f"::{kind} file={_property(finding.path)},line={finding.line},col={finding.column},"
        f"title={_property(f'{finding.code} {finding.name}')}::{_data(finding.message)}"
    )


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def tally(result: Result, draft: bool) -> str:
    questions = result.questions()
    unanswered = sum(result.unanswered(q) for q in questions)
    line = (
        f"{result.path}: {result.template.name}: {result.passing} of {result.template.count} questions pass"
        f"{f', {unanswered} unanswered' if unanswered else ''}"
    )
    drafted = sum(f.code in DRAFT_CODES for f in result.findings)
    if (draft or result.config.draft) and drafted and not result.fails(draft):
        line += " (draft: unanswered questions do not fail)"
    return line


def finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "code": finding.code,
        "name": finding.name,
        "message": finding.message,
        "question": finding.question,
    }


def result_json(result: Result) -> dict[str, Any]:
    questions = []
    for question in result.questions():
        limits = result.template.limits[question.number]
        questions.append(
            {
                "number": question.number,
                "line": question.line,
                "answer_start": question.marker_line,
                "answer_end": question.end if question.marker_line is not None else None,
                "words": question.words,
                "images": question.image_count,
                "words_range": list(limits.words) if limits.words else None,
                "images_range": list(limits.images) if limits.images else None,
                "passed": result.passed(question),
                "unanswered": result.unanswered(question),
            }
        )
    return {
        "path": result.path,
        "template": result.template.name,
        "questions_total": result.template.count,
        "questions_passed": result.passing,
        "questions": questions,
        "findings": [finding_json(f) for f in result.findings],
    }


def json_document(reports: list[dict[str, Any] | None], errors: list[tuple[str, str]]) -> str:
    import json  # only --format json pays for it

    document = {
        "reports": reports,
        "errors": [{"path": path, "message": message} for path, message in errors],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)
