"""`--format sarif`: a SARIF 2.1.0 log that the official schema accepts, with what GitHub code scanning reads.

tests/schemas/sarif-schema-2.1.0.json is the OASIS schema (errata 01) as published in the SARIF
specification's repository, unchanged.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import FIXTURES, invoke
from reportlint import __version__
from reportlint.rules import RULES

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def sarif(*args: str, cwd: Path | None = None) -> tuple[int, dict[str, Any]]:
    ran = invoke(["check", "--format", "sarif", *args], cwd)
    return ran.exit_code, json.loads(ran.stdout)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """Two failing fixtures under a repository's top, which is where CI runs reportlint."""
    for name in ("fail-length", "fail-figures"):
        shutil.copytree(FIXTURES / name, tmp_path / name / "reports")
    return tmp_path


def test_log_is_valid_against_the_sarif_2_1_0_schema(repository: Path) -> None:
    code, log = sarif("fail-length/reports/README.md", "fail-figures/reports/README.md", "missing.md", cwd=repository)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert code == 2 and log["version"] == "2.1.0"


def test_every_finding_is_a_result_at_its_line_relative_to_the_source_root(repository: Path) -> None:
    _, log = sarif("fail-length/reports/README.md", cwd=repository)
    results = log["runs"][0]["results"]
    assert [result["ruleId"] for result in results] == ["RL201", "RL202", "RL203", "RL204"]
    assert results[0] == {
        "ruleId": "RL201",
        "ruleIndex": list(RULES).index("RL201"),
        "level": "error",
        "message": {"text": "Question 7: 32 words, expected 50-100: 18 short"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "fail-length/reports/README.md", "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": 170, "startColumn": 1},
                }
            }
        ],
    }


def test_warnings_are_warning_results(repository: Path) -> None:
    _, log = sarif("fail-figures/reports/README.md", cwd=repository)
    levels = {result["ruleId"]: result["level"] for result in log["runs"][0]["results"]}
    assert (levels["RL405"], levels["RL401"]) == ("warning", "error")


def test_the_driver_describes_every_rule(repository: Path) -> None:
    _, log = sarif("fail-length/reports/README.md", cwd=repository)
    driver = log["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("reportlint", __version__)
    assert [rule["id"] for rule in driver["rules"]] == list(RULES)
    rule = driver["rules"][list(RULES).index("RL303")]
    assert rule["name"] == "dash-wrapped-answer" and rule["defaultConfiguration"] == {"level": "warning"}
    assert RULES["RL303"].example in rule["help"]["text"]


def test_unreadable_files_are_notifications_and_the_run_is_not_successful(repository: Path) -> None:
    _, log = sarif("missing.md", cwd=repository)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {
            "level": "error",
            "message": {"text": "no such file"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "missing.md", "uriBaseId": "%SRCROOT%"}}}],
        }
    ]


def test_spaces_and_letters_beyond_ascii_are_percent_encoded_and_absolute_paths_are_file_uris(tmp_path: Path) -> None:
    folder = tmp_path / "grüppe 7" / "reports"
    shutil.copytree(FIXTURES / "fail-length", folder)
    _, relative = sarif("grüppe 7/reports/README.md", cwd=tmp_path)
    _, absolute = sarif(str(folder / "README.md"))
    where = [log["runs"][0]["results"][0]["locations"][0]["physicalLocation"] for log in (relative, absolute)]
    assert where[0]["artifactLocation"]["uri"] == "gr%C3%BCppe%207/reports/README.md"
    assert where[1]["artifactLocation"] == {"uri": (folder / "README.md").as_uri()}


def test_each_report_keeps_its_verdicts_and_the_course_count(repository: Path) -> None:
    _, log = sarif("fail-length/reports/README.md", cwd=repository)
    assert log["runs"][0]["properties"]["reports"] == [
        {
            "path": "fail-length/reports/README.md",
            "template": "dtu-mlops-2025",
            "course": {"passed": 27, "total": 31, "error": None},
            "errors": 4,
            "warnings": 0,
            "fails": True,
        }
    ]
