"""RL70x (the template's revision) and RL71x (the group's identity), on inline reports and the real ones."""

from __future__ import annotations

import pytest

from conftest import CORPUS, build_report, line_of
from reportlint.checks.identity import near_miss
from reportlint.checks.revision import prompt_revision
from reportlint.edge.textfile import read_text
from reportlint.lint import lint

OLD_Q31 = "> **Say what each member contributed.**\n>\n> Recommended answer length: 50-200 words."
NEW_Q31 = "> **Tell us about part 31 of the project.**\n>\n> Recommended answer length: 50-300 words."


def found(text: str, prefix: str, template: str | None = None, draft: bool = False) -> list[tuple[int, int, str, str]]:
    from reportlint.config import DEFAULT

    result = lint(text, "r.md", template, config=DEFAULT._replace(draft=draft))
    assert result is not None
    return [(f.line, f.column, f.code, f.message) for f in result.findings if f.code.startswith(prefix)]


# --- revisions --------------------------------------------------------------------------------------


def test_a_contributions_prompt_from_before_2025_01_08_is_named_at_its_limit_line() -> None:
    text = build_report().replace(NEW_Q31, OLD_Q31)
    assert found(text, "RL7") == [
        (
            line_of(text, "Say what each member") + 2,
            1,
            "RL701",
            "Question 31's prompt is the template's from before 2025-01-08: since then it also asks whether and how "
            "you used generative AI tools, and allows 50-300 words (was 50-200); answer the current question, the "
            "graders read that one",
        )
    ]


def test_a_question_3_prompt_from_before_2026_01_09_is_named() -> None:
    text = build_report().replace(
        "part 3 of the project.**\n>\n> Recommended answer length: 0-200",
        "part 3 of the project.**\n>\n> Recommended answer length: 100-200",
    )
    codes = found(text, "RL7")
    assert [(line, code) for line, _, code, _ in codes] == [(line_of(text, "100-200 words", 1), "RL701")]
    assert "optional" in codes[0][3]


def test_a_limit_the_group_changed_is_an_edited_prompt() -> None:
    text = build_report().replace(
        "> Recommended answer length: 50-100 words.", "> Recommended answer length: 50-150 words.", 1
    )
    assert found(text, "RL7") == [
        (
            line_of(text, "50-150 words"),
            1,
            "RL703",
            "Question 7's prompt says 50-150 words, which no revision of the template says (it asks for 50-100 "
            "words): graders read the course's prompt, not yours; restore it",
        )
    ]


def test_a_2023_question_18_prompt_from_before_2023_01_06_is_named() -> None:
    text = build_report(template="dtu-mlops-2023")
    start = text.index("### Question 18")
    text = text[:start] + text[start:].replace("100-200 words", "50-100 words", 1)
    assert [code for _, _, code, _ in found(text, "RL7", "dtu-mlops-2023")] == ["RL701"]


def test_prompts_are_not_judged_against_another_years_template() -> None:
    text = build_report(template="dtu-mlops-2023")
    assert found(text, "RL7", "dtu-mlops-2025") == []


def test_the_revision_a_prompt_comes_from() -> None:
    result = lint(build_report().replace(NEW_Q31, OLD_Q31), "r.md")
    assert result is not None
    q31 = next(q for q in result.report.questions if q.number == 31)
    q25 = next(q for q in result.report.questions if q.number == 25)
    assert prompt_revision("dtu-mlops-2025", q31) is None  # older than every revision of Q31
    assert prompt_revision("dtu-mlops-2025", q25) is None  # no "functional testing" yet
    newer = q25._replace(prompt=q25.prompt + "\n> Did you do functional testing?")
    revision = prompt_revision("dtu-mlops-2025", newer)
    assert revision is not None and revision.date == "2026-01-19"


def test_the_templates_placeholder_gibberish_is_unanswered() -> None:
    text = build_report({28: "fewafewubaofewnafxyz qwe\nrty uiop"})
    assert [(line, code) for line, _, code, _ in found(text, "RL702")] == [(line_of(text, "fewafewubao"), "RL702")]
    result = lint(text, "r.md")
    assert result is not None and result.verdict.numbers("unanswered") == (28,)
    drafted = lint(text, "r.md", config=result.config._replace(draft=True))
    assert drafted is not None and not drafted.verdict.fails  # still being written: draft does not fail


# --- identity ---------------------------------------------------------------------------------------


