"""End to end through real pre-commit: a group's repository blocks a failing report and takes a passing one."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, commit, git, group_repository

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
HOOK = "      - id: reportlint\n"


@pytest.fixture
def group_repo(tmp_path: Path, hook_repo: tuple[Path, str]) -> Path:
    return group_repository(tmp_path / "group", hook_repo, HOOK)


def test_hook_blocks_a_failing_report_and_lets_a_passing_one_through(
    group_repo: Path, precommit_env: dict[str, str]
) -> None:
    env = precommit_env
    reports = group_repo / "reports"
    shutil.copytree(FIXTURES / "fail-length", reports)
    (reports / "expected.txt").unlink()
    blocked = commit(group_repo, env, "failing report")
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "reports/README.md:170:1: RL201 error: Question 7: 32 words, expected 50-100: 18 short" in blocked.stderr
    assert git(group_repo, "rev-list", "--count", "HEAD").stdout.strip() == "1"

    shutil.rmtree(reports)
    shutil.copytree(FIXTURES / "pass-2025", reports)
    passed = commit(group_repo, env, "passing report")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "reportlint (exam report checks)" in passed.stderr and "Passed" in passed.stderr
    assert git(group_repo, "rev-list", "--count", "HEAD").stdout.strip() == "2"
    everything = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=group_repo,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert everything.returncode == 0, everything.stdout  # docs.md is markdown but no report: skipped


def test_hook_fails_on_an_image_that_is_not_committed(group_repo: Path, precommit_env: dict[str, str]) -> None:
    env = precommit_env
    reports = group_repo / "reports"
    shutil.copytree(FIXTURES / "pass-2025", reports)
    git(group_repo, "add", "-A")
    git(group_repo, "rm", "-q", "--cached", "reports/figures/registry.png")
    result = subprocess.run(
        ["git", "commit", "-m", "forgot a figure"], cwd=group_repo, capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 1
    assert "RL409 error: image 'figures/registry.png' is not tracked by git" in result.stderr


def test_args_from_the_group_config_add_options(group_repo: Path, precommit_env: dict[str, str]) -> None:
    env = precommit_env
    config = group_repo / ".pre-commit-config.yaml"
    config.write_text(config.read_text() + "        args: [--draft]\n")
    reports = group_repo / "reports"
    shutil.copytree(FIXTURES / "pass-2025", reports)
    readme = reports / "README.md"
    lines = readme.read_text().split("\n")
    marker = [i for i, line in enumerate(lines) if line == "> Answer:"][26]  # Question 27
    end = next(i for i in range(marker + 1, len(lines)) if lines[i].startswith("### Question 28"))
    lines[marker + 1 : end] = ["", "--- question 27 fill here ---", ""]
    readme.write_text("\n".join(lines))
    result = commit(group_repo, env, "draft")
    assert result.returncode == 0, result.stdout + result.stderr
