"""End to end through real pre-commit: the `reportlint-html` hook writes the page and fails only for a tracked one.

A group adds the hook and commits its report: the page is written and the commit lands. Once they commit the
page, a change to the report stops the commit until the rewritten page is staged; an ignored page never does.
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


def test_an_untracked_page_is_written_and_the_hook_passes_then_a_tracked_one_stops_the_commit_when_it_changes(
    tmp_path: Path, hook_repo: tuple[Path, str], precommit_env: dict[str, str]
) -> None:
    env = precommit_env
    repo = group_repo(tmp_path, hook_repo)
    page = repo / "reports" / "report.html"

    first = commit(repo, env, "report")
    assert first.returncode == 0, first.stdout + first.stderr
    assert page.is_file() and commits(repo) == 2
    assert "reports/report.html" not in git(repo, "ls-files").stdout  # written, left for the group to decide
    assert not (repo / "report.html").exists()  # docs.md is markdown but no report: no page for it

    added = commit(repo, env, "the page too")  # the page is staged now, and up to date
    assert added.returncode == 0, added.stdout + added.stderr
    assert "reports/report.html" in git(repo, "ls-files").stdout and commits(repo) == 3

    readme = repo / "reports" / "README.md"
    readme.write_text(readme.read_text().replace("We tracked all experiments", "We tracked every experiment"))
    changed = commit(repo, env, "edit an answer")
    assert changed.returncode == 1, changed.stdout + changed.stderr
    assert (
        "reportlint: wrote reports/report.html (from reports/README.md): open it, then `git add reports/report.html`"
        in changed.stderr
    )
    assert "We tracked every experiment" in page.read_text() and commits(repo) == 3
    again = commit(repo, env, "edit an answer, with its page")
    assert again.returncode == 0 and commits(repo) == 4


def test_an_ignored_page_never_fails_the_hook(
    tmp_path: Path, hook_repo: tuple[Path, str], precommit_env: dict[str, str]
) -> None:
    repo = group_repo(tmp_path, hook_repo)
    (repo / ".gitignore").write_text("report.html\n")
    ran = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--verbose", "--files", "reports/README.md"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=precommit_env,
        check=False,
    )
    assert ran.returncode == 0, ran.stdout
    assert "reportlint: wrote reports/report.html (from reports/README.md), which git ignores" in ran.stdout
    assert (repo / "reports" / "report.html").is_file()


def test_a_fresh_clones_first_run_is_green(
    tmp_path: Path, hook_repo: tuple[Path, str], precommit_env: dict[str, str]
) -> None:
    """CI clones the repository and runs every hook on every file: a committed page is up to date there."""
    repo = group_repo(tmp_path, hook_repo)
    commit(repo, precommit_env, "report")
    commit(repo, precommit_env, "and its page")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    ran = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=clone,
        capture_output=True,
        text=True,
        env=precommit_env,
        check=False,
    )
    assert ran.returncode == 0, ran.stdout


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
    assert ran.returncode == 0, ran.stdout  # a page git does not track: written, and the hook passes
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
