"""The Python API: check a text or a file, get the findings and the course's verdict, as the command prints them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import reportlint
from conftest import FIXTURES, build_report, invoke, write
from reportlint.output.text import finding_line


@pytest.fixture
def failing(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    shutil.copytree(FIXTURES / "fail-figures", folder)
    return folder / "README.md"


def test_check_file_gives_what_the_command_prints(failing: Path) -> None:
    result = reportlint.check_file(str(failing))
    assert result is not None
    printed = invoke(["check", str(failing)]).stdout.splitlines()[:-1]
    assert [finding_line(finding) for finding in result.findings] == printed


def test_check_file_gives_the_course_verdict_and_reportlints(failing: Path) -> None:
    result = reportlint.check_file(str(failing))
    assert result is not None
    assert (result.course.passed, result.course.total, result.course.error) == (31, 31, None)
    assert (result.verdict.fails, result.verdict.errors, result.verdict.warnings) == (True, 8, 2)
    assert result.template.name == "dtu-mlops-2025"


def test_check_text_checks_the_text_alone_without_figures() -> None:
    text = build_report({5: "too short", 19: "![a](figures/none.png)"})
    result = reportlint.check_text(text, path="reports/README.md")
    assert result is not None
    assert [(finding.code, finding.question, finding.path) for finding in result.findings] == [
        ("RL201", 5, "reports/README.md")
    ]


def test_options_are_the_command_lines() -> None:
    text = build_report({27: "--- question 27 fill here ---"})
    drafted = reportlint.check_text(text, draft=True)
    strict = reportlint.check_text(build_report({10: "---\n" + " ".join(["w"] * 60) + "\n---"}), strict=True)
    older = reportlint.check_text(build_report(template="dtu-mlops-2023"), "dtu-mlops-2025")
    assert drafted is not None and strict is not None and older is not None
    assert (drafted.verdict.fails, strict.verdict.fails, older.template.name) == (False, True, "dtu-mlops-2025")


def test_text_or_file_that_is_no_report_gives_none(tmp_path: Path) -> None:
    notes = write(tmp_path, "# Notes\n")
    assert (reportlint.check_text("# Notes\n"), reportlint.check_file(str(notes))) == (None, None)


def test_a_file_that_cannot_be_read_raises_read_error_saying_why(tmp_path: Path) -> None:
    with pytest.raises(reportlint.ReadError, match="no such file"):
        reportlint.check_file(str(tmp_path / "missing.md"))


def test_a_broken_configuration_raises_config_error(report_dir: Path) -> None:
    (report_dir / ".reportlint.toml").write_text("draft = 3\n")
    path = write(report_dir, build_report())
    with pytest.raises(reportlint.ConfigError, match="draft: must be true or false"):
        reportlint.check_file(str(path))


def test_one_checker_reads_a_repositorys_git_index_once_for_many_files(
    report_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportlint.edge import git
    from reportlint.edge.gitindex import indexed_paths

    subprocess.run(["git", "init", "-q"], cwd=report_dir.parent, check=True)
    calls: list[str] = []

    def counted(root: str) -> frozenset[str] | None:
        calls.append(root)
        return indexed_paths(root)

    monkeypatch.setattr(git, "indexed_paths", counted)
    checker = reportlint.Checker()
    for index in range(3):
        checker.check(str(write(report_dir, build_report(), f"r{index}.md")))
    assert len(calls) == 1


def test_importing_reportlint_imports_no_check() -> None:
    """`import reportlint` stays as cheap as the hook needs: the API loads on first use."""
    code = "import sys, reportlint; print(any(name.startswith('reportlint.') for name in sys.modules))"
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ran.stdout == "False\n"


def test_every_documented_name_is_there() -> None:
    assert all(getattr(reportlint, name) is not None for name in reportlint.__all__)
    with pytest.raises(AttributeError):
        reportlint.no_such_name  # noqa: B018
