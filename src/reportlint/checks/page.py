"""Graders' page checks (RL6xx): where the page the graders read differs from the report on GitHub.

The graders read the page the course's `report.py html` makes: Python-Markdown with no extensions,
after dropping the first 43 characters of the file. GitHub reads CommonMark with its own extensions
(tables, strikethrough, task lists, links from bare URLs). Each rule here is derived from the block
structure the scanner already has, so the hook never imports Python-Markdown; the tests render both
to prove every rule. Only the group's answers are judged (and the start of the file, which the page
drops), never the template's introduction and prompts.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence

from reportlint.course.templates import BUILTIN, Template
from reportlint.findings import ERROR, WARNING, Finding, Rule
from reportlint.reading.report import QUESTION, Question, Report
from reportlint.records import NamedTuple

FAMILY = "page"
RULES = (
    Rule(
        "RL601",
        "code-comment-heading",
        ERROR,
        FAMILY,
        "A `#` line inside fenced code becomes a heading on the graders' page.",
        "reports/README.md:280:1: RL601 error: `# a wider model with a smaller learning rate` inside this fenced code block becomes a level-1 heading on the graders' page (it has no fenced code) and the rest of the block runs together as text: indent the code four spaces instead of fencing it, with a blank line before it, which GitHub and the graders' page both show as code",
    ),
    Rule(
        "RL602",
        "fenced-code",
        WARNING,
        FAMILY,
        "The graders' page does not render fenced code: its lines run together as text.",
        "reports/README.md:488:4: RL602 warning: fenced code block: the graders' page has no fenced code and runs its lines together as text: indent the code eight spaces (inside a list item) instead of fencing it, with a blank line before it, which GitHub and the graders' page both show as code",
    ),
    Rule(
        "RL603",
        "table-as-text",
        WARNING,
        FAMILY,
        "The graders' page shows a table as lines of pipes.",
        "reports/README.md:545:1: RL603 warning: table: the graders' page has no tables and shows its rows as one paragraph of `|` characters: use a list, or a code block indented four spaces, which both show alike",
    ),
    Rule(
        "RL604",
        "list-runs-on",
        WARNING,
        FAMILY,
        "A list with no blank line above it runs into the paragraph on the graders' page.",
        "reports/README.md:140:1: RL604 warning: this list has no blank line above it: GitHub shows a list, the graders' page runs its items into the paragraph above as plain text; put a blank line before the list",
    ),
    Rule(
        "RL605",
        "list-flattened",
        WARNING,
        FAMILY,
        "A nested list indented less than four spaces is flattened on the graders' page.",
        "reports/README.md:214:3: RL605 warning: this nested list item is indented 2 spaces: GitHub nests it, the graders' page needs four spaces per level and shows it as an item of the outer list; indent nested items by four spaces",
    ),
    Rule(
        "RL606",
        "bare-url",
        WARNING,
        FAMILY,
        "A bare URL is a link on GitHub but plain text on the graders' page.",
        "reports/README.md:126:49: RL606 warning: bare URL 'https://example.org/gearwatch/lock': GitHub makes it a link, the graders' page shows plain text; write it as <https://example.org/gearwatch/lock>",
    ),
    Rule(
        "RL607",
        "task-list",
        WARNING,
        FAMILY,
        "Task-list boxes show as `[ ]` and `[x]` text on the graders' page.",
        "reports/README.md:371:1: RL607 warning: task list (2 items): GitHub shows check boxes, the graders' page shows `[ ]` and `[x]` as text; write done or not done in words",
    ),
    Rule(
        "RL608",
        "strikethrough",
        WARNING,
        FAMILY,
        "`~~struck~~` text is not struck through on the graders' page.",
        "reports/README.md:211:37: RL608 warning: `~~...~~`: GitHub strikes the text through, the graders' page shows it with the tildes as part of the answer; delete the text instead",
    ),
    Rule(
        "RL609",
        "setext-differs",
        WARNING,
        FAMILY,
        "A `---` or `===` under text is a heading on one page and not on the other.",
        "reports/README.md:350:1: RL609 warning: the `----` on line 352 makes lines 350-351 a heading on GitHub; the graders' page shows a paragraph and a horizontal rule: put a blank line above the `----`",
    ),
    Rule(
        "RL610",
        "dropped-start",
        WARNING,
        FAMILY,
        "The graders' page drops the first 43 characters of the file, here not the template's.",
        "reports/README.md:1:1: RL610 warning: the graders' page drops the first 43 characters of the file, here '# Gearwatch: condition monitoring for wind ', leaving 'turbine gearboxes' of line 1: begin the file with the template's title line, whose first 43 characters are the ones meant to be dropped",
    ),
    Rule(
        "RL611",
        "dropped-question",
        ERROR,
        FAMILY,
        "The first 43 characters the graders' page drops hold a question's heading.",
        "reports/README.md:1:1: RL611 error: the graders' page drops the first 43 characters of the file, here '## Group information⏎⏎### Question 1⏎⏎> **W', leaving 'hich group number did your group sign up with?**' of line 5: Question 1's heading is gone from it; begin the file with the template's title line, whose first 43 characters are the ones meant to be dropped",
    ),
)

GRADER_SKIP = 43  # the course's converter drops this many characters from the start of the file
# The template's own first 43 characters, which every group loses alike: the page settings of the 2023 and
# 2024 template, and the start of the title line of the 2025 one.
HARMLESS_STARTS = ("---\nlayout: default\nnav_exclude: true\n---\n\n", "# Exam template for 02476 Machine Learning ")

_QUOTE = re.compile(r"(?: {0,3}>[ ]?)*")
_FENCE = re.compile(r"( *)(`{3,}|~{3,})")
# What a list item (or a `-` or `*` rule) starts with, after any spaces: looked for in each line of a list's answer
# before `_item` is called for it, as most lines do not start so.
_MARKER_START = re.compile(r" *[-*+\d]")
# A line `_item` may read as a list item, and one `_UNDERLINE` matches, each searched for after a line break
# (the marker's line is matched alone): a pattern that starts with its literal "\n" is searched for much faster
# than a line start in MULTILINE mode.
_ITEM_START = r"[ \t>]*(?:[-*+]|\d{1,9}[.)])(?![^ \t\n])"  # a marker, then a space or the line's end
_MAY_BE_ITEM = re.compile("\n" + _ITEM_START)
_MAY_START_ITEM = re.compile(_ITEM_START)  # the marker's line, matched alone
_UNDERLINE_BELOW = re.compile(r"\n(?:=+|-+)[ \t]*(?![^\n])")
_ITEM_TEXT = r"( {0,3})([-*+]|\d{1,9}[.)])(?:([ \t]+)(\S.*)?)?$"
_ITEM = re.compile(_ITEM_TEXT)
_HR_TEXT = r" {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$"
_HR = re.compile(_HR_TEXT)
_ITEM_NOT_HR = re.compile(f"(?!{_HR_TEXT}){_ITEM_TEXT}")  # a line of `-` or `*` is a rule first: one match for both
_UNDERLINE = re.compile(r"(?:=+|-+)[ \t]*$")
# The patterns for tables, URLs and strikethrough stay text, compiled (and cached by the re module) on the first
# answer that has one: most hook runs have none.
_DELIMITER = r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$"
# `www.` in any letter case, written to start with its literal `.`, which the re module skips ahead to (twice as
# fast as lowering the text; no other character lowers to a `w` or a `.`)
_WWW = re.compile(r"\.(?<=[wW]{3}\.)")
# What `_may_be_inline` looks for, where it is in a text of several lines: each kind found by its own search.
_SCHEME_END = re.compile("://")
_TILDES = re.compile("~~")
_TASK = re.compile(r"\[[ xX]\][ \t]")
# A URL's first letter is matched first, which the re module can skip ahead to, and what stands before it is looked
# behind once one is found: a line start, a space, or `*_~(`.
_URL = r"[hHwW](?<![^\s*_~(][hHwW])(?i:(?<=h)ttps?://|(?<=w)ww\.)[^\s<]*[^\s<.,:;\"')\]*_~?!]"
_STRIKE = r"(?<!~)~~(?=[^\s~])[^~]*?[^\s~]~~(?!~)"
# Each starts with a character the re module can skip ahead to: a code span's first backtick (its run is the rest
# of the run, matched again to close it), a link's `!` or `[`, a tag's `<`. A definition (`[label]: ...`) is
# the whole line, matched at its start alone.
_CODE_SPAN = re.compile(r"`(`*)(?:.+?)(?<!`)`\1(?!`)")
# `!?\[...\](...)|<...>`, written to start with one of its three first characters, which the re module skips
# ahead to (three times as fast in a line of text), then to go on as that character's alternative
_MASKED = re.compile(r"[!\[<](?:(?<=!)\[[^\]\n]*\]\([^)\n]*\)|(?<=\[)[^\]\n]*\]\([^)\n]*\)|(?<=<)[^<>\n]*>)")
_DEFINITION = re.compile(r" {0,3}\[[^\]]+\]:.*$")


# A record made from a tuple of its fields without `_make`'s check of their count: a Python call less for each
# line and list item, which the rules make most of.
_new = tuple.__new__


class _Line(NamedTuple):
    number: int
    quote: int  # how many characters the block quote markers take
    text: str  # the line without them
    plain: bool  # neither code nor raw HTML to the scanner
    blank: bool  # asked of every line by every rule: decided once

    @property
    def indent(self) -> int:
        expanded = self.text.expandtabs(4)
        return len(expanded) - len(expanded.lstrip(" "))


def check_page(report: Report, template: Template, path: str, text: str, answered: list[Question]) -> Iterator[Finding]:
    """Every place in an answer where the graders' page differs from GitHub, and a start it drops. `answered` is
    `answered_in(report, template)`, which lint finds once for every check that reads answers."""
    if template.name in BUILTIN:  # the 43 characters are the DTU template's page settings
        yield from _dropped_start(report, path, text)
    special = _special_lines(report)
    code_ends = {span.start: span.end for span in report.blocks.code}
    underlines = {heading.line: heading.end for heading in report.blocks.headings if heading.setext}
    blocks = _Starts(code_ends, underlines, sorted(code_ends), sorted(underlines))
    for question in answered:
        assert question.marker_line is not None
        number = question.number
        for line, column, code, message in _answer_findings(report, blocks, special, question):
            yield Finding(path, line, column, code, message, number)


def _special_lines(report: Report) -> bytearray:
    """1 at each line of code or raw HTML, as the scanner reads them, else 0 (a span set at once, in C)."""
    special = bytearray(len(report.lines) + 1)
    for spans in (report.blocks.code, report.blocks.html):
        for span in spans:
            special[span.start : span.end + 1] = b"\x01" * (span.end + 1 - span.start)
    return special


def _lines(report: Report, first: int, last: int, special: bytearray) -> list[_Line]:
    """Lines `first` to `last`; quote markers are looked for only where the first four characters hold a `>`."""
    return [
        _new(_Line, (number, 0, raw, not special[number], not raw or raw.isspace()))
        if ">" not in raw[:4]  # a quote marker comes after at most three spaces
        else _line(number, raw, special)
        for number, raw in enumerate(report.lines[first - 1 : last], first)
    ]


def _line(number: int, raw: str, special: bytearray) -> _Line:
    quote = _QUOTE.match(raw)
    width = quote.end() if quote else 0
    text = raw[width:] if width else raw
    return _new(_Line, (number, width, text, not special[number], not text or text.isspace()))


class _Starts(NamedTuple):
    """Where the scanner's code blocks and setext headings start, with their last lines, looked up by line."""

    code: dict[int, int]
    setext: dict[int, int]  # content's first line -> the underline's line
    code_lines: list[int]  # the keys of each, in order
    setext_lines: list[int]


