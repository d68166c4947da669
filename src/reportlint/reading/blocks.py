"""Locate CommonMark block structure (headings, code, raw HTML) with the standard library.

reportlint judges a report question by question, so it must know which lines are headings and which
lines are code or raw HTML *exactly* as a renderer sees them: a ``# comment`` inside a fence is not a
heading, and a ``### Question 1`` after a line that merely looks like a fence opener is one.  Guessing
with a few regexes gets these wrong, and pulling in a Markdown library at run time would make a
pre-commit hook heavier than it needs to be.

So this module is a port of markdown-it-py 4.3.0's block rules (``markdown_it/rules_block/``, in the
``commonmark`` preset, which the test suite compares against), keeping only the bookkeeping needed to
locate blocks: no tokens, no inline parsing, no content extraction.  Each method names the
markdown-it-py rule it follows.  Where markdown-it-py and the CommonMark spec differ, this follows
markdown-it-py.  Link reference definitions live in :mod:`reportlint.reading.linkrefs`.

The per-line marks mirror markdown-it's ``StateBlock`` so that its container rules, quirks included,
carry over rule for rule: block quotes and list items hide their markers by moving a line's marks and
restore them afterwards.  markdown-it keeps a line's begin offset and the shift to its first
non-blank character apart; only their sum is ever read, so here it is one mark, ``first_char``.

Shortcuts keep real reports cheap, all exact: at the top level, a run of lines that can only be
text, whatever comes before them (paragraphs and quoted prompts of plain text, headings, checklists
of one-line items: most of a report), is passed over by one search of the joined lines, which notes
its headings; rules are tried only when a line's first character can start them; a block quote whose
lines hold only plain text is not parsed again inside, as it can only hold paragraphs, which this
module does not report, and its lines of plain text are passed over by one pattern over the joined
lines rather than one by one; and in a run of one-line list items of plain text an item is not
parsed when the next line is certain to be its sibling.  The tests compare each shortcut with the
full parse as well as with markdown-it-py.

The input is a :class:`Document` made by :func:`split_document` (or the lines :func:`split_lines`
gives), which cannot tell whether the text ended with a line break; it is parsed as if it did.
markdown-it differs only for a text that lacks the final line break and whose last line is blank (or
blank after block quote markers): it drops that line, so an unclosed fence or HTML comment there ends
one line earlier.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cache
from itertools import accumulate, repeat
from operator import add

from reportlint.reading.linkrefs import definition_end, no_definition
from reportlint.records import NamedTuple

__all__ = ["Blocks", "Document", "Heading", "Span", "scan", "scan_document", "split_document", "split_lines"]


class Heading(NamedTuple):
    """One ATX (``#``) or setext (underlined) heading, with 1-based line numbers."""

    line: int
    level: int
    setext: bool
    end: int


class Span(NamedTuple):
    """An inclusive, 1-based range of lines."""

    start: int
    end: int


class Blocks(NamedTuple):
    """The blocks of one document that reportlint cares about, in document order.

    NamedTuples rather than dataclasses: the hook starts often, and each dataclass costs about a
    millisecond to define.
    """

    headings: tuple[Heading, ...]
    code: tuple[Span, ...]
    html: tuple[Span, ...]


_new = tuple.__new__  # a record built from a tuple of all its fields, without the constructor's call
_BLANK_OR_HASH_LINE = re.compile(r"\n[ \t#]")
_BLANK_OR_HASH = (" ", "\t", "#")


class Document:
    """A text's lines, as :func:`split_lines` splits them, and the same lines joined, each ended by a line break.

    The joined text lets one search or pattern read a run of lines at once, in C, rather than a
    Python loop visit every line; ``offsets`` holds where each line starts in it, and where the text
    ends: hot loops index it directly, and :meth:`line_at` finds a position's line in it.
    """

    __slots__ = ("blank_or_hash", "lengths", "lines", "offsets", "source")

    def __init__(self, lines: list[str], source: str) -> None:
        self.lines = lines
        self.source = source  # "\n".join(lines) + "\n", or "" for no lines
        self.lengths = list(map(len, lines))
        # each line and its line break, summed in C: no Python code per line
        self.offsets: list[int] = list(accumulate(map(add, self.lengths, repeat(1)), initial=0))
        # the lines (0-based) that start with a space, a tab or a `#`, a few in a report: the only ones whose
        # marks need measuring, and the only ones a heading (or a question's `###` line) can be
        self.blank_or_hash = self._blank_or_hash_lines()

    def _blank_or_hash_lines(self) -> list[int]:
        """Found by searching the joined lines, not by a test of every line."""
        source, offsets = self.source, self.offsets
        found = [0] if source[:1] in _BLANK_OR_HASH else []
        line = 0
        # one pattern rather than a `find` of each two-character needle: three times as fast on a text of
        # wide characters, as most reports with a non-ASCII character are; each line is searched for from the
        # one before, in fewer steps
        for match in _BLANK_OR_HASH_LINE.finditer(source):
            line = bisect_right(offsets, match.start(), line)
            found.append(line)
        return found

    def line_at(self, position: int) -> int:
        """The line (0-based) that holds ``position`` of :attr:`source`."""
        return bisect_right(self.offsets, position) - 1

    def __len__(self) -> int:
        return len(self.lines)


def split_document(text: str) -> Document:
    """Split ``text`` into lines the way CommonMark does.

    As ``markdown_it/rules_core/normalize.py`` and ``StateBlock.__init__`` (``rules_block/state_block.py``)
    do: only ``\\r\\n``, ``\\r`` and ``\\n`` end a line (``str.splitlines`` also splits on form feeds,
    ``\\x85``, ``\\u2028`` and others, which would shift every later line number).  A final line break
    does not start an extra empty line, and a leading byte order mark is dropped so that a first-line
    heading is still recognised.
    """
    text = text.removeprefix("\ufeff")
    if not text:
        return Document([], "")
    if "\r" in text:  # a pattern for the three line breaks replaced every `\n` too: three times as long
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    else:
        text += "\n"
    return Document(lines, text)


def split_lines(text: str) -> list[str]:
    """The lines of ``text``, as :func:`split_document` splits them."""
    return split_document(text).lines


def scan(lines: Sequence[str]) -> Blocks:
    """Find the headings, code blocks and HTML blocks of a document split by :func:`split_lines`."""
    joined = "".join(lines)
    if "\n" in joined or "\r" in joined:
        raise ValueError("lines must not contain line breaks; use split_lines()")
    return scan_document(Document(list(lines), "\n".join([*lines, ""])))


def scan_document(document: Document) -> Blocks:
    """Find the headings, code blocks and HTML blocks of a document.

    ``markdown_it/parser_block.py``: ``ParserBlock.parse``, keeping the blocks reportlint needs.
    """
    if not document.lines:
        return Blocks((), (), ())
    scanner = _Scanner(document)
    scanner.tokenize(0, len(document))
    return Blocks(tuple(scanner.headings), tuple(scanner.code), tuple(scanner.html))


# ---------------------------------------------------------------------------------------------------
# Tests of one line's text from a column on; all but the HTML ones run their pattern from that
# column (``pattern.match(text, pos)``) so that the hot paths make no slices.

_MAX_NESTING = 20  # markdown-it's commonmark preset stops nesting containers here
_NO_MATCH = 0  # what a rule returns when it does not apply (a matching rule returns a line after its start)
_LIST_MARKER = re.compile(r"(?:([0-9]{1,9})[.)]|[*+-])(?=[ \t]|\Z)")
_ATX_MARKER = re.compile(r"#{1,6}(?=[ \t]|\Z)")
_DIGITS = "0123456789"
# First characters after which a paragraph line needs a closer look: it may be a setext underline
# or start a block that interrupts the paragraph.
_PARAGRAPH_ATTENTION = frozenset("`~>*-_+<#=" + _DIGITS)
# First characters that may start a block or underline a heading, given what follows.
_MAY_START_BLOCK = frozenset("`~>*-_+<#[=" + _DIGITS)
# For a line starting with one of these: that character and the blanks, which are all a thematic
# break or a setext underline may hold.
_MARKER_AND_BLANKS = {ch: ch + " \t" for ch in "*-_+="}
_BLANK_OR_END = ("", " ", "\t")  # what a one-character slice past a marker may be for a bullet
_SPACE_OR_TAB = (" ", "\t")
_FENCE_MARKERS = ("`", "~")


def _thematic_break(text: str, pos: int) -> bool:
    """Three or more ``*``, ``-`` or ``_`` with only blanks between (``markdown_it/rules_block/hr.py``)."""
    ch = text[pos]
    return text.count(ch, pos) >= 3 and not text[pos:].strip(_MARKER_AND_BLANKS[ch])


def _run_end(text: str, pos: int) -> int:
    """Where the run of the character at ``pos`` ends (a fence's backticks or tildes)."""
    return len(text) - len(text[pos:].lstrip(text[pos]))


def _may_mark(text: str, pos: int) -> bool:
    """Cheap pre-test: can a line starting at ``pos`` with ``*-_+`` or a digit be a list item or a break?

    The first tests of ``markdown_it/rules_block/hr.py`` and ``list.py``: a bullet must be followed by a blank or the line end, and a thematic break needs a blank or a
    repeat of its character next; only ordered list numbers need the full pattern.  This keeps lines
    such as ``*italic*`` or ``-flag`` from running both rules.
    """
    ch = text[pos]
    following = text[pos + 1 : pos + 2]
    return following == ch or following in _BLANK_OR_END or ch in _DIGITS


def _fence_length(text: str, pos: int) -> int:
    """Length of the fence opening at ``pos``, or 0 (the opening test of ``markdown_it/rules_block/fence.py``).

    Three or more backticks or tildes; a backtick fence's info string may hold no backtick.
    """
    if pos + 3 > len(text):
        return 0
    marker = text[pos]
    after = _run_end(text, pos)
    length = after - pos
    if length < 3 or (marker == "`" and "`" in text[after:]):
        return 0
    return length


def _plain_text(text: str, pos: int) -> bool:
    """Whether a line whose first non-blank character is at ``pos`` can only be paragraph text.

    Such a line starts no block (other than a paragraph), interrupts no paragraph and underlines no
    setext heading, in any container: the rules of ``markdown_it/rules_block/`` (hr.py, list.py,
    lheading.py, reference.py, and those its first character cannot start) all reject it.  A line starting with ``*-_+=`` is plain unless a blank or the
    end follows a bullet, or it holds only that character and blanks (a thematic break or an
    underline); a ``[`` is plain when its label closes without a colon after it; a backtick or a
    tilde when it opens no fence (inline code such as a template's ```` ```--- answer ---``` ````).
    Any other character that may start a block makes the answer no, and the line goes through the rules.
    """
    ch = text[pos]
    if ch not in _MAY_START_BLOCK:
        return True
    if ch == "[":
        return no_definition(text, pos)
    if ch in "`~":
        return not _fence_length(text, pos)
    if ch not in _MARKER_AND_BLANKS:
        return False
    following = text[pos + 1 : pos + 2]
    if following != ch and following not in _BLANK_OR_END:
        return True  # "-flag": neither a bullet nor a run of the marker
    if ch in "*-+" and following in _BLANK_OR_END:
        return False  # a bullet
    if text[pos + 2 : pos + 3] not in (ch, "", " ", "\t"):
        return True  # "**bold**"
    return text[pos:].lstrip(_MARKER_AND_BLANKS[ch]) != ""


@cache
def _plain_item_pattern(marker: str) -> re.Pattern[str]:
    """A list marker ending in ``marker`` (group 1), then 1-4 spaces and the item's text.

    ``skipBulletListMarker`` or ``skipOrderedListMarker`` of ``markdown_it/rules_block/list.py``, then
    blanks with no tab to expand and no indented code: the item's text starts a paragraph at the
    item's content indent.  Compiled per marker character on first use.
    """
    number = "[0-9]{1,9}" if marker in ".)" else ""
    return re.compile("(" + number + re.escape(marker) + r") {1,4}(?=[^ \t])")


# Where :func:`_plain_text` is certainly true, as a pattern over one line's text: a character that
# starts no block; one of ``*-_+=`` before anything but itself or a blank, or twice and then, after
# more of it or blanks, anything else; a ``[`` whose label closes with no colon after it
# (:func:`no_definition`); one or two backticks or tildes, or three or more backticks with another
# one later (no fence).  Never a blank: a quote line whose text starts with one has its indent
# measured.
_PLAIN_CHAR = "[^ \t\n" + re.escape("".join(sorted(_MAY_START_BLOCK))) + "]"
_PLAIN_START = "|".join(
    [
        _PLAIN_CHAR,
        *(f"{re.escape(ch)}(?:{re.escape(ch)}[{re.escape(ch)} \t]*)?[^ \t\n{re.escape(ch)}]" for ch in "*-_+="),
        r"\[[^\[\]\\\n]*\](?!:)",
        "`{1,2}(?!`)|`{3,}[^`\n]+`|~{1,2}(?!~)",
    ]
)


@cache
def _plain_quote_lines(block_indent: int) -> re.Pattern[str]:
    """A run of block quote lines of plain text, ending in one that is not empty, in the joined text.

    Each line: at least ``block_indent`` spaces (no tab), ``>``, at most one space, then nothing or
    :data:`_PLAIN_START`; :meth:`_Scanner._blockquote` reads such a line as one more line of the
    quote and learns nothing else from it.  Compiled per container indent on first use.
    """
    marker = f" {{{block_indent},}}> ?"
    return re.compile(f"(?:(?:{marker}\n)*{marker}(?:{_PLAIN_START})[^\n]*\n)+")


# How a top-level line starts when, whatever came before it, a block starts after it or text goes on
# over it: most lines of a report.  A run of such lines holds nothing to report but ATX headings, and
# a block starts after each empty line, heading and thematic break in it.  The commonest come first,
# as each alternative tried costs time on every line:
# - :data:`_PLAIN_START` text, which goes on a paragraph or a quote or starts a paragraph;
# - nothing: an empty line, which ends a top-level paragraph or quote;
# - ``>`` at the first column, at most one space, then nothing or such text: it goes on a quote, or
#   starts one (interrupting a paragraph) that holds only paragraphs;
# - a list item at the first column, 1-4 spaces after its marker and such text, followed by a line
#   starting with a list marker and a blank, by a heading at the first column, by the end, or by
#   empty lines and then a line at the first column (which ends the list, or goes on with a sibling
#   that might as well start a new list): an item holding one paragraph, which interrupts a
#   paragraph or a quote, or goes on a paragraph (an item not numbered 1), or is a sibling (or a new
#   list) after an item;
# - an ATX heading (``heading.py``), which interrupts a paragraph or a quote;
# - a thematic break (``hr.py``), which interrupts a paragraph or a quote, unless a paragraph's
#   line comes before one of ``-`` (which then underlines it): only after an empty line.
# One pattern of moderate size: compiling it is part of every run's start-up.
_LIST_MARKER_START = "(?:[-*+]|[0-9]{1,9}[.)])"
_ITEM_FOLLOWED = (
    f"{_LIST_MARKER_START} {{1,4}}(?=[^\n]*\n(?:{_LIST_MARKER_START}[ \t]|#{{1,6}}[ \t\n]|\n*\\Z|\n+[^ \t\n]))"
)
_TEXT_START = "|".join(
    [
        _PLAIN_CHAR,
        "\n",
        f">(?: (?:{_PLAIN_CHAR}|\n)|\n)",  # the commonest quote lines, tried before the general form
        f"(?:> ?|{_ITEM_FOLLOWED})?(?:{_PLAIN_START})",
        " {0,3}#{1,6}[ \t\n]",
        " {0,3}(?:(?:\\*[ \t]*){3,}|(?:_[ \t]*){3,})\n",
        "(?<=\n\n) {0,3}(?:-[ \t]*){3,}\n",
    ]
)


@cache
def _line_after_text() -> re.Pattern[str]:
    """A line break before a line that is not such a line; compiled on first use, as it costs start-up time."""
    return re.compile(f"\n(?!{_TEXT_START})")


def _expand_indent(text: str, count: int) -> int:
    """Width of the first ``count`` blank characters, tabs stopping every 4 columns (``sCount`` in state_block.py)."""
    width = 0
    for ch in text[:count]:
        width += 4 - width % 4 if ch == "\t" else 1
    return width


# HTML block start and end conditions, from markdown-it-py (common/html_blocks.py and common/html_re.py).
_BLOCK_NAMES = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|"
    "colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|"
    "form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|"
    "link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|"
    "section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul"
)
_ATTR_NAME = "[a-zA-Z_:][a-zA-Z0-9:._-]*"
_ATTR_VALUE = "(?:[^\"'=<>`\\x00-\\x20]+|'[^']*'|\"[^\"]*\")"
_ATTRIBUTE = "(?:\\s+" + _ATTR_NAME + "(?:\\s*=\\s*" + _ATTR_VALUE + ")?)"
_OPEN_TAG = "<[A-Za-z][A-Za-z0-9\\-]*" + _ATTRIBUTE + "*\\s*\\/?>"
_CLOSE_TAG = "<\\/[A-Za-z][A-Za-z0-9\\-]*\\s*>"