def contributions(said: str) -> dict[int, str]:
    return {2: "s123456, s234567", 31: said + " We did not use generative AI. " + " ".join(["w"] * 60)}


def test_the_built_reports_identity_is_complete() -> None:
    assert found(build_report(), "RL71") == []


def test_q1_without_a_number() -> None:
    text = build_report({1: "the best group"})
    assert found(text, "RL71") == [
        (
            line_of(text, "the best group"),
            1,
            "RL711",
            "Question 1's answer holds no group number: write the number your group signed up with",
        )
    ]


def test_a_member_left_out_of_the_contributions() -> None:
    text = build_report(contributions("s123456 did it all."))
    assert [(code, message.split(" ")[0]) for _, _, code, message in found(text, "RL71")] == [("RL712", "s234567")]


def test_a_study_number_with_two_digits_swapped_is_a_probable_typo() -> None:
    text = build_report(contributions("s123456 and s234576 did it all."))
    line = line_of(text, "s234576")
    column = text.split("\n")[line - 1].index("s234576") + 1
    assert found(text, "RL71") == [
        (line, column, "RL713", "s234576 is not a study number from Question 2: probably s234567 mistyped")
    ]


def test_a_study_number_not_in_q2() -> None:
    text = build_report(contributions("s123456, s234567 and s999999 did it all."))
    assert [code for _, _, code, _ in found(text, "RL71")] == ["RL714"]


def test_contributions_naming_no_member_are_one_finding() -> None:
    text = build_report(contributions("Everyone did everything."))
    assert [code for _, _, code, _ in found(text, "RL71")] == ["RL712"]


def test_contributions_silent_on_generative_ai() -> None:
    text = build_report({31: "s123456 and s654321 did everything. " + " ".join(["w"] * 60)})
    assert [code for _, _, code, _ in found(text, "RL71")] == ["RL715"]


def test_the_2023_template_does_not_ask_about_ai() -> None:
    text = build_report({27: "s123456 and s654321 did everything. " + " ".join(["w"] * 60)}, template="dtu-mlops-2023")
    assert found(text, "RL71", "dtu-mlops-2023") == []


@pytest.mark.parametrize(
    ("listed", "written", "near"),
    [
        ("194345", "194245", True),  # one digit off
        ("234567", "234576", True),  # two swapped
        ("222856", "228562", True),  # one digit moved
        ("123456", "654321", False),
        ("123456", "123456", False),
    ],
)
def test_near_misses(listed: str, written: str, near: bool) -> None:
    assert near_miss(listed, written) is near


# --- the real reports the issue names ---------------------------------------------------------------


def corpus(name: str) -> str:
    path = CORPUS / name / "README.md"
    if not path.is_file():
        pytest.skip(f"no corpus of real reports at {CORPUS}")
    return read_text(str(path))


def test_a_mistyped_study_number_in_a_real_report() -> None:
    text = corpus("AlexanderVoldby__02476_enzyme_stability")
    messages = [message for _, _, code, message in found(text, "RL71") if code == "RL713"]
    assert messages == ["s228562 is not a study number from Question 2: probably s222856 mistyped"]


def test_a_mistyped_and_a_missing_study_number_in_a_real_report() -> None:
    text = corpus("MikkelGodsk__dtu_mlops_exam_project")
    assert sorted((code, message.split(" ")[0]) for _, _, code, message in found(text, "RL71")) == [
        ("RL712", "s194333"),
        ("RL713", "s194245"),
    ]


def test_real_2025_reports_with_the_old_contributions_prompt() -> None:
    """GRADER.md: 5 of 16 reports of 2025 keep the pre-2025-01-08 Q31 prompt; 3 of the 4 that answered it never
    say whether they used generative AI."""
    if not CORPUS.is_dir():
        pytest.skip(f"no corpus of real reports at {CORPUS}")
    old, silent = set(), set()
    for path in CORPUS.glob("*/README.md"):
        for _, _, code, message in found(read_text(str(path)), "RL7"):
            if code == "RL701" and message.startswith("Question 31's"):
                old.add(path.parent.name)
            if code == "RL715":
                silent.add(path.parent.name)
    assert len(old) == 5 and "ChrisVN123__02476_mlops_exam" in old  # that one left Q31 unanswered
    assert len(old & silent) == 3


def test_the_real_report_that_kept_the_gibberish() -> None:
    text = corpus("mrarat__DTU-MLops-project")
    assert [code for _, _, code, _ in found(text, "RL7")] == ["RL701", "RL702"]