def _answer_findings(
    report: Report, blocks: _Starts, special: bytearray, question: Question
) -> Sequence[tuple[int, int, str, str]]:
    """Each rule runs only on an answer that holds what it looks for: most answers are plain paragraphs, which
    none of them needs to see line by line (and a list, not a generator, is the cheaper way to say so)."""
    assert question.marker_line is not None
    first, last = question.marker_line, question.end
    # the answer from its marker on, as the reading joined it (each later line after a line break), and the
    # marker's whole line: what is looked for is in one or the other, never across them
    text, head = question.text, report.lines[first - 1]
    # the cheap tests first, and no call of a helper for the plain answers, which are most
    code = blocks.code_lines
    index = bisect_left(code, first)
    fences = index < len(code) and code[index] <= last
    tables = "|" in text or "|" in head
    lists = _MAY_BE_ITEM.search(text) is not None or _MAY_START_ITEM.match(head) is not None
    headings = bool(blocks.setext_lines) and _starts_within(blocks.setext_lines, first, last)  # most have none
    # a line of `=` or `-` under a quoted line that starts a block: the marker's is quoted in most answers, and
    # most often right under the quoted prompt
    quoted = (">" in text or _quote_starts_block(report, first)) and _UNDERLINE_BELOW.search(text) is not None
    inline = (
        ("/" in text and "://" in text)
        or ("~" in text and "~~" in text)
        or _WWW.search(text) is not None
        or _may_be_inline(head)
    )
    if not (fences or tables or lists or headings or quoted or inline):
        return ()
    found: list[tuple[int, int, str, str]] = []
    if fences or tables or lists or headings or quoted:
        lines = _lines(report, first, last, special)
        if fences:
            found += _fences(blocks, lines)
        if tables:
            found += _tables(lines)
        if lists:
            found += _lists(lines)
        if headings:
            found += _setext(blocks, lines)
        if quoted:
            found += _quoted_underlines(report, lines)
    if inline:  # only the lines that hold one are looked at
        found += _inline(report, special, _inline_lines(question, head))
    return found


