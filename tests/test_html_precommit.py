"""End to end through real pre-commit: the `reportlint-html` hook is a fixer, failing once when it writes the page.

A group adds the hook, commits its report, and the commit stops because `reports/report.html` was written;
they add the page and commit again, and now it passes because the page is up to date.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, commit, git, group_repository, invoke

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def group_repo(tmp_path: Path, hook_repo: tuple[Path, str], args: str = "") -> Path:
    """A group's repository with the html hook in its config, hooks installed, and the passing report."""
    repo = group_repository(tmp_path / "group", hook_repo, f"      - id: reportlint-html\n{args}")
    shutil.copytree(FIXTURES / "pass-2025", repo / "reports")
    return repo


def commits(repo: Path) -> int:
    return int(git(repo, "rev-list", "--count", "HEAD").stdout)


def test_hook_writes_the_page_fails_once_then_passes(
    tmp_path: Path, hook_repo: tuple[Path, str], precommit_env: dict[str, str]
) -> None:
    env = precommit_env
    repo = group_repo(tmp_path, hook_repo)
    page = repo / "reports" / "report.html"

    stopped = commit(repo, env, "report")
    assert stopped.returncode == 1, stopped.stdout + stopped.stderr
    assert "reportlint html (render the report as the graders see it)" in stopped.stderr
    assert "Failed" in stopped.stderr and "exit code: 1" in stopped.stderr
    assert "reportlint: wrote reports/report.html (from reports/README.md)" in stopped.stderr
    assert page.is_file() and commits(repo) == 1
    assert not (repo / "report.html").exists()  # docs.md is markdown but no report: no page for it

    landed = commit(repo, env, "report and its page")  # the page is staged now, and up to date
    assert landed.returncode == 0, landed.stdout + landed.stderr
    assert "Passed" in landed.stderr and commits(repo) == 2
    assert "reports/report.html" in git(repo, "ls-files").stdout

    readme = repo / "reports" / "README.md"
    readme.write_text(readme.read_text().replace("We tracked all experiments", "We tracked every experiment"))
    changed = commit(repo, env, "edit an answer")
    assert changed.returncode == 1 and "reportlint: wrote reports/report.html" in changed.stderr
    assert "We tracked every experiment" in page.read_text() and commits(repo) == 2


def test_hook_page_is_the_same_bytes_as_a_local_run(
    tmp_path: Path, hook_repo: tuple[Path, str], precommit_env: dict[str, str]
) -> None:
    """A group's args reach the command, and the hook's own environment renders exactly what a local run does."""
    env = precommit_env
    repo = group_repo(tmp_path, hook_repo, args="        args: [--embed-images]\n")
    ran = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--files", "reports/README.md"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert ran.returncode == 1, ran.stdout
    hooked = (repo / "reports" / "report.html").read_bytes()
    assert b'src="data:image/png;base64,' in hooked

    old = os.getcwd()
    os.chdir(repo)
    try:
        local = invoke(["html", "--embed-images", "reports/README.md"])
    finally:
        os.chdir(old)
    assert local.exit_code == 0, local.stdout  # already up to date: same bytes
    again = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--files", "reports/README.md"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert again.returncode == 0, again.stdout
    assert "Passed" in again.stdout