_HtmlKind = tuple["re.Pattern[str]", "re.Pattern[str] | None", bool]


@cache
def _html_kinds() -> tuple[_HtmlKind, ...]:
    """(start, end or None for "ends before a blank line", may interrupt a paragraph) per kind.

    ``HTML_SEQUENCES`` of ``markdown_it/rules_block/html_block.py``.  Compiled on the first line that
    starts with ``<``: many reports have none, and these patterns are the costliest to compile at
    start-up.
    """
    return (
        (
            re.compile(r"^<(?a:(script|pre|style|textarea))(?=(\s|>|$))", re.IGNORECASE),
            re.compile(r"<\/(?a:(script|pre|style|textarea))>", re.IGNORECASE),
            True,
        ),
        (re.compile(r"^<!--"), re.compile(r"-->"), True),
        (re.compile(r"^<\?"), re.compile(r"\?>"), True),
        (re.compile(r"^<![A-Za-z]"), re.compile(r">"), True),
        (re.compile(r"^<!\[CDATA\["), re.compile(r"\]\]>"), True),
        (
            re.compile("^</?(?a:(" + _BLOCK_NAMES + "))(?=(\\s|/?>|$))", re.IGNORECASE),
            None,
            True,
        ),
        (re.compile("^(?:" + _OPEN_TAG + "|" + _CLOSE_TAG + ")\\s*$"), None, False),
    )


