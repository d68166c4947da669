"""Every fix a finding suggests, applied as a student would apply it: the finding goes away, and the course
checker's count never gets worse, unless the message said what the answer would then count.

`apply` turns each piece of advice into an edit of the report's lines; `CASES` are reports with one fault
each (inline, and every fixture whose faults do not cancel each other out); fixtures whose faults cancel
are fixed all together, round after round.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, build_report, passing_answer
from reportlint.checks.compat import count_causes
from reportlint.checks.unanswered import wrapping_dashes
from reportlint.course.script import MARKER, CourseReading
from reportlint.course.templates import BUILTIN
from reportlint.edge.textfile import read_text
from reportlint.findings import Finding
from reportlint.lint import Result, lint
from reportlint.reading.report import PLACEHOLDER, Question, Report, as_bold

NOTE = "(the answer then counts"  # how a message says that its advice takes the answer out of range
FRONT_MATTER = ["---", "layout: default", "nav_exclude: true", "---", ""]  # 43 characters with their line breaks
LIMITS = BUILTIN["dtu-mlops-2025"].limits


def check(text: str, template: str | None = None) -> Result:
    result = lint(text, "reports/README.md", template)
    assert result is not None
    return result


def score(result: Result) -> int:
    """The course checker's total; stopping with an error is worse than any total."""
    return -1 if result.course.passed is None else result.course.passed


def question_at(report: Report, finding: Finding) -> Question:
    return next(q for q in report.questions if q.number == finding.question)


def bold(lines: list[str], line: int) -> None:
    lines[line - 1] = as_bold(lines[line - 1])


def apply(lines: list[str], finding: Finding, report: Report) -> list[str] | None:
    """The report's lines after following the finding's advice; None when it gives none to follow."""
    lines = list(lines)
    message, at = finding.message, finding.line
    if finding.code in ("RL107", "RL108") or (finding.code == "RL301" and "make it bold text" in message):
        stray = re.search(r"at line (\d+) ends it", message)
        bold(lines, int(stray[1]) if stray else at)
    elif finding.code == "RL102":
        question = next(q for q in report.questions if q.line == at)
        following = [q.line for q in report.questions if q.line > at]
        del lines[at - 1 : (following[0] - 1 if following else question.end)]
    elif finding.code == "RL103" and "swap the two headings' numbers" in message:
        other = int(re.findall(r"Question (\d+)", message)[1])
        swapped = next(q.line for q in report.questions if q.number == other)
        lines[at - 1] = f"### Question {other}"
        lines[swapped - 1] = f"### Question {finding.question}"
    elif finding.code == "RL103":
        sections = _sections(report)
        moved = next(section for section in sections if section[0] == at)
        later = next(section for section in sections if section[2] > moved[2])
        block = lines[moved[0] - 1 : moved[1]]
        del lines[moved[0] - 1 : moved[1]]
        lines[later[0] - 1 : later[0] - 1] = block
    elif finding.code == "RL105":
        lines.insert(_below_prompt(lines, at), "> Answer:")
    elif finding.code == "RL502" and "under every question's prompt" in message:
        for question in reversed(report.questions):
            lines.insert(_below_prompt(lines, question.line), "> Answer:")
    elif finding.code == "RL106":
        lines[at - 1] = f"### Question {finding.question}"
    elif finding.code == "RL109":
        lines[at - 1] = lines[at - 1][: finding.column - 1] + " " + lines[at - 1][finding.column :]
    elif finding.code == "RL110":
        line = lines[at - 1]
        lines[at - 1] = "> Answer:" + line[line.find(MARKER) + len(MARKER) :]
    elif finding.code == "RL301":
        answer = passing_answer(LIMITS[finding.question or 0])
        if "replace `--- question" in message or "dashes are left" in message:
            lines[at - 1] = answer
        else:
            lines.insert(at, answer)
    elif finding.code == "RL302":
        lines[at - 1] = PLACEHOLDER.sub("", lines[at - 1])
    elif finding.code == "RL303":
        for number, where in wrapping_dashes(report, question_at(report, finding)):
            text = lines[number - 1]
            if where == "open":
                lines[number - 1] = text.replace("---", "", 1)
            elif where == "close":
                head, _, tail = text.rpartition("---")
                lines[number - 1] = head + tail
            else:
                lines[number - 1] = ""
    elif finding.code in ("RL502", "RL508") and "reword it" in message:
        column = lines[at - 1].find(MARKER, finding.column - 1)
        lines[at - 1] = lines[at - 1][:column] + "answer:" + lines[at - 1][column + len(MARKER) :]
    elif finding.code == "RL502" and "page settings back" in message:
        lines[:0] = FRONT_MATTER
    elif finding.code == "RL505" and "to have it counted" in message:
        target = re.search(r"use !\[alt\]\((.*)\) to have it counted", message)
        assert target is not None
        start = sum(len(line) + 1 for line in lines[: at - 1]) + finding.column - 1
        whole = "\n".join(lines)
        end = whole.index(">", start) + 1
        lines = (whole[:start] + f"![alt]({target[1]})" + whole[end:]).split("\n")
    elif finding.code == "RL507" and "write it as" in message:
        source = message.rsplit("write it as ![alt](", 1)[1][:-1]
        text = lines[at - 1]
        match = re.compile(r"!\[([^\]]*)\]\[[^\]]*\]|!\[([^\]]*)\]").match(text, finding.column - 1)
        assert match is not None
        lines[at - 1] = text[: match.start()] + f"![{match[1] or match[2]}]({source})" + text[match.end() :]
    elif finding.code == "RL507" and message.endswith("put it on one line"):
        lines[at - 1 : at + 1] = [lines[at - 1] + " " + lines[at].lstrip("> ")]
    else:
        return None
    return lines


