"""Every printed form shows the same numbers: text, JSON, GitHub, the staff summary and the HTML page all read
one status per question and one course verdict, decided once in the core, whatever the configuration."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path
from typing import NamedTuple

import pytest

from conftest import FIXTURES, build_report, invoke, write

CONFIGURATIONS = {
    "default": "",
    "ignore-unanswered": '[tool.reportlint]\nignore = ["RL301"]\n',
    "draft": "[tool.reportlint]\ndraft = true\n",
    "strict": "[tool.reportlint]\nstrict = true\n",
    "severities": '[tool.reportlint.severity]\nRL2 = "warning"\nRL303 = "error"\nRL4 = "off"\n',
}
REPORTS = sorted(path.name for path in FIXTURES.glob("*-*") if path.is_dir())


class Counts(NamedTuple):
    course: str  # "29/31", or "stops"
    passing: int
    unanswered: int
    failing: int  # failing or missing


def tally_counts(line: str, total: int) -> Counts:
    course = re.search(r"course check (\d+/\d+|stops)", line)
    assert course is not None, line
    fails = re.search(r"fails: ([Q\d, ]+)", line)
    failing = len(fails.group(1).split(", ")) if fails else 0
    unanswered_list = re.search(r"\d+ unanswered: ([Q\d, ]+)", line)
    unanswered = len(unanswered_list.group(1).split(", ")) if unanswered_list else 0
    return Counts(course.group(1), total - failing - unanswered, unanswered, failing)


def prepared(tmp_path: Path, name: str, configuration: str) -> Path:
    folder = tmp_path / "reports"
    shutil.copytree(FIXTURES / name, folder)
    if configuration:
        (tmp_path / "pyproject.toml").write_text(configuration)
    (tmp_path / ".git").mkdir()  # the top of the repository, so the configuration is found and no higher
    return folder / "README.md"


@pytest.mark.parametrize("configuration", sorted(CONFIGURATIONS))
@pytest.mark.parametrize("name", REPORTS)
def test_every_output_shows_the_same_counts(tmp_path: Path, name: str, configuration: str) -> None:
    path = str(prepared(tmp_path, name, CONFIGURATIONS[configuration]))
    document = json.loads(invoke(["check", "--format", "json", path]).stdout)["reports"][0]
    total = document["questions_total"]
    states = [question["state"] for question in document["questions"]]
    course = f"{document['course']['passed']}/{total}" if "passed" in document["course"] else "stops"
    from_json = Counts(
        course,
        document["questions_passed"],
        states.count("unanswered"),
        states.count("fail") + states.count("missing"),
    )
    assert from_json.passing == states.count("pass") + states.count("warn")

    text = invoke(["check", path])
    assert tally_counts(text.stdout.splitlines()[-1], total) == from_json
    github = invoke(["check", "--format", "github", path])
    assert tally_counts(github.stdout.splitlines()[-1], total) == from_json
    assert text.exit_code == github.exit_code == (1 if document["fails"] else 0)

    (row,) = csv.DictReader(io.StringIO(invoke(["summary", "--format", "csv", path]).stdout))
    assert (int(row["passing"]), int(row["unanswered"]), int(row["failing"])) == from_json[1:]

    page = invoke(["html", "-o", "-", path]).stdout
    counts = re.search(r"<strong>(\d+) of \d+</strong> questions pass · (\d+) unanswered · (\d+) failing", page)
    assert counts is not None
    missing = re.search(r"· (\d+) missing</p>", page)
    failing = int(counts.group(3)) + (int(missing.group(1)) if missing else 0)
    assert (int(counts.group(1)), int(counts.group(2)), failing) == from_json[1:]


def test_an_ignored_unanswered_question_counts_the_same_everywhere(report_dir: Path) -> None:
    """The case that once gave 26 of 31 in check and 25/31 in summary and html."""
    (report_dir.parent / "pyproject.toml").write_text(CONFIGURATIONS["ignore-unanswered"])
    path = str(write(report_dir, build_report({27: "--- question 27 fill here ---"})))
    document = json.loads(invoke(["check", "--format", "json", path]).stdout)["reports"][0]
    (row,) = csv.DictReader(io.StringIO(invoke(["summary", "--format", "csv", path]).stdout))
    assert document["questions_passed"] == int(row["passing"]) == 30
    assert [q["number"] for q in document["questions"] if q["state"] == "unanswered"] == [27]
    assert not any(finding["code"] == "RL301" for finding in document["findings"])
