"""The hook manifest: each hook's files match real report names, its entry holds all it needs, the README
shows it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from identify.identify import tags_from_filename

PROJECT = Path(__file__).resolve().parents[1]
HOOKS = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
README = (PROJECT / "README.md").read_text(encoding="utf-8")


REPORT_NAMES = ("reports/README.md", "reports/reports.md", "report/README.md", "README.md", "CHECKLIST.md")
FIGURE_NAMES = ("reports/figures/loss.png", "reports/figures/Shot.JPG", "figures/a.jpeg", "reports/arch.svg")


def runs_on(hook: dict[str, object], name: str) -> bool:
    """Whether pre-commit passes the hook a file of this name: every tag of `types` (all files without it), and
    one of `types_or`."""
    tags = tags_from_filename(name)
    every = {str(kind) for kind in hook.get("types", [])}  # type: ignore[attr-defined]
    some = {str(kind) for kind in hook.get("types_or", [])}  # type: ignore[attr-defined]
    return every <= tags and (not some or bool(some & tags))


@pytest.mark.parametrize("hook", HOOKS, ids=[hook["id"] for hook in HOOKS])
def test_hook_runs_on_the_names_real_reports_have(hook: dict[str, object]) -> None:
    for name in REPORT_NAMES:
        assert runs_on(hook, name), name
    assert not runs_on(hook, "train.py")


def test_the_check_hook_also_runs_on_figures_and_always_for_deletions() -> None:
    check = next(hook for hook in HOOKS if hook["id"] == "reportlint")
    assert all(runs_on(check, name) for name in FIGURE_NAMES)
    assert check["always_run"] is True and check["require_serial"] is True
    assert "--hook" in str(check["entry"]).split()


def test_the_page_hook_runs_on_reports_alone() -> None:
    page = next(hook for hook in HOOKS if hook["id"] == "reportlint-html")
    assert not any(runs_on(page, name) for name in FIGURE_NAMES)


@pytest.mark.parametrize("hook", HOOKS, ids=[hook["id"] for hook in HOOKS])
def test_every_hook_names_the_oldest_pre_commit_it_needs(hook: dict[str, object]) -> None:
    assert hook["minimum_pre_commit_version"] == "2.9.0"  # types_or


def test_pre_commit_accepts_the_manifest() -> None:
    checked = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(PROJECT / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize("hook", HOOKS, ids=[hook["id"] for hook in HOOKS])
def test_everything_the_hook_needs_is_in_its_entry(hook: dict[str, object]) -> None:
    assert "args" not in hook  # a group's own args replace the manifest's
    assert hook["language"] == "python" and hook["pass_filenames"] is True
    assert str(hook["entry"]).startswith("reportlint ")


@pytest.mark.parametrize("hook", HOOKS, ids=[hook["id"] for hook in HOOKS])
def test_readme_shows_every_hook(hook: dict[str, object]) -> None:
    assert f"- id: {hook['id']}" in README