def _below_prompt(lines: list[str], heading: int) -> int:
    """The index just below the blockquote that follows a heading (its prompt)."""
    index = heading
    while index < len(lines) and not lines[index].startswith(">"):
        index += 1
    while index < len(lines) and lines[index].startswith(">"):
        index += 1
    return index


def _sections(report: Report) -> list[tuple[int, int, int]]:
    """Each question's lines, heading to the line before the next question's heading, and its number."""
    questions = report.questions
    return [
        (q.line, questions[i + 1].line - 1 if i + 1 < len(questions) else len(report.lines), q.number)
        for i, q in enumerate(questions)
    ]


def same(finding: Finding) -> tuple[str, int | None, str]:
    """A finding as it stays recognisable after an edit moves lines: code, question, and what it says after
    its numbers (the cause, for RL502)."""
    return finding.code, finding.question, finding.message.split("checking nothing: ")[-1].split(":")[0]


def cancelling(text: str) -> bool:
    """Whether the report's faults cancel out for the course checker, so that fixing one alone makes it stop."""
    result = check(text)
    reading = CourseReading(result.report.course_text, result.template.script)
    return result.course.error is None and bool(count_causes(result.report, result.template, reading))


def build(**answers: str) -> str:
    return build_report({int(key[1:]): value for key, value in answers.items()})


def without_marker(number: int) -> str:
    text = build_report()
    lines = text.split("\n")
    seen = [i for i, line in enumerate(lines) if line == "> Answer:"]
    lines[seen[number - 1]] = ">"
    return "\n".join(lines)


def moved_out_of_order() -> str:
    text = build_report()
    start, middle, end = (text.index(f"### Question {n}\n") for n in (13, 14, 15))
    return text[:start] + text[middle:end] + text[start:middle] + text[end:]


INLINE = {
    "heading-in-answer": build(q12=" ".join(["w"] * 60) + "\n\n### Usage\n\n" + " ".join(["w"] * 10)),
    "heading-in-answer-overflow": build(q12=" ".join(["w"] * 60) + "\n\n### Usage\n\n" + " ".join(["w"] * 60)),
    "heading-in-last-answer": build(q31=" ".join(["w"] * 100) + "\n\n### AI declaration\n\nWe used none."),
    "title-in-answer": build(q14="# Question 14\n\n" + passing_answer(LIMITS[14])),
    "title-at-the-minimum": build(q7="# Notes\n\n" + " ".join(["w"] * 48)),
    "level-2-question-heading": build(q14="## Question 14\n\n" + passing_answer(LIMITS[14])),
    "no-break-space-after-hashes": build_report().replace("### Question 10\n", "###\u00a0Question 10\n"),
    "answer-marker-as-heading": build_report().replace(
        "> Answer:\n\n" + passing_answer(LIMITS[5]), "### Answer:\n\n" + passing_answer(LIMITS[5]), 1
    ),
    "no-marker": without_marker(5),
    "no-marker-at-all": build_report().replace("> Answer:", ">"),
    "extra-heading-text": build_report().replace("### Question 18\n", "### Question 18 TODO\n"),
    "placeholder": build(q27="--- question 27 fill here ---"),
    "dashes-only": build(q4="---  ---"),
    "empty": build(q9=""),
    "placeholder-beside": build(q8="Our answer is here.\n\n--- question 8 fill here ---\n\n" + " ".join(["w"] * 120)),
    "placeholder-needed": build(q8="--- question 8 fill here ---\n\n" + " ".join(["w"] * 96)),
    "dash-wrapped": build(q10="--- " + " ".join(["w"] * 120) + " ---"),
    "dash-wrapped-at-minimum": build(q10="--- " + " ".join(["w"] * 99) + " ---"),
    "dash-under-a-line": build(q10=" ".join(["w"] * 120) + "\n---"),
    "duplicate": build_report(tail="### Question 12\n\n> Answer:\n\nmore\n"),
    "moved-out-of-order": moved_out_of_order(),
    "out-of-order": build_report()
    .replace("### Question 13\n", "### Question 99\n")
    .replace("### Question 14\n", "### Question 13\n")
    .replace("### Question 99\n", "### Question 14\n"),
    "answer-in-introduction": build_report().replace("## Checklist", "Answer: below.\n\n## Checklist"),
    "answer-after-heading-in-answer": build(q12=" ".join(["w"] * 60) + "\n\n#### Notes\n\nAnswer: yes"),
    "img-tag": build(q20='![a](figures/fig.png)\n<img src="figures/fig.png">'),
    "img-tag-over-lines": build(q20='![a](figures/fig.png)\n\n<img\n  src="figures/fig.png"\n  width="300">'),
    "reference-image": build(q19="![The bucket][b]\n\n[b]: figures/fig.png"),
    "two-line-image": build(q19="![The bucket\nand its files](figures/fig.png)"),
}
FIXTURE_TEXTS = {path.parent.name: read_text(str(path)) for path in sorted(FIXTURES.glob("fail-*/README.md"))}
SINGLE = {**INLINE, **{name: text for name, text in FIXTURE_TEXTS.items() if not cancelling(text)}}
CANCELLING = sorted(name for name, text in FIXTURE_TEXTS.items() if cancelling(text))


