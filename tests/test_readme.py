"""The README promises: every finding code documented with a real example, the two set-up commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.rules import RULES

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_code_is_documented_with_its_name_and_example(code: str) -> None:
    rule = RULES[code]
    assert f"| `{code}` | `{rule.name}` |" in README
    assert rule.example in README


def test_readme_shows_the_hook_snippet() -> None:
    assert ".pre-commit-config.yaml" in README and "- id: reportlint" in README


def test_readme_has_the_two_setup_commands() -> None:
    assert "pip install . && reportlint fixtures/pass-2025/README.md" in README
    assert "pip install -e '.[test]' && pytest" in README


def test_every_configuration_key_is_documented() -> None:
    from reportlint.config import KEYS

    for key in KEYS:
        assert f"| `{key}" in README, key