def _html_kind(text: str) -> _HtmlKind | None:
    """The kind of HTML block a line's text (from its first non-blank character) opens, if any.

    The opening test of ``markdown_it/rules_block/html_block.py``.
    """
    # markdown-it first turns NUL into U+FFFD, which an unquoted attribute value accepts
    text = text.replace("\0", "\ufffd")
    for kind in _html_kinds():
        if kind[0].search(text):
            return kind
    return None


# ---------------------------------------------------------------------------------------------------
# The scanner, in three layers as markdown-it has them: the state (state_block.py), the rules for
# blocks that hold no other blocks (rules_block/), and the driver with the container rules, which
# parse their lines again as blocks of their own (parser_block.py, rules_block/blockquote.py, list.py).


class _BlockState:
    """markdown-it's ``StateBlock``: the lines, their marks, and what the container rules share.

    One list per mark, indexed by line, with one extra empty line at the end so that look-aheads
    stay in bounds.  Marks are columns in the line's text (markdown-it uses offsets in the whole
    source; columns need no offset arithmetic).  Container rules change the marks of the lines they
    hold and restore them.
    """

    __slots__ = (
        "block_indent",
        "code",
        "document",
        "first_char",
        "heading_lines",
        "headings",
        "hidden_indent",
        "html",
        "indent",
        "level",
        "line_end",
        "line_max",
        "list_indent",
        "moved",
        "text",
        "text_run_end",
    )

    def __init__(self, document: Document) -> None:
        """Compute the marks as ``markdown_it/rules_block/state_block.py`` does, with whole-list operations.

        Most lines need no Python code of their own: only those that start with a blank, a few in
        a report, are measured one by one.
        """
        self.document = document
        self.text = [*document.lines, ""]
        self.line_end = [*document.lengths, 0]  # the line's length (markdown-it's eMarks)
        # column of the first non-blank character after any container marker (bMarks + tShift):
        # at or after line_end on a blank line
        self.first_char = [0] * len(self.text)
        # indent width with tabs expanded (sCount); -1 marks a lazy continuation line in a block quote
        self.indent = [0] * len(self.text)
        # the lines whose text starts with a "#", maybe after blanks: in a run of text lines, headings
        self.heading_lines: list[int] = []
        texts, first_char, indent, heading_lines = self.text, self.first_char, self.indent, self.heading_lines
        for index in document.blank_or_hash:
            text = texts[index]
            if text[0] != "#":
                width = len(text) - len(text.lstrip(" \t"))
                first_char[index] = width
                indent[index] = _expand_indent(text, width) if "\t" in text[:width] else width
                if text[width : width + 1] != "#":
                    continue
            heading_lines.append(index)
        # columns of a tab that a container marker already used up (bsCount): tab stops count from it
        self.hidden_indent = [0] * len(self.text)
        self.line_max = len(document)  # paragraphs stop here; a block quote lowers it while inside
        self.block_indent = 0  # required content indent of the current container (blkIndent)
        self.list_indent = -1  # indent of the current list, -1 outside lists (listIndent)
        self.level = 0  # container nesting depth, counted as markdown-it's token levels
        # how many block quotes have moved the marks of all their lines (list items move only their
        # first line's): while none has, a line after the current one has its marks as in its text
        self.moved = 0
        self.text_run_end = 0  # where the last run of text lines (see ``_text_run_end``) stopped
        self.headings: list[Heading] = []
        self.code: list[Span] = []
        self.html: list[Span] = []


