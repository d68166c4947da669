"""The README's hook snippet works as written: its `rev` is a commit of this repository's history that holds the
current release, and real pre-commit installs the hook from a clone at that `rev` and commits with it.

The snippet is used exactly as the README reads, with only the address replaced by the clone's: this is what a
group that copies it gets once the repository is published.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import FIXTURES, PROJECT, commit, git, init_repo
from reportlint import __version__

README = (PROJECT / "README.md").read_text(encoding="utf-8")
ADDRESS = "https://github.com/OWNER/reportlint"
SNIPPET = re.compile(r"^( *)```yaml\n(.*?)^\1```", re.DOTALL | re.MULTILINE)


def quick_start() -> str:
    """The quick start's `.pre-commit-config.yaml`, the first YAML block after its heading, out of its list item."""
    block = SNIPPET.search(README.split("## Quick start", 1)[1])
    assert block is not None
    snippet = textwrap.dedent(block.group(2))
    assert snippet.startswith("repos:\n")
    return snippet


def snippet_rev() -> str:
    found = re.search(r"^\s*rev: (\S+)  # frozen: v(\S+)$", quick_start(), re.MULTILINE)
    assert found is not None, "the snippet pins a rev with its release in a `# frozen:` comment"
    assert found.group(2) == __version__, "the snippet names the current release"
    return found.group(1)


def test_the_snippet_pins_a_commit_hash_and_the_current_release() -> None:
    assert re.fullmatch(r"[0-9a-f]{40}", snippet_rev())


def test_every_snippet_uses_the_same_address_and_rev() -> None:
    rev = snippet_rev()
    assert set(re.findall(r"^\s*rev: (\S+)", README, re.MULTILINE)) == {rev}
    assert set(re.findall(r"git\+https://\S+?@([0-9a-f]+)", README)) == {rev}
    addresses = set(re.findall(r"https://github\.com/[^/\s]+/reportlint\b", README))
    project = (PROJECT / "pyproject.toml").read_text(encoding="utf-8")
    assert addresses | set(re.findall(r"https://github\.com/[^/\s]+/reportlint\b", project)) == {ADDRESS}


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of this repository, as a group's pre-commit would fetch it; skips where there is no history."""
    if shutil.which("git") is None or not (PROJECT / ".git").exists():
        pytest.skip("needs this repository's git history")
    target = tmp_path_factory.mktemp("published") / "reportlint"
    subprocess.run(["git", "clone", "-q", str(PROJECT), str(target)], check=True, capture_output=True)
    if git(target, "rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        pytest.skip("a shallow clone does not hold the release commit")
    return target


def test_the_rev_is_in_this_history_and_holds_the_release(clone: Path) -> None:
    rev = snippet_rev()
    ancestor = subprocess.run(["git", "merge-base", "--is-ancestor", rev, "HEAD"], cwd=clone, check=False)
    assert ancestor.returncode == 0, (
        f"the README's rev {rev} is not in this history (were its commits rebased?): set every `rev:` and `@` in the "
        "README to the release commit's new hash"
    )
    released = git(clone, "show", f"{rev}:pyproject.toml").stdout
    assert f'version = "{__version__}"' in released
    assert f"## {__version__}\n" in git(clone, "show", f"{rev}:CHANGELOG.md").stdout


def test_pre_commit_installs_the_hook_at_the_rev_and_commits(
    clone: Path, tmp_path: Path, precommit_env: dict[str, str]
) -> None:
    group = init_repo(tmp_path / "group")
    (group / ".pre-commit-config.yaml").write_text(quick_start().replace(ADDRESS, clone.as_uri()))
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=group, check=True, capture_output=True)
    shutil.copytree(FIXTURES / "fail-length", group / "reports")
    (group / "reports" / "expected.txt").unlink()
    blocked = commit(group, precommit_env, "a report too short in places")
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "RL201 error: Question 7: 32 words, expected 50-100: 18 short" in blocked.stderr

    shutil.rmtree(group / "reports")
    shutil.copytree(FIXTURES / "pass-2025", group / "reports")
    landed = commit(group, precommit_env, "the report")
    assert landed.returncode == 0, landed.stdout + landed.stderr
    assert "reportlint (exam report checks)" in landed.stderr and "Passed" in landed.stderr
    assert git(group, "rev-list", "--count", "HEAD").stdout.strip() == "1"
