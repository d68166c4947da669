"""The course checker's reading, reproduced, and the compatibility findings where it differs from ours."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import build_report, line_of
from reportlint.course.script import IMAGE, count_images, count_words, course_answers, image_spans
from reportlint.lint import lint
from reportlint.reading.report import IMAGE_SPEC, MARKDOWN_IMAGE


def codes(text: str) -> list[tuple[int, int, str, str]]:
    result = lint(text, "r.md", "dtu-mlops-2025")
    assert result is not None
    return [(f.line, f.column, f.code, f.message) for f in result.findings]


def test_words_are_python_split() -> None:
    assert count_words("a  b\tc\u00a0d\u202fe\n`f` [g](h)") == 7


@given(st.text(alphabet="ab é\t\n\x0b\x0c\r\x1c\x1f\x85\xa0\u1680\u2003\u2028\u3000\udc80\U0001f600", max_size=20))
def test_property_words_are_python_split(text: str) -> None:
    assert count_words(text) == len(text.split())


def test_words_split_at_every_unicode_space() -> None:
    """Each character `str.split()` splits at separates two words, and no other character does."""
    for code in range(0x110000):
        character = chr(code)
        assert count_words("a" + character + "b") == (2 if character.isspace() else 1), hex(code)


def test_images_are_one_line_shortest_matches() -> None:
    assert count_images("![a](b) ![c](d)\n![e\n](f) <img src='x.png'>") == 2


def test_one_answer_per_marker_on_a_normal_report() -> None:
    answers = course_answers(build_report())
    assert len(answers) == 31
    assert answers[0].words == 3


def test_hash_hash_inside_an_answer_cuts_it() -> None:
    answer = " ".join(["w"] * 60) + "\n\n#### Details\n\n" + " ".join(["w"] * 60)
    text = build_report({5: answer})
    assert codes(text) == [
        (
            line_of(text, "#### Details"),
            1,
            "RL501",
            "Question 5: the course checker stops reading this answer at this `##` and counts 60 "
            "words, 0 images (reportlint: 122 words, 0 images)",
        )
    ]


def test_a_lone_hash_does_not_cut_an_answer_but_a_later_pair_does() -> None:
    answers = course_answers(build_report({5: "C# and F# are languages ## cut here", 6: "C# and F# end on a lone #"}))
    assert (answers[4].text, answers[5].text) == ("C# and F# are languages ", "C# and F# end on a lone #")


def test_code_comment_with_hashes_cuts_it_too() -> None:
    answer = " ".join(["w"] * 120) + "\n\n```python\nx = 1  ## set x\n```"
    text = build_report({5: answer})
    assert codes(text)[0][2] == "RL602"  # the fence, which the graders' page does not render
    assert codes(text)[1:] == [
        (
            line_of(text, "## set x"),
            8,
            "RL501",
            "Question 5: the course checker stops reading this answer at this `##` and counts 124 "
            "words, 0 images (reportlint: 128 words, 0 images)",
        )
    ]


def test_text_after_the_last_answer_is_read_on() -> None:
    text = build_report(tail="## Appendix\n\nExtra notes that are not an answer.\n")
    assert codes(text) == [
        (
            line_of(text, "## Appendix"),
            1,
            "RL503",
            "Question 31: the course checker also reads from here to the end of the file as this "
            "answer and counts 184 words, 0 images (reportlint: 175 words, 0 images)",
        )
    ]


def test_extra_marker_in_an_answer_makes_the_course_read_only_what_follows_it() -> None:
    text = build_report({6: " ".join(["w"] * 120) + "\n\nAnswer: and more"})
    assert codes(text) == [
        (
            line_of(text, "Answer: and more"),
            1,
            "RL506",
            "Question 6: the course checker takes only the text after this `Answer:` as this "
            "question's answer and counts 2 words, 0 images (reportlint: 123 words, 0 images)",
        )
    ]


def test_deleted_heading_crashes_the_course_checker() -> None:
    text = build_report()
    text = text.replace("### Question 9\n", "")
    line = line_of(text, "> Answer:", 9)
    found = codes(text)
    assert (
        line,
        3,
        "RL502",
        "the course checker finds 30 answers where dtu-mlops-2025 has 31 and stops with an "
        f"error, checking nothing: no `###` heading between the `Answer:` at line {line_of(text, '> Answer:', 8)} "
        "and this one, so it drops the first (is a `### Question` heading missing?)",
    ) in found
    assert "RL101" in [f[2] for f in found]


def test_heading_in_the_last_answer_makes_it_count_twice() -> None:
    text = build_report({31: " ".join(["w"] * 100) + "\n\n### AI declaration\n\nWe used none."})
    found = codes(text)
    line = line_of(text, "### AI declaration")
    assert (
        line,
        1,
        "RL502",
        "the course checker finds 32 answers where dtu-mlops-2025 has 31 and stops with an "
        "error, checking nothing: this `###` after the last `Answer:` makes it read the last answer twice",
    ) in found
    # The contributions answer ends at the heading, so it names no member and says nothing of AI (RL712, RL715).
    assert [f[2] for f in found] == ["RL712", "RL715", "RL107", "RL502"]


def test_fenced_image_counts_for_the_course_but_nobody_sees_it() -> None:
    text = build_report({19: "```markdown\n![shot](figures/fig.png)\n```"})
    assert codes(text)[0][2] == "RL602"  # the fence, which the graders' page does not render
    assert codes(text)[1:] == [
        (
            line_of(text, "![shot]"),
            1,
            "RL504",
            "Question 19: the course checker counts this image syntax, but it is in code or a "
            "comment and no reader sees an image",
        )
    ]


def test_commented_out_image_is_hidden() -> None:
    text = build_report({19: "<!-- ![shot](figures/fig.png) -->\n\n![real](figures/fig.png)"})
    assert codes(text) == [
        (
            line_of(text, "![shot]"),
            6,
            "RL504",
            "Question 19: the course checker counts this image syntax, but it is in code or a "
            "comment and no reader sees an image",
        )
    ]


def test_inline_code_image_is_hidden() -> None:
    text = build_report({19: "Write `![x](figures/fig.png)` to link.\n\n![real](figures/fig.png)"})
    assert codes(text) == [
        (
            line_of(text, "Write `!["),
            8,
            "RL504",
            "Question 19: the course checker counts this image syntax, but it is in code or a "
            "comment and no reader sees an image",
        )
    ]


def test_html_img_is_not_counted_by_the_course() -> None:
    text = build_report({29: " ".join(["w"] * 300) + '\n\n![a](figures/fig.png)\n<img src="figures/fig.png">'})
    assert codes(text) == [
        (
            line_of(text, "<img"),
            1,
            "RL505",
            "Question 29: the course checker does not count this <img> tag: it counts 1 image where the page "
            "shows 2 (expected 1-1)",
        )
    ]


def test_no_compat_finding_for_questions_without_limits() -> None:
    text = build_report({1: "7\n\n#### the group number"})
    assert codes(text) == []


@pytest.mark.parametrize(
    "line",
    [
        "![a](b) ![c](d)",
        "![a](b",
        "![![x](y)](z)",
        "![a]](b)c)",
        "x ![a] (b) ![](",
        "![a](b)(c) ![d](e",
        "!![[a]](b))",
        "![a]\n(b)",
        "![](\n)",
        "![\u2028](x)",
    ],
)
def test_image_spans_are_the_course_patterns_matches(line: str) -> None:
    assert [m.span() for line_ in line.split("\n") for m in re.finditer(IMAGE, line_)] == [
        span for line_ in line.split("\n") for span in image_spans(line_)
    ]
    assert count_images(line) == len(re.findall(IMAGE, line))


@given(st.text(alphabet="![]()x \n", max_size=60))
def test_image_count_equals_the_course_regex(text: str) -> None:
    assert count_images(text) == len(re.findall(IMAGE, text))


def test_a_long_line_of_image_openers_is_counted_fast() -> None:
    line = "![" * 200_000 + "](" + "x" * 1000
    assert count_images(line) == 0  # the course's own regex would take minutes here


@given(st.text(alphabet="![]()<>\"' \t\n\r\x0b\xa0ab", max_size=40))
def test_the_readers_image_pattern_matches_as_its_plain_form(text: str) -> None:
    """MARKDOWN_IMAGE is IMAGE_SPEC with its repeated alternations unrolled for speed: the same matches."""
    spec = [(m.span(), m.groups()) for m in re.finditer(IMAGE_SPEC, text)]
    assert [(m.span(), m.groups()) for m in MARKDOWN_IMAGE.finditer(text)] == spec
