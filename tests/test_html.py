"""`reportlint html`: the graders' page as Python-Markdown makes it, the status beside each question, and a
fixer that writes one self-contained, byte-stable page atomically and never reads outside the repository."""

from __future__ import annotations

import base64
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS, FIXTURES, build_report, git, invoke, png_bytes, write
from reportlint.edge import figurefiles, pagefile
from reportlint.edge.textfile import read_bytes, read_text
from reportlint.lint import Result, lint
from reportlint.output import page as page_module
from reportlint.output.imagekind import image_kind
from reportlint.output.page import Figure, page
from reportlint.output.rawhtml import CONTROL

STATUS = re.compile(r"\n<aside class=\"rl-status[^\"]*\">.*?</aside>", re.DOTALL)
ANCHOR = re.compile(r"<h3 id=\"question-\d+(?:-\d+)?\">")
SPOT = re.compile(r'<a class="rl-spot"[^>]*>RL6\d\d</a>')


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    return invoke(["html", *args], cwd)


def checked(path: Path) -> Result:
    result = lint(read_text(str(path)), str(path), "dtu-mlops-2025")
    assert result is not None
    return result


def as_linked(target: str) -> Figure:
    return Figure(target)


def body(html: str) -> str:
    """The part of the page Python-Markdown made, with reportlint's additions (anchors, status lines, flags where
    the graders' page differs) taken out."""
    main_part = html.split('<main class="rl-report">\n', 1)[1].rsplit("\n</main>", 1)[0]
    return SPOT.sub("", ANCHOR.sub("<h3>", STATUS.sub("", main_part)))


# --- the body is the graders' page ------------------------------------------------------------------


@pytest.mark.parametrize(
    "fixture",
    [
        "pass-2025",
        "pass-2023",
        "fail-structure",
        "fail-grader-images",
        "fail-grader-cut",
        "fail-unanswered",
        "fail-page",
        "fail-page-start",
    ],
)
def test_grader_view_is_python_markdowns_own_output_minus_43_characters(fixture: str) -> None:
    path = FIXTURES / fixture / "README.md"
    text = read_text(str(path))
    html = page(checked(path), text, as_linked, "reports/README.md")
    assert body(html) == markdown.markdown(text[43:])


def test_grader_view_reads_newlines_as_python_does() -> None:
    text = build_report(newline="\r\n")
    result = lint(text, "README.md")
    assert result is not None
    assert body(page(result, text, as_linked, "README.md")) == markdown.markdown(text.replace("\r\n", "\n")[43:])


def test_page_says_which_mode_it_is_and_what_the_graders_lose() -> None:
    path = FIXTURES / "fail-page" / "README.md"  # the passing fixtures avoid what the graders' page mangles
    text = read_text(str(path))
    graders = page(checked(path), text, as_linked, "reports/README.md")
    assert (
        "<strong>Grader view</strong>: Python-Markdown's defaults, no extensions, as the course's converter makes "
        "the graders' page (fenced code and tables are not rendered as such); it drops the first 43 characters "
        "of the file (<code># Gearwatch: condition monitoring for wind </code>); figures linked relatively, as "
        "the graders' page links them."
    ) in graders
    # The graders' defaults know no fences (a shell comment in one becomes a heading) and no tables.
    assert "<p>```bash</p>\n<h1>a wider model with a smaller learning rate</h1>" in body(graders)
    assert "<table>" not in graders
    pretty = page(checked(path), text, as_linked, "reports/README.md", pretty=True, embedded=True)
    assert (
        "<strong>Pretty view</strong>: Python-Markdown with fenced code, tables and code highlighting, which "
        "the graders' page does not have; figures embedded in this file."
    ) in pretty
    assert "<table>" in pretty and "<p>```bash</p>" not in pretty
    assert body(pretty) == markdown.markdown(
        text,
        extensions=["fenced_code", "tables", "codehilite"],
        extension_configs={"codehilite": {"noclasses": True, "guess_lang": False}},
    )


def test_pretty_works_without_pygments(monkeypatch: pytest.MonkeyPatch) -> None:
    from markdown.extensions import codehilite

    monkeypatch.setattr(codehilite, "pygments", False)  # what codehilite sets when `import pygments` fails
    text = build_report({12: "Our config:\n\n```yaml\nlr: 0.001\n```"})
    result = lint(text, "README.md")
    assert result is not None
    html = page(result, text, as_linked, "README.md", pretty=True)
    assert '<pre class="codehilite"><code class="language-yaml">lr: 0.001\n</code></pre>' in html


# --- status beside each question, summary at the top ------------------------------------------------


