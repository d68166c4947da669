"""The course checker's own verdict, exactly: both of its scripts, on the real reports and on one fixture per
way it reads a report differently from how the report reads (issue 7's seven classes)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import oracle
from conftest import CORPUS, FIXTURES, build_report, invoke, line_of, passing_answer
from reportlint.course.script import NO_MARKER, course_verdict
from reportlint.course.templates import BUILTIN
from reportlint.edge.textfile import read_text
from reportlint.lint import lint

REPORTS = sorted(CORPUS.glob("*/README.md")) if CORPUS.is_dir() else []
WARNED = re.compile(r"Question (\d+) failed check")
LIMITS_2023 = BUILTIN["dtu-mlops-2023"].limits


def printed(anchor: str) -> str:
    """What the course checker's output says, as `passed/total` or its exception line."""
    lines = anchor.strip().splitlines()
    if lines and lines[-1].startswith(("ValueError", "IndexError")):
        return lines[-1]
    total = re.search(r"Total number of questions passed: (\d+/\d+)", anchor)
    if total is not None:
        return total.group(1)
    return f"{27 - len(set(WARNED.findall(anchor)))}/27"  # the 2023/2024 script prints warnings only


def shown(text: str, template: str | None = None) -> str:
    result = lint(text, "reports/README.md", template)
    assert result is not None
    course = result.course
    return course.error or f"{course.passed}/{course.total}"


@pytest.mark.skipif(not REPORTS, reason=f"no corpus of real reports at {CORPUS}")
@pytest.mark.parametrize("path", REPORTS, ids=[p.parent.name for p in REPORTS])
def test_course_total_equals_the_course_checkers_output(path: Path) -> None:
    expected = printed((path.parent / "anchor_check.txt").read_text(encoding="utf-8"))
    result = lint(read_text(str(path)), str(path))
    assert result is not None
    assert shown(read_text(str(path))) == expected
    as_read = path.read_text(encoding="utf-8")  # text mode, as the course reads it
    assert oracle.check(as_read, result.template.script, dict(result.template.limits)) == expected


def fixture(name: str) -> str:
    return read_text(str(FIXTURES / name / "README.md"))


def messages(text: str) -> list[str]:
    result = lint(text, "reports/README.md")
    assert result is not None
    return [f"{f.line}:{f.column}: {f.code} {f.message}" for f in result.findings]


