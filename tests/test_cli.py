"""The command line: exact output, exit codes 0/1/2, unreadable input, and the figure checks on real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import build_report, git, invoke, line_of, png_bytes, write


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    return invoke(args, cwd)


def test_clean_report_exits_0_with_a_tally(report_dir: Path) -> None:
    path = write(report_dir, build_report())
    code, out, _ = run(str(path))
    assert (code, out) == (0, f"{path}: dtu-mlops-2025: course check 31/31 · no findings\n")


def test_findings_exit_1_one_line_each(report_dir: Path) -> None:
    text = build_report({5: " ".join(["w"] * 96)})
    path = write(report_dir, text)
    code, out, _ = run("check", str(path))
    line = line_of(text, "> Answer:", 5)
    assert code == 1
    assert out.splitlines() == [
        f"{path}:{line}:1: RL201 error: Question 5: 96 words, expected 100-200: 4 short",
        f"{path}: dtu-mlops-2025: course check 30/31 · 1 error · fails: Q5",
    ]


def test_without_files_checks_reports_readme(report_dir: Path) -> None:
    write(report_dir, build_report())
    code, out, _ = run(cwd=report_dir.parent)
    assert (code, out) == (
        0,
        f"{os.path.join('reports', 'README.md')}: dtu-mlops-2025: course check 31/31 · no findings\n",
    )


def test_without_files_or_course_layout_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run(cwd=tmp_path)
    assert code == 2
    assert "no files given and no reports/README.md here" in err.replace(os.sep, "/")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "no such file"),
        (b"\xff# not utf-8 \xe9\n", "is not UTF-8 text (byte 0xff at offset 0)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "is binary (it holds NUL bytes), not a markdown report"),
    ],
    ids=["missing", "not-utf8", "binary"],
)
def test_unreadable_file_exits_2_naming_file_and_reason(tmp_path: Path, content: bytes | None, reason: str) -> None:
    path = tmp_path / "README.md"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(str(path))
    assert (code, out, err) == (2, "", f"reportlint: {path}: {reason}\n")


def test_folder_exits_2(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path))
    assert (code, err) == (2, f"reportlint: {tmp_path}: is a folder, not a file\n")


def test_huge_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_bytes(b"word " * (2 * 1024 * 1024))
    code, _, err = run(str(path))
    assert code == 2 and err.startswith(f"reportlint: {path}: is 10.0 MB, too large for a report")


def test_unreadable_file_does_not_stop_the_others(report_dir: Path) -> None:
    path = write(report_dir, build_report({5: "w"}))
    code, out, err = run(str(report_dir / "missing.md"), str(path))
    assert code == 2
    assert "RL201" in out and "missing.md: no such file" in err


def test_other_markdown_files_are_skipped_silently(report_dir: Path) -> None:
    notes = write(report_dir, "# Notes\n\nNothing to see.\n", "NOTES.md")
    path = write(report_dir, build_report())
    code, out, _ = run(str(notes), str(path))
    assert (code, out) == (0, f"{path}: dtu-mlops-2025: course check 31/31 · no findings\n")


def test_draft_lists_unanswered_without_failing(report_dir: Path) -> None:
    text = build_report({27: "--- question 27 fill here ---"})
    path = write(report_dir, text)
    code, out, _ = run("--draft", str(path))
    assert code == 0
    assert out.splitlines() == [
        f"{path}: dtu-mlops-2025: course check 30/31 · 1 warning · 1 unanswered: Q27 "
        f"(draft: unanswered questions do not fail)",
    ]


def test_draft_still_holds_answers_to_their_limits(report_dir: Path) -> None:
    path = write(report_dir, build_report({27: "--- question 27 fill here ---", 5: "w"}))
    code, _, _ = run("--draft", str(path))
    assert code == 1


def test_unanswered_fails_without_draft(report_dir: Path) -> None:
    path = write(report_dir, build_report({27: "--- question 27 fill here ---"}))
    assert run(str(path))[0] == 1


def test_template_is_detected_per_report(report_dir: Path) -> None:
    new = write(report_dir, build_report())
    old = write(report_dir, build_report(template="dtu-mlops-2023"), "old.md")
    code, out, _ = run(str(new), str(old))
    assert code == 0
    assert out.splitlines() == [
        f"{new}: dtu-mlops-2025: course check 31/31 · no findings",
        f"{old}: dtu-mlops-2023: course check 27/27 · no findings",
    ]


def test_template_option_wins_over_detection(report_dir: Path) -> None:
    path = write(report_dir, build_report(template="dtu-mlops-2023"))
    code, out, _ = run("--template", "dtu-mlops-2025", str(path))
    assert code == 1
    assert out.splitlines()[-1] == (
        f"{path}: dtu-mlops-2025: course check stops with an error · 12 errors · fails: Q6, Q24, Q25, Q26, Q28, Q29, "
        f"Q30, Q31"
    )


def test_json_document_has_the_documented_keys(report_dir: Path) -> None:
    text = build_report({5: " ".join(["w"] * 96)})
    path = write(report_dir, text)
    code, out, _ = run("--format", "json", str(path))
    document = json.loads(out)
    assert code == 1
    report = document["reports"][0]
    assert (report["path"], report["template"]) == (str(path), "dtu-mlops-2025")
    question = report["questions"][4]
    assert question == {
        "number": 5,
        "state": "fail",
        "line": line_of(text, "### Question 5"),
        "answer_start": line_of(text, "> Answer:", 5),
        "answer_end": line_of(text, "### Question 6") - 1,
        "words": 96,
        "images": 0,
        "words_range": [100, 200],
        "images_range": None,
        "passed": False,
        "unanswered": False,
    }
    assert report["findings"] == [
        {
            "path": str(path),
            "line": line_of(text, "> Answer:", 5),
            "column": 1,
            "code": "RL201",
            "name": "too-few-words",
            "severity": "error",
            "message": "Question 5: 96 words, expected 100-200: 4 short",
            "question": 5,
        }
    ]
    assert document["errors"] == []


def test_a_bom_counts_among_the_43_characters_the_graders_page_drops(report_dir: Path) -> None:
    title = "# Gearwatch: condition monitoring for wind turbine gearboxes\n\n"  # not the template's title line
    path = report_dir / "README.md"
    path.write_bytes(b"\xef\xbb\xbf" + (title + build_report()).encode("utf-8"))
    code, out, _ = run(str(path))
    assert code == 0  # RL610 is a warning
    assert "here '\\ufeff# Gearwatch: condition monitoring for wind', leaving 'turbine gearboxes'" in out


def test_checker_never_writes_the_file(report_dir: Path) -> None:
    data = build_report({5: "w"}, newline="\r\n").encode("utf-8")
    path = report_dir / "README.md"
    path.write_bytes(data)
    before = sorted(p.name for p in report_dir.rglob("*"))
    run(str(path))
    assert path.read_bytes() == data
    assert sorted(p.name for p in report_dir.rglob("*")) == before


def test_console_script_prints_unencodable_characters(report_dir: Path) -> None:
    text = build_report({5: "Skærmbillede 🤗 " + " ".join(["w"] * 10)})
    path = write(report_dir, "\n" + text, "Skærm 🤗.md")
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}  # a Windows console's code page
    result = subprocess.run([sys.executable, "-m", "reportlint", str(path)], capture_output=True, env=env, check=False)
    assert result.returncode == 1, result.stderr
    assert b"Traceback" not in result.stderr
    assert "Skærm \\U0001f917.md:".encode("cp1252") in result.stdout


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("reportlint ")


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "a.md"],
        ["check", "rules", "reports/README.md", "html"],
        ["check", "Q 1.md"],
        ["check", "--hook", "a.md", "b.png"],
    ],
)
def test_plain_check_skips_the_parser_with_the_options_it_would_give(args: list[str]) -> None:
    import inspect

    from reportlint.commands.check import CHECK_OPTIONS, check_files
    from reportlint.commands.main import build_parser, plain_check

    options = build_parser().parse_args(args)
    assert set(vars(options)) - {"command"} == set(CHECK_OPTIONS) == set(inspect.signature(check_files).parameters)
    defaults = {
        name: p.default
        for name, p in inspect.signature(check_files).parameters.items()
        if name not in ("files", "hook")
    }
    assert plain_check(args)
    hook = "--hook" in args
    assert (options.command, options.hook, options.files) == ("check", hook, args[2:] if hook else args[1:])
    assert {name: getattr(options, name) for name in defaults} == defaults


@pytest.mark.parametrize(
    "args",
    [["check", "-"], ["check", "a.md", "--draft"], ["check", "--", "a.md"], ["html"], ["check", "a.md", "--hook"]],
)
def test_anything_but_files_goes_through_the_parser(args: list[str]) -> None:
    from reportlint.commands.main import plain_check

    assert not plain_check(args)


# Figures, on real files.


def figure_findings(report_dir: Path, answer: str) -> list[str]:
    text = build_report({19: answer})
    path = write(report_dir, text)
    _, out, _ = run(str(path))
    return [line.split(": ", 1)[1] for line in out.splitlines()[:-1]]


def test_existing_figure_passes(report_dir: Path) -> None:
    assert figure_findings(report_dir, "![bucket](figures/fig.png)") == []


def test_missing_figure(report_dir: Path) -> None:
    assert figure_findings(report_dir, "![bucket](figures/nope.png)") == [
        "RL401 error: image 'figures/nope.png' not found (looked for reports/figures/nope.png)"
    ]


def test_case_mismatch(report_dir: Path) -> None:
    assert figure_findings(report_dir, "![bucket](figures/Fig.png)") == [
        "RL402 error: image 'figures/Fig.png' is 'figures/fig.png' on disk: the letter case differs, which works on macOS "
        "and Windows but breaks on the graders' Linux"
    ]


def test_spaces_angle_brackets_percent_and_title_resolve(report_dir: Path) -> None:
    (report_dir / "figures" / "loss curve å.png").write_bytes(png_bytes())
    answer = '![a](<figures/loss curve å.png>) ![b](figures/loss%20curve%20%C3%A5.png "Loss") ![c](figures/fig.png#x)'
    assert figure_findings(report_dir, answer) == ["RL204 error: Question 19: 3 images, expected 1-2: 1 over"]


def test_absolute_path(report_dir: Path) -> None:
    assert figure_findings(report_dir, "![a](/reports/figures/fig.png)") == [
        "RL403 error: image '/reports/figures/fig.png' is an absolute path: it works on GitHub but not in the graders' "
        "copy; write it relative to the report, e.g. 'figures/fig.png'"
    ]


def test_link_out_of_reports_is_never_read(report_dir: Path) -> None:
    (report_dir.parent / "outside.png").write_bytes(png_bytes())
    assert figure_findings(report_dir, "![a](../outside.png)") == [
        "RL404 error: image '../outside.png' is outside reports/: only that folder is scraped for grading; copy the file "
        "into reports/figures/"
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlink_out_of_reports_is_never_read(report_dir: Path) -> None:
    secret = report_dir.parent / "secret.png"
    secret.write_bytes(b"not an image at all")
    (report_dir / "figures" / "link.png").symlink_to(secret)
    assert figure_findings(report_dir, "![a](figures/link.png)") == [
        "RL404 error: image 'figures/link.png' is a link that leads outside reports/: only that folder is scraped"
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlinked_folder_out_of_reports_is_never_read(report_dir: Path) -> None:
    elsewhere = report_dir.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "plot.png").write_bytes(b"not an image at all")
    (report_dir / "plots").symlink_to(elsewhere)
    assert figure_findings(report_dir, "![a](plots/plot.png)") == [
        "RL404 error: image 'plots/plot.png' is a link that leads outside reports/: only that folder is scraped"
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlink_that_stays_inside_reports_is_read(report_dir: Path) -> None:
    (report_dir / "figures" / "same.png").symlink_to(report_dir / "figures" / "fig.png")
    assert figure_findings(report_dir, "![a](figures/same.png)") == []


def test_figures_in_plain_folders_are_checked_without_resolving_paths(
    report_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    resolved: list[str] = []
    realpath = os.path.realpath

    def counting(path: str) -> str:
        resolved.append(path)
        return realpath(path)

    monkeypatch.setattr(os.path, "realpath", counting)
    (report_dir / "figures" / "other.png").write_bytes(png_bytes())
    assert figure_findings(report_dir, "![a](figures/fig.png) ![b](figures/other.png)") == []
    assert resolved == []


def test_figures_in_plain_folders_are_checked_without_an_lstat_each(
    report_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    looked_at: list[str] = []
    lstat = os.lstat

    def counting(path: str, *args: Any, **kwargs: Any) -> os.stat_result:
        looked_at.append(os.fspath(path))
        return lstat(path, *args, **kwargs)

    monkeypatch.setattr(os, "lstat", counting)
    (report_dir / "figures" / "other.png").write_bytes(png_bytes())
    assert figure_findings(report_dir, "![a](figures/fig.png) ![b](figures/other.png)") == []
    figures = str(report_dir / "figures")
    assert [path for path in looked_at if path.startswith(figures)] == []  # its listing told they are no links


def test_extension_not_allowed(report_dir: Path) -> None:
    (report_dir / "figures" / "arch.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert figure_findings(report_dir, "![a](figures/arch.svg)") == [
        "RL405 warning: image 'figures/arch.svg' has extension '.svg': the template allows .png, .jpg, .jpeg"
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (
            b"version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 12\n",
            "it is a Git LFS pointer (the picture itself is not in the repository)",
        ),
        (b"<!DOCTYPE html><html><body>404</body></html>", "it is an HTML page saved under an image name"),
    ],
    ids=["empty", "lfs-pointer", "html-page"],
)
def test_not_an_image(report_dir: Path, content: bytes, reason: str) -> None:
    (report_dir / "figures" / "bad.png").write_bytes(content)
    assert figure_findings(report_dir, "![a](figures/bad.png)") == [
        f"RL406 error: image 'figures/bad.png' is not an image: {reason}"
    ]


def test_jpeg_saved_as_png_is_fine(report_dir: Path) -> None:
    (report_dir / "figures" / "photo.png").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    assert figure_findings(report_dir, "![a](figures/photo.png)") == []


def test_upper_case_extension_is_allowed(report_dir: Path) -> None:
    (report_dir / "figures" / "shot.PNG").write_bytes(png_bytes())
    assert figure_findings(report_dir, "![a](figures/shot.PNG)") == []


def test_remote_url(report_dir: Path) -> None:
    assert figure_findings(report_dir, "![a](https://example.org/shot.png)") == [
        "RL407 warning: image 'https://example.org/shot.png' is a remote URL: the graders' copy may not show it; commit the "
        "file under reports/figures/ and link it relatively"
    ]


def test_template_example_link(report_dir: Path) -> None:
    assert figure_findings(report_dir, "![my_image](figures/<image>.<extension>)") == [
        "RL408 error: image 'figures/<image>.<extension>' is the template's example link: link your own figure"
    ]


def test_html_img_tags_are_checked_and_not_counted_by_the_course(report_dir: Path) -> None:
    found = figure_findings(report_dir, '![a](figures/fig.png)\n<img src="figures/none.png" width="50">')
    assert found == [
        "RL401 error: image 'figures/none.png' not found (looked for reports/figures/none.png)",
        "RL505 warning: Question 19: the course checker does not count this <img> tag: use ![alt](figures/none.png) to have "
        "it counted",
    ]


def test_untracked_figure_in_a_git_work_tree(report_dir: Path) -> None:
    root = report_dir.parent
    git(root, "init", "-q")
    (report_dir / "figures" / "new.png").write_bytes(png_bytes())
    git(root, "add", "reports/figures/fig.png")
    found = figure_findings(report_dir, "![a](figures/fig.png) ![b](figures/new.png)")
    assert found == [
        "RL409 error: image 'figures/new.png' is not tracked by git, so it will be missing from the graders' "
        "copy: `git add` it"
    ]
    git(root, "add", "reports/figures/new.png")
    assert figure_findings(report_dir, "![a](figures/fig.png) ![b](figures/new.png)") == []


def test_git_index_is_read_once_per_repository(report_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlint.edge import git as files

    git(report_dir.parent, "init", "-q")
    git(report_dir.parent, "add", ".")
    calls: list[str] = []
    from reportlint.edge.gitindex import indexed_paths as real

    def counted(root: str) -> frozenset[str] | None:
        calls.append(root)
        return real(root)

    monkeypatch.setattr(files, "indexed_paths", counted)
    first = write(report_dir, build_report({19: "![a](figures/fig.png)\n![b](figures/fig.png)"}))
    second = write(report_dir, build_report(), "other.md")
    run(str(first), str(second))
    assert len(calls) == 1


def test_git_is_asked_once_when_the_index_cannot_be_read(report_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlint.edge import git as files

    git(report_dir.parent, "init", "-q")
    git(report_dir.parent, "add", ".")
    git(report_dir.parent, "update-index", "--split-index")  # entries in a shared file: left to git
    calls: list[str] = []
    real = files._ls_files

    def counted(root: str) -> frozenset[str] | None:
        calls.append(root)
        return real(root)

    monkeypatch.setattr(files, "_ls_files", counted)
    first = write(report_dir, build_report({19: "![a](figures/fig.png)\n![b](figures/nope.png)"}))
    second = write(report_dir, build_report(), "other.md")
    _code, out, _ = run(str(first), str(second))
    assert len(calls) == 1
    assert "RL401" in out and "RL409" not in out


def test_many_reports_are_checked_on_every_core_with_the_same_output(report_dir: Path) -> None:
    from reportlint.edge.batch import PARALLEL_FROM

    paths = [write(report_dir, build_report(), f"r{index:03d}.md") for index in range(PARALLEL_FROM + 10)]
    failing = write(report_dir, build_report({5: "w"}), "r100.md")
    result = subprocess.run(
        [sys.executable, "-m", "reportlint", *map(str, paths)], capture_output=True, text=True, check=False
    )
    lines = result.stdout.splitlines()
    assert result.returncode == 1, result.stderr
    assert lines[0].startswith(f"{failing}:") and "RL201 error: Question 5: 1 word, expected 100-200" in lines[0]
    assert lines[1:] == [
        f"{path}: dtu-mlops-2025: course check {30 if path == str(failing) else 31}/31 · "
        + ("1 error · fails: Q5" if path == str(failing) else "no findings")
        for path in sorted(map(str, paths))
    ]
