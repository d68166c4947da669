"""Length checks (RL2xx): words and images against the template's ranges, counted as the course counts them."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.course.templates import Range, Template
from reportlint.findings import ERROR, Finding, Rule
from reportlint.reading.report import Question

FAMILY = "length"
RULES = (
    Rule(
        "RL201",
        "too-few-words",
        ERROR,
        FAMILY,
        "The answer has fewer words than the template recommends.",
        "reports/README.md:170:1: RL201 error: Question 7: 32 words, expected 50-100: 18 short",
    ),
    Rule(
        "RL202",
        "too-many-words",
        ERROR,
        FAMILY,
        "The answer has more words than the template recommends.",
        "reports/README.md:264:1: RL202 error: Question 12: 146 words, expected 50-100: 46 over",
    ),
    Rule(
        "RL203",
        "too-few-images",
        ERROR,
        FAMILY,
        "The answer has fewer images than the template asks for.",
        "reports/README.md:404:1: RL203 error: Question 19: 0 images, expected 1-2: 1 short",
    ),
    Rule(
        "RL204",
        "too-many-images",
        ERROR,
        FAMILY,
        "The answer has more images than the template allows.",
        "reports/README.md:412:1: RL204 error: Question 20: 3 images, expected 1-2: 1 over",
    ),
)


def check_lengths(template: Template, path: str, answered: list[Question]) -> Iterator[Finding]:
    """Words and images against the template's ranges, counted as the course counts them; `answered` is
    `checks.unanswered.answered_in(report, template)`."""
    for question in answered:
        if question.unanswered:
            continue
        words, images = template.limits[question.number]
        line = question.marker_line
        assert line is not None
        number = question.number
        if words is not None and not words[0] <= question.words <= words[1]:  # most answers fit: no call
            yield _against(path, line, number, question.words, words, "word", "RL201", "RL202")
        if images is not None and not images[0] <= question.image_count <= images[1]:
            yield _against(path, line, number, question.image_count, images, "image", "RL203", "RL204")


def _against(path: str, line: int, number: int, got: int, expected: Range, noun: str, short: str, over: str) -> Finding:
    """The finding for a count outside its range."""
    low, high = expected
    counted = f"Question {number}: {got} {noun}{'' if got == 1 else 's'}, expected {low}-{high}"
    if got < low:
        return Finding(path, line, 1, short, f"{counted}: {low - got} short", number)
    return Finding(path, line, 1, over, f"{counted}: {got - high} over", number)
