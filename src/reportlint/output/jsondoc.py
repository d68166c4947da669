"""The JSON format: one document with every report's questions, findings and the course checker's verdict."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from reportlint.findings import Finding
from reportlint.lint import Outcome
from reportlint.output import Errors
from reportlint.rules import rule_name
from reportlint.status import UNANSWERED, QuestionStatus


def render(outcomes: Sequence[Outcome], errors: Errors) -> str:
    document = {
        "reports": [outcome_json(outcome) for outcome in outcomes],
        "errors": [{"path": path, "message": message} for path, message in errors],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def outcome_json(outcome: Outcome) -> dict[str, Any]:
    course = outcome.course
    verdict = outcome.verdict
    return {
        "path": outcome.path,
        "template": outcome.template,
        "questions_total": outcome.total,
        "questions_passed": verdict.passing,
        "course": {"passed": course.passed, "total": course.total}
        if course.error is None
        else {"error": course.error, "total": course.total},
        "errors": verdict.errors,
        "warnings": verdict.warnings,
        "fails": verdict.fails,
        "questions": [question_json(status) for status in verdict.questions],
        "findings": [finding_json(finding) for finding in outcome.findings],
    }


def question_json(status: QuestionStatus) -> dict[str, Any]:
    return {
        "number": status.number,
        "state": status.state,
        "line": status.line,
        "answer_start": status.answer_start,
        "answer_end": status.answer_end,
        "words": status.words,
        "images": status.images,
        "words_range": list(status.words_range) if status.words_range else None,
        "images_range": list(status.images_range) if status.images_range else None,
        "passed": status.passes,
        "unanswered": status.state == UNANSWERED,
    }


def finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "code": finding.code,
        "name": rule_name(finding.code),
        "severity": finding.severity,
        "message": finding.message,
        "question": finding.question,
    }