def _quote_starts_block(report: Report, number: int) -> bool:
    """Whether line `number` is quoted and the first of the file or under a blank line, as `_quoted_underlines`
    asks of the line above an underline."""
    return ">" in report.lines[number - 1][:4] and (number == 1 or not report.lines[number - 2].strip())


def _starts_within(starts: list[int], first: int, last: int) -> bool:
    index = bisect_left(starts, first)
    return index < len(starts) and starts[index] <= last


def _starts_among(starts: list[int], first: int, last: int) -> list[int]:
    """The starts from `first` to `last`, found by bisection: a rule visits the lines its blocks start on."""
    return starts[bisect_left(starts, first) : bisect_right(starts, last)]


# --- fenced code ------------------------------------------------------------------------------------


def _fences(blocks: _Starts, lines: Sequence[_Line]) -> Iterator[tuple[int, int, str, str]]:
    top = lines[0].number
    for number in _starts_among(blocks.code_lines, top, lines[-1].number):
        opening, last = lines[number - top], blocks.code[number]
        fence = _FENCE.match(opening.text)
        if fence is None or not _is_fence(lines, opening, len(fence.group(1))):
            continue
        inside = list(lines[number - top + 1 : last - top + 1])
        if inside and _FENCE.fullmatch(inside[-1].text.rstrip()):
            inside = inside[:-1]
        hashes = [line for line in inside if line.text.startswith("#")]
        nested = opening.indent > 0
        fix = (
            f"indent the code {'eight spaces (inside a list item)' if nested else 'four spaces'} instead of "
            f"fencing it, with a blank line before it, which GitHub and the graders' page both show as code"
        )
        if hashes:
            first = hashes[0]
            level = len(first.text) - len(first.text.lstrip("#"))
            more = f" (and {_lines_named([line.number for line in hashes[1:]])})" if len(hashes) > 1 else ""
            yield (
                first.number,
                first.quote + 1,
                "RL601",
                f"`{first.text.strip()}`{more} inside this fenced code block becomes a level-{min(level, 6)} heading "
                f"on the graders' page (it has no fenced code) and the rest of the block runs together as text: {fix}",
            )
        else:
            yield (
                opening.number,
                opening.quote + opening.indent + 1,
                "RL602",
                f"fenced code block: the graders' page has no fenced code and runs its lines together as text: {fix}",
            )


