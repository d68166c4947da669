"""The course checker's own reading and counting (see GRADER.md), kept exact so our numbers match its numbers.

Two versions of its `report.py check` are in use: the current one, and the 27-question one of 2023 and
2024, which first drops 43 characters and keeps the introduction's piece before dropping the first kept
one. Both take answers as pieces of the text between `Answer:` markers, not sections under headings, so
where the readings differ we can say what it will count instead.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from itertools import accumulate

from reportlint.course.templates import SCRIPT_2023, SCRIPT_2025, Limits, Template
from reportlint.records import NamedTuple

IMAGE = re.compile(r"!\[.*?\]\(.*?\)")  # the course's pattern; `image_spans` finds the same matches
MARKER = "Answer:"
NO_MARKER = "IndexError: list index out of range"  # the current script, on a text without `Answer:`


# The whitespace `str.split()` splits at (`str.isspace`) beyond ASCII, and for each byte whether it is ASCII
# whitespace (a space) or not (part of a word): a text without the former is counted in its UTF-8 bytes.
_WIDE_SPACE = re.compile("[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_SPACE_OR_WORD = bytes(32 if byte in b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f " else 120 for byte in range(256))


def count_words(text: str) -> int:
    """Words as the course counts them: runs of non-whitespace (any Unicode whitespace separates).

    That is `len(text.split())`, counted without making a string of each word, which costs about three
    times as much: as the starts of runs of non-space bytes, once each byte is marked as a space or not.
    """
    if not text.isascii() and _WIDE_SPACE.search(text):
        return len(text.split())
    marks = text.encode("utf-8", "surrogatepass").translate(_SPACE_OR_WORD)
    return marks.count(b" x") + marks.startswith(b"x")


def count_images(text: str) -> int:
    """Images as the course counts them: `![...](...)` on one line, wherever it stands (code included)."""
    count = 0
    start = text.find("![")
    end_of_line = -1
    while start >= 0:  # `image_spans` over the text, its searches kept within each line
        if start > end_of_line:  # once per line: a line of many images is not searched to its end for each
            end_of_line = text.find("\n", start)
            if end_of_line < 0:
                end_of_line = len(text)
        middle = text.find("](", start + 2, end_of_line)
        end = text.find(")", middle + 2, end_of_line) if middle >= 0 else -1
        if end < 0:  # no later `![` on this line finds what this one did not
            start = text.find("![", end_of_line)
            continue
        count += 1
        start = text.find("![", end + 1)
    return count


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


class Script(NamedTuple):
    """What one version of the course's checker does differently from the other."""

    skip: int  # characters it drops from the start of the text before splitting
    keeps_intro: bool  # it keeps the piece before the first marker like any other, then drops the first kept one
    complaint: str  # how its answer-count error line ends


SCRIPTS = {
    SCRIPT_2025: Script(0, False, "Have you changed the template?"),
    SCRIPT_2023: Script(43, True, "Have you filled out every field?"),
}


class CourseAnswer(NamedTuple):
    """One answer as the course checker reads it; lines and columns are 1-based in the report."""

    marker_line: int | None  # the `Answer:` it follows; None for text read from before the first marker
    marker_column: int
    text: str
    cut_line: int | None  # where a `###` or `##` ended it; None when taken to the next marker or the end
    cut_column: int
    end_line: int  # last line it reads
    begin_line: int  # the line it starts reading on
    words: int  # counted once: the verdict and every RL5xx finding ask
    images: int


class _Positions:
    """Offsets in the text the course reads to 1-based (line, column) in the report.

    The course keeps a byte order mark as a character; the report's lines do not have it.
    """

    def __init__(self, text: str) -> None:
        lengths = map(len, text.split("\n")[:-1])  # each line's start: the one before's, its length and a break
        self._starts = list(accumulate(map((1).__add__, lengths), initial=0))
        self._bom = 1 if text.startswith("\ufeff") else 0

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        column = offset - self._starts[line - 1] + 1
        return line, max(1, column - self._bom) if line == 1 else column


Position = tuple[int, int]  # (line, column), 1-based in the report


