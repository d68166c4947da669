"""`check`'s flags for output and exit: --quiet, --statistics, --exit-zero."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, invoke


@pytest.fixture
def failing(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    shutil.copytree(FIXTURES / "fail-length", folder)
    return folder / "README.md"


def test_quiet_prints_the_findings_without_the_tally(failing: Path) -> None:
    full = invoke(["check", str(failing)])
    quiet = invoke(["check", "--quiet", str(failing)])
    assert (quiet.exit_code, quiet.stdout.splitlines()) == (1, full.stdout.splitlines()[:-1])


def test_quiet_leaves_github_annotations_without_the_tally(failing: Path) -> None:
    ran = invoke(["check", "-q", "--format", "github", str(failing)])
    assert [line.split(" ", 1)[0] for line in ran.stdout.splitlines()] == ["::error"] * 4


def test_quiet_on_a_clean_report_prints_nothing(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "pass-2025", tmp_path / "reports")
    assert invoke(["check", "-q", str(tmp_path / "reports" / "README.md")]) == (0, "", "")


def test_statistics_counts_each_code_most_frequent_first_then_the_tallies(tmp_path: Path) -> None:
    for name in ("fail-length", "fail-figures"):
        shutil.copytree(FIXTURES / name, tmp_path / name)
    paths = [str(tmp_path / name / "README.md") for name in ("fail-length", "fail-figures")]
    ran = invoke(["check", "--statistics", *paths])
    assert ran.exit_code == 1
    assert ran.stdout.splitlines()[:3] == [
        "3  RL406  image-not-image",
        "1  RL201  too-few-words",
        "1  RL202  too-many-words",
    ]
    assert ran.stdout.splitlines()[-1].endswith("fails: Q7, Q12, Q19, Q20")  # tallies sorted by path


def test_statistics_with_quiet_is_the_counts_alone(failing: Path) -> None:
    ran = invoke(["check", "--statistics", "--quiet", str(failing)])
    assert ran.stdout.splitlines() == [
        "1  RL201  too-few-words",
        "1  RL202  too-many-words",
        "1  RL203  too-few-images",
        "1  RL204  too-many-images",
    ]


def test_statistics_belongs_to_the_text_format(failing: Path) -> None:
    ran = invoke(["check", "--statistics", "--format", "json", str(failing)])
    assert (ran.exit_code, ran.stdout) == (2, "")
    assert ran.stderr == "reportlint: --statistics counts findings in the text format, not with --format\n"


def test_exit_zero_exits_0_with_failing_findings_printed(failing: Path) -> None:
    ran = invoke(["check", "--exit-zero", str(failing)])
    assert ran.exit_code == 0 and "RL201 error" in ran.stdout


def test_exit_zero_still_exits_2_for_a_file_it_cannot_read(tmp_path: Path) -> None:
    assert invoke(["check", "--exit-zero", str(tmp_path / "missing.md")]).exit_code == 2