def _is_fence(lines: Sequence[_Line], opening: _Line, indent: int) -> bool:
    """Whether a code span that starts with a fence is a fence, not indented code holding a fence's text.

    A fence may be indented at most three spaces past the content of the list item it belongs to.
    """
    if indent <= 3:
        return True
    for line in reversed(lines[: opening.number - lines[0].number]):
        item = _ITEM.match(line.text.lstrip(" ")) if not line.blank else None
        if item is not None and line.indent < indent:
            content = line.indent + len(item.group(2)) + len(item.group(3) or " ")
            return indent - content <= 3
        if not line.blank and line.indent < indent:
            return False
    return False


def _lines_named(numbers: Sequence[int]) -> str:
    return ("line " if len(numbers) == 1 else "lines ") + ", ".join(str(n) for n in numbers)


# --- tables -----------------------------------------------------------------------------------------


def _tables(lines: Sequence[_Line]) -> Iterator[tuple[int, int, str, str]]:
    previous: _Line | None = None
    for header, delimiter in zip(lines, lines[1:]):
        if (
            header.plain
            and delimiter.plain
            and header.quote == delimiter.quote
            and "|" in header.text
            and "|" in delimiter.text
            and header.indent <= 3
            and not header.text.lstrip().startswith("#")
            and re.match(_DELIMITER, delimiter.text)
            and _cells(header.text) == _cells(delimiter.text)
            and (previous is None or not _is_table_row(previous, header))
        ):
            yield (
                header.number,
                header.quote + 1,
                "RL603",
                "table: the graders' page has no tables and shows its rows as one paragraph of `|` characters: use a "
                "list, or a code block indented four spaces, which both show alike",
            )
        previous = header