def test_status_lines_for_a_failing_report() -> None:
    html = page(
        checked(FIXTURES / "fail-length" / "README.md"),
        read_text(str(FIXTURES / "fail-length" / "README.md")),
        as_linked,
        "reports/README.md",
    )
    assert (
        '<h3 id="question-7">Question 7</h3>\n'
        '<aside class="rl-status rl-fail"><p><span class="rl-state">fails</span> · <span>lines 164-174</span> · '
        '<span class="rl-bad">32 words of 50-100</span> · <span class="rl-count">0 images, no limit</span></p>\n'
        '<ul class="rl-findings">\n'
        '<li><span class="rl-line">line 170:1</span> <span class="rl-code">RL201 too-few-words</span> '
        "Question 7: 32 words, expected 50-100: 18 short</li>\n"
        "</ul></aside>"
    ) in html
    assert (
        '<h3 id="question-19">Question 19</h3>\n'
        '<aside class="rl-status rl-fail"><p><span class="rl-state">fails</span> · <span>lines 400-407</span> · '
        '<span class="rl-count">20 words, no limit</span> · <span class="rl-bad">0 images of 1-2</span></p>\n'
        '<ul class="rl-findings">\n'
        '<li><span class="rl-line">line 404:1</span> <span class="rl-code">RL203 too-few-images</span> '
        "Question 19: 0 images, expected 1-2: 1 short</li>\n"
        "</ul></aside>"
    ) in html
    assert (
        '<h3 id="question-8">Question 8</h3>\n<aside class="rl-status rl-pass"><p><span class="rl-state">passes</span>'
    ) in html
    assert html.count('<aside class="rl-status') == 31


def test_summary_for_a_failing_report() -> None:
    html = page(
        checked(FIXTURES / "fail-length" / "README.md"),
        read_text(str(FIXTURES / "fail-length" / "README.md")),
        as_linked,
        "reports/README.md",
    )
    assert "<h1>reports/README.md <small>dtu-mlops-2025</small></h1>" in html
    assert '<p class="rl-counts"><strong>27 of 31</strong> questions pass · 0 unanswered · 4 failing</p>' in html
    assert (
        '<ul class="rl-problems">\n'
        '<li class="rl-fail"><a href="#question-7">Question 7</a> (line 164): fails: too-few-words</li>\n'
        '<li class="rl-fail"><a href="#question-12">Question 12</a> (line 258): fails: too-many-words</li>\n'
        '<li class="rl-fail"><a href="#question-19">Question 19</a> (line 400): fails: too-few-images</li>\n'
        '<li class="rl-fail"><a href="#question-20">Question 20</a> (line 408): fails: too-many-images</li>\n'
        "</ul>"
    ) in html
    badges = re.findall(r'<a class="rl-q rl-(\w+)" href="#question-(\d+)"', html)
    assert [int(n) for _, n in badges] == list(range(1, 32))
    assert {int(n) for state, n in badges if state == "fail"} == {7, 12, 19, 20}
    for number in range(1, 32):  # every link in the summary leads somewhere
        assert f'<h3 id="question-{number}">' in html


def test_summary_lists_unanswered_missing_and_repeated_questions() -> None:
    unanswered = page(
        checked(FIXTURES / "fail-unanswered" / "README.md"),
        read_text(str(FIXTURES / "fail-unanswered" / "README.md")),
        as_linked,
        "r.md",
    )
    assert "<strong>29 of 31</strong> questions pass · 2 unanswered · 0 failing</p>" in unanswered
    assert (
        '<li class="rl-unanswered"><a href="#question-28">Question 28</a> (line 523): unanswered: unanswered</li>'
        in unanswered
    )
    assert (
        '<aside class="rl-status rl-unanswered"><p><span class="rl-state">unanswered</span> · '
        '<span>lines 523-530</span> · <span class="rl-count">0 words of 0-200</span>'
    ) in unanswered

    structure = page(
        checked(FIXTURES / "fail-structure" / "README.md"),
        read_text(str(FIXTURES / "fail-structure" / "README.md")),
        as_linked,
        "r.md",
    )
    assert "<strong>4 of 31</strong> questions pass · 0 unanswered · 26 failing · 1 missing</p>" in structure
    assert '<a class="rl-q rl-missing" title="Question 9: missing">9</a>' in structure
    assert (
        '<li class="rl-fail"><span class="rl-line">line 191:1</span> <span class="rl-code">RL101 '
        "missing-question</span> Question 9 is missing: no <code>### Question 9</code> heading between Question 8 "
        "and Question 10</li>"
    ) in structure
    assert '<h3 id="question-22">' in structure and '<h3 id="question-22-2">' in structure
    assert '<aside class="rl-status rl-extra"><p><span class="rl-state">not in the template</span>' in structure
    assert ("<span>line 128, no <code>Answer:</code> marker</span>") in structure


def test_heading_python_markdown_does_not_render_gets_its_status_in_the_summary() -> None:
    text = build_report().replace("### Question 5\n", "  ### Question 5\n")  # a heading to CommonMark, not to it
    result = lint(text, "README.md")
    assert result is not None
    html = page(result, text, as_linked, "README.md")
    assert '<li class="rl-fail" id="question-5">Question 5 (line' in html
    assert "its heading is not a heading on this page" in html
    assert "\ue000" not in html and body(html) == markdown.markdown(text[43:])


