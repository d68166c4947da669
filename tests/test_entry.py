"""The program's entry: the hook's plain call runs without click, with exactly the click command's results."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, build_report, write
from reportlint.entry import plain_check

CLICK_ONLY = "import sys; from reportlint.commands.main import main; sys.argv[0] = 'reportlint'; main()"


def run(args: list[str], via_click: bool) -> tuple[int, str, str]:
    command = [sys.executable, "-c", CLICK_ONLY] if via_click else [sys.executable, "-m", "reportlint"]
    result = subprocess.run([*command, *args], capture_output=True, text=True, check=False)
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("args", "plain"),
    [
        (["a.md"], (["a.md"], False, "text")),
        (["check", "a.md", "b.md"], (["a.md", "b.md"], False, "text")),
        (["--draft", "a.md", "--format", "json"], (["a.md"], True, "json")),
        (["--format=github", "a.md"], (["a.md"], False, "github")),
        (["a.md", "--template", "infer"], None),
        (["--format", "xml", "a.md"], None),
        (["--help"], None),
        (["--draft"], None),
        ([], None),
        (["summary", "groups"], None),
        (["--", "-odd.md"], None),
    ],
    ids=[
        "one-file",
        "check-two",
        "draft-json",
        "format-equals",
        "template",
        "bad-format",
        "help",
        "no-files",
        "empty",
        "other-command",
        "double-dash",
    ],
)
def test_which_calls_take_the_plain_path(args: list[str], plain: tuple[list[str], bool, str] | None) -> None:
    assert plain_check(args) == plain


@pytest.mark.parametrize(
    "extra",
    [[], ["--draft"], ["--format", "json"], ["--format", "github"]],
    ids=["text", "draft", "json", "github"],
)
def test_plain_path_prints_what_the_click_command_prints(tmp_path: Path, extra: list[str]) -> None:
    report = write(tmp_path, build_report({5: "w", 27: "--- question 27 fill here ---"}))
    args = [*extra, str(report), str(FIXTURES / "fail-length" / "README.md"), str(tmp_path / "missing.md")]
    assert run(args, via_click=False) == run(args, via_click=True)


def test_plain_path_does_not_import_click(report_dir: Path) -> None:
    report = write(report_dir, build_report())
    probe = (
        "import sys; sys.argv = ['reportlint', sys.argv[1]]\nfrom reportlint import entry\ntry: entry.main()\n"
        "except SystemExit as done: assert done.code == 0\nassert 'click' not in sys.modules, 'click imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", probe, str(report)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
