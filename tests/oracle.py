"""A deliberately naive re-telling of the course's `report.py check`, from GRADER.md's rules alone.

It shares no code with reportlint: plain string splitting and the course's own image pattern, no positions,
no regions. The emulation in `reportlint.course.script` must print what this prints on any text.
"""

from __future__ import annotations

import re

from reportlint.course.templates import Limits

WORDS_2025 = "Have you changed the template?"
WORDS_2023 = "Have you filled out every field?"


def answers(text: str, year: str) -> list[str] | str:
    """The answers the checker reads, or the exception line it stops with before counting them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # reading in text mode
    if year == "2023":
        text = text[43:]
    pieces = text.split("Answer:")
    if year != "2023":
        pieces.pop(0)
        if not pieces:
            return "IndexError: list index out of range"
    kept = []
    for piece in pieces:
        if "###" in piece:
            cut = piece[: piece.index("###")]
            if "##" in cut:
                cut = cut[: cut.index("##")]
            kept.append(cut)
    kept.append(pieces[-1])
    if year == "2023":
        kept = kept[1:]
    return [answer.strip("\n") for answer in kept]


def check(text: str, year: str, limits: dict[int, Limits]) -> str:
    """`passed/total`, or the exception line."""
    read = answers(text, year)
    if isinstance(read, str):
        return read
    if len(read) != len(limits):
        return (
            f"ValueError: Number of answers are different from the expected {len(limits)}. "
            f"{WORDS_2023 if year == '2023' else WORDS_2025}"
        )
    passed = 0
    for number, answer in zip(sorted(limits), read):
        words, images = counts(answer)
        allowed = limits[number]
        ok = allowed.words is None or allowed.words[0] <= words <= allowed.words[1]
        ok = ok and (allowed.images is None or allowed.images[0] <= images <= allowed.images[1])
        passed += ok
    return f"{passed}/{len(limits)}"


def counts(answer: str) -> tuple[int, int]:
    return len(answer.split()), len(re.findall(r"!\[.*?\]\(.*?\)", answer))