def test_question_heading_in_a_fence_is_not_taken_for_the_question() -> None:
    text = build_report({2: "Like this:\n\n```\n### Question 3\n```"})
    result = lint(text, "README.md")
    assert result is not None
    html = page(result, text, as_linked, "README.md")
    html = SPOT.sub("", html)  # the fenced heading is flagged RL601 where it stands
    assert html.count("<h3>Question 3</h3>") == 1  # the fenced one, which the graders' defaults make a heading
    assert html.index("<h3>Question 3</h3>") < html.index('<h3 id="question-3">Question 3</h3>')


def test_text_from_the_report_is_escaped_in_status_and_summary() -> None:
    text = build_report().replace("### Question 18\n", "### Question 18 <b>TODO</b>\n")
    result = lint(text, "README.md")
    assert result is not None
    html = page(result, text, as_linked, "<b>.md")
    assert "<title>&lt;b&gt;.md - reportlint</title>" in html
    assert (
        "RL106 heading-extra-text</span> Question 18 heading has extra text '&lt;b&gt;TODO&lt;/b&gt;': keep it "
        "<code>### Question 18</code></li>"
    ) in html
    assert "default-src 'none'" in html  # raw HTML in a report may hold a script: the page runs none


# --- the command: fixer exit codes, byte-identical pages, what it writes -----------------------------


def test_writes_report_html_beside_the_report_then_reports_it_up_to_date(report_dir: Path) -> None:
    path = write(report_dir, build_report({19: "![a](figures/fig.png)"}))
    page_path = report_dir / "report.html"
    assert run(str(path)) == (1, f"reportlint: wrote {page_path} (from {path}): open it in a browser\n", "")
    first = page_path.read_bytes()
    stamp = page_path.stat().st_mtime_ns
    assert run(str(path)) == (0, "", "")
    assert page_path.read_bytes() == first and page_path.stat().st_mtime_ns == stamp  # not even rewritten
    write(report_dir, build_report({19: "![a](figures/fig.png) and a changed answer"}))
    assert run(str(path))[0] == 1


@pytest.mark.parametrize("options", [[], ["--embed-images"], ["--pretty"], ["--pretty", "--embed-images"]])
def test_same_report_and_figures_give_byte_identical_pages(tmp_path: Path, options: list[str]) -> None:
    pages = []
    for copy in ("one", "two"):  # different folders: no machine path may leak into the page
        reports = tmp_path / copy / "reports"
        (reports / "figures").mkdir(parents=True)
        (reports / "figures" / "fig.png").write_bytes(png_bytes())
        path = write(reports, build_report({19: "![a](figures/fig.png)"}))
        assert run(*options, str(path))[0] == 1
        pages.append((reports / "report.html").read_bytes())
        assert str(tmp_path).encode() not in pages[-1]
    assert pages[0] == pages[1]


def test_default_file_and_standard_output(report_dir: Path) -> None:
    write(report_dir, build_report())
    code, out, err = run("-o", "-", cwd=report_dir.parent)
    assert (code, err) == (0, "")
    assert out.startswith("<!DOCTYPE html>\n") and out.endswith("</html>\n")
    assert not (report_dir / "report.html").exists()


def test_the_report_is_never_modified(report_dir: Path) -> None:
    path = write(report_dir, build_report({19: "![a](figures/fig.png)"}))
    before = path.read_bytes(), path.stat().st_mtime_ns
    run("--embed-images", str(path))
    run("--pretty", str(path))
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    code, _, err = run("-o", str(path), str(path))
    assert (code, err) == (
        2,
        (f"reportlint: {path}: the page would overwrite the report itself ({path}); choose another -o\n"),
    )
    assert path.read_bytes() == before[0]


def test_unreadable_input_exits_2_with_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "nope.md"
    assert run(str(missing)) == (2, "", f"reportlint: {missing}: no such file\n")
    binary = tmp_path / "bin.md"
    binary.write_bytes(b"\x00\x01")
    assert run(str(binary)) == (2, "", f"reportlint: {binary}: is binary (it holds NUL bytes), not a markdown report\n")


def test_unwritable_page_exits_2_with_one_line(report_dir: Path) -> None:
    path = write(report_dir, build_report())
    (report_dir / "report.html").mkdir()
    assert run(str(path)) == (2, "", f"reportlint: {path}: cannot write {report_dir / 'report.html'}: it is a folder\n")


def test_markdown_that_is_no_report_is_skipped(report_dir: Path) -> None:
    notes = write(report_dir, "# Notes\n\nNothing to grade.\n", "notes.md")
    assert run(str(notes)) == (0, "", "")
    assert not (report_dir / "report.html").exists()


