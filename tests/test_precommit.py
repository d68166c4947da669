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


def committed_report(repo: Path, env: dict[str, str]) -> Path:
    """The passing report with its figures, committed through the hook."""
    shutil.copytree(FIXTURES / "pass-2025", repo / "reports")
    landed = commit(repo, env, "report")
    assert landed.returncode == 0, landed.stdout + landed.stderr
    return repo / "reports"


def commits(repo: Path) -> int:
    return int(git(repo, "rev-list", "--count", "HEAD").stdout)


def test_git_rm_of_a_linked_figure_is_caught(group_repo: Path, precommit_env: dict[str, str]) -> None:
    committed_report(group_repo, precommit_env)
    git(group_repo, "rm", "-q", "reports/figures/registry.png")
    result = subprocess.run(
        ["git", "commit", "-m", "drop a figure"],
        cwd=group_repo,
        capture_output=True,
        text=True,
        env=precommit_env,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "reports/README.md:412:1: RL401 error: image 'figures/registry.png' not found" in result.stderr
    assert commits(group_repo) == 2


def test_a_figure_replaced_by_a_broken_file_is_caught(group_repo: Path, precommit_env: dict[str, str]) -> None:
    reports = committed_report(group_repo, precommit_env)
    (reports / "figures" / "registry.png").write_bytes(b"<!DOCTYPE html><html>404</html>")
    result = commit(group_repo, precommit_env, "new screenshot")
    assert result.returncode == 1
    assert "RL406 error: image 'figures/registry.png' is not an image: it is an HTML page" in result.stderr


def test_a_figure_no_report_links_and_other_files_commit_cleanly(
    group_repo: Path, precommit_env: dict[str, str]
) -> None:
    """Even under a report with errors: what is staged does not concern it, so it is not checked."""
    shutil.copytree(FIXTURES / "fail-length", group_repo / "reports")
    git(group_repo, "add", "-A")
    git(group_repo, "commit", "-q", "--no-verify", "-m", "failing report, committed past the hook")
    (group_repo / "reports" / "figures" / "draft.png").write_bytes(
        (FIXTURES / "pass-2025" / "figures" / "registry.png").read_bytes()
    )
    (group_repo / "train.py").write_text("print('training')\n")
    result = commit(group_repo, precommit_env, "code and a spare figure")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "reportlint (exam report checks)" in result.stderr and "Passed" in result.stderr
