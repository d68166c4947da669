"""Reading a report: text -> questions, with the line of every heading, marker, answer line and image link."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from reportlint.course.script import MARKER, count_images, count_words, image_spans
from reportlint.reading.blocks import Blocks, Heading, scan, split_lines

QUESTION = re.compile(r" {0,3}###[ \t]+Question[ \t]+(\d{1,6})(?!\d)(.*)$", re.IGNORECASE)
_CLOSING_HASHES = re.compile(r"(?:[ \t]+#+)?[ \t]*$")
# Written so that no line, however long or odd, makes them backtrack more than linearly: no `[` inside
# nested brackets, no space that two parts could both take, and a tag never runs past the next `<`.
MARKDOWN_IMAGE = re.compile(
    r"!\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]"
    r"\((?:[ \t]*\)|[ \t]*(<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))+)"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\))"
)
_HTML_IMAGE = r"<img\b[^<>]*"
_SOURCE = r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"""
PLACEHOLDER = re.compile(r"(?<!-)-{2,}[ \t]*question[ \t]+\d+[ \t]+fill[ \t]+here[ \t]*-{2,}", re.IGNORECASE)
_BACKTICKS = re.compile(r"`+")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)")


class ImageLink(NamedTuple):
    """An image in an answer; `target` is the link text as written (before any cleaning)."""

    line: int
    column: int
    target: str
    html: bool = False


class Question(NamedTuple):
    number: int
    line: int
    extra: str  # text after the number on the heading line
    extra_column: int
    prompt: str  # the text between the heading and the marker, where the limits are stated
    marker_line: int | None
    marker_column: int
    end: int  # last line of the answer region (or of the prompt when there is no marker)
    text: str  # the answer as reportlint reads it: after `Answer:` up to the next level 1-3 heading
    stop: Heading | None  # the heading that ends the answer; None at the end of the file
    images: tuple[ImageLink, ...]  # images a reader sees
    hidden: tuple[ImageLink, ...]  # image syntax the course counts that no reader sees as an image
    words: int  # counted as the course counts them
    image_count: int  # counted as the course counts them
    has_placeholder: bool  # the template's `--- question N fill here ---` is still in the answer
    unanswered: bool  # empty, or nothing but the placeholder: whatever the template's minimum


