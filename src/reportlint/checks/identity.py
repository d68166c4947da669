"""Group identity checks (RL71x): the group number, every member's study number in the contributions answer,
and whether generative AI was used, which staff check by hand and the course requires.

Q1 asks for the group number and Q2 for each member's study number (`s` and six digits); the contributions
question (Q31 on the 2025 template, Q27 on the 2023 one) must say what each member did.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.checks.revision import GIBBERISH
from reportlint.course.templates import Template
from reportlint.findings import ERROR, Finding, Rule
from reportlint.reading.report import Question, Report

FAMILY = "identity"
RULES = (
    Rule(
        "RL711",
        "no-group-number",
        ERROR,
        FAMILY,
        "Question 1's answer holds no group number.",
        "reports/README.md:70:1: RL711 error: Question 1's answer holds no group number: write the number your group signed up with",
    ),
    Rule(
        "RL712",
        "member-left-out",
        ERROR,
        FAMILY,
        "A study number from Question 2 is not in the contributions answer.",
        "reports/README.md:621:1: RL712 error: s230988 (Question 2) is not named in Question 31, the contributions answer: say what each member did",
    ),
    Rule(
        "RL713",
        "study-number-typo",
        ERROR,
        FAMILY,
        "A study number in the contributions answer is probably a mistyped one from Question 2.",
        "reports/README.md:621:107: RL713 error: s234571 is not a study number from Question 2: probably s234517 mistyped",
    ),
    Rule(
        "RL714",
        "unknown-member",
        ERROR,
        FAMILY,
        "A study number in the contributions answer is not in Question 2.",
        "reports/README.md:622:81: RL714 error: s299999 in the contributions answer is not in Question 2's list of members: add it there or correct it",
    ),
    Rule(
        "RL715",
        "ai-use-unstated",
        ERROR,
        FAMILY,
        "The contributions answer does not say whether generative AI tools were used.",
        "reports/README.md:621:1: RL715 error: Question 31 does not say whether you used generative AI tools, which the course requires: say whether and how (or that you did not)",
    ),
)

CONTRIBUTIONS = {"dtu-mlops-2025": 31, "dtu-mlops-2023": 27}  # the question that asks who did what
ASKS_ABOUT_AI = frozenset({"dtu-mlops-2025"})  # since 2025-01-08
# `s` first, then the look behind it: a pattern that starts with a letter lets the re module skip to each `s`.
STUDY_NUMBER = re.compile(r"[sS](?<![A-Za-z0-9][sS])(\d{6})(?!\d)")
# Every name starts with a, c, g or l (no other letter matches them ignoring case): a pattern that starts with
# that class, case-sensitive, lets the re module skip to each of them; the look-behind is the word boundary
# before it, and the names are grouped by their first letter, matched ignoring case from the second on.
_AI = re.compile(
    r"[ACGLacgl](?<!\w[ACGLacgl])(?i:(?<=a)(?:I|\.I\.)|(?<=g)(?:enerative|PT\w*|emini)"
    r"|(?<=c)(?:hatGPT|opilot|laude|ursor|hatbots?)|(?<=l)(?:LMs?|anguage models?))\b"
)


def check_identity(
    report: Report, template: Template, path: str, answered: list[Question], own: bool
) -> Iterator[Finding]:
    """Only for the built-in templates, whose questions 1, 2 and the contributions question are known, and only
    when the report's prompts are of it: `answered` is `checks.unanswered.answered_in(report, template)` and
    `own` is `checks.revision.belongs(report, template)`."""
    contributions_number = CONTRIBUTIONS.get(template.name)
    if contributions_number is None or not own:
        return
    by_number = {question.number: question for question in answered}
    group = _written(by_number, 1)
    if group is not None and not re.search(r"\d", group.text):
        assert group.marker_line is not None
        yield Finding(
            path,
            _first_text_line(report, group),
            1,
            "RL711",
            "Question 1's answer holds no group number: write the number your group signed up with",
            1,
        )
    contributions = _written(by_number, contributions_number)
    if contributions is None:
        return
    members = _written(by_number, 2)
    if members is not None:
        yield from _members(report, members, contributions, path)
    if template.name in ASKS_ABOUT_AI and not _AI.search(contributions.text):
        yield Finding(
            path,
            _first_text_line(report, contributions),
            1,
            "RL715",
            f"Question {contributions.number} does not say whether you used generative AI tools, which the course "
            f"requires: say whether and how (or that you did not)",
            contributions.number,
        )


def _written(answered: dict[int, Question], number: int) -> Question | None:
    """The answer to this question, unless it is empty or still the template's placeholder."""
    question = answered.get(number)
    if question is None or question.unanswered or GIBBERISH in question.text:
        return None
    return question