def test_output_takes_one_report(report_dir: Path) -> None:
    one = write(report_dir, build_report())
    two = write(report_dir, build_report(), "other.md")
    code, _, err = run("-o", str(report_dir / "x.html"), str(one), str(two))
    assert code == 2 and "-o/--output takes one report" in err


def test_two_reports_in_one_folder_get_two_pages(report_dir: Path) -> None:
    """A hook cannot take `-o`: a README.md gets report.html, any other report its own name."""
    one = write(report_dir, build_report())
    two = write(report_dir, build_report({5: " ".join(["other"] * 150)}), "other.md")
    code, out, err = run(str(two), str(one))
    assert (code, err) == (1, "")
    assert out == (
        f"reportlint: wrote {report_dir / 'other.html'} (from {two}): open it in a browser\n"
        f"reportlint: wrote {report_dir / 'report.html'} (from {one}): open it in a browser\n"
    )
    assert (
        "other other" in (report_dir / "other.html").read_text()
        and "other other" not in (report_dir / "report.html").read_text()
    )


def test_a_report_named_report_md_does_not_take_the_readmes_page(report_dir: Path) -> None:
    one = write(report_dir, build_report())
    two = write(report_dir, build_report(), "report.md")
    assert run(str(two), str(one))[0] == 1
    assert (report_dir / "report.md.html").is_file() and (report_dir / "report.html").is_file()


