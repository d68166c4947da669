"""The shipped fixture reports: the passing ones are clean, each failing one gives exactly its expected.txt."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES, invoke
from reportlint.findings import ERROR
from reportlint.rules import RULES

FAILING = sorted(path.name for path in FIXTURES.glob("fail-*"))


def run_on(folder: Path) -> tuple[int, list[str]]:
    result = invoke(["check", str(folder / "README.md")])
    return result.exit_code, result.stdout.splitlines()


def copy(name: str, tmp_path: Path) -> Path:
    """A copy outside any git work tree, so that only the fixture's own problems show."""
    target = tmp_path / "reports"
    shutil.copytree(FIXTURES / name, target)
    return target


@pytest.mark.parametrize(("name", "template"), [("pass-2025", "dtu-mlops-2025"), ("pass-2023", "dtu-mlops-2023")])
def test_passing_fixture_is_clean(name: str, template: str, tmp_path: Path) -> None:
    folder = copy(name, tmp_path)
    count = (template[-4:] == "2025" and 31) or 27
    assert run_on(folder) == (0, [f"{folder / 'README.md'}: {template}: course check {count}/{count} · no findings"])


@pytest.mark.parametrize("name", FAILING)
def test_failing_fixture_gives_its_expected_findings(name: str, tmp_path: Path) -> None:
    folder = copy(name, tmp_path)
    expected = [
        line.split()
        for line in (folder / "expected.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    code, lines = run_on(folder)
    got = [[line.split(":")[1], line.split(": ")[1].split()[0]] for line in lines[:-1]]
    errors = any(RULES[code].severity == ERROR for _, code in expected)
    assert (code, got) == (1 if errors else 0, expected)


@pytest.mark.parametrize("name", FAILING)
def test_strict_fails_every_failing_fixture(name: str, tmp_path: Path) -> None:
    folder = copy(name, tmp_path)
    assert invoke(["--strict", "--template", "dtu-mlops-2025", str(folder / "README.md")]).exit_code == 1


def test_every_code_has_a_failing_fixture() -> None:
    covered = {
        line.split()[1]
        for name in FAILING
        for line in (FIXTURES / name / "expected.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert set(RULES) - covered == {"RL409"}  # untracked needs a git repository: the test below


def test_untracked_figure_in_a_fixture_repository(tmp_path: Path) -> None:
    folder = copy("pass-2025", tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "reports"], cwd=tmp_path, check=True)
    subprocess.run(["git", "rm", "-q", "--cached", "reports/figures/registry.png"], cwd=tmp_path, check=True)
    code, lines = run_on(folder)
    assert code == 1
    assert [line.split(": ", 1)[1] for line in lines[:-1]] == [
        "RL409 error: image 'figures/registry.png' is not tracked by git, so it will be missing from the graders' copy: "
        "`git add` it"
    ]


MESSAGES = {
    "fail-length": [
        "RL201 error: Question 7: 32 words, expected 50-100: 18 short",
        "RL202 error: Question 12: 146 words, expected 50-100: 46 over",
        "RL203 error: Question 19: 0 images, expected 1-2: 1 short",
        "RL204 error: Question 20: 3 images, expected 1-2: 1 over",
    ],
    "fail-grader-cut": [
        "RL501 error: Question 13: the course checker stops reading this answer at this `##` and counts 66 words, 0 images "
        "(reportlint: 131 words, 0 images)",
    ],
}


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_failing_fixture_messages(name: str, tmp_path: Path) -> None:
    _, lines = run_on(copy(name, tmp_path))
    assert [line.split(": ", 1)[1] for line in lines[:-1]] == MESSAGES[name]


def test_code_examples_are_real_output_lines(tmp_path: Path) -> None:
    """The registry's examples (shown in the README) are what the failing fixtures print."""
    printed: set[str] = set()
    for name in FAILING:
        folder = copy(name, tmp_path / name)
        printed.update(line.split(": ", 1)[1] for line in run_on(folder)[1][:-1])
    for code, rule in RULES.items():
        if code != "RL409":  # printed by the git test above
            assert rule.example.split(": ", 1)[1] in printed, code
