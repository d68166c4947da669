"""The course checker's own reading and counting (see GRADER.md), kept exact so our numbers match its numbers.

Two versions of its `report.py check` are in use: the current one, and the 27-question one of 2023 and
2024, which first drops 43 characters and keeps the introduction's piece before dropping the first kept
one. Both take answers as pieces of the text between `Answer:` markers, not sections under headings, so
where the readings differ we can say what it will count instead.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence

from reportlint.course.templates import SCRIPT_2023, SCRIPT_2025, Limits, Template
from reportlint.records import NamedTuple

IMAGE = r"!\[.*?\]\(.*?\)"  # the course's pattern, as text: `image_spans` finds the same matches, and tests hold it so
MARKER = "Answer:"
NO_MARKER = "IndexError: list index out of range"  # the current script, on a text without `Answer:`


# For each byte, whether it is ASCII whitespace (a space) or not (part of a word): an ASCII text is counted in its
# bytes.
_SPACE_OR_WORD = bytes(32 if byte in b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f " else 120 for byte in range(256))


def count_words(text: str) -> int:
    """Words as the course counts them: runs of non-whitespace (any Unicode whitespace separates).

    That is `len(text.split())`. An ASCII text is counted without making a string of each word, which costs
    about three times as much: as the starts of runs of non-space bytes, once each byte is marked as a space or
    not. Any other text is split: a search of its UTF-8 bytes for the wide spaces (`\xa0`, `\u2002`...), which
    the marks cannot tell from letters, cost more than the split (a twelfth of answers, two fifths of the time).
    """
    if not text.isascii():
        return len(text.split())
    marks = text.encode("ascii").translate(_SPACE_OR_WORD)
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
    read: str  # the whole text the course reads, and where the answer is in it
    begin: int
    end: int
    cut_line: int | None  # where a `###` or `##` ended it; None when taken to the next marker or the end
    cut_column: int
    end_line: int  # last line it reads
    begin_line: int  # the line it starts reading on
    words: int  # counted once: the verdict and every RL5xx finding ask
    images: int

    @property
    def text(self) -> str:
        """Cut out of the text only when asked: the counts are the report's own for most answers, and a check
        never reads the answer's text."""
        return self.read[self.begin : self.end].strip("\n")


_new = tuple.__new__  # a record made from a tuple of its fields


class _Lines:
    """Offsets in the text the course reads to 1-based (line, column) in the report, asked in text order.

    Each offset counts only the line breaks since the one asked before it, so reading a report counts its
    text once, with no table of line starts to build. The course keeps a byte order mark as a character;
    the report's lines do not have it.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._offset = 0
        self._line = 1
        self._line_start = 0
        self._bom = 1 if text.startswith("\ufeff") else 0

    def at(self, offset: int) -> Position:
        """`offset` is never before the one asked before it."""
        breaks = self._text.count("\n", self._offset, offset)
        if breaks:
            self._line += breaks
            self._line_start = self._text.rfind("\n", self._offset, offset) + 1
        self._offset = offset
        column = offset - self._line_start + 1
        return self._line, max(1, column - self._bom) if self._line == 1 else column


class _Starts:
    """`_Lines` for a text whose line starts the report's reading already holds: a binary search of them finds an
    offset's line, where `_Lines` counts the line breaks on the way."""

    def __init__(self, starts: Sequence[int], bom: bool) -> None:
        self._starts = starts
        self._bom = int(bom)

    def at(self, offset: int) -> Position:
        if self._bom and offset:  # the byte order mark reads as the first line's first column
            offset -= 1
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


Position = tuple[int, int]  # (line, column), 1-based in the report
# A report's own reading of its answers, by the offset of their marker in the text the course reads: (the marker's
# position, the text after it, its words, its images). The text is the one the course reads from there on: the
# report's reading of that same text.
Known = Mapping[int, tuple[Position, str, int, int]]


class CourseReading:
    """Every answer the course checker reads in a report, in order, and the error it stops with, if any.

    It also keeps where each count comes from, to say why it finds too many answers or too few: markers
    with no `###` between them are one *region*, and each region gives one answer (that of its last
    marker); a `###` after the last marker gives that answer twice.

    The text is read once, front to back: each *gap* (from the start, or the end of a marker, to the next
    marker or the end) is both the piece the checker cuts at its first `###` and the place a region opens.
    """

    def __init__(
        self, text: str, script: str = SCRIPT_2025, known: Known | None = None, starts: Sequence[int] = ()
    ) -> None:
        """`known` is the report's own reading of its answers, which the course's reading mostly repeats word for
        word: an answer found there is neither copied out of the text nor counted again, and its marker's position
        is not worked out again. `starts` are where the report's lines start in its `source`, when `text` is its
        `course_text`."""
        rules = SCRIPTS[script]
        self.script = script
        self._rules = rules
        if starts:  # the report's lines hold no line breaks, so neither does their text
            lines: _Lines | _Starts = _Starts(starts, text.startswith("\ufeff"))
        else:
            if "\r" in text:
                text = text.replace("\r\n", "\n").replace("\r", "\n")  # what reading in text mode does
            lines = _Lines(text)
        start = min(rules.skip, len(text))
        self.start = lines.at(start)
        offsets = _markers(text, start)
        self._pieces = len(offsets) + rules.keeps_intro
        answers: list[CourseAnswer] = []
        self.markers: list[Position] = []
        self.regions: list[int] = []  # each marker's region: how many gaps before it hold a `###`
        self.openers: dict[int, Position] = {}  # each numbered region's first `###`
        self.trailing: Position | None = None  # the first `###` after the last marker
        piece: _Piece | None = (None, start, self.start[0], None) if rules.keeps_intro else None  # the next gap ends it
        gap = start
        markers, regions, openers = self.markers, self.regions, self.openers  # looked up once, not per marker
        known = known or {}  # each marker looked up once, and its answer with its piece
        for marker in offsets:
            opener = _gap(text, lines, piece, gap, marker, answers)
            if opener is not None:
                openers[len(openers) + 1] = opener
            regions.append(len(openers))
            hit = known.get(marker)
            position = lines.at(marker) if hit is None else hit[0]
            markers.append(position)
            gap = marker + len(MARKER)
            piece = (position, gap, position[0], hit)
        if piece is not None:
            opener = _gap(text, lines, piece, gap, len(text), answers)
            self.trailing = opener if offsets else None
            answers.append(_answer(text, lines, piece, len(text), None))
        self.answers = answers[1:] if rules.keeps_intro else answers

    def error(self, count: int) -> str | None:
        """The exception line the checker prints instead of checking anything, or None when it checks."""
        if not self._pieces:
            return NO_MARKER
        if len(self.answers) != count:
            return f"ValueError: Number of answers are different from the expected {count}. {self._rules.complaint}"
        return None


TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which the hook would pay for at start
if TYPE_CHECKING:
    # Where an answer the course reads begins: (the position of the marker it follows, None for the
    # introduction's piece of 2023/2024; its offset; its line; the report's own reading of the answer after that
    # marker, if it has one). A plain tuple: one is made per marker.
    _Piece = tuple[Position | None, int, int, tuple[Position, str, int, int] | None]


def _markers(text: str, start: int) -> list[int]:
    """The offsets of every `Answer:` from `start` on (it cannot overlap itself)."""
    offsets: list[int] = []
    offset = text.find(MARKER, start)
    while offset >= 0:
        offsets.append(offset)
        offset = text.find(MARKER, offset + len(MARKER))
    return offsets


def _gap(
    text: str,
    lines: _Lines | _Starts,
    piece: _Piece | None,
    begin: int,
    end: int,
    answers: list[CourseAnswer],
) -> Position | None:
    """The first `###` between `begin` and `end`, if any; the piece that runs to `end` is cut there (or at a
    `##` before it) into an answer.

    The checker cuts at the first `###`, or at a `##` before it. One search finds both: the first `##` is either
    the `###` itself or the `##` before it. It is found as a `#` followed by another: a search for one character
    runs several times faster than one for two in a text of wide characters, and few answers hold a lone `#`.
    """
    cut = text.find("#", begin, end)
    while cut >= 0 and not text.startswith("##", cut, end):
        cut = text.find("#", cut + 1, end)
    if cut < 0:
        return None
    opener = cut if text.startswith("###", cut, end) else text.find("###", cut + 2, end)
    if opener < 0:
        return None
    cut_at = lines.at(cut)
    if piece is not None:
        answers.append(_answer(text, lines, piece, cut, cut_at))
    return cut_at if cut == opener else lines.at(opener)


def _answer(text: str, lines: _Lines | _Starts, piece: _Piece, end: int, cut_at: Position | None) -> CourseAnswer:
    """The answer from the piece's start to `end`; `cut_at` is where `end` is when a `##` cut it there."""
    marker, begin, begin_line, known = piece
    if end - 1 <= begin:
        end_line = begin_line
    elif cut_at is None:
        end_line = lines.at(end - 1)[0]
    else:
        end_line = cut_at[0] - 1 if cut_at[1] == 1 and cut_at[0] > 1 else cut_at[0]  # the line before a cut at a start
    marker_line, marker_column = marker if marker is not None else (None, 0)
    cut_line, cut_column = cut_at if cut_at is not None else (None, 0)
    if known is not None and _reads_as(text, begin + len(known[1]), end):
        words, images = known[2], known[3]
    else:
        answer = text[begin:end].strip("\n")
        words, images = count_words(answer), count_images(answer)
    # from a tuple of its fields, without `_make`'s check of their count: a Python call less per answer
    return _new(
        CourseAnswer,
        (marker_line, marker_column, text, begin, end, cut_line, cut_column, end_line, begin_line, words, images),
    )


def _reads_as(text: str, after: int, end: int) -> bool:
    """Whether the course reads the report's own answer, which `text` holds up to `after`, up to `end`: the same
    answer once both are stripped of line breaks, when nothing but line breaks lie between. The answer itself is
    not compared again: it is the same text (in a wide text, a comparison with the reading's narrower copy of an
    answer went character by character, a fiftieth of a report's check)."""
    return after <= end and text.count("\n", after, end) == end - after


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
        for (number, limits), answer in zip(sorted(template.limits.items()), reading.answers)
        if not within(answer.words, answer.images, limits)
    )
    return CourseVerdict(template.count, template.count - len(failed), None, failed)


def within(words: int, images: int, limits: Limits) -> bool:
    """Whether the course checker passes an answer with these counts (asked of every answer: no loop over pairs
    made for it)."""
    allowed = limits.words
    if allowed is not None and not allowed[0] <= words <= allowed[1]:
        return False
    allowed = limits.images
    return allowed is None or allowed[0] <= images <= allowed[1]