def _is_table_row(previous: _Line, header: _Line) -> bool:
    return previous.plain and not previous.blank and "|" in previous.text and previous.quote == header.quote


def _cells(row: str) -> int:
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return len(re.split(r"(?<!\\)\|", row))


# --- lists ------------------------------------------------------------------------------------------


class _Item(NamedTuple):
    indent: int
    content: int  # the column where the item's text starts
    ordered: bool
    number: int
    empty: bool
    task: bool


def _item(line: _Line) -> _Item | None:
    """`line` is plain and starts as `_MARKER_START` says an item does."""
    match = _ITEM_NOT_HR.match(line.text)
    if match is None:
        return None
    spaces, marker, after, rest = match.groups()
    gap = len(after or " ")
    content = len(spaces) + len(marker) + (1 if gap > 4 else gap)
    ordered = marker[0].isdigit()
    rest = rest or ""
    task = rest[:1] == "[" and _TASK.match(rest + " ") is not None  # a box starts with its `[`
    return _new(_Item, (len(spaces), content, ordered, int(marker[:-1]) if ordered else 0, not rest, task))


def _lists(lines: Sequence[_Line]) -> Iterator[tuple[int, int, str, str]]:
    stack: list[_Item] = []  # the open items, outermost first, as CommonMark nests them
    flattened = False
    tasks: list[_Line] = []
    previous: _Line | None = None
    after_blank = True
    # each line read once, the lines above too
    items = [_item(line) if line.plain and _MARKER_START.match(line.text) else None for line in lines]
    for index, (line, item) in enumerate(zip(lines, items)):
        if line.blank:
            after_blank = True
            if tasks:
                yield from _tasks(tasks)
                tasks = []
            previous = line
            continue
        if item is None:
            if after_blank or not line.plain:
                while stack and line.indent < stack[-1].content:
                    stack.pop()
            after_blank = False
            previous = line
            continue
        while stack and item.indent < stack[-1].content:
            stack.pop()
        if not stack:
            flattened = False
            # a list's next item, right under the last, goes on with it: most items
            if (
                previous is not None
                and not after_blank
                and items[index - 1] is None
                and _runs_on(previous, lines, items, item)
            ):
                yield (
                    line.number,
                    line.quote + 1,
                    "RL604",
                    "this list has no blank line above it: GitHub shows a list, the graders' page runs its items "
                    "into the paragraph above as plain text; put a blank line before the list",
                )
        elif not flattened and item.indent < 4 * len(stack) and item.indent < 8:
            flattened = True
            yield (
                line.number,
                line.quote + item.indent + 1,
                "RL605",
                f"this nested list item is indented {item.indent} spaces: GitHub nests it, the graders' page needs "
                f"four spaces per level and shows it as an item of the outer list; indent nested items by four spaces",
            )
        stack.append(item)
        if item.task:
            tasks.append(line)
        after_blank = False
        previous = line
    yield from _tasks(tasks)


