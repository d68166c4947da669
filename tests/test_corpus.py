"""On the real reports in ../shared/corpus (when present): the course checker's own verdicts, number for number."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CORPUS
from reportlint.cli import main
from reportlint.files import read_text
from reportlint.lint import Result, lint

REPORTS = sorted(CORPUS.glob("*/README.md")) if CORPUS.is_dir() else []
pytestmark = pytest.mark.skipif(not REPORTS, reason=f"no corpus of real reports at {CORPUS} (only CI has it)")
WARNING = re.compile(r"Question (\d+) failed check\. Expected number of (words|screenshots) to be between "
                     r"\d+ and \d+ but got (\d+)")


def course_verdicts(anchor: str) -> dict[tuple[int, str], int]:
    """(question, 'words'|'images') -> the count the course checker warned about."""
    return {(int(m[1]), "words" if m[2] == "words" else "images"): int(m[3]) for m in WARNING.finditer(anchor)}


def our_verdicts(result: Result, skip: set[int | None]) -> dict[tuple[int, str], int]:
    failing: dict[tuple[int, str], int] = {}
    for question in result.questions():
        if question.number in skip:
            continue
        limits = result.template.limits[question.number]
        for kind, count, bounds in (("words", question.words, limits.words),
                                    ("images", question.image_count, limits.images)):
            if bounds is not None and not bounds[0] <= count <= bounds[1]:
                failing[(question.number, kind)] = count
    return failing


@pytest.mark.parametrize("path", REPORTS, ids=[p.parent.name for p in REPORTS])
def test_same_verdicts_as_the_course_checker(path: Path) -> None:
    anchor = (path.parent / "anchor_check.txt").read_text(encoding="utf-8")
    result = lint(read_text(str(path)), str(path))
    assert result is not None
    expected_count = 27 if "TeacherWarning" in anchor or "__main__" not in anchor and "31" not in anchor else 31
    crashed = anchor.startswith("ValueError")
    if crashed:
        assert any(f.code == "RL502" for f in result.findings)
        return
    assert result.template.count == expected_count
    compat = {f.question for f in result.findings if f.code.startswith("RL5")}
    expected = {key: count for key, count in course_verdicts(anchor).items() if key[0] not in compat}
    assert our_verdicts(result, compat) == expected


def test_every_real_report_runs_without_a_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", *map(str, REPORTS)], catch_exceptions=False)
    assert result.exit_code in (0, 1)
    tallies = [line for line in result.stdout.splitlines() if "questions pass" in line]
    assert len(tallies) == len(REPORTS)
