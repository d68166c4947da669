"""The hook manifest: each hook's files match real report names, its entry holds all it needs, the README
shows it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from identify.identify import tags_from_filename

PROJECT = Path(__file__).resolve().parents[1]
HOOKS = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
README = (PROJECT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("hook", HOOKS, ids=[hook["id"] for hook in HOOKS])
def test_hook_runs_on_the_names_real_reports_have(hook: dict[str, object]) -> None:
    for name in ("reports/README.md", "reports/reports.md", "report/README.md", "README.md", "CHECKLIST.md"):
        assert set(types(hook)) <= tags_from_filename(name), name
    assert not set(types(hook)) <= tags_from_filename("reports/figures/loss.png")


def types(hook: dict[str, object]) -> list[str]:
    listed = hook["types"]
    assert isinstance(listed, list)
    return [str(kind) for kind in listed]


@pytest.mark.parametrize("hook", HOOKS, ids=[hook["id"] for hook in HOOKS])
def test_everything_the_hook_needs_is_in_its_entry(hook: dict[str, object]) -> None:
    assert "args" not in hook  # a group's own args replace the manifest's
    assert hook["language"] == "python" and hook["pass_filenames"] is True
    assert str(hook["entry"]).startswith("reportlint ")


@pytest.mark.parametrize("hook", HOOKS, ids=[hook["id"] for hook in HOOKS])
def test_readme_shows_every_hook(hook: dict[str, object]) -> None:
    assert f"- id: {hook['id']}" in README