def _runs_on(previous: _Line, lines: Sequence[_Line], items: list[_Item | None], item: _Item) -> bool:
    """Whether a list that CommonMark starts here is text in the paragraph above for Python-Markdown.

    CommonMark lets a list interrupt a paragraph (an ordered one only from 1); Python-Markdown starts a list
    only at the top of a block, but it splits a block at a `#` line or a rule first.
    """
    if item.empty or (item.ordered and item.number != 1) or item.indent > 3:
        return False
    if not previous.plain or previous.blank:
        return False
    text = previous.text
    if text.startswith("#") or _HR.match(text) or _UNDERLINE.match(text):
        return False
    for index in range(previous.number - lines[0].number, -1, -1):  # no slice: a list of n items would copy n*n
        line = lines[index]
        if line.blank:
            return True
        if items[index] is not None or not line.plain:
            return False
        if line.text.startswith("#") or _HR.match(line.text):
            return True
    return True


def _tasks(tasks: list[_Line]) -> Iterator[tuple[int, int, str, str]]:
    if tasks:
        first = tasks[0]
        count = f"{len(tasks)} item{'s' if len(tasks) > 1 else ''}"
        yield (
            first.number,
            first.quote + 1,
            "RL607",
            f"task list ({count}): GitHub shows check boxes, the graders' page shows `[ ]` and `[x]` as text; write "
            f"done or not done in words",
        )


# --- setext headings --------------------------------------------------------------------------------


def _setext(blocks: _Starts, lines: Sequence[_Line]) -> Iterator[tuple[int, int, str, str]]:
    first = lines[0].number
    for number in _starts_among(blocks.setext_lines, first, lines[-1].number):
        content, end = lines[number - first], blocks.setext[number]
        if end > lines[-1].number:
            continue
        underline = lines[end - first]
        above = lines[number - first - 1] if number > first else None
        single = end - content.number == 1
        starts_block = above is None or above.blank or above.text.startswith("#") or bool(_HR.match(above.text))
        if single and not underline.text.startswith(" ") and starts_block:
            continue  # a heading on both pages
        shown = "lines" if not single else "line"
        span = f"{content.number}-{end - 1}" if not single else str(content.number)
        rule = "a paragraph and a horizontal rule" if "-" in underline.text else "a paragraph ending in `===`"
        yield (
            content.number,
            content.quote + 1,
            "RL609",
            f"the `{underline.text.strip()}` on line {end} makes {shown} {span} a heading on GitHub; the "
            f"graders' page shows {rule}: put a blank line above the `{underline.text.strip()}`",
        )


def _quoted_underlines(report: Report, lines: Sequence[_Line]) -> Iterator[tuple[int, int, str, str]]:
    """A line of `=` or `-` right under a quoted line: CommonMark ends the quote, Python-Markdown underlines it."""
    for above, line in zip(lines, lines[1:]):
        if (
            line.plain
            and line.quote == 0
            and above.quote > 0
            and not above.blank
            and (above.number == 1 or not report.lines[above.number - 2].strip())
            and _UNDERLINE.match(report.lines[line.number - 1])
        ):
            yield (
                above.number,
                1,
                "RL609",
                f"the `{line.text.strip()}` on line {line.number} makes this quoted line a heading on the graders' "
                f"page, `>` and all; GitHub shows a quote: put a blank line above the `{line.text.strip()}`",
            )


# --- inline: bare URLs and strikethrough ------------------------------------------------------------


def _may_be_inline(text: str) -> bool:
    """Whether `text` holds what starts a bare URL or a strikethrough: a single character is looked for before
    the longer string that needs it, which `in` finds several times slower."""
    return ("/" in text and "://" in text) or ("~" in text and "~~" in text) or _WWW.search(text) is not None