class _LeafRules(_BlockState):
    """The rules for blocks that hold no other blocks, and the silent tests the other rules ask.

    Each rule takes the line a block may start on and the end of the lines it may use, and returns
    the line after the block, or ``_NO_MATCH``.
    """

    __slots__ = ()

    # -- interruptions: the rules in silent mode --------------------------------------------------

    def _interrupts(self, line: int, paragraph: bool) -> bool:
        """Whether ``line`` starts a block that ends a paragraph (if ``paragraph``), a quote or a definition.

        markdown-it asks the rules whose "alt" list names the parent (``markdown_it/parser_block.py``),
        in silent mode: fence, blockquote, hr, list, html_block and heading.  Of these, only the list
        rule asks who the parent is (``parentType``), and only whether it is a paragraph.
        """
        if self.indent[line] - self.block_indent >= 4:
            return False
        text = self.text[line]
        pos = self.first_char[line]
        ch = text[pos]
        if ch in "`~":
            return _fence_length(text, pos) > 0
        if ch == ">":
            return True
        if ch in "*-_+" or ch in _DIGITS:
            if not _may_mark(text, pos):
                return False
            if ch in "*-_" and _thematic_break(text, pos):
                return True
            return ch != "_" and self._list_interrupts(line, paragraph)
        if ch == "<":
            kind = _html_kind(text[pos:])
            return kind is not None and kind[2]
        if ch == "#":
            return _ATX_MARKER.match(text, pos) is not None
        return False

    def _list_interrupts(self, line: int, paragraph: bool) -> bool:
        """Whether a list starting at ``line`` may interrupt its parent (the list rule in silent mode).

        ``markdown_it/rules_block/list.py``: a list interrupts a paragraph only when its first item
        is not empty and, if ordered, starts at 1.
        """
        indent = self.indent[line]
        if 0 <= self.list_indent <= indent - 4 and indent < self.block_indent:
            return False
        text = self.text[line]
        match = _LIST_MARKER.match(text, self.first_char[line])
        if match is None:
            return False
        if paragraph and indent >= self.block_indent:
            number = match.group(1)
            if number is not None and int(number) != 1:
                return False
            if not text[match.end() :].strip(" \t"):
                return False
        return True

    def _ends_list(self, line: int) -> bool:
        """Whether ``line`` ends a list: the silent fence, blockquote and hr rules.

        The terminator rules ``markdown_it/rules_block/list.py`` asks (those whose "alt" names the
        list in ``parser_block.py``).  Unlike the other tests, this one may be asked about a blank line (after an empty item).
        """
        text = self.text[line]
        pos = self.first_char[line]
        if pos >= self.line_end[line]:
            return False
        ch = text[pos]
        if ch in "`~":
            return _fence_length(text, pos) > 0
        return ch == ">" or (ch in "*-_" and _may_mark(text, pos) and _thematic_break(text, pos))

    # -- leaf blocks ------------------------------------------------------------------------------

    def _code_block(self, start: int, end: int) -> int:
        """Indented code, up to its last indented line (``markdown_it/rules_block/code.py``)."""
        first_char, line_end, indent, block_indent = self.first_char, self.line_end, self.indent, self.block_indent
        last = line = start + 1
        while line < end:
            if first_char[line] >= line_end[line]:
                line += 1
            elif indent[line] - block_indent >= 4:
                line += 1
                last = line
            else:
                break
        self.code.append(Span(start + 1, last))
        return last

    def _fence(self, start: int, end: int) -> int:
        """Fenced code, closed by a fence of the same character at least as long.

        ``markdown_it/rules_block/fence.py``.  An unclosed fence runs to the end of its container.
        """
        texts, first_char, line_end, indent = self.text, self.first_char, self.line_end, self.indent
        length = _fence_length(texts[start], first_char[start])
        if not length:
            return _NO_MATCH
        marker = texts[start][first_char[start]]
        block_indent = self.block_indent
        line = start + 1
        while line < end:
            pos = first_char[line]
            if pos < line_end[line]:
                if indent[line] < block_indent:
                    break  # a non-blank line outdented out of the container
                text = texts[line]
                if text[pos] == marker and indent[line] - block_indent < 4:
                    after = _run_end(text, pos)
                    if after - pos >= length and not text[after:].strip(" \t"):
                        line += 1
                        break
            line += 1
        self.code.append(Span(start + 1, line))
        return line

    def _atx_heading(self, start: int, end: int) -> int:
        """ATX heading: 1-6 ``#`` then a blank or the line end (``markdown_it/rules_block/heading.py``)."""
        pos = self.first_char[start]
        match = _ATX_MARKER.match(self.text[start], pos)
        if match is None:
            return _NO_MATCH
        self.headings.append(Heading(start + 1, match.end() - pos, False, start + 1))
        return start + 1

    def _html_block(self, start: int, end: int) -> int:
        """HTML block of one of the seven CommonMark kinds (``markdown_it/rules_block/html_block.py``)."""
        texts, first_char, line_end, indent = self.text, self.first_char, self.line_end, self.indent
        text = texts[start][first_char[start] :]
        kind = _html_kind(text)
        if kind is None:
            return _NO_MATCH
        closer = kind[1]
        line = start + 1
        if closer is None or not closer.search(text):
            block_indent = self.block_indent
            while line < end:
                blank = first_char[line] >= line_end[line]
                if indent[line] < block_indent and (closer is None or not blank):
                    break
                if closer is None:
                    if blank:
                        break  # kinds 6 and 7 end before a blank line
                elif closer.search(texts[line], first_char[line]):
                    line += 1  # kinds 1-5 end on the line holding the end marker
                    break
                line += 1
        self.html.append(Span(start + 1, line))
        return line

    def _paragraph(self, start: int, end: int) -> int:
        """A paragraph, or a setext heading when an underline ends it; return the line after it.

        markdown-it tries ``markdown_it/rules_block/lheading.py`` and then ``paragraph.py``, two loops
        over the same lines; they are merged here.  The underline is only looked for before ``end``
        (lheading's limit) while the paragraph itself runs up to ``line_max`` (which a block quote
        lowers when another block interrupts it).
        """
        texts, first_char, line_end, indent = self.text, self.first_char, self.line_end, self.indent
        line_max, block_indent = self.line_max, self.block_indent
        line = start + 1
        while line < line_max:
            pos = first_char[line]
            if pos >= line_end[line]:
                break
            ch = texts[line][pos]
            if ch in _PARAGRAPH_ATTENTION:
                width = indent[line]
                if width - block_indent > 3 or width < 0:
                    line += 1  # lazy continuation (indented, or a quirk of block quotes)
                    continue
                if (
                    ch in "=-"
                    and width >= block_indent
                    and line < end
                    and not texts[line][pos:].rstrip(" \t").strip(ch)
                ):
                    self.headings.append(Heading(start + 1, 1 if ch == "=" else 2, True, line + 1))
                    return line + 1
                if ch != "=" and self._interrupts(line, paragraph=True):
                    break
            line += 1
        return line

    def _thematic_break(self, start: int, end: int) -> int:
        """``_`` lines: a thematic break or nothing (``markdown_it/rules_block/hr.py``)."""
        text, pos = self.text[start], self.first_char[start]
        return start + 1 if _may_mark(text, pos) and _thematic_break(text, pos) else _NO_MATCH

    def _reference(self, start: int, end: int) -> int:
        """A link reference definition, which makes no block of its own but is no paragraph either.

        ``markdown_it/rules_block/reference.py``, in :mod:`reportlint.reading.linkrefs`.
        """
        after = definition_end(self.text[start], self.first_char[start], start + 1, self._reference_continuation)
        return _NO_MATCH if after is None else after

    def _reference_continuation(self, line: int) -> str | None:
        """The text of ``line`` when a definition may continue onto it, else None.

        ``markdown_it/rules_block/reference.py``: ``getNextLine``.
        """
        first_char, line_end = self.first_char, self.line_end
        if line >= self.line_max or first_char[line] >= line_end[line]:
            return None
        if 0 <= self.indent[line] < self.block_indent + 4 and self._interrupts(line, paragraph=False):
            return None
        return self.text[line][first_char[line] :] + "\n"