class CourseReading:
    """Every answer the course checker reads in a report, in order, and the error it stops with, if any.

    It also keeps where each count comes from, to say why it finds too many answers or too few: markers
    with no `###` between them are one *region*, and each region gives one answer (that of its last
    marker); a `###` after the last marker gives that answer twice.
    """

    def __init__(self, text: str, script: str = SCRIPT_2025, counted: Mapping[str, int] | None = None) -> None:
        """`counted` holds word counts already taken, by text: a report's own reading of its answers, which the
        course's reading mostly repeats word for word (counting is the costliest part of reading)."""
        rules = SCRIPTS[script]
        known = counted or {}
        self.script = script
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")  # what reading in text mode does
        positions = _Positions(text)
        start = min(rules.skip, len(text))
        markers = [match.start() for match in re.finditer(re.escape(MARKER), text[start:])]
        markers = [start + marker for marker in markers]
        pieces: list[tuple[int | None, int, int]] = [
            (marker, marker + len(MARKER), markers[index + 1] if index + 1 < len(markers) else len(text))
            for index, marker in enumerate(markers)
        ]
        if rules.keeps_intro:
            pieces.insert(0, (None, start, markers[0] if markers else len(text)))
        answers: list[CourseAnswer] = []
        for marker, begin, end in pieces:
            cut = text.find("###", begin, end)
            if cut < 0:
                continue
            double = text.find("##", begin, cut)
            answers.append(_answer(text, positions, marker, begin, double if double >= 0 else cut, True, known))
        if pieces:
            marker, begin, end = pieces[-1]
            answers.append(_answer(text, positions, marker, begin, end, False, known))
        self.answers = answers[1:] if rules.keeps_intro else answers
        self.markers = [positions.at(marker) for marker in markers]
        self.regions, self.openers, self.trailing = _regions(text, positions, start, markers)
        self.start = positions.at(start)
        self._rules = rules
        self._pieces = len(pieces)

    def error(self, count: int) -> str | None:
        """The exception line the checker prints instead of checking anything, or None when it checks."""
        if not self._pieces:
            return NO_MARKER
        if len(self.answers) != count:
            return f"ValueError: Number of answers are different from the expected {count}. {self._rules.complaint}"
        return None


def _regions(
    text: str, positions: _Positions, start: int, markers: list[int]
) -> tuple[list[int], dict[int, Position], Position | None]:
    """For each marker its region's number (0 before any `###`), the first `###` of each numbered region,
    and the first `###` after the last marker. Each gap between markers is searched once: linear time."""
    regions: list[int] = []
    openers: dict[int, Position] = {}
    region = 0
    previous = start
    for marker in markers:
        opener = text.find("###", previous, marker)
        if opener >= 0:
            region += 1
            openers[region] = positions.at(opener)
        regions.append(region)
        previous = marker + len(MARKER)
    trailing = text.find("###", previous) if markers else -1
    return regions, openers, positions.at(trailing) if trailing >= 0 else None


def _answer(
    text: str, positions: _Positions, marker: int | None, begin: int, end: int, cut: bool, counted: Mapping[str, int]
) -> CourseAnswer:
    marker_line, marker_column = positions.at(marker) if marker is not None else (None, 0)
    cut_line, cut_column = positions.at(end) if cut else (None, 0)
    end_line, _ = positions.at(max(begin, end - 1))
    begin_line, _ = positions.at(begin)
    answer = text[begin:end].strip("\n")
    return CourseAnswer(
        marker_line,
        marker_column,
        answer,
        cut_line,
        cut_column,
        end_line,
        begin_line,
        counted[answer] if answer in counted else count_words(answer),
        count_images(answer),
    )


def course_answers(text: str, script: str = SCRIPT_2025) -> list[CourseAnswer]:
    """The answers the course checker reads, in order (more or fewer than the template's when it stops)."""
    return CourseReading(text, script).answers


class CourseVerdict(NamedTuple):
    """What the course's `report.py check` prints for a report: its total, or the error it stops with.

    The 2023/2024 checker prints no total, only a warning per failing question: `passed` is then the
    questions it does not warn about.
    """

    total: int  # the template's number of questions
    passed: int | None  # questions it passes; None when it stops
    error: str | None  # the exception line it prints when it stops, e.g. "ValueError: ..."
    failed: tuple[int, ...] = ()  # the questions it warns about


def course_verdict(text: str, template: Template) -> CourseVerdict:
    """The verdict of the course checker that checks `template`'s reports on `text`."""
    return verdict_of(CourseReading(text, template.script), template)


def verdict_of(reading: CourseReading, template: Template) -> CourseVerdict:
    error = reading.error(template.count)
    if error is not None:
        return CourseVerdict(template.count, None, error)
    failed = tuple(
        number
        for number, answer in zip(sorted(template.limits), reading.answers)
        if not within(answer.words, answer.images, template.limits[number])
    )
    return CourseVerdict(template.count, template.count - len(failed), None, failed)


def within(words: int, images: int, limits: Limits) -> bool:
    """Whether the course checker passes an answer with these counts."""
    for got, allowed in ((words, limits.words), (images, limits.images)):
        if allowed is not None and not allowed[0] <= got <= allowed[1]:
            return False
    return True
