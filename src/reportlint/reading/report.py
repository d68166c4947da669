"""Reading a report: text -> questions, with the line of every heading, marker, answer line and image link."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence

from reportlint.course.script import MARKER, count_words, image_spans
from reportlint.reading.blocks import Blocks, Document, Heading, scan_document, split_document
from reportlint.records import NamedTuple

# Any Unicode space may separate `Question` from its number: CommonMark keeps the heading, the course reads it.
QUESTION = re.compile(r" {0,3}###[ \t]+Question\s+(?P<number>\d{1,6})(?!\d)(?P<extra>.*)$", re.IGNORECASE)
# Patterns that only some reports need are kept as text: the re module compiles each on first use and
# caches it, and the hook's start compiles none of them.
LOOSE_QUESTION = r"(?i) {0,3}###(?P<space>[^\S \t])\s*Question\s+(?P<number>\d{1,6})(?!\d)(?P<extra>.*)$"
_new = tuple.__new__  # a record built from a tuple of all its fields, without the constructor's call
_CLOSING_HASHES = r"(?:[ \t]+#+)?[ \t]*$"  # only for a heading with a `#` after its number
# Written so that no line, however long or odd, makes them backtrack more than linearly: no `[` inside
# nested brackets, no space that two parts could both take, and a tag never runs past the next `<`.
# MARKDOWN_IMAGE is IMAGE_SPEC with each `(?:char|group)*` written as `char*(?:group char*)*`, which matches
# the same (a group starts with the one character `char` excludes) in half the time: a run of characters is
# taken in one step, not one alternation per character (a test holds the two to the same matches).
IMAGE_SPEC = (
    r"!\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]"
    r"\((?:[ \t]*\)|[ \t]*(<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))+)"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\))"
)
MARKDOWN_IMAGE = re.compile(
    r"!\[[^\[\]\n]*(?:\[[^\[\]\n]*\][^\[\]\n]*)*\]"
    r"\((?:[ \t]*\)|[ \t]*(<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\))"
)
_HTML_IMAGE = r"<img\b[^<>]*"
_SOURCE = r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"""
# `(?<!-)-{2,}` written to start with its literal `-`, which lets the re module skip ahead to each dash (30 times
# faster on a whole report).
PLACEHOLDER = re.compile(r"-(?<!--)-+[ \t]*question[ \t]+\d+[ \t]+fill[ \t]+here[ \t]*-{2,}", re.IGNORECASE)
_BACKTICKS = re.compile(r"`+")
_COMMENT = r"<!--.*?(?:-->|$)"  # only for a line with an image and a comment
_FILLER = re.compile(r"[\s>\-]+")
_HEADING = r"([ \t]*(?:(?:[-*+]|\d{1,9}[.)]|>)[ \t]*)*)#+[ \t]*(.*?)(?:[ \t]+#+)?[ \t]*$"
_NAMES_QUESTION = re.compile(r"[ \t]*##[ \t]+Question\s+\d", re.IGNORECASE)
_QUOTE_PREFIX = r"[ \t]*(?:>[ \t]?)*"
# `"]:" in text` takes twice as long in a text of wide characters; no real report has one
_DEFINITION_HINT = re.compile(r"\]:")
_DEFINITION = r"[ \t]{0,3}(?:>[ \t]?)*\[([^\[\]]+)\]:[ \t]*(<[^<>]*>|\S+)"
_REFERENCE_IMAGE = r"!\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\](?:\[([^\[\]\n]*)\])?"
_TWO_LINE_IMAGE = (
    r"!\[(?:[^\[\]]|\[[^\[\]]*\])*\]\([ \t]*\n?[ \t]*(<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))+)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)


# Why the course's count and a reader disagree about an image (`ImageLink.why`). Shown, but not counted:
REFERENCE = "reference"  # `![alt][label]` with the label defined: the course's pattern needs `](...)`
LINES = "lines"  # `![...](...)` written over two lines: the course's pattern reads one line at a time
# Counted, but not shown:
IN_CODE = "code"
IN_COMMENT = "comment"
IN_HTML = "html"  # inside an HTML block, where markdown is not rendered
AS_TEXT = "text"  # where a reader sees text, e.g. a link with a space in it


class ImageLink(NamedTuple):
    """An image in an answer; `target` is the link text as written (before any cleaning)."""

    line: int
    column: int
    target: str
    html: bool = False
    end: int = 0  # the column after it on `line` (the end of `line` for one written over several lines)
    why: str = ""  # one of the reasons above when the course's count and a reader disagree about it


class Question(NamedTuple):
    number: int
    line: int
    extra: str  # text after the number on the heading line
    extra_column: int
    prompt: str  # the text between the heading and the marker, where the limits are stated
    marker_line: int | None
    marker_column: int
    end: int  # last line of the answer region (or of the prompt when there is no marker)
    text: str  # the answer as reportlint reads it: after `Answer:` up to the next level 2-3 heading
    stop: Heading | None  # the heading that ends the answer; None at the end of the file
    images: tuple[ImageLink, ...]  # images a reader sees (`why` says when the course does not count one)
    hidden: tuple[ImageLink, ...]  # image syntax the course counts that no reader sees as an image
    words: int  # counted as the course counts them
    image_count: int  # counted as the course counts them
    has_placeholder: bool  # the template's `--- question N fill here ---` is still in the answer
    unanswered: bool  # empty, nothing but the placeholder, or nothing but dashes: whatever the template's minimum
    shown_as_text: int = 0  # the column of the space after `###` that is not one to CommonMark; 0 on a real heading


class LinesOf:
    """The line numbers of headings or questions (in the order of the text), for `bisect` to search without
    copying them out: a check made once per question must not walk the whole report."""

    def __init__(self, items: Sequence[Heading] | Sequence[Question]) -> None:
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> int:
        return self.items[index].line


class Report(NamedTuple):
    lines: tuple[str, ...]
    blocks: Blocks
    questions: tuple[Question, ...]
    source: str  # the lines joined, each ended by a line break ("" for none), as the reading searched them
    offsets: Sequence[int]  # where each line starts in `source`, and where it ends
    bom: bool = False  # the text started with a byte order mark, which the course's checker reads as a character

    @property
    def text(self) -> str:
        """The lines joined: cut from `source`, a third of the time of joining them again."""
        return self.source[:-1]

    @property
    def course_text(self) -> str:
        """The text as the course's checker reads it (a final line break aside, which it never counts)."""
        return ("\ufeff" if self.bom else "") + self.text


def _unanswered(text: str, has_placeholder: bool) -> bool:
    """Nothing written: what is left without the placeholder is blank, or only the template's dashes (and
    quote markers), which no grader reads as an answer."""
    rest = PLACEHOLDER.sub("", text) if has_placeholder else text
    return not rest or _FILLER.fullmatch(rest) is not None  # stops at the first letter of a written answer


def read(text: str) -> Report:
    """Read a report. A file without question headings gives a report with no questions.

    An answer ends at the next level 2 or 3 heading, as the course's checker cuts it at `##`; a level-1
    heading inside an answer does not end it: the course's checker reads straight through it, and so
    does a grader, who sees it between the question and the next one.
    """
    document = split_document(text)
    lines = document.lines
    blocks = scan_document(document)
    kinds = _line_kinds(len(lines), blocks)
    loose = _loose_questions(document, kinds, blocks)
    stops = [heading for heading in blocks.headings if not heading.setext and 2 <= heading.level <= 3]
    if loose:  # the scanner's headings are in order already
        stops = sorted(stops + list(loose))
    references = _References(text, lines, kinds)
    questions = []
    for index, heading in enumerate(stops):
        match = loose.get(heading) if loose else None
        shown_as_text = 0 if match is None else match.start("space") + 1
        if match is None and heading.level == 3:  # the stops are ATX headings of level 2 or 3
            match = QUESTION.match(lines[heading.line - 1])
        if match is None:
            continue
        section_end = stops[index + 1].line - 1 if index + 1 < len(stops) else len(lines)
        later = stops[index + 1 : index + 3]
        questions.append(_question(document, kinds, heading, match, section_end, later, references, shown_as_text))
    return Report(tuple(lines), blocks, tuple(questions), document.source, document.offsets, text.startswith("\ufeff"))


def merged_words(report: Report, question: Question) -> int:
    """The words the course would count for `question` if the heading that ends its answer were bold text:
    the heading's own words and those below it, up to the next heading, join the answer."""
    stop = question.stop
    assert stop is not None
    headings, questions = report.blocks.headings, report.questions
    # the nearest of each after the stop: each answer's stop is its own heading, so the walks never overlap
    start = bisect_right(LinesOf(headings), stop.line)
    heading = next((headings[i].line for i in range(start, len(headings)) if _ends_answers(headings[i])), None)
    later = bisect_right(LinesOf(questions), stop.line)
    following = [
        line for line in (heading, questions[later].line if later < len(questions) else None) if line is not None
    ]
    last = min(following) - 1 if following else len(report.lines)
    return (
        question.words
        + count_words(as_bold(report.lines[stop.line - 1]))
        + count_words("\n".join(report.lines[stop.line : last]))
    )


def as_bold(line: str) -> str:
    """An ATX heading line written as bold text instead, in the list item or quote that holds it: what the
    advice "make it bold text" asks for, and what the course would then count."""
    match = re.fullmatch(_HEADING, line)
    if match is None:
        return line
    prefix, text = match.groups()
    return prefix + (text if "**" in text or not text else f"**{text}**")


def stray_stop(report: Report, question: Question) -> Heading | None:
    """The heading that ends an answer when it is not the next question or a section of the template: a
    level-3 heading, or a level-2 one that names a question (`## Question 14` typed under `Answer:`).
    Both readers stop there: reportlint, and the course's checker, which cuts at `##`."""
    stop = question.stop
    if question.marker_line is None or stop is None:
        return None
    at = bisect_left(LinesOf(report.questions), stop.line)
    if at < len(report.questions) and report.questions[at].line == stop.line:
        return None
    if stop.level == 3 or _NAMES_QUESTION.match(report.lines[stop.line - 1]):
        return stop
    return None


def _ends_answers(heading: Heading) -> bool:
    return not heading.setext and 2 <= heading.level <= 3


PLAIN, CODE, HTML = 0, 1, 2


def _line_kinds(count: int, blocks: Blocks) -> bytearray:
    """Whether each line (1-based) is plain markdown, code or HTML, looked up once per line later."""
    kinds = bytearray(count + 2)
    for spans, kind in ((blocks.code, CODE), (blocks.html, HTML)):
        for span in spans:
            kinds[span.start : span.end + 1] = bytes([kind]) * (span.end - span.start + 1)
    return kinds


def _loose_questions(document: Document, kinds: bytearray, blocks: Blocks) -> dict[Heading, re.Match[str]]:
    """`###` and a non-breaking (or other Unicode) space before `Question N`: CommonMark wants a plain space
    or tab there, so the page shows the line as text, but the course's checker only looks for `###` and
    reads the question all the same. reportlint reads it as the question, and says so.

    Such a line starts with a space or a `#`: only the few lines that do are looked at, and of those only a
    line whose first `###` is followed by whitespace other than a space or a tab (what `\\s` takes, as
    `str.isspace` does) is matched, not every real heading.
    """
    lines = document.lines
    headings: set[int] | None = None
    found: dict[Heading, re.Match[str]] = {}
    for index in document.blank_or_hash:
        line = lines[index]
        at = line.find("###", 0, 6)
        after = line[at + 3 : at + 4]
        if at < 0 or after in " \t" or not after.isspace() or kinds[index + 1] != PLAIN:  # "" is in any text
            continue
        if headings is None:
            headings = {heading.line for heading in blocks.headings}
        match = re.match(LOOSE_QUESTION, line) if index + 1 not in headings else None
        if match is not None:
            found[Heading(index + 1, 3, False, index + 1)] = match
    return found


def _question(
    document: Document,
    kinds: bytearray,
    heading: Heading,
    match: re.Match[str],
    section_end: int,
    later: list[Heading],  # the next two headings that end answers: the second when the first is `### Answer:`
    references: _References,
    shown_as_text: int,
) -> Question:
    lines = document.lines
    after = match.group("extra")
    extra, extra_column = "", match.start("extra") + 1  # most headings end at their number
    if after:
        # without a `#`, what the pattern would take off the end `strip` takes too
        extra = (re.sub(_CLOSING_HASHES, "", after) if "#" in after else after).strip()
        extra_column += len(after) - len(after.lstrip())
    number = int(match.group("number"))
    marker = _find_marker(document, kinds, heading.line + 1, section_end)
    if marker is None and later and not later[0].setext and MARKER in lines[later[0].line - 1]:
        # `### Answer:`: the course finds its marker there, and a grader sees the answer under it
        marker = later[0].line, lines[later[0].line - 1].find(MARKER) + 1
        later = later[1:]
    if marker is None:
        prompt = _joined(document, heading.line, section_end)
        stop = later[0] if later else None
        return Question(
            number,
            heading.line,
            extra,
            extra_column,
            prompt,
            None,
            0,
            section_end,
            "",
            stop,
            (),
            (),
            0,
            0,
            False,
            False,
            shown_as_text,
        )
    marker_line, marker_column = marker
    stop = later[0] if later else None
    end = stop.line - 1 if stop else len(lines)
    skip = marker_column - 1 + len(MARKER)  # the answer starts after the marker
    offsets = document.offsets
    text = document.source[offsets[marker_line - 1] + skip : offsets[end] - 1]
    images: tuple[ImageLink, ...] = ()
    hidden: tuple[ImageLink, ...] = ()
    image_count = 0
    # most answers have no image syntax, and many that have a `!` or a `<` have none either; `![` is what every
    # markdown image starts with (one character is found faster)
    if ("!" in text and "![" in text) or ("<" in text and re.search(_HTML_IMAGE, text, re.IGNORECASE) is not None):
        seen, not_seen, image_count = _images(lines, kinds, marker_line, skip, end, references)
        images, hidden = tuple(seen), tuple(not_seen)
    has_placeholder = "-" in text and PLACEHOLDER.search(text) is not None  # a third of answers have no dash
    prompt = document.source[offsets[heading.line] : offsets[marker_line] - 1]  # `_joined`: the marker is below
    words, unanswered = count_words(text), _unanswered(text, has_placeholder)
    # a tuple of the fields in order: the constructor's call costs as much again, once per question of every report
    return _new(
        Question,
        (
            number,
            heading.line,
            extra,
            extra_column,
            prompt,
            marker_line,
            marker_column,
            end,
            text,
            stop,
            images,
            hidden,
            words,
            image_count,
            has_placeholder,
            unanswered,
            shown_as_text,
        ),
    )


def _joined(document: Document, start: int, stop: int) -> str:
    """`"\\n".join(document.lines[start:stop])`, cut from the joined lines rather than joined again."""
    return document.source[document.offsets[start] : document.offsets[stop] - 1] if start < stop else ""


def _find_marker(document: Document, kinds: bytearray, first: int, last: int) -> tuple[int, int] | None:
    """The line and column of the first `Answer:` on a plain line from `first` to `last` (1-based).

    One search of the joined lines, not one per line; the line found is a binary search of the lines'
    starts away, between the line the search started on and `last` (the marker is before its end)."""
    source, offsets = document.source, document.offsets
    line, stop = first, offsets[last]  # `line` 1-based: it starts at offsets[line - 1]
    while True:
        position = source.find(MARKER, offsets[line - 1], stop)
        if position < 0:
            return None
        line = bisect_right(offsets, position, line, last)
        if kinds[line] == PLAIN:
            return line, position - offsets[line - 1] + 1
        line += 1  # the first marker on a line is its only one that counts


class _References:
    """Link reference definitions (`[label]: target`), by normalised label: what `![alt][label]` shows.

    Read on first use: only an image that is not an inline one can need them, and few reports have one, so
    most never search their text for a definition.
    """

    def __init__(self, text: str, lines: list[str], kinds: bytearray) -> None:
        self._text = text
        self._lines = lines
        self._kinds = kinds
        self._found: dict[str, str] | None = None

    def get(self, label: str) -> str | None:
        """The target defined for `label` (as written), if any."""
        if self._found is None:
            self._found = self._read() if _DEFINITION_HINT.search(self._text) else {}
        return self._found.get(_label(label))

    def _read(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for number, line in enumerate(self._lines, start=1):
            if "]:" in line and self._kinds[number] == PLAIN:
                match = re.match(_DEFINITION, line)
                if match is not None:
                    found.setdefault(_label(match.group(1)), match.group(2))
        return found


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


class _Pending(NamedTuple):
    """An `<img` tag or a `![` left open at the end of a line, which the next line may complete."""

    line: int
    column: int
    text: str


def _images(
    lines: list[str], kinds: bytearray, first: int, skip: int, last: int, references: _References
) -> tuple[list[ImageLink], list[ImageLink], int]:
    """Split the image syntax of an answer into what a reader sees and what only the course counts, and count
    the course's matches (`count_images` of the answer) on the way: each line is searched once, not twice.

    The course counts `![...](...)` on one line; a reader also sees `<img>` tags, reference-style images
    and images written over two lines, which the course does not count (`why` says so).
    """
    seen: list[ImageLink] = []
    hidden: list[ImageLink] = []
    counted = 0
    in_comment = False
    tag: _Pending | None = None
    opened: _Pending | None = None
    for number in range(first, last + 1):
        line = lines[number - 1]
        kind = kinds[number]
        if kind != HTML:
            in_comment = False
        if tag is None and opened is None and "!" not in line and "<" not in line:
            continue  # most lines: nothing to carry on and no image syntax, in code or not
        if kind == CODE or not line.strip():
            tag = opened = None
            if kind == CODE:
                course = _course_images(number, line, IN_CODE)
                hidden += course
                counted += len(course)
            continue
        if number == first:
            line = " " * skip + line[skip:]
        if kind == HTML:
            opened = None
            visible, in_comment = _outside_comments(line, in_comment)
            course = _course_images(number, line, IN_HTML, visible)
            hidden += course
            counted += len(course)
        else:
            uncommented = re.sub(_COMMENT, _blank, line) if "<!--" in line else line
            visible = _mask_inline_code(uncommented)
            if opened is not None:
                seen.extend(_over_two_lines(opened, line, visible))
            shown, not_shown, opened, matches = _markdown_images(number, line, uncommented, visible, references)
            seen.extend(shown)
            hidden.extend(not_shown)
            counted += matches
        if tag is not None:
            tag = _close_tag(tag, number, visible, seen)
        if "<" in visible:  # what every tag starts with; most lines with an image have none
            for image, still_open in _html_images(number, visible):
                if still_open:
                    tag = _Pending(image.line, image.column, image.target)
                else:
                    seen.append(image)
    return seen, hidden, counted


def _markdown_images(
    number: int, line: str, uncommented: str, visible: str, references: _References
) -> tuple[list[ImageLink], list[ImageLink], _Pending | None, int]:
    """One line's markdown images: those a reader sees, the course's matches no reader sees, an image
    opened at the end of the line that the next line may close, and how many matches the course counts.

    A course match that overlaps an image a reader sees is that image's count, wherever each starts:
    `![a][r] ![b](x.png)` is one course match for two visible images (one of them not counted).
    """
    if "![" not in line:  # what every markdown image starts with (and masking only adds spaces)
        return [], [], None, 0
    inline = [  # positional: a keyword makes each call to the constructor about a quarter dearer
        ImageLink(number, match.start() + 1, match.group(1) or "", False, match.end() + 1)
        for match in MARKDOWN_IMAGE.finditer(visible)
    ]
    inline_ends = [image.end - 1 for image in inline]
    # each inline image starts with a `![`: a line with no other has no image outside them to look up
    outside = visible.count("![") > len(inline)
    referenced = list(_reference_images(number, visible, references, inline, inline_ends)) if outside else []
    referenced_ends = [image.end - 1 for image in referenced]
    counted: set[int] = set()
    not_shown: list[ImageLink] = []
    matches = 0
    for start, end in image_spans(line):
        matches += 1
        if _overlapped(start, end, inline, inline_ends) is not None:
            continue
        hit = _overlapped(start, end, referenced, referenced_ends, counted)
        if hit is not None:
            counted.add(hit)
            continue
        why = (
            IN_COMMENT if uncommented[start] != line[start] else (IN_CODE if visible[start] != line[start] else AS_TEXT)
        )
        not_shown.append(ImageLink(number, start + 1, line[start:end], end=end + 1, why=why))
    if referenced:
        inline += [image if i in counted else image._replace(why=REFERENCE) for i, image in enumerate(referenced)]
    last = visible.rfind("![")
    if last < 0 or (inline and inline[-1].column == last + 1):  # most lines: it opens their last image
        return inline, not_shown, None, matches
    if any(image.column <= last + 1 < image.end for image in inline):
        return inline, not_shown, None, matches
    return inline, not_shown, _Pending(number, last + 1, visible[last:]), matches


def _overlapped(
    start: int, end: int, images: list[ImageLink], ends: list[int], taken: set[int] | frozenset[int] = frozenset()
) -> int | None:
    """The first image (its index) not `taken` that shares a character with the 0-based span [start, end).

    `images` are one line's matches of one pattern, in order and apart, so their 0-based ends (`ends`) are in
    order too: a binary search finds the first that ends after `start`, and the walk stops at the first that
    starts at `end`; a line of many images takes linear time, not one pass over them per span.
    """
    index = bisect_right(ends, start)
    while index < len(images) and images[index].column - 1 < end:
        if index not in taken:
            return index
        index += 1
    return None


def _reference_images(
    number: int, visible: str, references: _References, inline: list[ImageLink], inline_ends: list[int]
) -> Iterator[ImageLink]:
    for match in re.finditer(_REFERENCE_IMAGE, visible):
        if _overlapped(match.start(), match.end(), inline, inline_ends) is not None:
            continue
        label = match.group(2) or match.group(1)
        target = references.get(label)
        if target is not None:
            yield ImageLink(number, match.start() + 1, target, end=match.end() + 1)


def _over_two_lines(opened: _Pending, line: str, visible: str) -> Iterator[ImageLink]:
    """An image whose `![` opened on the line before and which this line closes: GitHub shows it, the
    course's one-line pattern does not count it."""
    match = re.match(_TWO_LINE_IMAGE, opened.text + "\n" + re.sub(_QUOTE_PREFIX, "", visible))
    if match is not None and match.end() > len(opened.text):
        target = match.group(1) or ""
        yield ImageLink(opened.line, opened.column, target, end=opened.column + len(opened.text), why=LINES)


def _close_tag(tag: _Pending, number: int, visible: str, seen: list[ImageLink]) -> _Pending | None:
    """Carry an `<img` tag written over several lines on to its `>`; a reader sees it, the course never counts it."""
    closing = visible.find(">")
    opening = visible.find("<")
    if 0 <= opening < closing or (closing < 0 and opening >= 0):
        return None
    text = tag.text + "\n" + (visible if closing < 0 else visible[:closing])
    if closing < 0:
        return tag._replace(text=text)
    source = _source(text)
    if source is not None:
        seen.append(ImageLink(tag.line, tag.column, source, html=True, end=tag.column + 4))
    return None


def _source(tag: str) -> str | None:
    source = re.search(_SOURCE, tag, re.IGNORECASE)
    if source is None:
        return None
    return next(group for group in source.groups() if group is not None)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def _mask_inline_code(line: str) -> str:
    """Blank out `code spans` (a backtick run closed by the next run of the same length), keeping columns.

    Each run's closer is found once, walking the runs backwards, so a line of many runs takes linear time.
    """
    if "`" not in line:
        return line
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(line)]
    closer = [-1] * len(runs)
    following: dict[int, int] = {}  # run length -> index of the nearest run of that length further on
    for index in range(len(runs) - 1, -1, -1):
        start, end = runs[index]
        closer[index] = following.get(end - start, -1)
        following[end - start] = index
    out = list(line)
    index = 0
    while index < len(runs):
        if closer[index] < 0:
            index += 1
            continue
        start, end = runs[index][0], runs[closer[index]][1]
        out[start:end] = " " * (end - start)
        index = closer[index] + 1
    return "".join(out)


def _outside_comments(line: str, in_comment: bool) -> tuple[str, bool]:
    """The parts of an HTML-block line outside `<!-- -->`, blanked inside; comments may span lines."""
    out = []
    position = 0
    while position < len(line):
        if in_comment:
            close = line.find("-->", position)
            stop = len(line) if close < 0 else close + 3
            out.append(" " * (stop - position))
            position = stop
            in_comment = close < 0
        else:
            opening = line.find("<!--", position)
            stop = len(line) if opening < 0 else opening
            out.append(line[position:stop])
            position = stop
            in_comment = opening >= 0
            if in_comment:
                out.append("    ")
                position += 4
    return "".join(out), in_comment


def _html_images(number: int, line: str) -> Iterator[tuple[ImageLink, bool]]:
    """`<img>` tags on a line; a tag with no `src` yet that runs to the end of the line is open (True)."""
    for tag in re.finditer(_HTML_IMAGE, line, re.IGNORECASE):  # the re module caches the compiled pattern
        source = _source(tag.group(0))
        if source is not None:
            yield ImageLink(number, tag.start() + 1, source, html=True, end=tag.end() + 1), False
        elif tag.end() == len(line):
            yield ImageLink(number, tag.start() + 1, tag.group(0)), True


def _course_images(number: int, line: str, why: str, visible: str | None = None) -> list[ImageLink]:
    """The course's matches on a line no reader sees as markdown; in HTML, those in a comment say so."""
    return [
        ImageLink(
            number,
            start + 1,
            line[start:end],
            end=end + 1,
            why=IN_COMMENT if visible is not None and visible[start] != line[start] else why,
        )
        for start, end in image_spans(line)
    ]
