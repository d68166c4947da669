"""RL6xx: each claim about the graders' page proven by rendering it (Python-Markdown, no extensions, 43 characters
dropped) beside GitHub's reading (markdown-it-py), at the line the finding names."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CORPUS, FIXTURES, build_report, line_of
from graderview import both, graders, proves
from reportlint.edge.textfile import read_text
from reportlint.findings import Finding
from reportlint.lint import lint


def page_findings(text: str, template: str | None = "dtu-mlops-2025") -> list[Finding]:
    result = lint(text, "r.md", template)
    assert result is not None
    return [f for f in result.findings if f.code.startswith("RL6")]


def only(text: str, code: str) -> Finding:
    found = page_findings(text)
    assert [f.code for f in found] == [code], found
    assert proves(text, found[0]) == ""
    return found[0]


# --- the fixtures: every RL6xx finding is where both pages really differ -----------------------------


@pytest.mark.parametrize("name", ["fail-page", "fail-page-start"])
def test_every_finding_in_the_page_fixtures_is_proven_by_rendering_both(name: str) -> None:
    text = read_text(str(FIXTURES / name / "README.md"))
    found = page_findings(text, None)
    expected = [line.split() for line in (FIXTURES / name / "expected.txt").read_text().splitlines()[1:]]
    assert [[str(f.line), f.code] for f in found] == expected
    assert {f.line: proves(text, f) for f in found} == {f.line: "" for f in found}


# --- one rule at a time, on inline reports ----------------------------------------------------------


def test_a_comment_in_a_fenced_shell_block_becomes_a_heading() -> None:
    text = build_report({12: "Run it:\n\n```bash\n# train\nuv run train\n```"})
    finding = only(text, "RL601")
    assert (finding.line, finding.severity) == (line_of(text, "# train"), "error")
    assert "level-1 heading" in finding.message
    assert "<h1>train</h1>" in graders(text)


def test_fenced_code_without_comments_runs_together() -> None:
    text = build_report({12: "Run it:\n\n```bash\nuv sync\nuv run train\n```"})
    finding = only(text, "RL602")
    assert (finding.line, finding.severity) == (line_of(text, "```bash"), "warning")
    assert "<code>bash\nuv sync\nuv run train</code>" in graders(text)


def test_indented_code_is_code_on_both_pages() -> None:
    text = build_report({12: "Run it:\n\n    # train\n    uv run train"})
    assert page_findings(text) == []
    (hub, _), (page, _) = both(text, line_of(text, "# train"))
    assert "pre" in hub and "pre" in page


def test_a_table_shows_as_pipes() -> None:
    text = build_report({27: " ".join(["w"] * 120) + "\n\n| a | b |\n|---|---|\n| 1 | 2 |"})
    finding = only(text, "RL603")
    assert finding.line == line_of(text, "| a | b |")
    assert "<p>| a | b |" in graders(text)


def test_pipes_without_a_delimiter_row_are_no_table() -> None:
    assert page_findings(build_report({27: " ".join(["w"] * 120) + "\n\n| a | b |\n| 1 | 2 |"})) == []


def test_a_list_right_under_a_paragraph_runs_into_it() -> None:
    text = build_report({5: " ".join(["w"] * 120) + "\nWe used:\n- uv\n- ruff"})
    finding = only(text, "RL604")
    assert finding.line == line_of(text, "- uv")
    assert "We used:\n- uv\n- ruff</p>" in graders(text)


def test_a_list_right_under_the_answer_marker_runs_into_the_quote() -> None:
    text = build_report({5: "- uv\n- ruff\n\n" + " ".join(["w"] * 120)}).replace("> Answer:\n\n- uv", "> Answer:\n- uv")
    finding = only(text, "RL604")
    assert finding.line == line_of(text, "- uv")


@pytest.mark.parametrize(
    "answer",
    [
        "We used:\n\n- uv\n- ruff",  # a blank line before it
        "We used:\n2. uv\n3. ruff",  # an ordered list must start at 1 to interrupt a paragraph on GitHub too
        "#### Tools\n- uv\n- ruff",  # the graders' page splits its block at the heading
    ],
)
def test_lists_both_pages_agree_on_are_not_flagged(answer: str) -> None:
    assert page_findings(build_report({5: " ".join(["w"] * 120) + "\n\n" + answer})) == []


def test_a_nested_list_indented_two_spaces_is_flattened() -> None:
    text = build_report({5: " ".join(["w"] * 120) + "\n\n- tools\n  - uv\n  - ruff\n- ideas"})
    finding = only(text, "RL605")
    assert (finding.line, finding.column) == (line_of(text, "  - uv"), 3)
    assert "<li>tools</li>\n<li>uv</li>" in graders(text)


def test_a_nested_list_indented_four_spaces_is_nested_on_both() -> None:
    assert page_findings(build_report({5: " ".join(["w"] * 120) + "\n\n- tools\n    - uv\n- ideas"})) == []


def test_a_bare_url_is_plain_text() -> None:
    text = build_report({4: " ".join(["w"] * 120) + " See https://example.org/runs for more."})
    finding = only(text, "RL606")
    line = text.split("\n")[finding.line - 1]
    assert line[finding.column - 1 :].startswith("https://example.org/runs ")
    assert "See https://example.org/runs for more." in graders(text)


@pytest.mark.parametrize(
    "written",
    [
        "<https://example.org/runs>",
        "[runs](https://example.org/runs)",
        "![runs](https://example.org/runs.png)",
        "`https://example.org/runs`",
    ],
)
def test_urls_that_are_links_or_code_on_both_pages_are_not_flagged(written: str) -> None:
    assert page_findings(build_report({4: " ".join(["w"] * 120) + f" See {written} for more."})) == []


def test_task_boxes_show_as_brackets() -> None:
    text = build_report({5: " ".join(["w"] * 120) + "\n\n- [x] tests\n- [ ] docs"})
    finding = only(text, "RL607")
    assert finding.line == line_of(text, "- [x] tests") and "2 items" in finding.message
    assert "<li>[x] tests</li>" in graders(text)


def test_strikethrough_shows_the_tildes() -> None:
    text = build_report({5: " ".join(["w"] * 120) + " It was ~~slow~~ fast."})
    finding = only(text, "RL608")
    assert text.split("\n")[finding.line - 1][finding.column - 1 :].startswith("~~slow~~")


def test_dashes_under_two_lines_are_a_heading_only_on_github() -> None:
    text = build_report({5: " ".join(["w"] * 120) + "\n\nfirst line\nsecond line\n----\n\nmore"})
    finding = only(text, "RL609")
    assert finding.line == line_of(text, "first line")
    assert "<p>first line\nsecond line</p>\n<hr />" in graders(text)


def test_dashes_under_one_line_are_a_heading_on_both_pages() -> None:
    assert page_findings(build_report({5: " ".join(["w"] * 120) + "\n\nTitle\n----\n\nmore"})) == []


def test_dashes_under_a_lone_quoted_line_are_a_heading_only_on_the_graders_page() -> None:
    text = build_report({5: " ".join(["w"] * 120) + "\n\n> a quote\n----\n\nmore"})
    finding = only(text, "RL609")
    assert finding.line == line_of(text, "> a quote")
    assert "<h2>&gt; a quote</h2>" in graders(text)


def test_a_changed_title_loses_its_own_characters() -> None:
    text = build_report().replace(
        "# Exam template for 02476 Machine Learning Operations", "# Group 12: a very long title of our own work"
    )
    finding = only(text, "RL610")
    assert (finding.line, finding.severity, finding.question) == (1, "warning", None)
    assert "'# Group 12: a very long title of our own wo'" in finding.message


def test_the_templates_title_and_page_settings_are_dropped_harmlessly() -> None:
    assert page_findings(build_report()) == []
    front = "---\nlayout: default\nnav_exclude: true\n---\n\n"
    assert page_findings(front + build_report(template="dtu-mlops-2023"), "dtu-mlops-2023") == []


@pytest.mark.parametrize("title", ["# Group 12: a very long title of our own work", "# Group 12\n\n## A\n\n#"])
def test_crlf_line_breaks_lose_the_same_start_as_lf(title: str) -> None:
    text = build_report().replace("# Exam template for 02476 Machine Learning Operations", title + " ab" * 60)
    assert page_findings(text.replace("\n", "\r\n")) == page_findings(text) != []


def test_a_report_starting_at_a_question_loses_its_heading() -> None:
    text = build_report()
    text = text[text.index("## Answers") :]
    finding = only(text, "RL611")
    assert (finding.severity, finding.question) == ("error", 1)
    assert "<h3>Question 1</h3>" not in graders(text)


def test_the_templates_prompts_are_not_judged() -> None:
    text = build_report().replace("> **Tell us about part 5 of the project.**", "> Use:\n> - uv\n> - ruff")
    assert page_findings(text) == []


# --- the real reports: no false alarm ----------------------------------------------------------------

REPORTS = sorted(CORPUS.glob("*/README.md")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not REPORTS, reason=f"no corpus of real reports at {CORPUS}")
@pytest.mark.parametrize("path", REPORTS, ids=[p.parent.name for p in REPORTS])
def test_every_page_finding_on_a_real_report_is_where_both_pages_differ(path: Path) -> None:
    text = read_text(str(path))
    found = page_findings(text, None)
    assert {(f.line, f.column, f.code): proves(text, f) for f in found} == {
        (f.line, f.column, f.code): "" for f in found
    }