# Each class's fixture, the course checker's own verdict on it, and findings that carry its numbers.
CLASSES = {
    "fail-grader-2023": (
        "ValueError: Number of answers are different from the expected 27. Have you filled out every field?",
        [
            "7:3: RL502 the course checker finds 26 answers where dtu-mlops-2023 has 27 and stops with an error, "
            "checking nothing: the 2023/2024 checker skips the first 43 characters (to line 5, column 6), and with "
            "no `###` between there and this first `Answer:` it drops the first answer: put the template's 43 "
            "characters of page settings back at the top, above `### Question 1`"
        ],
    ),
    "fail-grader-shift": (
        "19/31",
        [
            "213:3: RL506 Question 9: there is no `### Question 9` heading, but the course checker reads the text "
            "after this `Answer:` (Question 10's answer) as its answer and counts 127 words, 0 images",
            "233:3: RL506 Question 11: the course checker pairs answers with questions by position and reads "
            "Question 12's answer (line 264) as this one's and counts 62 words, 0 images (reportlint: 230 words, "
            "0 images)",
            "626:1: RL503 Question 31: the course checker also reads from here to the end of the file as this "
            "answer and counts 113 words, 0 images (reportlint: 101 words, 0 images)",
        ],
    ),
    "fail-grader-unmarked": (
        "30/31",
        [
            "164:1: RL506 Question 7 has no `Answer:` line, but the course checker reads the text after the "
            "`Answer:` at line 150 (Question 6's answer) as its answer and counts 131 words, 0 images",
        ],
    ),
    "fail-grader-img-lines": (
        "31/31",
        [
            "414:1: RL505 Question 20: the course checker does not count this <img> tag: use "
            "![alt](figures/x.png) to have it counted"
        ],
    ),
    "fail-grader-visible": (
        "30/31",
        [
            "410:1: RL203 Question 20: 0 images, expected 1-2: 1 short",
            "412:1: RL507 Question 20: GitHub shows this reference-style image, but the course checker counts only "
            "`![alt](path)` written on one line: write it as ![alt](figures/registry.png)",
            "422:1: RL507 Question 21: GitHub shows this image written over two lines, but the course checker "
            "counts only `![alt](path)` written on one line: put it on one line",
        ],
    ),
    "fail-grader-headings": (
        "31/31",
        [
            "209:4: RL109 Question 10 heading has a no-break space (U+00A0) after `###`, so the page shows this "
            "line as text, not as a heading; the course checker reads it as Question 10 all the same: type a "
            "plain space",
        ],
    ),
    "fail-grader-overlap": (
        "31/31",
        [
            "412:1: RL507 Question 20: GitHub shows this reference-style image, but the course checker counts only "
            "`![alt](path)` written on one line: write it as ![alt](figures/registry.png)"
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_each_class_fixture_pins_the_course_checkers_numbers(name: str) -> None:
    text = fixture(name)
    verdict, expected = CLASSES[name]
    result = lint(text, "reports/README.md")
    assert result is not None
    assert shown(text) == verdict == oracle.check(text, result.template.script, dict(result.template.limits))
    found = messages(text)
    assert [message for message in expected if message not in found] == []


def test_a_misaligned_run_has_one_finding_per_question_it_checks() -> None:
    result = lint(fixture("fail-grader-shift"), "reports/README.md")
    assert result is not None
    course = {f.question for f in result.findings if f.code.startswith("RL5") and f.question is not None}
    assert course == set(range(8, 32))


def test_a_question_heading_with_a_no_break_space_before_its_number_is_read_silently() -> None:
    found = messages(fixture("fail-grader-headings"))
    assert not [message for message in found if "Question 9" in message]


def test_a_reference_image_beside_an_inline_one_is_not_called_hidden() -> None:
    assert "RL504" not in " ".join(messages(fixture("fail-grader-overlap")))


def test_2023_without_introduction_and_a_heading_in_the_last_answer_is_read_one_question_off() -> None:
    """The two faults cancel for the 2023/2024 script (one answer dropped at the start, the last read twice), so
    it checks every question with the next one's answer; the current script would stop instead."""
    text = build_report(template="dtu-mlops-2023")
    text = text[text.index("### Question 1") :] + "\n### AI declaration\n\nNone used.\n"
    assert shown(text, "dtu-mlops-2023") == oracle.check(text, "2023", dict(LIMITS_2023)) == "14/27"
    assert course_verdict(text, BUILTIN["dtu-mlops-2025"]).error is not None
    found = messages(text)
    line = line_of(text, "> Answer:", 3)
    assert (
        f"{line}:3: RL506 Question 3: the course checker pairs answers with questions by position and reads "
        f"Question 4's answer (line {line_of(text, '> Answer:', 4)}) as this one's and counts 150 words, 0 images "
        "(reportlint: 150 words, 0 images)"
    ) in found
    assert "RL502" not in " ".join(found)


def test_2023_drops_the_first_43_characters_only() -> None:
    """A byte order mark is one of them: the course reads the file as text and keeps it."""
    body = build_report(template="dtu-mlops-2023")
    body = body[body.index("### Question 1") :]
    for prefix, verdict in (("a" * 43, "27/27"), ("\ufeff" + "a" * 42, "27/27"), ("a" * 42, "ValueError")):
        text = prefix + body
        assert oracle.check(text, "2023", dict(LIMITS_2023)).startswith(verdict)
        assert shown(text, "dtu-mlops-2023").startswith(verdict)


def test_no_answer_marker_at_all_is_an_index_error_in_the_current_script() -> None:
    text = build_report().replace("Answer:", "Reply:")
    assert shown(text) == NO_MARKER == oracle.check(text, "2025", dict(BUILTIN["dtu-mlops-2025"].limits))
    assert (
        "1:1: RL502 the course checker finds no `Answer:` in the report and stops with an error, checking "
        "nothing: put `> Answer:` under every question's prompt"
    ) in messages(text)


def test_a_title_typed_under_the_marker_is_read_through_as_the_course_reads_it() -> None:
    """Issue 7's example: a level-1 `# Question 14` under `> Answer:`. The answer is read as the course and a
    grader read it; one warning names the title; nothing says unanswered or suggests `####`."""
    limits = BUILTIN["dtu-mlops-2025"].limits[14]
    text = build_report({14: "# Question 14\n\n" + passing_answer(limits)})
    result = lint(text, "reports/README.md", "dtu-mlops-2025")
    assert result is not None
    assert result.course.passed == 31
    assert [(f.line, f.code) for f in result.findings] == [(line_of(text, "# Question 14", 2), "RL108")]
    assert result.verdict.questions[13].words == 250 + 2 + 3  # the answer, its image link, the title


def test_a_level_2_question_heading_under_the_marker_is_named_in_unanswered() -> None:
    text = build_report({14: "## Question 14\n\n" + " ".join(["w"] * 240) + "\n![a](figures/fig.png)"})
    found = messages(text)
    assert (
        f"{line_of(text, '> Answer:', 14)}:1: RL301 Question 14 is unanswered: the heading '## Question 14' at "
        f"line {line_of(text, '## Question 14', 2)} ends it before any text: make it bold text"
    ) in found
    assert not any("RL107" in message for message in found)


def test_bold_text_that_would_take_the_answer_out_of_range_says_so() -> None:
    text = build_report({12: " ".join(["w"] * 60) + "\n\n### Usage\n\n" + " ".join(["w"] * 60)})
    assert (
        f"{line_of(text, '### Usage')}:1: RL107 heading '### Usage' ends Question 12's answer, so the text below "
        "it counts for no question: make it bold text (the answer then counts 121 words, expected 50-100)"
    ) in messages(text)


def test_an_answer_of_dashes_only_is_unanswered() -> None:
    text = build_report({4: "---  ---"})
    result = lint(text, "reports/README.md", "dtu-mlops-2025")
    assert result is not None
    assert result.verdict.questions[3].state == "unanswered"
    assert [(f.line, f.code, f.message) for f in result.findings] == [
        (
            line_of(text, "---  ---"),
            "RL301",
            "Question 4 is unanswered: only the template's `---` dashes are left: write the answer in their place",
        )
    ]


def test_image_syntax_github_shows_as_text_is_hidden_for_that_reason() -> None:
    text = build_report({19: "![a](figures/my plot.png)"})
    assert (
        f"{line_of(text, '![a](figures/my plot')}:1: RL504 Question 19: the course checker counts this image "
        "syntax, but GitHub does not show it as an image (a space in the link, say), so no reader sees one"
    ) in messages(text)


def test_a_report_with_only_warnings_exits_0_and_1_under_strict(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    shutil.copytree(FIXTURES / "fail-grader-headings", folder)
    path = str(folder / "README.md")
    assert invoke(["check", path]).exit_code == 0
    assert invoke(["check", "--strict", path]).exit_code == 1
