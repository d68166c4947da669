"""End to end through real pre-commit: a group's repository blocks a failing report and takes a passing one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES

PROJECT = Path(__file__).resolve().parents[1]
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
    """This working tree as it is now (committed or not), as a repository pre-commit can clone."""
    snapshot = init(tmp_path_factory.mktemp("hook-repo"))
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=PROJECT,
                            check=True, capture_output=True).stdout.split(b"\0")
    for name in filter(None, listed):
        source = PROJECT / os.fsdecode(name)
        if source.is_file():
            target = snapshot / os.fsdecode(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git(snapshot, "add", "-A")
    git(snapshot, "commit", "-q", "-m", "snapshot")
    return snapshot, git(snapshot, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture
def group_repo(tmp_path: Path, hook_repo: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A student group's repository with reportlint in its .pre-commit-config.yaml, hooks installed."""
    repo = init(tmp_path / "group")
    url, rev = hook_repo
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {url.as_uri()}\n    rev: {rev}\n    hooks:\n      - id: reportlint\n")
    (repo / "docs.md").write_text("# Notes\n\nNot a report, never checked.\n")
    git(repo, "add", ".pre-commit-config.yaml", "docs.md")
    git(repo, "commit", "-q", "-m", "config")
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, check=True, capture_output=True)
    return repo


def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.getbasetemp() / "pre-commit-home"
    return {**os.environ, "PRE_COMMIT_HOME": str(home), "PATH": f"{Path(sys.executable).parent}{os.pathsep}"
            f"{os.environ.get('PATH', '')}"}


def commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    """`git commit` with the hook installed; git shows the hook's output on standard error."""
    git(repo, "add", "-A")
    return subprocess.run(["git", "commit", "-m", message], cwd=repo, capture_output=True, text=True, env=env,
                          check=False)


def test_hook_blocks_a_failing_report_and_lets_a_passing_one_through(
        group_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    env = environment(tmp_path_factory)
    reports = group_repo / "reports"
    shutil.copytree(FIXTURES / "fail-length", reports)
    (reports / "expected.txt").unlink()
    blocked = commit(group_repo, env, "failing report")
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "reports/README.md:170:1: RL201 Question 7: 32 words, expected 50-100: 18 short" in blocked.stderr
    assert git(group_repo, "rev-list", "--count", "HEAD").stdout.strip() == "1"

    shutil.rmtree(reports)
    shutil.copytree(FIXTURES / "pass-2025", reports)
    passed = commit(group_repo, env, "passing report")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "reportlint (exam report checks)" in passed.stderr and "Passed" in passed.stderr
    assert git(group_repo, "rev-list", "--count", "HEAD").stdout.strip() == "2"
    everything = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=group_repo,
                                capture_output=True, text=True, env=env, check=False)
    assert everything.returncode == 0, everything.stdout  # docs.md is markdown but no report: skipped


def test_hook_fails_on_an_image_that_is_not_committed(
        group_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    env = environment(tmp_path_factory)
    reports = group_repo / "reports"
    shutil.copytree(FIXTURES / "pass-2025", reports)
    git(group_repo, "add", "-A")
    git(group_repo, "rm", "-q", "--cached", "reports/figures/registry.png")
    result = subprocess.run(["git", "commit", "-m", "forgot a figure"], cwd=group_repo, capture_output=True,
                            text=True, env=env, check=False)
    assert result.returncode == 1
    assert "RL409 image 'figures/registry.png' is not tracked by git" in result.stderr


def test_args_from_the_group_config_add_options(group_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    env = environment(tmp_path_factory)
    config = group_repo / ".pre-commit-config.yaml"
    config.write_text(config.read_text() + "        args: [--draft]\n")
    reports = group_repo / "reports"
    shutil.copytree(FIXTURES / "pass-2025", reports)
    readme = reports / "README.md"
    lines = readme.read_text().split("\n")
    marker = [i for i, line in enumerate(lines) if line == "> Answer:"][26]  # Question 27
    end = next(i for i in range(marker + 1, len(lines)) if lines[i].startswith("### Question 28"))
    lines[marker + 1:end] = ["", "--- question 27 fill here ---", ""]
    readme.write_text("\n".join(lines))
    result = commit(group_repo, env, "draft")
    assert result.returncode == 0, result.stdout + result.stderr
