"""Reading git's index file directly gives exactly what `git ls-files` lists, or defers to git."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from reportlint.edge.gitindex import indexed_paths

NAMES = [
    "README.md",
    "reports/README.md",
    "reports/figures/a.png",
    "reports/figures/Skærm billede 1.png",
    "reports/figures/" + "long_name_" * 12 + ".png",
    "src/pkg/__init__.py",
    "src/pkg/zzz.py",
]


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True).stdout.decode()


def ls_files(root: Path) -> frozenset[str]:
    return frozenset(name for name in git(root, "ls-files", "-z").split("\0") if name)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    for name in NAMES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    git(tmp_path, "add", *NAMES[:-1])
    return tmp_path


@pytest.mark.parametrize("version", ["2", "3", "4"])
def test_index_versions_match_ls_files(repo: Path, version: str) -> None:
    git(repo, "update-index", "--index-version", version)
    assert indexed_paths(str(repo)) == ls_files(repo) == frozenset(NAMES[:-1])


def test_intent_to_add_uses_extended_flags(repo: Path) -> None:
    git(repo, "add", "--intent-to-add", NAMES[-1])
    assert indexed_paths(str(repo)) == ls_files(repo) == frozenset(NAMES)


def test_removed_from_the_index_is_not_listed(repo: Path) -> None:
    git(repo, "rm", "-q", "--cached", "reports/figures/a.png")
    assert "reports/figures/a.png" not in (indexed_paths(str(repo)) or {"x"})


def test_linked_worktree_reads_its_own_index(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    git(repo, "-c", "user.name=a", "-c", "user.email=a@b", "commit", "-q", "-m", "one")
    other = tmp_path_factory.mktemp("worktree") / "wt"
    git(repo, "worktree", "add", "-q", str(other))
    assert (other / ".git").is_file()
    assert indexed_paths(str(other)) == ls_files(other)


def test_new_repository_has_nothing_indexed(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    assert indexed_paths(str(tmp_path)) == frozenset()


def test_split_index_is_left_to_git(repo: Path) -> None:
    git(repo, "update-index", "--split-index")
    assert indexed_paths(str(repo)) is None


def test_index_file_set_by_a_running_commit_is_left_to_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_INDEX_FILE", str(repo / ".git" / "index"))
    assert indexed_paths(str(repo)) is None


def test_corrupt_index_is_left_to_git(repo: Path) -> None:
    (repo / ".git" / "index").write_bytes(b"DIRC\x00\x00\x00\x02\x00\x00\x00\x05garbage")
    assert indexed_paths(str(repo)) is None
