"""Each finding code pinned to its exact line and message, on reports built inline."""

from __future__ import annotations

from conftest import build_report, line_of, passing_answer
from reportlint.course.templates import BUILTIN
from reportlint.findings import Finding
from reportlint.lint import lint


def findings(text: str, template: str | None = "dtu-mlops-2025") -> list[tuple[int, int, str, str]]:
    result = lint(text, "r.md", template)
    assert result is not None
    return [(f.line, f.column, f.code, f.message) for f in result.findings]


def test_passing_report_has_no_findings() -> None:
    assert findings(build_report()) == []


def test_passing_2023_report_has_no_findings() -> None:
    assert findings(build_report(template="dtu-mlops-2023"), "dtu-mlops-2023") == []


def test_too_few_words_names_the_numbers() -> None:
    text = build_report({5: " ".join(["w"] * 96)})
    line = line_of(text, "> Answer:", 5)
    assert findings(text) == [(line, 1, "RL201", "Question 5: 96 words, expected 100-200: 4 short")]


def test_too_many_words_names_the_numbers() -> None:
    text = build_report({7: " ".join(["w"] * 125)})
    line = line_of(text, "> Answer:", 7)
    assert findings(text) == [(line, 1, "RL202", "Question 7: 125 words, expected 50-100: 25 over")]


def test_too_few_images() -> None:
    text = build_report({19: "Our bucket holds the raw data."})
    line = line_of(text, "> Answer:", 19)
    assert findings(text) == [(line, 1, "RL203", "Question 19: 0 images, expected 1-2: 1 short")]


def test_too_many_images() -> None:
    text = build_report({29: passing_answer(BUILTIN["dtu-mlops-2025"].limits[29]) + "\n![b](figures/fig.png)"})
    line = line_of(text, "> Answer:", 29)
    assert findings(text) == [(line, 1, "RL204", "Question 29: 2 images, expected 1-1: 1 over")]


def test_words_count_markdown_and_links_as_the_course_does() -> None:
    answer = " ".join(["w"] * 97) + " [a link](https://example.org) `code`"
    text = build_report({5: answer})
    result = lint(text, "r.md", "dtu-mlops-2025")
    assert result is not None
    assert result.verdict.questions[4].words == 100


def test_nbsp_separates_words_as_in_python_split() -> None:
    text = build_report({5: "\u00a0".join(["w"] * 150)})
    assert findings(text) == []


def test_placeholder_is_unanswered_even_where_minimum_is_zero() -> None:
    text = build_report({28: "--- question 28 fill here ---"})
    line = line_of(text, "--- question 28 fill here ---")
    assert findings(text) == [
        (line, 1, "RL301", "Question 28 is unanswered: replace `--- question 28 fill here ---` with your answer")
    ]


def test_empty_answer_is_unanswered_at_the_marker() -> None:
    text = build_report({3: ""})
    line = line_of(text, "> Answer:", 3)
    assert findings(text) == [(line, 1, "RL301", "Question 3 is unanswered: write the answer below `Answer:`")]


def test_placeholder_left_below_an_answer_on_the_marker_line() -> None:
    text = build_report().replace(
        "> Answer:\n\ngroup number 7\n\n### Question 2",
        "> Answer: group 7\n\n--- question 1 fill here ---\n\n### Question 2",
    )
    line = line_of(text, "--- question 1 fill here ---", 2)
    assert findings(text) == [
        (
            line,
            1,
            "RL302",
            "Question 1 still holds the template's `--- question N fill here ---` beside its answer: delete it",
        )
    ]


def test_answer_wrapped_in_template_dashes() -> None:
    text = build_report({2: "--- s123456, s654321 ---"})
    line = line_of(text, "--- s123456")
    assert findings(text) == [
        (
            line,
            1,
            "RL303",
            "Question 2's answer is still wrapped in the template's `---`: the dashes count as "
            "words and a `---` under a line turns that line into a heading; remove them",
        )
    ]


def test_closing_dashes_under_a_line_make_a_heading() -> None:
    text = build_report({2: "--- s123456 and s654321\n---"})
    assert [f[2] for f in findings(text)] == ["RL303"]


def test_missing_question_points_at_the_next_heading() -> None:
    text = build_report()
    start = text.index("### Question 9\n")
    text = text[:start] + text[text.index("### Question 10\n") :]
    found = findings(text)
    assert (
        line_of(text, "### Question 10"),
        1,
        "RL101",
        "Question 9 is missing: no `### Question 9` heading between Question 8 and Question 10",
    ) in found


def test_duplicate_question() -> None:
    text = build_report(tail="### Question 12\n\n> Answer:\n\nmore\n")
    line = line_of(text, "### Question 12", 2)
    assert (
        line,
        1,
        "RL102",
        f"Question 12 appears again (first at line {line_of(text, '### Question 12')}): delete or renumber one",
    ) in findings(text)