def fixable(text: str, restore_headings: bool = False) -> Iterator[tuple[Finding, list[str]]]:
    """The findings whose advice can be followed, each with the lines after following it. A missing question
    says where its heading is missing but suggests nothing; `restore_headings` puts it back above the
    prompt of an `Answer:` left without one (what the RL506 at that marker points at)."""
    result = check(text)
    for finding in result.findings:
        fixed = apply(list(result.report.lines), finding, result.report)
        if fixed is None and restore_headings and finding.code == "RL101":
            fixed = restore(list(result.report.lines), finding, result.report)
        if fixed is not None:
            yield finding, fixed


def restore(lines: list[str], finding: Finding, report: Report) -> list[str] | None:
    previous = max((q for q in report.questions if (q.number or 0) < (finding.question or 0)), key=lambda q: q.number)
    assert previous.marker_line is not None
    orphan = next(
        (n for n in range(previous.marker_line + 1, previous.end + 1) if lines[n - 1].lstrip("> ").startswith(MARKER)),
        None,
    )
    if orphan is None:
        return None
    top = orphan - 1
    while top > 0 and lines[top - 1].startswith(">"):
        top -= 1
    lines[top:top] = [f"### Question {finding.question}", ""]
    return lines


CASES = [(name, index) for name, text in SINGLE.items() for index, _ in enumerate(fixable(text))]


def test_every_inline_case_suggests_a_fix() -> None:
    assert {name for name, _ in CASES} >= set(INLINE)


@pytest.mark.parametrize(("name", "index"), CASES, ids=[f"{name}-{index}" for name, index in CASES])
def test_a_suggested_fix_removes_its_finding_and_never_costs_a_question(name: str, index: int) -> None:
    text = SINGLE[name]
    before = check(text)
    finding, fixed = list(fixable(text))[index]
    after = check("\n".join(fixed), before.template.name)
    assert sum(same(f) == same(finding) for f in after.findings) < sum(
        same(f) == same(finding) for f in before.findings
    )
    assert score(after) >= score(before) or NOTE in finding.message, finding.message


@pytest.mark.parametrize("name", CANCELLING)
def test_fixing_everything_in_a_report_whose_faults_cancel_never_costs_a_question(name: str) -> None:
    """One fix alone may make the checker stop (its RL502 then names what is left); all of them, round after
    round, leave it no worse and nothing fixable."""
    text = FIXTURE_TEXTS[name]
    first = check(text)
    for _ in range(40):
        found = next(fixable(text, restore_headings=True), None)
        if found is None:
            break
        text = "\n".join(found[1])
    assert next(fixable(text), None) is None
    assert score(check(text, first.template.name)) >= score(first)


@settings(max_examples=60, deadline=None)
@given(st.integers(40, 110), st.integers(0, 70), st.sampled_from(["### Usage", "# Usage"]))
def test_bold_text_for_a_heading_says_what_it_costs(above: int, below: int, heading: str) -> None:
    text = build(q12=" ".join(["w"] * above) + f"\n\n{heading}\n\n" + " ".join(["w"] * below))
    before = check(text)
    for finding, fixed in fixable(text):
        if finding.code in ("RL107", "RL108"):
            after = check("\n".join(fixed))
            assert score(after) >= score(before) or NOTE in finding.message


@settings(max_examples=60, deadline=None)
@given(
    st.integers(95, 105), st.sampled_from(["--- {} ---", "---\n{}\n---", "{}\n---", "--- question 4 fill here ---\n{}"])
)
def test_removing_template_leftovers_says_what_it_costs(words: int, shape: str) -> None:
    text = build(q4=shape.format(" ".join(["w"] * words)))
    before = check(text)
    for finding, fixed in fixable(text):
        if finding.code in ("RL302", "RL303"):
            after = check("\n".join(fixed))
            assert score(after) >= score(before) or NOTE in finding.message
