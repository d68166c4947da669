"""The README promises: every finding code documented with a real example, the two set-up commands, every option,
command and API name."""

from __future__ import annotations

import argparse
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


def test_every_option_of_check_is_documented() -> None:
    from reportlint.commands.main import build_parser

    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)).choices
    for action in commands["check"]._actions:
        for option in action.option_strings:
            assert option in ("-h", "--help") or f"`{option}" in README, option


def test_every_command_is_documented() -> None:
    from reportlint.commands.main import COMMANDS

    for command in COMMANDS:
        assert f"`{command}`" in README or f"reportlint {command}" in README, command


def test_the_python_api_is_documented() -> None:
    import reportlint

    for name in reportlint.__all__:
        assert name == "__version__" or f"`{name}" in README, name


def test_the_quick_start_comes_first() -> None:
    headings = [line for line in README.splitlines() if line.startswith("## ")]
    assert headings[:2] == ["## Quick start for a group", "## Working on reportlint itself"]