class Report(NamedTuple):
    lines: tuple[str, ...]
    blocks: Blocks
    questions: tuple[Question, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _unanswered(text: str, has_placeholder: bool) -> bool:
    if not has_placeholder:
        return not text.strip()
    return not PLACEHOLDER.sub("", text).strip()


def read(text: str) -> Report:
    """Read a report. A file without question headings gives a report with no questions."""
    lines = split_lines(text)
    blocks = scan(lines)
    kinds = _line_kinds(len(lines), blocks)
    stops = [heading for heading in blocks.headings if not heading.setext and heading.level <= 3]
    questions = []
    for index, heading in enumerate(stops):
        match = _question_heading(lines, heading)
        if match is None:
            continue
        section_end = stops[index + 1].line - 1 if index + 1 < len(stops) else len(lines)
        questions.append(_question(lines, kinds, heading, match, section_end, stops[index + 1 :]))
    return Report(tuple(lines), blocks, tuple(questions))


PLAIN, CODE, HTML = 0, 1, 2


def _line_kinds(count: int, blocks: Blocks) -> bytearray:
    """Whether each line (1-based) is plain markdown, code or HTML, looked up once per line later."""
    kinds = bytearray(count + 2)
    for spans, kind in ((blocks.code, CODE), (blocks.html, HTML)):
        for span in spans:
            kinds[span.start : span.end + 1] = bytes([kind]) * (span.end - span.start + 1)
    return kinds


def _question_heading(lines: list[str], heading: Heading) -> re.Match[str] | None:
    if heading.setext or heading.level != 3:
        return None
    return QUESTION.match(lines[heading.line - 1])


def _question(
    lines: list[str], kinds: bytearray, heading: Heading, match: re.Match[str], section_end: int, later: list[Heading]
) -> Question:
    extra = _CLOSING_HASHES.sub("", match.group(2)).strip()
    extra_column = match.start(2) + len(match.group(2)) - len(match.group(2).lstrip()) + 1
    marker = _find_marker(lines, kinds, heading.line + 1, section_end)
    if marker is None:
        prompt = "\n".join(lines[heading.line : section_end])
        return Question(
            int(match.group(1)),
            heading.line,
            extra,
            extra_column,
            prompt,
            None,
            0,
            section_end,
            "",
            later[0] if later else None,
            (),
            (),
            0,
            0,
            False,
            False,
        )
    marker_line, marker_column = marker
    stop = later[0] if later else None
    end = stop.line - 1 if stop else len(lines)
    first = lines[marker_line - 1][marker_column - 1 + len(MARKER) :]
    text = "\n".join([first, *lines[marker_line:end]])
    images, hidden = _images(lines, kinds, marker_line, marker_column - 1 + len(MARKER), end)
    has_placeholder = PLACEHOLDER.search(text) is not None
    return Question(
        number=int(match.group(1)),
        line=heading.line,
        extra=extra,
        extra_column=extra_column,
        prompt="\n".join(lines[heading.line : marker_line]),
        marker_line=marker_line,
        marker_column=marker_column,
        end=end,
        text=text,
        stop=stop,
        images=tuple(images),
        hidden=tuple(hidden),
        words=count_words(text),
        image_count=count_images(text),
        has_placeholder=has_placeholder,
        unanswered=_unanswered(text, has_placeholder),
    )


def _find_marker(lines: list[str], kinds: bytearray, first: int, last: int) -> tuple[int, int] | None:
    for number in range(first, last + 1):
        column = lines[number - 1].find(MARKER)
        if column >= 0 and kinds[number] == PLAIN:
            return number, column + 1
    return None


def _images(
    lines: list[str], kinds: bytearray, first: int, skip: int, last: int
) -> tuple[list[ImageLink], list[ImageLink]]:
    """Split the image syntax of an answer into what a reader sees and what only the course counts."""
    seen: list[ImageLink] = []
    hidden: list[ImageLink] = []
    in_comment = False
    for number in range(first, last + 1):
        line = lines[number - 1]
        kind = kinds[number]
        if kind != HTML:
            in_comment = False
            if "!" not in line and "<" not in line:
                continue
        if number == first:
            line = " " * skip + line[skip:]
        if kind == CODE:
            hidden.extend(_course_images(number, line))
        elif kind == HTML:
            visible, in_comment = _outside_comments(line, in_comment)
            seen.extend(_html_images(number, visible))
            hidden.extend(_course_images(number, line))
        else:
            visible = _mask_inline_code(_COMMENT.sub(_blank, line))
            found = list(_markdown_images(number, visible))
            seen.extend(found)
            seen.extend(_html_images(number, visible))
            shown = {image.column for image in found}
            hidden.extend(image for image in _course_images(number, line) if image.column not in shown)
    return seen, hidden


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def _mask_inline_code(line: str) -> str:
    """Blank out `code spans` (a backtick run closed by a run of the same length), keeping columns."""
    if "`" not in line:
        return line
    runs = list(_BACKTICKS.finditer(line))
    out = list(line)
    index = 0
    while index < len(runs):
        opening = runs[index]
        closing = next((r for r in runs[index + 1 :] if len(r.group(0)) == len(opening.group(0))), None)
        if closing is None:
            index += 1
            continue
        out[opening.start() : closing.end()] = " " * (closing.end() - opening.start())
        index = runs.index(closing) + 1
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


def _markdown_images(number: int, line: str) -> Iterator[ImageLink]:
    for match in MARKDOWN_IMAGE.finditer(line):
        yield ImageLink(number, match.start() + 1, match.group(1) or "")


def _html_images(number: int, line: str) -> Iterator[ImageLink]:
    if "<" not in line:
        return
    for tag in re.finditer(_HTML_IMAGE, line, re.IGNORECASE):  # the re module caches the compiled pattern
        source = re.search(_SOURCE, tag.group(0), re.IGNORECASE)
        if source is not None:
            target = next(group for group in source.groups() if group is not None)
            yield ImageLink(number, tag.start() + 1, target, html=True)


def _course_images(number: int, line: str) -> Iterator[ImageLink]:
    for start, end in image_spans(line):
        yield ImageLink(number, start + 1, line[start:end])
