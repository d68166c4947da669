"""Reading git's index file directly gives exactly what `git ls-files` lists, or defers to git."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
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


# The pre-commit hook of the repositories below: what git names, what reportlint reads, what git lists.
HOOK = """
import json, os, subprocess
from reportlint.edge.gitindex import indexed_paths
listed = subprocess.run(["git", "ls-files", "-z"], capture_output=True, check=True).stdout.decode()
read = indexed_paths(os.getcwd())
print(json.dumps({
    "GIT_INDEX_FILE": os.environ.get("GIT_INDEX_FILE"),
    "read": None if read is None else sorted(read),
    "git": sorted(name for name in listed.split("\\0") if name),
}))
"""


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


def test_an_index_emptied_of_every_file_lists_nothing(repo: Path) -> None:
    git(repo, "rm", "-q", "-r", "--cached", ".")
    assert indexed_paths(str(repo)) == ls_files(repo) == frozenset()


@pytest.mark.skipif(sys.platform != "linux", reason="a file name that is not UTF-8 needs a file system that allows one")
def test_a_name_that_is_not_utf8_reads_as_os_fsdecode_gives_it(repo: Path) -> None:
    name = os.fsencode(str(repo / "reports" / "figures")) + b"/plot\xff\xfe.png"
    with open(name, "wb") as handle:
        handle.write(b"x")
    git(repo, "add", "reports/figures")
    assert os.fsdecode(b"reports/figures/plot\xff\xfe.png") in (indexed_paths(str(repo)) or set())
    assert "reports/figures/a.png" in (indexed_paths(str(repo)) or set())


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


def test_corrupt_index_is_left_to_git(repo: Path) -> None:
    (repo / ".git" / "index").write_bytes(b"DIRC\x00\x00\x00\x02\x00\x00\x00\x05garbage")
    assert indexed_paths(str(repo)) is None


def test_sha256_repository_is_left_to_git(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "--object-format=sha256")
    (tmp_path / "a.md").write_text("a")
    git(tmp_path, "add", "a.md")
    assert indexed_paths(str(tmp_path)) is None


def test_relative_index_file_is_read_from_the_top_as_git_reads_it(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_INDEX_FILE", "other-index")
    git(repo, "add", "README.md")
    monkeypatch.chdir(repo / "reports")
    from_a_subfolder = frozenset(git(repo / "reports", "ls-files", "-z", "--full-name", ":/").split("\0")) - {""}
    assert indexed_paths(str(repo)) == from_a_subfolder == {"README.md"}


def test_named_index_file_that_does_not_exist_is_empty_as_for_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_INDEX_FILE", str(repo / "no-such-index"))
    assert indexed_paths(str(repo)) == ls_files(repo) == frozenset()


def install_hook(repo: Path) -> None:
    """A `pre-commit` hook script that prints what `HOOK` finds, as JSON, on every commit."""
    hooks = Path(git(repo, "rev-parse", "--git-common-dir").strip())
    hooks = (hooks if hooks.is_absolute() else repo / hooks) / "hooks"
    (hooks / "show-index.py").write_text(HOOK)
    hook = hooks / "pre-commit"
    hook.write_text(f"#!/bin/sh\nexec {shlex.quote(sys.executable)} {shlex.quote(str(hooks / 'show-index.py'))}\n")
    hook.chmod(0o755)


def commit(cwd: Path, *args: str) -> dict[str, object]:
    """Run `git commit ARGS` in `cwd` and return what its pre-commit hook saw."""
    command = ["git", "-c", "user.name=a", "-c", "user.email=a@b", "commit", "-q", "-m", "hook", *args]
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    seen: dict[str, object] = json.loads(done.stderr.strip().splitlines()[-1])  # hooks print to git's stderr
    return seen


@pytest.fixture
def committed(repo: Path) -> Path:
    """`repo` with everything but the last name committed, and the hook installed."""
    git(repo, "-c", "user.name=a", "-c", "user.email=a@b", "commit", "-q", "-m", "one")
    install_hook(repo)
    return repo


def test_plain_commit_names_the_index_relative_to_the_top(committed: Path) -> None:
    (committed / "reports" / "README.md").write_text("changed")
    git(committed, "add", "reports/README.md")
    seen = commit(committed / "reports")  # started in a subfolder: the hook still runs at the top
    assert seen["GIT_INDEX_FILE"] == ".git/index"
    assert seen["read"] == seen["git"] == sorted(NAMES[:-1])


def test_commit_all_reads_the_locked_index_without_deleted_files(committed: Path) -> None:
    (committed / "src" / "pkg" / "__init__.py").unlink()
    seen = commit(committed, "-a")
    assert seen["GIT_INDEX_FILE"] == str(committed / ".git" / "index.lock")
    assert seen["read"] == seen["git"] == sorted(set(NAMES[:-1]) - {"src/pkg/__init__.py"})


def test_partial_commit_reads_the_temporary_index_without_other_staged_files(committed: Path) -> None:
    git(committed, "add", NAMES[-1])
    (committed / "README.md").write_text("changed")
    seen = commit(committed, "README.md")
    assert os.path.basename(str(seen["GIT_INDEX_FILE"])).startswith("next-index-")
    assert NAMES[-1] in ls_files(committed)
    assert seen["read"] == seen["git"] == sorted(NAMES[:-1])


def test_first_commit_of_a_new_repository(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    install_hook(tmp_path)
    (tmp_path / "README.md").write_text("first")
    git(tmp_path, "add", "README.md")
    seen = commit(tmp_path)
    assert seen["read"] == seen["git"] == ["README.md"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), {*NAMES[:-1], "new.md"}),
        (("-a",), {*NAMES[:-1], "new.md"} - {"reports/README.md"}),
        (("README.md",), set(NAMES[:-1])),
    ],
    ids=["plain", "all", "partial"],
)
def test_commit_in_a_linked_worktree_reads_its_own_index(
    committed: Path, tmp_path_factory: pytest.TempPathFactory, args: tuple[str, ...], expected: set[str]
) -> None:
    other = tmp_path_factory.mktemp("worktree") / "wt"
    git(committed, "worktree", "add", "-q", str(other))
    (other / "README.md").write_text("changed in the worktree")
    git(other, "add", "README.md")
    (other / "new.md").write_text("staged, not in a partial commit")
    git(other, "add", "new.md")
    (other / "reports" / "README.md").unlink()  # deleted, not staged: only `-a` leaves it out
    seen = commit(other, *args)
    assert str(seen["GIT_INDEX_FILE"]).startswith(str(committed / ".git" / "worktrees"))
    assert seen["read"] == seen["git"] == sorted(expected)


def test_git_reads_a_path_ending_in_a_separator_as_the_folder_it_names(repo: Path) -> None:
    from reportlint.edge.git import Git

    tracked = Git()
    assert tracked.tracked(str(repo / "reports" / "README.md")) is True
    assert tracked.tracked(str(repo / "reports") + os.sep) is False  # a folder: git lists only files
    assert tracked.tracked(str(repo / "reports" / "figures" / "a.png")) is True