def test_check_never_imports_python_markdown(report_dir: Path) -> None:
    path = write(report_dir, build_report())
    probe = (
        "import sys; from reportlint.commands.main import main\n"
        "try:\n    main(['check', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "print('markdown' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "False"


# --- figures: relative, embedded, refused -------------------------------------------------------------


def test_relative_links_stay_as_written_beside_the_report(report_dir: Path) -> None:
    path = write(report_dir, build_report({19: "![a](figures/fig.png)"}))
    run(str(path))
    assert '<img alt="a" src="figures/fig.png" />' in (report_dir / "report.html").read_text()


def test_relative_links_are_re_aimed_from_another_output_folder(report_dir: Path) -> None:
    (report_dir / "figures" / "loss curve.png").write_bytes(png_bytes())
    path = write(report_dir, build_report({19: "![a](figures/fig.png)\n![b](<figures/loss curve.png>)"}))
    target = report_dir.parent / "site" / "deep" / "page.html"
    assert run("-o", str(target), str(path))[0] == 1
    html = target.read_text()
    assert '<img alt="a" src="../../reports/figures/fig.png" />' in html
    assert '<img alt="b" src="../../reports/figures/loss%20curve.png" />' in html


def test_embedded_figures_are_data_uris_of_the_files(report_dir: Path) -> None:
    jpeg = b"\xff\xd8\xff\xe0" + b"\x00" * 16
    (report_dir / "figures" / "photo.png").write_bytes(jpeg)  # JPEG bytes under a .png name
    path = write(report_dir, build_report({19: "![a](figures/fig.png)\n![b](figures/photo.png)"}))
    run("--embed-images", str(path))
    html = (report_dir / "report.html").read_text()
    assert f'<img alt="a" src="data:image/png;base64,{base64.b64encode(png_bytes()).decode()}" />' in html
    assert f'<img alt="b" src="data:image/jpeg;base64,{base64.b64encode(jpeg).decode()}" />' in html
    assert "figures embedded in this file" in html


def test_figures_that_cannot_be_embedded_are_linked_and_named(report_dir: Path) -> None:
    (report_dir / "figures" / "notes.png").write_text("just text")
    path = write(
        report_dir,
        build_report({19: "![a](figures/none.png)\n![b](figures/notes.png)\n![c](https://example.org/x.png)"}),
    )
    run("--embed-images", str(path))
    html = (report_dir / "report.html").read_text()
    assert '<img alt="a" src="figures/none.png" /><span class="rl-figure-note">not found, not embedded</span>' in html
    assert (
        '<li class="rl-figure">image <code>figures/notes.png</code>: not a PNG, JPEG, GIF, WebP, BMP or SVG '
        "image, not embedded</li>" in html
    )
    assert '<img alt="c" src="https://example.org/x.png" />' in html


OUTSIDE = [
    ("../../secret.png", "it leads outside the repository, so it was not read"),
    ("/etc/secret.png", "it is an absolute path, outside the repository as the graders get it"),
    ("file:///etc/secret.png", "file: links are not files in the repository"),
    ("figures/link.png", "it is a symbolic link leading outside the repository, so it was not read"),
]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
@pytest.mark.parametrize(("link", "reason"), OUTSIDE)
def test_links_leading_out_of_the_repository_are_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, link: str, reason: str
) -> None:
    repository = tmp_path / "repo"
    reports = repository / "reports"
    (reports / "figures").mkdir(parents=True)
    git(repository, "init", "-q")
    secret = tmp_path / "secret.png"
    secret.write_bytes(png_bytes(7, 7))
    (reports / "figures" / "link.png").symlink_to(secret)
    path = write(reports, build_report({19: f"![a]({link})"}))
    opened: list[str] = []
    real_read = read_bytes

    def recording_read(name: str, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(name))
        return real_read(name, *args, **kwargs)

    monkeypatch.setattr(figurefiles, "read_bytes", recording_read)  # the module's reads go through this
    code, _, err = run("--embed-images", str(path))
    html = (reports / "report.html").read_text()
    assert (code, err) == (0, "")  # a page git does not track never fails the hook
    assert f'<span class="rl-refused">[image a: not shown, {reason}]</span>' in html
    assert f'<li class="rl-figure">image <code>{link}</code>: {reason}</li>' in html
    answer = html.split('id="question-19"')[1].split('id="question-20"')[0]
    assert "<img" not in answer and base64.b64encode(png_bytes(7, 7)).decode() not in html
    assert [name for name in opened if Path(name).name in ("secret.png", "link.png")] == []


def test_links_elsewhere_in_the_repository_are_fine(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    git(tmp_path, "init", "-q")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "arch.png").write_bytes(png_bytes())
    path = write(reports, build_report({19: "![a](../docs/arch.png)"}))
    run("--embed-images", str(path))
    html = (reports / "report.html").read_text()
    assert f'src="data:image/png;base64,{base64.b64encode(png_bytes()).decode()}"' in html
    assert "RL404" in html  # the checker still says the graders' copy of reports/ will not have it


def test_outside_a_git_repository_the_report_folder_is_the_limit(report_dir: Path) -> None:
    (report_dir.parent / "outside.png").write_bytes(png_bytes())
    path = write(report_dir, build_report({19: "![a](../outside.png)"}))
    run("--embed-images", str(path))
    assert "[image a: not shown, it leads outside the repository" in (report_dir / "report.html").read_text()


def test_images_in_comments_and_without_src_are_left_alone(report_dir: Path) -> None:
    path = write(
        report_dir,
        build_report({19: '![a](figures/fig.png)\n\n<!-- <img src="../../x.png"> -->\n\n<img alt="no source">'}),
    )
    run("--embed-images", str(path))
    html = (report_dir / "report.html").read_text()
    assert '<!-- <img src="../../x.png"> -->' in html and '<img alt="no source">' in html
    assert "x.png" not in html.split("<main")[0]  # nothing reported for a commented-out image


def test_empty_link_is_left_as_written(report_dir: Path) -> None:
    path = write(report_dir, build_report({19: "![a]()"}))
    run("--embed-images", str(path))
    assert '<img alt="a" src="" />' in (report_dir / "report.html").read_text()


def test_figure_too_large_to_embed_is_linked(report_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(figurefiles, "MAX_FIGURE_BYTES", 10)
    path = write(report_dir, build_report({19: "![a](figures/fig.png)"}))
    run("--embed-images", str(path))
    assert (
        '<img alt="a" src="figures/fig.png" /><span class="rl-figure-note">larger than 0 MB, not embedded</span>'
        in (report_dir / "report.html").read_text()
    )


def bmp_bytes(size: int | None = None, info: int = 40) -> bytes:
    """A 1x1 24-bit BMP: file header, information header, one padded row; `size` overrides the stated size."""
    pixels = b"\x00\x00\xff\x00"
    offset = 14 + info
    stated = offset + len(pixels) if size is None else size
    header = b"BM" + stated.to_bytes(4, "little") + b"\x00" * 4 + offset.to_bytes(4, "little")
    information = info.to_bytes(4, "little") + (1).to_bytes(4, "little") * 2 + b"\x01\x00\x18\x00"
    return header + information.ljust(info, b"\x00") + pixels


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (png_bytes(), "image/png"),
        (b"\xff\xd8\xff\xe0rest", "image/jpeg"),
        (b"GIF89a....", "image/gif"),
        (bmp_bytes(), "image/bmp"),
        (bmp_bytes(info=124), "image/bmp"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"  <svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml"),
        (b"<?xml version='1.0'?>\n<svg/>", "image/svg+xml"),
        (b"<?xml version='1.0'?>\n<html/>", None),
        (b"version https://git-lfs.github.com/spec/v1\n", None),
        (b"", None),
    ],
)
def test_image_kind_comes_from_the_bytes(data: bytes, kind: str | None) -> None:
    assert image_kind(data) == kind


@pytest.mark.parametrize(
    "data",
    [
        b"BM......",
        b"BMI readings of the participants, one per line\n" * 3,
        bmp_bytes(size=9999),  # the stated size is not the file's
        bmp_bytes(info=41),  # no information header has that size
        bmp_bytes()[:-1],  # cut short
    ],
    ids=["short", "text", "wrong-size", "odd-header", "truncated"],
)
def test_bm_at_the_start_is_not_enough_for_a_bmp(data: bytes) -> None:
    assert image_kind(data) is None


