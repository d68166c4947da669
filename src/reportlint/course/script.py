"""The course checker's own reading and counting (see GRADER.md), kept exact so our numbers match its numbers.

Its answers are pieces of the text between `Answer:` markers, not sections under headings, so where
the two readings differ we can say what it will count instead.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from reportlint.course.templates import Limits, Template

IMAGE = re.compile(r"!\[.*?\]\(.*?\)")  # the course's pattern; `image_spans` finds the same matches
MARKER = "Answer:"


def count_words(text: str) -> int:
    """Words as the course counts them: runs of non-whitespace (any Unicode whitespace separates)."""
    return len(text.split())


def count_images(text: str) -> int:
    """Images as the course counts them: `![...](...)` on one line, wherever it stands (code included)."""
    return sum(1 for line in text.split("\n") if "![" in line for _ in image_spans(line))


def image_spans(line: str) -> Iterator[tuple[int, int]]:
    """The matches of the course's IMAGE pattern in one line, found in linear time.

    The pattern's lazy groups backtrack quadratically on a long line of `![` with no `)`; its matches
    are exactly: the next `![`, the first `](` after it, the first `)` after that.
    """
    position = 0
    while True:
        start = line.find("![", position)
        middle = line.find("](", start + 2) if start >= 0 else -1
        end = line.find(")", middle + 2) if middle >= 0 else -1
        if end < 0:
            return
        yield start, end + 1
        position = end + 1


class CourseAnswer(NamedTuple):
    """One answer as the course checker sees it; lines are 1-based in the report."""

    marker_line: int
    marker_column: int
    text: str
    cut_line: int | None  # where a `##` or `###` ended it; None when taken to the next marker or the end
    cut_column: int
    end_line: int  # last line it reads

    @property
    def words(self) -> int:
        return count_words(self.text)

    @property
    def images(self) -> int:
        return count_images(self.text)


class _Positions:
    """Offsets in the newline-normalised text to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def course_answers(text: str) -> list[CourseAnswer]:
    """Split the report as the course checker does.

    Every piece after an `Answer:` that contains `###` is cut at its first `###`, then at its first
    `##`; pieces without `###` are dropped; the last piece is then added again, whole. So a normal
    report gives one answer per marker, a `###` in the last answer gives one answer too many, and a
    missing heading (two markers with no `###` between) gives one too few.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    positions = _Positions(text)
    markers = [match.start() for match in re.finditer(re.escape(MARKER), text)]
    answers: list[CourseAnswer] = []
    for index, marker in enumerate(markers):
        begin = marker + len(MARKER)
        end = markers[index + 1] if index + 1 < len(markers) else len(text)
        cut = text.find("###", begin, end)
        if cut < 0:
            continue
        double = text.find("##", begin, cut)
        cut = double if double >= 0 else cut
        answers.append(_answer(text, positions, marker, cut, cut_at=cut))
    if markers:
        answers.append(_answer(text, positions, markers[-1], len(text), cut_at=None))
    return answers


def _answer(text: str, positions: _Positions, marker: int, end: int, cut_at: int | None) -> CourseAnswer:
    begin = marker + len(MARKER)
    marker_line, marker_column = positions.at(marker)
    cut_line, cut_column = positions.at(cut_at) if cut_at is not None else (None, 0)
    end_line, _ = positions.at(max(begin, end - 1))
    return CourseAnswer(marker_line, marker_column, text[begin:end].strip("\n"), cut_line, cut_column, end_line)


class CourseVerdict(NamedTuple):
    """What the course's `report.py check` prints for a report: its total, or the error it stops with."""

    total: int  # the template's number of questions
    passed: int | None  # questions it passes; None when it stops
    error: str | None  # the exception line it prints when it stops, e.g. "ValueError: ..."
    failed: tuple[int, ...] = ()  # the questions it warns about


def course_verdict(text: str, template: Template) -> CourseVerdict:
    """The course checker's verdict on `text`, held to `template`'s limits."""
    answers = course_answers(text)
    if len(answers) != template.count:
        return CourseVerdict(
            template.count,
            None,
            f"ValueError: Number of answers are different from the expected {template.count}. "
            f"Have you changed the template?",
        )
    failed = tuple(
        number
        for number, answer in zip(sorted(template.limits), answers)
        if not _within(answer, template.limits[number])
    )
    return CourseVerdict(template.count, template.count - len(failed), None, failed)


def _within(answer: CourseAnswer, limits: Limits) -> bool:
    for got, allowed in ((answer.words, limits.words), (answer.images, limits.images)):
        if allowed is not None and not allowed[0] <= got <= allowed[1]:
            return False
    return True