def _inline_lines(question: Question, head: str) -> list[int]:
    """The lines of the answer that hold what starts a bare URL or a strikethrough, found in the text the
    reading joined (each line after the marker's after a line break) rather than line by line; the marker's
    line is looked at whole. Each kind is searched for alone, from a first character the re module skips
    ahead to: one pattern for the three, which has none, reads the text several times slower."""
    assert question.marker_line is not None
    numbers = [question.marker_line] if _may_be_inline(head) else []
    text = question.text
    start = text.find("\n") + 1  # where the line after the marker's starts (0: there is none)
    if not start:
        return numbers
    found = [match.start() for match in _WWW.finditer(text, start)]
    if "/" in text:
        found += [match.start() for match in _SCHEME_END.finditer(text, start)]
    if "~" in text:
        found += [match.start() for match in _TILDES.finditer(text, start)]
    number = question.marker_line + 1
    for position in sorted(found):
        if position < start:
            continue  # on a line listed already
        number += text.count("\n", start, position)
        numbers.append(number)
        start = text.find("\n", position) + 1  # the next line: a line is listed once
        if not start:
            break
        number += 1
    return numbers


def _inline(report: Report, special: bytearray, numbers: list[int]) -> Iterator[tuple[int, int, str, str]]:
    for number in numbers:
        if not special[number]:
            yield from _inline_in(_line(number, report.lines[number - 1], special))


def _inline_in(line: _Line) -> Iterator[tuple[int, int, str, str]]:
    text = line.text
    # each pattern runs only where the characters it needs are: a backtick, a bracket, a URL's start, `~~`
    masked = _CODE_SPAN.sub(_blank, text) if "`" in text else text
    if "[" in masked or "<" in masked:
        masked = " " * len(masked) if _DEFINITION.match(masked) else _MASKED.sub(_blank, masked)
    urls = re.finditer(_URL, masked) if "://" in masked or _WWW.search(masked) else ()
    for match in urls:
        url = match.group(0)
        yield (
            line.number,
            line.quote + match.start() + 1,
            "RL606",
            f"bare URL {url!r}: GitHub makes it a link, the graders' page shows plain text; write it as "
            f"<{url if '://' in url else 'https://' + url}>",
        )
    for match in re.finditer(_STRIKE, masked) if "~~" in masked else ():
        yield (
            line.number,
            line.quote + match.start() + 1,
            "RL608",
            "`~~...~~`: GitHub strikes the text through, the graders' page shows it with the tildes as part of the "
            "answer; delete the text instead",
        )


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


# --- the start of the file --------------------------------------------------------------------------


def _dropped_start(report: Report, path: str, text: str) -> Iterator[Finding]:
    """The course's converter drops the first 43 characters; harmless only when they are the template's own."""
    # Only the text as far as the first line break after twice 43 characters is read: past the line the page
    # starts in, however many of the 43 are `\r\n`. Its `\n` is found at once; a `\r` searched for in the whole
    # file would read all of it.
    end = text.find("\n", 2 * GRADER_SKIP)
    text = text[:end] if end >= 0 else text
    if "\r" in text:  # line breaks made `\n`, as far as the first `\r` after twice 43 characters at most
        cut = text.find("\r", 2 * GRADER_SKIP)
        text = (text[:cut] if cut >= 0 else text).replace("\r\n", "\n").replace("\r", "\n")
    dropped = text[:GRADER_SKIP]
    if not dropped or any(start.startswith(dropped.lstrip("\ufeff")) for start in HARMLESS_STARTS):
        return
    last = dropped.count("\n") + 1  # the line the page starts in
    rest = text[GRADER_SKIP:].split("\n", 1)[0]
    eaten = [
        question
        for question in report.questions
        if question.line <= last and QUESTION.match(report.lines[question.line - 1])
    ]
    shown = dropped.rstrip("\n").replace("\n", "⏎")
    leaving = f"leaving {rest.strip()!r} of line {last}" if rest.strip() else f"up to the end of line {last}"
    if eaten:
        yield Finding(
            path,
            1,
            1,
            "RL611",
            f"the graders' page drops the first 43 characters of the file, here {shown!r}, {leaving}: "
            f"Question {eaten[0].number}'s heading is gone from it; begin the file with the template's title line, "
            f"whose first 43 characters are the ones meant to be dropped",
            eaten[0].number,
        )
        return
    yield Finding(
        path,
        1,
        1,
        "RL610",
        f"the graders' page drops the first 43 characters of the file, here {shown!r}, {leaving}: begin the "
        f"file with the template's title line, whose first 43 characters are the ones meant to be dropped",
    )