def test_without_files_renders_reports_readme(report_dir: Path) -> None:
    write(report_dir, build_report())
    assert run(cwd=report_dir.parent) == (
        1,
        f"reportlint: wrote {os.path.join('reports', 'report.html')} (from {os.path.join('reports', 'README.md')}): "
        "open it in a browser\n",
        "",
    )


def test_without_files_or_course_layout_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run(cwd=tmp_path)
    assert code == 2 and "no files given and no reports/README.md here" in err


# --- atomic write ---------------------------------------------------------------------------------------


def test_write_goes_through_a_temporary_file_in_the_same_folder(
    report_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(report_dir, build_report())
    renames: list[tuple[str, str]] = []
    real_replace = os.replace

    def recording_replace(source: str, target: str) -> None:
        renames.append((str(source), str(target)))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", recording_replace)
    run(str(path))
    [(temporary, target)] = renames
    assert Path(temporary).parent == report_dir and target == str(report_dir / "report.html")
    assert sorted(p.name for p in report_dir.iterdir()) == ["README.md", "figures", "report.html"]


@pytest.mark.parametrize("crash", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_crash_while_writing_leaves_the_old_page_whole(
    report_dir: Path, monkeypatch: pytest.MonkeyPatch, crash: BaseException
) -> None:
    path = write(report_dir, build_report())
    run(str(path))
    old = (report_dir / "report.html").read_bytes()
    write(report_dir, build_report({5: " ".join(["changed"] * 150)}))

    def fail(descriptor: int) -> None:
        raise crash

    monkeypatch.setattr(os, "fsync", fail)  # the new bytes are in the temporary file, not yet renamed
    if isinstance(crash, KeyboardInterrupt):
        with pytest.raises(KeyboardInterrupt):  # straight to the writer: click turns it into "Aborted!"
            pagefile.write_if_changed(str(report_dir / "report.html"), b"<p>new page</p>")
    else:
        assert run(str(path)) == (
            2,
            "",
            (f"reportlint: {path}: cannot write {report_dir / 'report.html'}: No space left on device\n"),
        )
    assert (report_dir / "report.html").read_bytes() == old
    assert sorted(p.name for p in report_dir.iterdir()) == ["README.md", "figures", "report.html"]


def test_new_page_gets_ordinary_permissions(report_dir: Path) -> None:
    path = write(report_dir, build_report())
    run(str(path))
    umask = os.umask(0)
    os.umask(umask)
    assert (report_dir / "report.html").stat().st_mode & 0o777 == 0o666 & ~umask


def test_grader_view_keeps_a_bom_among_the_43_characters_dropped(report_dir: Path) -> None:
    text = build_report()
    path = report_dir / "README.md"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    code, out, _ = run("-o", "-", str(path))
    assert code == 0
    assert body(out) == markdown.markdown(("\ufeff" + text)[43:])


# --- input Python-Markdown cannot take in linear time or at all: shown as text ---------------------------


def rendered(answer: str, name: str = "README.md", resolve: Callable[[str], Figure] = as_linked) -> str:
    """The grader view of a passing report whose Question 5 answer is `answer`."""
    text = build_report({5: answer})
    result = lint(text, "README.md")
    assert result is not None
    return page(result, text, resolve, name)


UNRENDERED = (
    '<p class="rl-mode rl-unrendered"><strong>Shown as text</strong>: Python-Markdown was not run on this report: '
)


@pytest.mark.parametrize("markers", ["- " * 510, "1. " * 510 + "x"])
def test_hundreds_of_list_markers_on_one_line_are_shown_as_text(markers: str) -> None:
    html = rendered(markers)
    assert UNRENDERED + "line 59 nests lists or quotes 510 levels deep;" in html
    assert markers in html
    assert "its heading is not a heading on this page" not in html  # each status line still under its heading


def test_a_recursion_error_the_guard_misses_is_shown_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def too_deep(source: str, pretty: bool) -> str:
        raise RecursionError

    monkeypatch.setattr(page_module, "render_markdown", too_deep)
    html = rendered("fine")
    assert UNRENDERED + "Python-Markdown ran out of stack on it (RecursionError)." in html
    assert html.count('<aside class="rl-status') == 31


def test_thousands_of_brackets_are_shown_as_text() -> None:
    html = rendered("[" * 8000)
    assert (
        UNRENDERED
        + (
            "Python-Markdown's time grows with the square of what it reads here (its unclosed `[` brackets), "
            "an open upstream problem; the course's converter is as slow on it."
        )
        in html
    )
    assert "[" * 8000 in html


def test_a_run_of_rules_names_its_paragraph() -> None:
    html = rendered("---\n" * 5000)
    assert "(the headings, rules and list lines of the paragraph at line 59)" in html


def test_a_file_too_large_to_render_is_shown_as_text() -> None:
    html = rendered("word " * 210_000)
    assert UNRENDERED + "its text holds 1,0" in html and "more than the 1,000,000 this page renders" in html


@pytest.mark.parametrize(
    "line", ["[", "[a](", "<a ", "<!--", "---\n", "a\n---\n", "&amp;", "1. ", "a\n\n", "<div>"], ids=repr
)
def test_page_time_grows_linearly(line: str) -> None:
    """n and 4n copies of a line Python-Markdown needs quadratic time (or deep recursion) for: about 4x."""

    def seconds(copies: int) -> float:
        text = build_report({5: line * copies})
        result = lint(text, "README.md")
        assert result is not None
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            page(result, text, as_linked, "README.md")
            best = min(best, time.perf_counter() - start)
        return best

    assert seconds(80_000) < 8 * seconds(20_000)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus of real reports is not here")
def test_no_real_report_is_shown_as_text() -> None:
    for path in sorted(CORPUS.glob("*/README.md")):
        text = read_text(str(path))
        result = lint(text, "README.md")
        if result is not None:
            html = page(result, text, as_linked, "README.md")
            assert "rl-unrendered" not in html.split("</style>")[1], path
            assert 'class="rl-escaped' not in html, path


# --- nothing from the report can change or leave the page ------------------------------------------------

HEAD = re.compile(r"<head>\n(<[^>]*>)")


def test_policy_forbids_base_and_forms_and_comes_first_in_head() -> None:
    html = rendered("fine")
    first = HEAD.search(html)
    assert first is not None
    assert first.group(1) == (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data: file: http: '
        "https:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">"
    )


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ('<meta http-equiv="refresh" content="0;url=https://example.org/">', "<meta>"),
        ('<base href="https://example.org/">', "<base>"),
        ('<link rel="stylesheet" href="https://example.org/x.css">', "<link>"),
        ("<style>.rl-status { display: none }</style>", "<style>"),
        ('<form action="https://example.org/"><button>go</button></form>', "<form>"),
        ('<iframe src="https://example.org/"></iframe>', "<iframe>"),
        ('<object data="https://example.org/x"></object>', "<object>"),
        ('<embed src="https://example.org/x">', "<embed>"),
        ("<script>document.body.remove()</script>", "<script>"),
        ('<svg onload="alert(1)"><circle r="5"/></svg>', "<svg>"),
        ("<math><mi>x</mi></math>", "<math>"),
        ("<textarea>", "<textarea>"),
        ('<p onclick="alert(1)">click</p>', "onclick="),
        ('<img src="figures/fig.png" onerror="alert(1)">', "onerror="),
        ('<a href="javascript:alert(1)">a</a>', "href=javascript:"),
        ('<a href="  JaVa&#x09;ScRiPt&colon;alert(1)">a</a>', "href=javascript:"),
        ('<img src="figures/fig.png" srcset="https://example.org/x.png 2x">', "srcset="),
        ('<table background="https://example.org/x.png"><tr><td>a</td></tr></table>', "background="),
        ('<div style="position:fixed;inset:0;background:white">x</div>', "style="),
        ('<div style="background:url(https://example.org/x.png)">x</div>', "style="),
        ('<div style="margin-top:-900px">x</div>', "style="),
        ('<aside class="rl-status rl-pass">passes</aside>', "class=rl-"),
        ('<a id="question-7">here</a>', "id=question-7"),
        ('<input autofocus value="x">', "<input>"),
    ],
)
def test_html_that_could_change_the_page_is_shown_as_text(raw: str, shown: str) -> None:
    html = rendered(f"Before.\n\n{raw}\n\nAfter.")
    answer = html.split('id="question-5"')[1].split('id="question-6"')[0]
    tag = raw.split(">", maxsplit=1)[0] + ">"
    assert f'<span class="rl-escaped">{escape(tag, quote=False)}</span>' in answer
    assert f"<code>{escape(shown, quote=False)}</code>" in html  # named in the summary
    assert "It is shown as text in dashed boxes here; the graders' page has it as live HTML." in html


