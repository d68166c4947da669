"""Inline suppressions: `<!-- reportlint-disable CODE -->` under a question's heading, `<!-- reportlint-disable-next-line
CODE -->` above a line; unused and unreadable ones are findings; invisible wherever the report is read."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

import reportlint
from conftest import build_report, invoke, line_of, write
from reportlint.lint import Result, lint

DASHED = "---\n" + " ".join(["word"] * 120) + "\n---"  # Q10 (100-200 words) between the template dashes: RL303


def checked(answers: dict[int, str], under: dict[int, str] | None = None, tail: str = "") -> tuple[str, Result]:
    """A report with `answers`, and `under[N]` put on the line right below Question N's heading."""
    text = build_report(answers, tail=tail)
    for number, line in (under or {}).items():
        text = text.replace(f"### Question {number}\n", f"### Question {number}\n{line}\n", 1)
    result = lint(text, "reports/README.md")
    assert result is not None
    return text, result


def codes(result: Result) -> list[tuple[int, str]]:
    return [(finding.line, finding.code) for finding in result.findings]


def test_disable_under_a_heading_drops_that_questions_finding() -> None:
    _, result = checked({10: DASHED}, {10: "<!-- reportlint-disable RL303 -->"})
    assert (codes(result), result.verdict.questions[9].state) == ([], "pass")


def test_disable_is_scoped_to_its_question() -> None:
    text, result = checked(
        {10: DASHED, 11: "---\n" + " ".join(["word"] * 250) + "\n---"}, {10: "<!-- reportlint-disable RL303 -->"}
    )
    assert [(finding.code, finding.question) for finding in result.findings] == [("RL303", 11)]
    assert text.count("reportlint-disable") == 1


def test_disable_next_line_drops_the_finding_on_the_line_below_only(report_dir: Path) -> None:
    answer = "<!-- reportlint-disable-next-line RL401 -->\n![a](figures/none.png)\n![b](figures/gone.png)"
    text = build_report({19: answer})
    result = reportlint.check_file(str(write(report_dir, text)))
    assert result is not None
    assert codes(result) == [(line_of(text, "figures/gone.png"), "RL401")]


def test_several_codes_separated_by_commas_or_spaces() -> None:
    _, result = checked(
        {10: DASHED, 5: "short"},
        {10: "<!-- reportlint-disable RL303, RL201 -->", 5: "<!-- reportlint-disable RL201 RL303 -->"},
    )
    assert [(finding.question, finding.message.split(" is ")[0]) for finding in result.findings] == [
        (5, "`reportlint-disable RL303`"),  # Q5's RL201 dropped, and it has no RL303
        (10, "`reportlint-disable RL201`"),  # Q10's RL303 dropped, and it has no RL201
    ]


def test_an_unused_suppression_is_reported_at_its_code() -> None:
    text, result = checked({}, {17: "<!-- reportlint-disable RL201 -->"})
    finding = result.findings[0]
    assert (finding.line, finding.column, finding.code, finding.question) == (
        line_of(text, "reportlint-disable"),
        25,
        "RL801",
        17,
    )
    assert finding.message == "`reportlint-disable RL201` is unused: Question 17 has no RL201 finding; remove it"
    assert finding.severity == "warning" and not result.verdict.fails


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        (
            "<!-- reportlint-disable RL999 -->",
            "`reportlint-disable RL999`: RL999 is no finding code it can drop (see `reportlint rules`)",
        ),
        (
            "<!-- reportlint-disable RL801 -->",
            "`reportlint-disable RL801`: RL801 is no finding code it can drop (see `reportlint rules`)",
        ),
        (
            "<!-- reportlint-disable -->",
            "`reportlint-disable` names no code: write the codes it drops, e.g. `<!-- reportlint-disable RL303 -->`",
        ),
        (
            "<!-- reportlint-disabel RL303 -->",
            "`reportlint-disabel` is no directive reportlint knows: write `reportlint-disable` (for the question) or "
            "`reportlint-disable-next-line` (for the line below)",
        ),
    ],
    ids=["unknown-code", "a-suppression-code", "no-code", "unknown-directive"],
)
def test_a_suppression_reportlint_cannot_read_is_reported(comment: str, message: str) -> None:
    _, result = checked({}, {12: comment})
    assert [(finding.code, finding.message) for finding in result.findings] == [("RL802", message)]


def test_a_disable_above_the_first_question_applies_to_none() -> None:
    text = build_report({10: DASHED}).replace("## Answers\n", "## Answers\n\n<!-- reportlint-disable RL303 -->\n", 1)
    result = lint(text, "reports/README.md")
    assert result is not None
    assert [finding.code for finding in result.findings] == ["RL801", "RL303"]
    assert "is unused: it is not under a question's heading" in result.findings[0].message


def test_a_directive_in_code_is_text_not_a_suppression() -> None:
    _, result = checked({10: DASHED}, {10: "```\n<!-- reportlint-disable RL303 -->\n```"})
    assert [code for _, code in codes(result)] == ["RL303"]


def test_the_course_count_is_the_same_with_a_directive_under_the_heading() -> None:
    _, plain = checked({10: DASHED})
    _, suppressed = checked({10: DASHED}, {10: "<!-- reportlint-disable RL303 -->"})
    assert suppressed.course == plain.course
    assert suppressed.verdict.questions[9].words == plain.verdict.questions[9].words


def test_the_configuration_can_turn_the_suppression_codes_off() -> None:
    from reportlint.config import Config

    text = build_report().replace("### Question 17\n", "### Question 17\n<!-- reportlint-disable RL201 -->\n")
    result = lint(text, "reports/README.md", config=Config(ignore=("RL8",)))
    assert result is not None and result.findings == ()


@pytest.mark.parametrize("placement", ["heading", "next-line"])
def test_a_directive_shows_nowhere_on_the_graders_page(placement: str) -> None:
    if placement == "heading":
        text, _ = checked({10: DASHED}, {10: "<!-- reportlint-disable RL303 -->"})
    else:
        text, _ = checked({19: "<!-- reportlint-disable-next-line RL405 -->\n![a](figures/a.svg)"})
    html = markdown.markdown(text)
    outside_comments = html.replace("<!-- reportlint-disable RL303 -->", "").replace(
        "<!-- reportlint-disable-next-line RL405 -->", ""
    )
    assert "reportlint" not in outside_comments and html != outside_comments


def test_a_directive_shows_nowhere_on_github() -> None:
    """GitHub renders CommonMark and leaves HTML comments out of the page; markdown-it-py is the reference."""
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py 4.3.0 needs Python 3.10 or later")
    text, _ = checked(
        {19: "<!-- reportlint-disable-next-line RL405 -->\n![a](figures/a.svg)"},
        {10: "<!-- reportlint-disable RL303 -->"},
    )
    tokens = markdown_it.MarkdownIt("commonmark").parse(text)
    shown = [token for token in tokens if "reportlint-disable" in token.content]
    assert shown and all(token.type == "html_block" and token.content.strip().startswith("<!--") for token in shown)


def test_reportlints_own_page_shows_no_directive(report_dir: Path) -> None:
    text, _ = checked({10: DASHED}, {10: "<!-- reportlint-disable RL303 -->"})
    page = invoke(["html", "-o", "-", str(write(report_dir, text))]).stdout
    assert "reportlint-disable" not in re.sub(r"<!--.*?-->", "", page, flags=re.DOTALL)  # a comment shows nothing
