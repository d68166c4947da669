"""RL41x: relative links to files, not only images, must reach a file, and reach it inside `reports/`."""

from __future__ import annotations

from pathlib import Path

from conftest import build_report, invoke, line_of, write


def link_lines(report_dir: Path, answer: str) -> list[str]:
    path = write(report_dir, build_report({15: " ".join(["w"] * 120) + "\n\n" + answer}))
    out = invoke(["check", str(path)]).stdout.splitlines()[:-1]
    return [line.split(": ", 1)[1] for line in out if " RL41" in line]


def test_a_link_to_a_missing_file_is_broken_on_github_too(report_dir: Path) -> None:
    assert link_lines(report_dir, "See [the log](figures/log.txt).") == [
        "RL410 error: link 'figures/log.txt' leads to no file (looked for reports/figures/log.txt): it is broken on "
        "GitHub too"
    ]


def test_a_link_to_an_existing_file_in_reports_is_fine(report_dir: Path) -> None:
    (report_dir / "figures" / "log.txt").write_text("log\n")
    assert link_lines(report_dir, "See [the log](figures/log.txt) and [the top](#top).") == []


def test_a_link_out_of_reports_works_only_on_github(report_dir: Path) -> None:
    (report_dir.parent / "dockerfiles").mkdir()
    (report_dir.parent / "dockerfiles" / "train.dockerfile").write_text("FROM python\n")
    assert link_lines(report_dir, "See [it](../dockerfiles/train.dockerfile).") == [
        "RL411 warning: link '../dockerfiles/train.dockerfile' leads out of reports/: it works on GitHub but not in "
        "the copy of reports/ the graders scrape; link the file's GitHub address instead"
    ]


def test_a_link_out_of_reports_to_nothing_is_broken(report_dir: Path) -> None:
    assert [line.split()[0] for line in link_lines(report_dir, "See [it](../dockerfiles/none.dockerfile).")] == [
        "RL410"
    ]


def test_links_in_code_web_links_and_images_are_not_file_links(report_dir: Path) -> None:
    answer = "`[x](missing.txt)` and [web](https://example.org/x) and ![fig](figures/fig.png)\n\n    [x](missing.txt)"
    assert link_lines(report_dir, answer) == []


def test_the_finding_is_at_the_links_line_and_column(report_dir: Path) -> None:
    text = build_report({15: " ".join(["w"] * 120) + "\n\nSee [the log](figures/log.txt)."})
    path = write(report_dir, text)
    first = invoke(["check", str(path)]).stdout.splitlines()[0]
    assert first.startswith(f"{path}:{line_of(text, '[the log]')}:5: RL410 error:")