class _Scanner(_LeafRules):
    """markdown-it's ``ParserBlock`` and its container rules: block quotes and lists."""

    __slots__ = ()

    def tokenize(self, start: int, end: int) -> int:
        """Parse lines ``[start, end)`` as a sequence of blocks; return the line where it stopped.

        ``markdown_it/parser_block.py``: ``ParserBlock.tokenize``, trying only the rules the first
        character of a line can start (every rule tests it first).  The returned line is the
        ``state.line`` markdown-it leaves behind, which container rules continue from.
        """
        texts, first_char, line_end, indent = self.text, self.first_char, self.line_end, self.indent
        # nested rules restore these before returning
        line_max, block_indent, too_deep = self.line_max, self.block_indent, self.level >= _MAX_NESTING
        top = not self.level  # no container: every line's marks are its own text's
        line = start
        while line < end:
            if top:
                line = self._text_run_end(line)
            while line < line_max and first_char[line] >= line_end[line]:
                line += 1
            if line >= end or indent[line] < block_indent:
                return line  # the end, or a line outdented out of the current container
            if too_deep:
                return end
            if indent[line] - block_indent >= 4:
                line = self._code_block(line, end)
            else:
                rule = _RULES.get(texts[line][first_char[line]])
                after = _NO_MATCH if rule is None else rule(self, line, end)
                if after == _NO_MATCH:  # a paragraph: most end at a blank line right after their first
                    after = line + 1
                    if after < line_max and first_char[after] < line_end[after]:
                        after = self._paragraph(line, end)
                line = after
            if line < end and first_char[line] >= line_end[line]:
                line += 1
        return line

    def _text_run_end(self, line: int) -> int:
        """Pass over the top-level text lines from the block start ``line``, noting their headings.

        Most of a report, between the few fences, lists of more than one-line items, quotes of
        more than text and other blocks the rules must read: paragraphs and quoted prompts of plain
        text, headings and checklists.  One search of the joined lines for the next line that is not
        text (see :data:`_TEXT_START`) instead of a rule call per block.  Where the text lines stop,
        the block holding the last of them started after the last empty line or heading among them,
        or at ``line``: the rules go on from there, unless fenced code (the commonest stop) starts
        there, which is passed over at once.  The rules may stop again before the end of the run; no
        block starts between, so they go on at once.
        """
        if line < self.text_run_end:
            return line
        while True:
            stop = self.text_run_end = self._text_lines_end(line)
            last_heading = self._note_headings(line, stop)
            after = self._fence_after_text(stop)
            if after == _NO_MATCH:
                break
            line = after
        if stop == line or stop >= self.line_max or not self.text[stop - 1]:
            return stop
        document = self.document
        empty = document.source.rfind("\n\n", max(document.offsets[line] - 1, 0), document.offsets[stop - 1])
        return max(line if empty < 0 else document.line_at(empty + 1) + 1, last_heading + 1)

    def _fence_after_text(self, line: int) -> int:
        """The line after fenced code opening on ``line``, where top-level text lines stop, or ``_NO_MATCH``.

        A fence interrupts a paragraph or a quote, and follows a list item of the text lines only
        after empty lines, at the first column, where it ends the list: it starts a block there.
        """
        pos = self.first_char[line]
        if line >= self.line_max or self.indent[line] >= 4 or self.text[line][pos : pos + 1] not in _FENCE_MARKERS:
            return _NO_MATCH
        return self._fence(line, self.line_max)

    def _text_lines_end(self, line: int) -> int:
        """The first line from ``line`` on that is not a top-level text line, or the end."""
        document = self.document
        source = document.source
        start = document.offsets[line]
        if not start:
            return line  # the first line, which no line break comes before, is left to the rules
        found = _line_after_text().search(source, start - 1)
        assert found is not None  # the last line break comes before the end, which is no text line
        return document.line_at(found.end())

    def _note_headings(self, line: int, stop: int) -> int:
        """Note the headings among the text lines ``[line, stop)``; return the last one's line, or -1.

        The only lines of a run of text that start with a ``#`` after at most 3 spaces.
        """
        candidates = self.heading_lines
        first = bisect_left(candidates, line)
        found = candidates[first : bisect_left(candidates, stop, first)]
        texts, first_char, headings = self.text, self.first_char, self.headings
        for index in found:
            text = texts[index][first_char[index] :]
            number = index + 1
            # built as the tuple it is: the constructor's call cost more than the rest of the loop
            headings.append(_new(Heading, (number, len(text) - len(text.lstrip("#")), False, number)))
        return found[-1] if found else -1

    # -- block quotes -----------------------------------------------------------------------------

    def _blockquote(self, start: int, end: int) -> int:
        """A block quote: its lines without their ``>`` markers, parsed as blocks of their own.

        ``markdown_it/rules_block/blockquote.py``.  The quote runs over ``>`` lines and lazy
        continuation lines until a blank line, a line after an empty ``>`` line, or a line that
        starts another block.  Like markdown-it, the markers are then hidden by moving the lines'
        marks, which are restored afterwards; a quote of plain text needs neither (see
        ``_plain_quote_end``), so this first finds the quote's extent without moving any mark.
        """
        texts, first_char, line_end, indent = self.text, self.first_char, self.line_end, self.indent
        block_indent = self.block_indent
        plain = self.level + 1 < _MAX_NESTING
        last_content = -1
        last_empty = False
        interrupted = False
        line = start
        if not self.level:  # no container has moved the marks of the first line either
            line = self._plain_quote_lines_end(start, end)
            last_content = line - 1 if line > start else -1
        while line < end:
            pos = first_char[line]
            maximum = line_end[line]
            if pos >= maximum:
                break  # a blank line outside the quote ends it
            text = texts[line]
            if text[pos] != ">" or indent[line] < block_indent:
                if last_empty:
                    break
                if self._interrupts(line, paragraph=False):
                    interrupted = True
                    break
                last_content = line  # a lazy continuation line
                line += 1
                continue
            content = pos + 2 if text[pos + 1 : pos + 2] == " " else pos + 1
            width = 0
            if text[content : content + 1] in _SPACE_OR_TAB:
                content, width, _ = self._quote_marks(line)
            last_empty = content >= maximum
            if not last_empty:
                last_content = line
                if plain and (width > 3 or (text[content] in _MAY_START_BLOCK and not _plain_text(text, content))):
                    plain = False
            line += 1
            if plain and not self.moved:
                after = self._plain_quote_lines_end(line, end)
                if after > line:
                    last_content, last_empty, line = after - 1, False, after
        stop = line
        if plain and last_content >= 0:
            return self._plain_quote_end(stop, last_content)
        return self._parse_quote(start, stop, interrupted)

    def _plain_quote_lines_end(self, line: int, end: int) -> int:
        """The line after a run of quote lines of plain text from ``line`` (before ``end``), or ``line``.

        A shortcut through the loop of :meth:`_blockquote` over the lines that hold nothing but text
        (see :func:`_plain_quote_lines`), most of a report's quoted instructions: one pattern over
        the joined lines.  The pattern reads the lines' own text, which it may while no quote has
        moved the marks of the lines after the current one.
        """
        document = self.document
        offsets = document.offsets
        first = offsets[line]
        match = _plain_quote_lines(self.block_indent).match(document.source, first, offsets[end])
        if match is None:
            return line
        return line + document.source.count("\n", first, match.end())

    def _parse_quote(self, start: int, stop: int, interrupted: bool) -> int:
        """Parse the lines ``[start, stop)`` of a block quote with their ``>`` markers hidden.

        The second half of ``markdown_it/rules_block/blockquote.py``: marks moved past the markers,
        lazy lines marked with an indent of -1, a hard end for paragraphs when another block ended
        the quote, then the inner parse at indent 0, then every mark restored.
        """
        texts, first_char, indent, hidden_indent = self.text, self.first_char, self.indent, self.hidden_indent
        block_indent = self.block_indent
        inside = [
            self._quote_marks(line)
            if texts[line][first_char[line]] == ">" and indent[line] >= block_indent
            else (first_char[line], -1, hidden_indent[line])
            for line in range(start, stop)
        ]
        old_line_max = self.line_max
        stop_indent = indent[stop]
        if interrupted:
            self.line_max = stop  # a hard end for the paragraphs inside
            indent[stop] -= block_indent  # as if measured from the quote's own indent of 0
        saved = (first_char[start:stop], indent[start:stop], hidden_indent[start:stop])
        first_char[start:stop], indent[start:stop], hidden_indent[start:stop] = zip(*inside)
        self.block_indent = 0
        self.level += 1
        self.moved += 1
        after = self.tokenize(start, stop)
        self.moved -= 1
        self.level -= 1
        self.block_indent = block_indent
        first_char[start:stop], indent[start:stop], hidden_indent[start:stop] = saved
        indent[stop] = stop_indent
        self.line_max = old_line_max
        return after

    def _quote_marks(self, line: int) -> tuple[int, int, int]:
        """The marks of a ``>`` line inside its quote: first character, indent and hidden indent.

        ``markdown_it/rules_block/blockquote.py``: one blank after the marker belongs to it, a tab
        only partly; the rest is the line's indent inside the quote, with tab stops counted from the
        line's true start.
        """
        text = self.text[line]
        pos = self.first_char[line] + 1
        initial = offset = self.indent[line] + 1
        old_hidden = self.hidden_indent[line]
        after_marker = text[pos : pos + 1]
        adjust_tab = 0
        if after_marker == " " or (after_marker == "\t" and (old_hidden + offset) % 4 == 3):
            pos += 1  # a space, or a tab one column wide here
            initial += 1
            offset += 1
        elif after_marker == "\t":
            adjust_tab = 1  # the tab's first column belongs to the marker
        maximum = self.line_end[line]
        while pos < maximum:
            ch = text[pos]
            if ch == "\t":
                offset += 4 - (offset + old_hidden + adjust_tab) % 4
            elif ch == " ":
                offset += 1
            else:
                break
            pos += 1
        hidden = self.indent[line] + (2 if after_marker in _SPACE_OR_TAB else 1)
        return pos, offset - initial, hidden

    def _plain_quote_end(self, stop: int, last_content: int) -> int:
        """The line where the inner parse of a quote of plain text, ending before ``stop``, would stop.

        The end of ``markdown_it/rules_block/blockquote.py`` without its inner ``tokenize``
        (``parser_block.py``).  Every line inside is blank, :func:`_plain_text` indented less than 4,
        or a lazy continuation, and ``last_content`` is the last one that is not blank.  Such a quote holds only paragraphs,
        so ``tokenize`` would find nothing to report; what is left is the line it returns.  A
        paragraph holding the quote's last line ends at ``stop``: a quote ends on a blank line, on a
        line that interrupts it (where ``line_max`` stops the paragraphs inside), after an empty
        ``>`` line, or at the end of its container, which is the document's end or another quote's,
        so again one of these.  After one blank line ``tokenize`` has reached its end and stops
        there; after more, it first skips every blank line it finds.
        """
        if stop - last_content <= 2:
            return stop
        first_char, line_end, line_max = self.first_char, self.line_end, self.line_max
        line = stop
        while line < line_max and first_char[line] >= line_end[line]:
            line += 1
        return line

    # -- lists ------------------------------------------------------------------------------------

    def _thematic_break_or_list(self, start: int, end: int) -> int:
        """``*`` and ``-`` lines: a thematic break (``markdown_it/rules_block/hr.py``), else a list."""
        text, pos = self.text[start], self.first_char[start]
        if not _may_mark(text, pos):
            return _NO_MATCH
        if _thematic_break(text, pos):
            return start + 1
        return self._list(start, end)

    def _list(self, start: int, end: int) -> int:
        """A bullet or ordered list; each item is parsed as blocks of its own.

        ``markdown_it/rules_block/list.py``: ``list_block``.  The list ends at a line outdented out of
        it, a fence, quote or break, or an item of another marker character.
        """
        texts, first_char, indent = self.text, self.first_char, self.indent
        if 0 <= self.list_indent <= indent[start] - 4 and indent[start] < self.block_indent:
            return _NO_MATCH  # deeper than a sibling item may be: paragraph continuation
        match = _LIST_MARKER.match(texts[start], first_char[start])
        if match is None:
            return _NO_MATCH
        after_marker = match.end()
        marker = texts[start][after_marker - 1]
        self.level += 1
        block_indent = self.block_indent
        line = start
        while True:
            line, plain_marker = self._plain_items_end(line, end, marker)
            line = self._list_item(line, end, plain_marker or after_marker)
            if line >= end or indent[line] < block_indent or indent[line] - block_indent >= 4:
                break
            if self._ends_list(line):
                break
            match = _LIST_MARKER.match(texts[line], first_char[line])
            if match is None:
                break
            after_marker = match.end()
            if texts[line][after_marker - 1] != marker:
                break  # another marker character (or kind of list) starts a new list
        self.level -= 1
        return line

    def _plain_items_end(self, line: int, end: int, marker: str) -> tuple[int, int]:
        """Skip a run of one-line items of plain text from ``line``; return its last item's line and marker end.

        Checklists (``- [x] ...``) are long runs of such items.  For each, the item loop of
        ``markdown_it/rules_block/list.py`` parses the
        item's text as a paragraph, finds it interrupted by the next line's marker, ends the item
        and continues the list with that line.  When the two lines make all of that certain, the
        item holds one paragraph and nothing to report, and its parse is skipped: both lines are
        a marker, 1-4 spaces and :func:`_plain_text` (so neither is a thematic break), with the same
        marker character, and the next one is no deeper than a sibling may be and shallower than
        the item's text.  The last item of the run is parsed as usual.
        """
        texts, first_char, indent = self.text, self.first_char, self.indent
        if self.level + 1 >= _MAX_NESTING:
            return line, 0
        pattern = _plain_item_pattern(marker)
        text = texts[line]
        match = pattern.match(text, first_char[line])
        if match is None:
            return line, 0
        content = match.end()
        if text[content] in _MAY_START_BLOCK and not _plain_text(text, content):
            return line, 0
        last = end - 1  # an end never passes line_max
        lowest = self.block_indent
        deepest = lowest + 3
        while line < last:
            following = line + 1
            sibling_indent = indent[following]
            if not lowest <= sibling_indent <= deepest or sibling_indent >= indent[line] + content - first_char[line]:
                break
            text = texts[following]
            next_match = pattern.match(text, first_char[following])
            if next_match is None:
                break
            next_content = next_match.end()
            if text[next_content] in _MAY_START_BLOCK and not _plain_text(text, next_content):
                break
            line, match, content = following, next_match, next_content
        return line, match.end(1)

    def _list_item(self, start: int, end: int, after_marker: int) -> int:
        """One list item whose marker ends at column ``after_marker``; return the line after it.

        The item loop of ``markdown_it/rules_block/list.py``: the item's content indent is the
        marker's width plus 1-4 blanks (more make indented code); its first line's marks are moved
        past the marker while the item is parsed.
        """
        first_char, line_end, indent = self.first_char, self.line_end, self.indent
        text = self.text[start]
        pos = after_marker
        maximum = line_end[start]
        initial = offset = indent[start] + after_marker - first_char[start]
        while pos < maximum:
            ch = text[pos]
            if ch == "\t":
                offset += 4 - (offset + self.hidden_indent[start]) % 4
            elif ch == " ":
                offset += 1
            else:
                break
            pos += 1
        content = pos
        gap = 1 if content >= maximum else offset - initial
        if gap > 4:
            gap = 1  # 5+ blanks after the marker: the item holds indented code
        old_first_char = first_char[start]
        old_indent = indent[start]
        old_list_indent = self.list_indent
        self.list_indent = self.block_indent
        self.block_indent = initial + gap
        first_char[start] = content
        indent[start] = offset
        self.level += 1
        if content >= maximum and first_char[start + 1] >= line_end[start + 1]:
            after = min(start + 2, end)  # an empty item followed by a blank line ends right there
        else:
            after = self.tokenize(start, end)
        self.level -= 1
        self.block_indent = self.list_indent
        self.list_indent = old_list_indent
        first_char[start] = old_first_char
        indent[start] = old_indent
        return after


# The rules a line's first non-blank character can start, in markdown-it's order (code blocks are
# decided by indent first, paragraphs are the fallback; the commonmark preset has no tables).
_RULES = {
    "`": _Scanner._fence,
    "~": _Scanner._fence,
    ">": _Scanner._blockquote,
    "*": _Scanner._thematic_break_or_list,
    "-": _Scanner._thematic_break_or_list,
    "_": _Scanner._thematic_break,
    "+": _Scanner._list,
    **dict.fromkeys(_DIGITS, _Scanner._list),
    "[": _Scanner._reference,
    "<": _Scanner._html_block,
    "#": _Scanner._atx_heading,
}