def test_end_tags_of_elements_shown_as_text_are_text_too() -> None:
    html = rendered('<div onclick="x()">one</div> <div>two</div>')
    assert (
        '<span class="rl-escaped">&lt;div onclick="x()"&gt;</span>one<span class="rl-escaped">&lt;/div&gt;</span>\n'
        "<div>two</div>"
    ) in html


def test_what_cannot_change_the_page_stays_as_the_graders_see_it() -> None:
    raw = (
        '<p align="center"><img src="figures/fig.png" width="300" style="border: 1px solid #ccc"></p>\n'
        "<details><summary>More</summary>\n\nHidden text.\n\n</details>\n\nSee <link>. <br>"
    )
    html = rendered(raw)
    assert 'class="rl-escaped' not in html
    assert '<p align="center"><img src="figures/fig.png" width="300" style="border: 1px solid #ccc"></p>' in html
    assert "<details><summary>More</summary>" in html and "See <link>. <br>" in html


@pytest.mark.parametrize(
    "raw",
    [
        '<img data-src="figures/fig.png" src="/etc/secret.png">',
        '<img alt="src=figures/fig.png" src="/etc/secret.png">',
        "<img src=/etc/secret.png alt='src=\"figures/fig.png\"'>",
        '<IMG SRC="/etc/secret.png" src="figures/fig.png">',  # the first of two wins, as in browsers
    ],
    ids=["data-src", "alt", "quotes", "twice"],
)
def test_an_images_src_is_found_by_reading_its_attributes(raw: str) -> None:
    seen: list[str] = []

    def refuse_absolute(target: str) -> Figure:
        seen.append(target)
        return Figure(None, "absolute") if target.startswith("/") else Figure(target)

    html = rendered(f"Here: {raw}", resolve=refuse_absolute)
    assert [target for target in seen if target != "figures/fig.png"] == ["/etc/secret.png"]
    answer = html.split('id="question-5"')[1].split('id="question-6"')[0]
    assert "<img" not in answer and "[image " in answer