def test_question_out_of_order() -> None:
    text = build_report()
    text = text.replace("### Question 13\n", "### Question 99\n").replace("### Question 14\n", "### Question 13\n")
    text = text.replace("### Question 99\n", "### Question 14\n")
    line = line_of(text, "### Question 13")
    assert (
        line,
        1,
        "RL103",
        "Question 13 comes after Question 14: its prompt is that of Question 14 and the prompt under "
        f"`### Question 14` (line {line_of(text, '### Question 14')}) is this one's: swap the two headings' numbers",
    ) in findings(text)


def test_question_moved_out_of_order_is_to_be_moved_back() -> None:
    text = build_report()
    start, middle = text.index("### Question 13\n"), text.index("### Question 14\n")
    end = text.index("### Question 15\n")
    text = text[:start] + text[middle:end] + text[start:middle] + text[end:]
    line = line_of(text, "### Question 13")
    assert (
        line,
        1,
        "RL103",
        "Question 13 comes after Question 14: move it above Question 14, as the template orders them",
    ) in findings(text)


def test_question_beyond_the_template() -> None:
    text = build_report(tail="### Question 32\n\n> Answer:\n\nextra\n")
    line = line_of(text, "### Question 32")
    assert (line, 1, "RL104", "Question 32 is not in dtu-mlops-2025, which has questions 1-31") in findings(text)


def test_question_without_marker() -> None:
    text = build_report().replace("> Answer:\n\ngroup number 7\n\n### Question 2", "> \n\nword\n\n### Question 2")
    assert (
        line_of(text, "### Question 1"),
        1,
        "RL105",
        "Question 1 has no `Answer:` line: put `> Answer:` above the answer",
    ) in findings(text)


def test_heading_with_extra_text_is_read_and_reported() -> None:
    text = build_report().replace("### Question 18\n", "### Question 18 CHECK \n")
    assert findings(text) == [
        (
            line_of(text, "### Question 18"),
            17,
            "RL106",
            "Question 18 heading has extra text 'CHECK': keep it `### Question 18`",
        )
    ]


def test_heading_inside_an_answer_ends_it() -> None:
    text = build_report({12: " ".join(["w"] * 60) + "\n\n### Usage\n\nmore words here"})
    assert findings(text) == [
        (
            line_of(text, "### Usage"),
            1,
            "RL107",
            "heading '### Usage' ends Question 12's answer, so the text below it counts for no "
            "question: make it bold text",
        )
    ]


def test_code_comment_lines_are_not_headings() -> None:
    answer = " ".join(["w"] * 120) + "\n\n```bash\n# install\npip install .\n```"
    # Not a heading to GitHub, so nothing ends the answer there; only the graders' page makes one of it.
    assert [f[2] for f in findings(build_report({4: answer}))] == ["RL601"]


def test_answer_typed_on_the_marker_line_counts() -> None:
    text = build_report().replace("> Answer:\n\ngroup number 7\n\n### Question 2", "> Answer: 42\n\n### Question 2")
    result = lint(text, "r.md", "dtu-mlops-2025")
    assert result is not None
    assert result.verdict.questions[0].words == 1
    assert result.findings == ()


def test_crlf_keeps_line_numbers() -> None:
    text = build_report({5: " ".join(["w"] * 96)}, newline="\r\n")
    assert findings(text) == [
        (line_of(text, "> Answer:", 5), 1, "RL201", "Question 5: 96 words, expected 100-200: 4 short")
    ]


def test_bom_is_ignored() -> None:
    assert findings("\ufeff" + build_report()) == []


def test_not_a_report_gives_no_result() -> None:
    assert lint("# Notes\n\n## Question 1 is a level-2 heading\n\n```\n### Question 1\n```\n", "n.md") is None


def test_findings_are_sorted_by_line() -> None:
    text = build_report({7: "w", 5: "w"})
    result = lint(text, "r.md", "dtu-mlops-2025")
    assert result is not None
    assert list(result.findings) == sorted(result.findings, key=lambda f: (f.line, f.column))
    assert all(isinstance(f, Finding) for f in result.findings)


def test_absurd_question_numbers_are_not_questions_or_templates() -> None:
    text = build_report(
        tail="### Question " + "9" * 5000 + "\n\n> Answer:\n\nx\n\n### Question 999999\n\n> Answer:\n\ny\n"
    )
    result = lint(text, "r.md", "infer")
    assert result is not None
    assert result.template.count == 31
    # the long one is a plain heading; each of the two extra answers is a cause of the course's error
    assert [f.code for f in result.findings] == ["RL107", "RL502", "RL104", "RL502"]


def test_dashes_on_lines_of_their_own_around_an_answer() -> None:
    text = build_report({2: "---\n\ns123456, s654321\n\n---"})
    assert [(f[0], f[2]) for f in findings(text)] == [(line_of(text, "> Answer:", 2) + 2, "RL303")]


def test_a_long_rule_under_a_pasted_table_is_not_the_templates_dashes() -> None:
    answer = "Name    Stmts   Miss  Cover\n" + "-" * 40 + "\nsrc/a.py   10   0   100%\n\n" + " ".join(["w"] * 110)
    assert findings(build_report({8: answer})) == []
