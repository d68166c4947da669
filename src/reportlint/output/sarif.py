"""The SARIF format: one SARIF 2.1.0 log, so GitHub code scanning (and any SARIF viewer) shows each finding
at its line with the rule's name and help.

Paths stay as they were given, relative to where reportlint ran (the repository's root in CI), marked with
the `%SRCROOT%` base as code scanning expects; an absolute path becomes a `file:` URI. Columns count code
points, as every reportlint column does. Files that could not be read are the invocation's notifications.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from reportlint.findings import Finding
from reportlint.lint import Outcome
from reportlint.output import Errors
from reportlint.rules import RULES

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"


def render(outcomes: Sequence[Outcome], errors: Errors) -> str:
    codes = list(RULES)
    run = {
        "tool": {"driver": {"name": "reportlint", **_version(), "rules": [_rule(code) for code in codes]}},
        "invocations": [
            {
                "executionSuccessful": not errors,
                "toolExecutionNotifications": [
                    {"level": "error", "message": {"text": reason}, "locations": [{"physicalLocation": _where(path)}]}
                    for path, reason in errors
                ],
            }
        ],
        "columnKind": "unicodeCodePoints",
        "results": [_result(finding, codes) for outcome in outcomes for finding in outcome.findings],
        "properties": {"reports": [_report(outcome) for outcome in outcomes]},
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _version() -> dict[str, str]:
    """The installed distribution's version; none when reportlint runs from a source tree it was not installed
    from (the package's own `__version__` is a layer above the outputs)."""
    from importlib import metadata

    try:
        version = metadata.version("reportlint")
    except metadata.PackageNotFoundError:
        return {}
    return {"version": version, "semanticVersion": version}


def _rule(code: str) -> dict[str, Any]:
    rule = RULES[code]
    return {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "help": {"text": f"{rule.summary}\n\nExample:\n{rule.example}"},
        "defaultConfiguration": {"level": rule.severity},
        "properties": {"tags": [rule.family]},
    }


def _result(finding: Finding, codes: list[str]) -> dict[str, Any]:
    where = _where(finding.path)
    where["region"] = {"startLine": finding.line, "startColumn": finding.column}
    return {
        "ruleId": finding.code,
        "ruleIndex": codes.index(finding.code),
        "level": finding.severity,
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": where}],
    }


def _where(path: str) -> dict[str, Any]:
    if os.path.isabs(path):
        return {"artifactLocation": {"uri": PurePath(os.path.abspath(path)).as_uri()}}
    relative = path.replace(os.sep, "/")
    # a file name's byte that is not UTF-8 is percent-encoded as itself (%FF), as as_uri does for absolute paths
    return {"artifactLocation": {"uri": quote(relative, errors="surrogateescape"), "uriBaseId": SOURCE_ROOT}}


def _report(outcome: Outcome) -> dict[str, Any]:
    """The report's verdicts, which SARIF has no place for: reportlint's and the course checker's."""
    course = outcome.course
    return {
        "path": outcome.path,
        "template": outcome.template,
        "course": {"passed": course.passed, "total": course.total, "error": course.error},
        "errors": outcome.verdict.errors,
        "warnings": outcome.verdict.warnings,
        "fails": outcome.verdict.fails,
    }