def test_a_comment_ends_where_a_browser_ends_it() -> None:
    html = rendered("<!-- a --!> <script>alert(1)</script> -->")
    assert "<!-- a -->" in html and '<span class="rl-escaped">&lt;script&gt;</span>alert(1)' in html


def test_a_status_line_is_never_inside_an_element_the_report_leaves_open() -> None:
    html = rendered('A <span style="display:none">hidden <font color="white">pale <b>bold</b> <div>inside')
    heading = '<h3 id="question-6">Question 6</h3>'
    after = html[html.index(heading) + len(heading) :]
    assert after.startswith('</font></div>\n<aside class="rl-status rl-pass">')  # the font a paragraph closed too
    assert "</ul></aside><div>\n" in after or "</p></aside><div>\n" in after  # the div opened again after it


def test_report_text_cannot_pass_for_a_heading_marker() -> None:
    text = build_report({5: "\ue0000\ue000 \ue0003\ue001 look"})
    result = lint(text, "README.md")
    assert result is not None
    html = page(result, text, as_linked, "README.md")
    assert "\ue0000\ue000 \ue0003\ue001 look" in html
    assert html.count('<aside class="rl-status') == 31
    assert '<h3 id="question-1">Question 1</h3>' in html


def test_control_characters_are_shown_not_sent() -> None:
    text = build_report({5: "clear \x1b[2J here\x07"})
    result = lint(text, "README.md")
    assert result is not None
    html = page(result, text, as_linked, "re\x1bport\x85.md")
    assert CONTROL.search(html) is None
    assert "clear \u241b[2J here\u2407" in html
    assert "<title>re\u241bport\\x85.md - reportlint</title>" in html


# --- every page, whatever the text --------------------------------------------------------------------------

LIVE_ANYWHERE = {"script", "style", "meta", "base", "link", "form", "iframe", "object", "embed", "svg", "math"}


class Elements(HTMLParser):
    """The standard library's reading of a page, as a second opinion on what is live in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def assert_whole_and_safe(html: str) -> None:
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta http-equiv="Content-Security-Policy"')
    assert html.endswith("\n</main>\n</body>\n</html>\n")
    assert CONTROL.search(html) is None
    elements = Elements()
    elements.feed(html.split("</head>", 1)[1])
    for tag, attrs in elements.tags:
        assert tag not in LIVE_ANYWHERE, tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name, value)


HOSTILE = [
    "<style>*{display:none}</style>",
    '<meta http-equiv="refresh" content="0;url=https://example.org/">',
    "<base href=https://example.org/>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    "<svg><script>alert(1)</script></svg>",
    "<!-- --!><script>alert(1)</script>",
    "<textarea>",
    "<plaintext>",
    "<details>",
    '<div style="position:fixed">',
    "- " * 120,
    "[" * 400,
    "<a " * 300,
    "\x1b[2J\x00\x85",
    "<img src='",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_gives_a_whole_safe_page(text: str) -> None:
    result = lint(text, "README.md")
    if result is not None:
        assert_whole_and_safe(page(result, text, as_linked, "README.md"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.sampled_from(HOSTILE), st.integers(min_value=0, max_value=10_000)), max_size=8),
    st.booleans(),
)
def test_hostile_html_in_a_report_gives_a_whole_safe_page(inserts: list[tuple[str, int]], pretty: bool) -> None:
    lines = build_report().split("\n")
    for snippet, position in inserts:
        lines.insert(position % len(lines), snippet)
    text = "\n".join(lines)
    result = lint(text, "README.md")
    if result is not None:  # an unclosed comment at the top hides every heading
        assert_whole_and_safe(page(result, text, as_linked, "README.md", pretty=pretty))
