"""`reportlint check --hook`, what the pre-commit hook runs: the staged reports, and the reports that link a
staged figure, whether it was added, changed or deleted."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import build_report, git, init_repo, invoke, png_bytes, write
from reportlint import lint
from reportlint.commands import hookfiles
from reportlint.edge import staged
from reportlint.reading import report

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
LINKED = {19: "![bucket](figures/fig.png)", 20: "![loss](figures/Loss.png)"}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A group's repository with a passing report that links two figures (one in another letter case), a
    figure nothing links, and a project README that is no report; all committed."""
    root = init_repo(tmp_path / "group")
    figures = root / "reports" / "figures"
    figures.mkdir(parents=True)
    for name in ("fig.png", "Loss.png", "unused.png"):
        (figures / name).write_bytes(png_bytes())
    write(root / "reports", build_report(LINKED))
    write(root, "# Our project\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "report")
    return root


def hook(repo: Path, *staged: str) -> tuple[int, list[str]]:
    ran = invoke(["check", "--hook", *staged], repo)
    return ran.exit_code, [line.split(": ", 1)[1] for line in ran.stdout.splitlines()]


def test_nothing_staged_that_concerns_a_report_checks_nothing(repo: Path) -> None:
    (repo / "reports" / "README.md").write_text("### Question 1\nbroken on disk, not staged\n")
    assert hook(repo) == (0, [])
    assert hook(repo, "README.md") == (0, [])  # markdown that is no report


def test_a_changed_figure_brings_in_the_report_that_links_it(repo: Path) -> None:
    (repo / "reports" / "figures" / "fig.png").write_bytes(b"")
    git(repo, "add", "-A")
    code, lines = hook(repo, "reports/figures/fig.png")
    assert (code, lines[0]) == (1, "RL406 error: image 'figures/fig.png' is not an image: the file is empty")


def test_a_figure_linked_in_another_letter_case_brings_in_its_report(repo: Path) -> None:
    assert hook(repo, "reports/figures/Loss.png")[1][-1].startswith("dtu-mlops-2025: course check 31/31")


def test_a_figure_no_report_links_checks_nothing(repo: Path) -> None:
    assert hook(repo, "reports/figures/unused.png") == (0, [])


def test_a_staged_deletion_of_a_linked_figure_is_caught(repo: Path) -> None:
    git(repo, "rm", "-q", "reports/figures/fig.png")
    code, lines = hook(repo)  # pre-commit passes no deleted file
    assert (code, lines[0]) == (
        1,
        "RL401 error: image 'figures/fig.png' not found (looked for reports/figures/fig.png)",
    )


def test_a_figure_removed_from_git_but_kept_on_disk_is_caught(repo: Path) -> None:
    git(repo, "rm", "-q", "--cached", "reports/figures/fig.png")
    assert hook(repo)[1][0].startswith("RL409 error: image 'figures/fig.png' is not tracked by git")


def test_a_report_staged_with_its_figure_is_checked_once(repo: Path) -> None:
    code, lines = hook(repo, "reports/README.md", "reports/figures/fig.png", "reports/figures/Loss.png")
    assert (code, lines) == (0, ["dtu-mlops-2025: course check 31/31 · no findings"])


def test_reports_are_looked_for_up_to_the_top_of_the_work_tree(repo: Path) -> None:
    write(repo, build_report({19: "![a](reports/figures/fig.png)"}), "REPORT.md")  # a report at the top
    git(repo, "rm", "-q", "reports/figures/fig.png")
    ran = invoke(["check", "--hook"], repo)
    assert ran.exit_code == 1
    assert sorted({line.split(":")[0] for line in ran.stdout.splitlines() if "RL401" in line}) == [
        "REPORT.md",
        "reports/README.md",
    ]


def test_before_the_first_commit_nothing_can_be_deleted(tmp_path: Path) -> None:
    root = init_repo(tmp_path / "new")
    assert hook(root) == (0, [])


def test_outside_a_git_work_tree_the_figures_folder_is_searched(tmp_path: Path) -> None:
    figures = tmp_path / "figures"
    figures.mkdir()
    (figures / "fig.png").write_bytes(b"")
    write(figures, build_report({19: "![a](fig.png)"}))
    lines = hook(tmp_path, "figures/fig.png")[1]
    assert "RL406 error: image 'fig.png' is not an image: the file is empty" in lines


def git_is_not_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    def asked(folder: str = ".") -> list[str]:
        raise AssertionError("git was asked for staged deletions")

    monkeypatch.setattr(hookfiles, "staged_deletions", asked)


def git_is_asked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = staged.staged_deletions

    def counted(folder: str = ".") -> list[str]:
        calls.append(1)
        return real(folder)

    monkeypatch.setattr(hookfiles, "staged_deletions", counted)
    return calls


def test_with_every_linked_figure_in_the_index_git_is_not_asked(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git_is_not_asked(monkeypatch)
    assert hook(repo, "reports/README.md") == (0, ["dtu-mlops-2025: course check 31/31 · no findings"])
    assert hook(repo, "reports/figures/fig.png")[1] == ["dtu-mlops-2025: course check 31/31 · no findings"]


def test_a_commit_staging_no_report_or_figure_asks_git_at_once(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = git_is_asked(monkeypatch)  # cheaper than importing what reads a report
    assert hook(repo) == (0, [])
    assert calls == [1]


def test_a_linked_figure_missing_from_the_index_asks_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(repo / "reports", build_report({**LINKED, 21: "![new](figures/new.png)"}))  # never added
    git(repo, "add", "reports/README.md")
    calls = git_is_asked(monkeypatch)
    code, lines = hook(repo, "reports/README.md")
    assert calls == [1]
    assert (code, lines[0]) == (
        1,
        "RL401 error: image 'figures/new.png' not found (looked for reports/figures/new.png)",
    )


def test_a_link_leading_out_of_the_work_tree_needs_no_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(repo / "reports", build_report({**LINKED, 21: "![out](../../elsewhere.png)"}))
    git(repo, "add", "reports/README.md")
    git_is_not_asked(monkeypatch)
    assert "RL404" in " ".join(hook(repo, "reports/README.md")[1])


def test_with_many_tracked_markdown_files_git_is_asked_instead(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = repo / "docs"
    docs.mkdir()
    for number in range(hookfiles.MOST_READ):
        (docs / f"page{number}.md").write_text("# A page\n", encoding="utf-8")
    git(repo, "add", "-A")
    calls = git_is_asked(monkeypatch)
    assert hook(repo, "reports/README.md")[0] == 0
    assert calls == [1]


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_an_index_that_is_a_fifo_is_not_waited_on(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = repo / ".git" / "index"
    index.unlink()
    os.mkfifo(index)
    git_is_not_asked(monkeypatch)  # git would wait on it too
    assert hook(repo) == (0, [])


def test_the_hooks_call_imports_no_typing_subprocess_argparse_or_importlib(repo: Path) -> None:
    """What every commit pays for at start: these three cost about as much as Python's own start-up."""
    probe = (
        "import sys\nbefore = set(sys.modules)\nimport reportlint.commands.main as c\n"  # coverage may import them first
        "sys.argv = ['reportlint', 'check', '--hook', 'reports/README.md']\nc.main()\n"
        "print(sorted({'typing', 'subprocess', 'argparse', 'importlib', 'warnings'} & (set(sys.modules) - before)))\n"
    )
    ran = subprocess.run([sys.executable, "-c", probe], cwd=repo, capture_output=True, text=True, check=False)
    assert ran.stdout.splitlines()[-1] == "[]", ran.stdout + ran.stderr
    assert "course check 31/31" in ran.stdout


def test_a_report_is_read_for_its_links_once_per_run(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    real = hookfiles._linked

    def counted(report: str, models: hookfiles.Read) -> list[str]:
        read.append(os.path.basename(os.path.dirname(os.path.abspath(report))))
        return real(report, models)

    monkeypatch.setattr(hookfiles, "_linked", counted)
    hook(repo, "reports/figures/fig.png")  # the proof that no deletion matters, then the figure's reports
    assert read.count("reports") == 1


def test_a_staged_report_read_for_its_links_is_not_parsed_again(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "reports" / "figures" / "fig.png").write_bytes(b"")
    git(repo, "add", "-A")
    parsed: list[str] = []
    real = report.read

    def counted(text: str) -> report.Report:
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(report, "read", counted)
    monkeypatch.setattr(lint, "read", counted)
    code, lines = hook(repo, "reports/README.md", "reports/figures/fig.png")
    assert (code, lines[0]) == (1, "RL406 error: image 'figures/fig.png' is not an image: the file is empty")
    # read for the proof that no deletion matters, with the project's README; the check takes that model
    assert sorted(parsed) == sorted(["# Our project\n", (repo / "reports" / "README.md").read_text(encoding="utf-8")])