def _members(report: Report, members: Question, contributions: Question, path: str) -> Iterator[Finding]:
    listed = list(dict.fromkeys(m.group(1) for m in STUDY_NUMBER.finditer(members.text)))
    named = _numbers_at(contributions)
    number = contributions.number
    unknown = [(digits, line, column) for digits, line, column in named if digits not in listed]
    left_out = [digits for digits in listed if digits not in {d for d, _, _ in named}]
    for digits, line, column in unknown:
        near = next((m for m in left_out if near_miss(m, digits)), None)
        if near is not None:
            left_out.remove(near)
            yield Finding(
                path,
                line,
                column,
                "RL713",
                f"s{digits} is not a study number from Question 2: probably s{near} mistyped",
                number,
            )
        else:
            yield Finding(
                path,
                line,
                column,
                "RL714",
                f"s{digits} in the contributions answer is not in Question 2's list of members: add it there or "
                f"correct it",
                number,
            )
    if left_out and not named:
        yield Finding(
            path,
            _first_text_line(report, contributions),
            1,
            "RL712",
            f"Question {number}, the contributions answer, names none of the study numbers of Question 2 "
            f"({', '.join('s' + d for d in left_out)}): say what each member did, by study number",
            number,
        )
        return
    for digits in left_out:
        yield Finding(
            path,
            _first_text_line(report, contributions),
            1,
            "RL712",
            f"s{digits} (Question 2) is not named in Question {number}, the contributions answer: say what each "
            f"member did",
            number,
        )


def _numbers_at(question: Question) -> list[tuple[str, int, int]]:
    """Each distinct study number in the answer, with the line and column where it first appears.

    The answer's text is its lines joined, from just after the marker: a match's line is the marker's plus the
    line breaks before it (a study number never spans one), counted once over the text.
    """
    assert question.marker_line is not None
    text = question.text
    found: dict[str, tuple[int, int]] = {}
    line = question.marker_line
    line_start = -(question.marker_column - 1 + len("Answer:"))  # where column 1 of the marker's line would be
    counted = 0  # the line breaks before here are counted
    for match in STUDY_NUMBER.finditer(text):
        digits, start = match.group(1), match.start()
        if digits in found:
            continue
        breaks = text.count("\n", counted, start)
        if breaks:
            line += breaks
            line_start = text.rfind("\n", counted, start) + 1
        counted = start
        found[digits] = (line, start - line_start + 1)
    return [(digits, line, column) for digits, (line, column) in found.items()]


def near_miss(listed: str, written: str) -> bool:
    """One digit off, or one digit moved (two swapped included): a typo rather than another student."""
    if len(listed) != len(written) or listed == written:
        return False
    if sum(a != b for a, b in zip(listed, written)) == 1:
        return True
    return any(
        listed[:i] + listed[i + 1 :] == written[:j] + written[j + 1 :] and listed[i] == written[j]
        for i in range(len(listed))
        for j in range(len(written))
    )


def _first_text_line(report: Report, question: Question) -> int:
    """The answer's first line with text on it (the marker's when the answer starts there)."""
    assert question.marker_line is not None
    first = report.lines[question.marker_line - 1][question.marker_column - 1 + len("Answer:") :]
    if first.strip():
        return question.marker_line
    return next(
        (n for n in range(question.marker_line + 1, question.end + 1) if report.lines[n - 1].strip()),
        question.marker_line,
    )
