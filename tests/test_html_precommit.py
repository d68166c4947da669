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
from click.testing import CliRunner
from conftest import FIXTURES

from reportlint.cli import main

PROJECT = Path(__file__).resolve().parents[1]
HOOK = """\
- id: reportlint-html
  name: reportlint html (render the report as the graders see it)
  entry: reportlint html
  language: python
  types: [markdown]
  pass_filenames: true
"""
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)


def init(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q")
    git(path, "config", "user.email", "group@example.org")
    git(path, "config", "user.name", "Group")
    git(path, "config", "commit.gpgsign", "false")
    return path


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This working tree as it is now, committed or not, as a repository pre-commit can clone.

    pre-commit clones a rev, so uncommitted work would be missed; a snapshot commit holds it. The real
    `.pre-commit-hooks.yaml` is used as it is when it has `reportlint-html`; only otherwise is the hook added.
    """
    snapshot = init(tmp_path_factory.mktemp("html-hook-repo"))
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=PROJECT,
                            check=True, capture_output=True).stdout.split(b"\0")
    for name in filter(None, listed):
        source = PROJECT / os.fsdecode(name)
        if source.is_file():
            target = snapshot / os.fsdecode(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    manifest = snapshot / ".pre-commit-hooks.yaml"
    text = manifest.read_text() if manifest.exists() else ""
    if "id: reportlint-html" not in text:
        manifest.write_text(text + HOOK)
    if not (snapshot / "README.md").exists():  # pyproject names it; the lead developer is writing it
        (snapshot / "README.md").write_text("# reportlint\n")
    git(snapshot, "add", "-A")
    git(snapshot, "commit", "-q", "-m", "snapshot")
    return snapshot, git(snapshot, "rev-parse", "HEAD").stdout.strip()


def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One PRE_COMMIT_HOME for the session, so the hook's environment is built once."""
    home = tmp_path_factory.getbasetemp() / "pre-commit-home"
    return {**os.environ, "PRE_COMMIT_HOME": str(home),
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}


def group_repo(tmp_path: Path, hook_repo: tuple[Path, str], args: str = "") -> Path:
    """A group's repository with the html hook in its config, hooks installed, and the passing report."""
    repo = init(tmp_path / "group")
    url, rev = hook_repo
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {url.as_uri()}\n    rev: {rev}\n    hooks:\n      - id: reportlint-html\n{args}")
    (repo / "docs.md").write_text("# Notes\n\nNot a report, never rendered.\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "config")
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, check=True, capture_output=True)
    shutil.copytree(FIXTURES / "pass-2025", repo / "reports")
    return repo


def commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    """`git commit -a`-like: stage everything, then commit with the hook; git shows its output on stderr."""
    git(repo, "add", "-A")
    return subprocess.run(["git", "commit", "-m", message], cwd=repo, capture_output=True, text=True, env=env,
                          check=False)


def commits(repo: Path) -> int:
    return int(git(repo, "rev-list", "--count", "HEAD").stdout)


def test_hook_writes_the_page_fails_once_then_passes(tmp_path: Path, hook_repo: tuple[Path, str],
                                                     tmp_path_factory: pytest.TempPathFactory) -> None:
    env = environment(tmp_path_factory)
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


def test_hook_page_is_the_same_bytes_as_a_local_run(tmp_path: Path, hook_repo: tuple[Path, str],
                                                    tmp_path_factory: pytest.TempPathFactory) -> None:
    """A group's args reach the command, and the hook's own environment renders exactly what a local run does."""
    env = environment(tmp_path_factory)
    repo = group_repo(tmp_path, hook_repo, args="        args: [--embed-images]\n")
    ran = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--files", "reports/README.md"], cwd=repo,
                         capture_output=True, text=True, env=env, check=False)
    assert ran.returncode == 1, ran.stdout
    hooked = (repo / "reports" / "report.html").read_bytes()
    assert b'src="data:image/png;base64,' in hooked

    old = os.getcwd()
    os.chdir(repo)
    try:
        local = CliRunner().invoke(main, ["html", "--embed-images", "reports/README.md"], catch_exceptions=False)
    finally:
        os.chdir(old)
    assert local.exit_code == 0, local.stdout  # already up to date: same bytes
    again = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--files", "reports/README.md"], cwd=repo,
                           capture_output=True, text=True, env=env, check=False)
    assert again.returncode == 0, again.stdout
    assert "Passed" in again.stdout
