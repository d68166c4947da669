"""`reportlint completion bash|zsh`: the script completes commands, options, their values and files, from the
parser itself. Bash runs the function as it would on <Tab>; zsh loads it through bashcompinit."""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES, invoke
from reportlint.commands.main import build_parser
from reportlint.rules import RULES

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")


def complete(words: list[str], cwd: Path = FIXTURES) -> list[str]:
    """What bash offers for the last of `words` (the word being typed), with the script loaded."""
    script = invoke(["completion", "bash"]).stdout
    line = " ".join(f"'{word}'" for word in words)
    program = (
        f'{script}\nCOMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; _reportlint; printf "%s\\n" "${{COMPREPLY[@]}}"'
    )
    ran = subprocess.run(["bash", "-c", program], cwd=cwd, capture_output=True, text=True, check=True)
    return sorted(filter(None, ran.stdout.splitlines()))


def test_first_word_is_a_command_or_a_file() -> None:
    assert complete(["reportlint", "pass-20"]) == ["pass-2023", "pass-2025"]
    assert complete(["reportlint", "su"]) == ["summary"]


def test_options_of_the_command_being_typed() -> None:
    assert complete(["reportlint", "check", "--st"]) == ["--statistics", "--strict"]
    assert complete(["reportlint", "html", "--emb"]) == ["--embed-images"]
    assert complete(["reportlint", "--dr"]) == ["--draft"]  # `reportlint FILES` is `reportlint check FILES`


def test_option_values_come_from_the_parsers_choices() -> None:
    assert complete(["reportlint", "check", "--format", ""]) == ["github", "json", "sarif", "text"]
    assert complete(["reportlint", "summary", "--format", "c"]) == ["csv"]
    assert complete(["reportlint", "completion", ""]) == ["bash", "zsh"]


def test_template_values_are_the_built_in_names_or_a_file() -> None:
    assert complete(["reportlint", "check", "--template", "dtu-mlops-202"]) == ["dtu-mlops-2023", "dtu-mlops-2025"]
    assert complete(["reportlint", "check", "--template", "READ"]) == ["README.md"]


def test_rules_completes_codes() -> None:
    assert complete(["reportlint", "rules", "RL10"]) == sorted(code for code in RULES if code.startswith("RL10"))


def test_every_option_of_every_command_is_offered() -> None:
    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)).choices
    offered = {word.strip('"') for word in invoke(["completion", "bash"]).stdout.split()}
    for command in commands.values():
        for action in command._actions:
            assert set(action.option_strings) <= offered, action.option_strings


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_registers_the_completion_through_bashcompinit(tmp_path: Path) -> None:
    script = tmp_path / "reportlint.zsh"
    script.write_text(invoke(["completion", "zsh"]).stdout)
    program = (
        f"autoload -U compinit && compinit -u -d {tmp_path}/zcompdump; source {script}; print -r -- $_comps[reportlint]"
    )
    ran = subprocess.run(["zsh", "-f", "-c", program], capture_output=True, text=True, check=True)
    assert ran.stdout == "_bash_complete -o filenames -F _reportlint\n"
