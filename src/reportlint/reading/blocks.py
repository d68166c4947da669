"""Locate CommonMark block structure (headings, code, raw HTML) with the standard library.

reportlint judges a report question by question, so it must know which lines
are headings and which lines are code or raw HTML *exactly* as a renderer sees
them: a ``# comment`` inside a fence is not a heading, and a ``### Question 1``
after a line that merely looks like a fence opener is one.  Guessing with a
few regexes gets these wrong, and pulling in a Markdown library at run time
would make a pre-commit hook heavier than it needs to be.

So this module is a port of markdown-it-py's block rules (the reference the
test suite compares against, in its ``commonmark`` preset), keeping only the
bookkeeping needed to locate blocks: no tokens, no inline parsing, no content
extraction.  The per-line state (``_b`` begin offset, ``_e`` end offset,
``_t`` offset of the first non-blank character, ``_s`` indent width with tabs
expanded, ``_bs`` virtual indent hidden by a container prefix) mirrors
markdown-it's ``StateBlock`` so that its container rules, quirks included,
carry over rule for rule.  Where markdown-it-py and the CommonMark spec differ,
this follows markdown-it-py.

The input is a sequence of lines as produced by :func:`split_lines`, which
cannot tell whether the text ended with a line break; it is parsed as if it
did.  markdown-it differs only for a text that lacks the final line break and
whose last line is blank (or blank after block quote markers): it drops that
line, so an unclosed fence or HTML comment there ends one line earlier.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from itertools import accumulate
from typing import NamedTuple

__all__ = ["Blocks", "Heading", "Span", "scan", "split_lines"]


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


_LINE_BREAK = re.compile(r"\r\n?|\n")


def split_lines(text: str) -> list[str]:
    """Split ``text`` into lines the way CommonMark does.

    Only ``\\r\\n``, ``\\r`` and ``\\n`` end a line (``str.splitlines`` also
    splits on form feeds, ``\\x85``, ``\\u2028`` and others, which would shift
    every later line number).  A final line break does not start an extra
    empty line, and a leading byte order mark is dropped so that a first-line
    heading is still recognised.
    """
    text = text.removeprefix("\ufeff")
    if not text:
        return []
    if "\r" in text:
        text = _LINE_BREAK.sub("\n", text)
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return lines


# ---------------------------------------------------------------------------
# Precompiled patterns, each matched with (pos, endpos) bounds on the joined
# source so that no per-line slices are made on the hot paths.

_MAX_NESTING = 20  # markdown-it's commonmark preset stops nesting containers here
_SPACES = re.compile(r"[ \t]*")
_LIST_MARKER = re.compile(r"(?:([0-9]{1,9})[.)]|[*+-])(?=[ \t]|\Z)")
_ATX = re.compile(r"#{1,6}(?=[ \t]|\Z)")
_HR = {ch: re.compile(re.escape(ch) + r"(?:[ \t]*" + re.escape(ch) + r"){2,}[ \t]*") for ch in "*-_"}
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*")
_FENCE_RUN = {"`": re.compile(r"`+"), "~": re.compile(r"~+")}

# HTML block start and end conditions, copied from markdown-it-py
# (common/html_blocks.py and common/html_re.py).
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

_HtmlKinds = tuple[tuple[re.Pattern[str], re.Pattern[str] | None, bool], ...]


@cache
def _html_kinds() -> _HtmlKinds:
    """(start, end or None for "ends before a blank line", may interrupt a paragraph) per kind.

    Compiled on the first line that starts with `<`: many reports have none, and these patterns are
    the costliest to compile at start-up.
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


# Link reference definitions: only whether one is valid matters here, but that
# decides whether a following "---" is a setext underline or a thematic break.
# These patterns are strings: the re module compiles them on first use, which few reports ever need.
_UNESCAPE = r'\\([!"#$%&\'()*+,\-.\/:;<=>?@[\\\]^_`{|}~])|&([a-z#][a-z0-9]{1,31});'


@cache
def _entities() -> dict[str, str]:
    """HTML5 named entities, loaded only when a link reference definition needs decoding."""
    import html.entities

    return {name.rstrip(";"): chars for name, chars in html.entities.html5.items()}


_DEC_ENTITY = r"#([0-9]{1,8})"
_HEX_ENTITY = r"(?i:#x([a-f0-9]{1,8}))"
_BAD_PROTO = r"^(vbscript|javascript|file|data):"
_GOOD_DATA = r"^data:image\/(gif|png|jpeg|webp);"
_MD_TRIM = "".join(
    chr(c)
    for c in sorted(
        {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x202F, 0x205F, 0x3000}
        | set(range(0x2000, 0x200B))
        | {0x2028, 0x2029}
    )
)


def _entity(match: re.Match[str]) -> str:
    """Decode one backslash escape or entity as markdown-it's ``unescapeAll`` does."""
    escaped = match.group(1)
    if escaped:
        return escaped
    name = match.group(2)
    entities = _entities()
    if name in entities:
        return entities[name]
    digits = re.fullmatch(_DEC_ENTITY, name)
    hexa = re.fullmatch(_HEX_ENTITY, name)
    code = int(digits.group(1)) if digits else int(hexa.group(1), 16) if hexa else -1
    return chr(code) if _valid_code_point(code) else match.group(0)


def _valid_code_point(c: int) -> bool:
    """Mirror markdown-it's ``isValidEntityCode`` (rejects surrogates, controls...)."""
    return not (
        c < 0
        or 0xD800 <= c <= 0xDFFF
        or 0xFDD0 <= c <= 0xFDEF
        or (c & 0xFFFF) in (0xFFFF, 0xFFFE)
        or c <= 0x08
        or c == 0x0B
        or 0x0E <= c <= 0x1F
        or 0x7F <= c <= 0x9F
        or c > 0x10FFFF
    )


def _link_allowed(destination: str) -> bool:
    """Reject the URL schemes markdown-it's ``validateLink`` refuses (XSS guard)."""
    url = re.sub(_UNESCAPE, _entity, destination, flags=re.IGNORECASE).strip().lower()
    return bool(re.search(_GOOD_DATA, url)) if re.search(_BAD_PROTO, url) else True


def _link_destination(string: str, pos: int, maximum: int) -> int:
    """Return the end of a link destination starting at ``pos``, or -1 if none."""
    if string[pos : pos + 1] == "<":
        pos += 1
        while pos < maximum:
            ch = string[pos]
            if ch in "\n<":
                return -1
            if ch == ">":
                return pos + 1
            pos += 2 if ch == "\\" and pos + 1 < maximum else 1
        return -1
    start = pos
    level = 0
    while pos < maximum:
        ch = string[pos]
        code = ord(ch)
        if (code <= 0x20 and code != 0) or code == 0x7F:
            break  # a control character ends it (NUL is U+FFFD to markdown-it)
        if ch == "\\" and pos + 1 < maximum:
            if string[pos + 1] == " ":
                break
            pos += 2
            continue
        if ch == "(":
            level += 1
            if level > 32:
                return -1
        elif ch == ")":
            if level == 0:
                break
            level -= 1
        pos += 1
    if start == pos or level != 0:
        return -1
    return pos


def _link_title(string: str, pos: int, maximum: int, marker: str) -> tuple[int, str]:
    """Scan a link title from ``pos``.

    ``marker`` is "" for a fresh title, else the closing character of a title
    continued from the previous line.  Returns ``(end, marker)``: ``end`` is
    the position after the closing marker, -1 when the text cannot be a title,
    or -2 when the title is still open at ``maximum`` (it may continue on the
    next line).
    """
    if not marker:
        if pos >= maximum or string[pos] not in "\"'(":
            return -1, ""
        marker = ")" if string[pos] == "(" else string[pos]
        pos += 1
    while pos < maximum:
        ch = string[pos]
        if ch == marker:
            return pos + 1, marker
        if ch == "(" and marker == ")":
            return -1, marker
        if ch == "\\" and pos + 1 < maximum:
            pos += 1
        pos += 1
    return -2, marker


def _run_end(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """End of the run of characters that ``pattern`` matches at ``pos`` (``pos`` if none)."""
    match = pattern.match(text, pos)
    return pos if match is None else match.end()


def _may_mark(ch: str, following: str) -> bool:
    """Cheap pre-test: can a line starting with ``ch``, ``following`` be a list item or a break?

    A bullet must be followed by a blank or the line end, and a thematic
    break needs a blank or a repeat of its character next; only ordered list
    numbers need the full pattern.  This keeps lines such as ``*italic*`` or
    ``-flag`` from running both rules.
    """
    return following == ch or following in " \t\n" or ch in "0123456789"


def _expand_indent(line: str, count: int) -> int:
    """Width of the first ``count`` blank characters, tabs stopping every 4 columns."""
    width = 0
    for ch in line[:count]:
        width += 4 - width % 4 if ch == "\t" else 1
    return width


class _Scanner:
    """markdown-it's block parser state and rules, minus everything but positions."""

    __slots__ = (
        "_b",
        "_blk",
        "_bs",
        "_e",
        "_level",
        "_line",
        "_line_max",
        "_list_indent",
        "_parent",
        "_s",
        "_src",
        "_t",
        "code",
        "headings",
        "html",
    )

    def __init__(self, lines: Sequence[str]) -> None:
        """Join the lines into one source and precompute the per-line marks."""
        src = "\n".join(lines) + "\n"
        if "\r" in src or src.count("\n") != len(lines):
            raise ValueError("lines must not contain line breaks; use split_lines()")
        lengths = [len(line) for line in lines]
        begins = list(accumulate([n + 1 for n in lengths], initial=0))
        begins[-1] -= 1  # a fake empty last line on the final "\n" keeps look-aheads in bounds
        ends = [begin + n for begin, n in zip(begins, lengths)]
        ends.append(begins[-1])
        shifts = [len(line) - len(line.lstrip(" \t")) for line in lines]
        shifts.append(0)
        widths = shifts[:]
        if "\t" in src:
            for index, (line, count) in enumerate(zip(lines, shifts)):
                if "\t" in line[:count]:
                    widths[index] = _expand_indent(line, count)
        self._src = src
        self._b = begins
        self._e = ends
        self._t = shifts
        self._s = widths
        self._bs = [0] * len(begins)
        self._line_max = len(lines)
        self._blk = 0  # required content indent of the current container
        self._list_indent = -1  # indent of the current list (-1: none)
        self._parent = "root"  # which rule is asking whether a line interrupts it
        self._level = 0  # container nesting depth, in markdown-it's token levels
        self._line = 0
        self.headings: list[Heading] = []
        self.code: list[Span] = []
        self.html: list[Span] = []

    # -- driver ---------------------------------------------------------------

    def tokenize(self, start: int, end: int) -> None:
        """Parse lines ``[start, end)`` as a sequence of blocks (markdown-it's tokenize)."""
        b, e, t, s = self._b, self._e, self._t, self._s
        line = start
        while line < end:
            line_max = self._line_max
            while line < line_max and b[line] + t[line] >= e[line]:
                line += 1
            self._line = line
            if line >= end or s[line] < self._blk:
                break  # the end, or a line outdented out of the current container
            if self._level >= _MAX_NESTING:
                self._line = end
                break
            self._block(line, end)
            line = self._line
            if line < end and b[line] + t[line] >= e[line]:
                line += 1
                self._line = line

    def _block(self, line: int, end: int) -> None:
        """Run the first matching block rule at ``line``, dispatching on its first character."""
        if self._s[line] - self._blk >= 4:
            self._code_block(line, end)
            return
        pos = self._b[line] + self._t[line]
        ch = self._src[pos]
        if ch in {"`", "~"}:
            if self._fence(line, end, silent=False):
                return
        elif ch == ">":
            self._blockquote(line, end)
            return
        elif ch in "*-_+0123456789" and _may_mark(ch, self._src[pos + 1]):
            if ch in "*-_" and self._hr(line):
                self._line = line + 1
                return
            if ch != "_" and self._list(line, end, silent=False):
                return
        elif ch == "[":
            if self._reference(line):
                return
        elif ch == "<":
            if self._html_block(line, end, silent=False):
                return
        elif ch == "#" and self._heading(line, silent=False):
            return
        self._paragraph(line, end)

    def _interrupts(self, line: int, for_list: bool = False) -> bool:
        """Tell whether ``line`` starts a block that ends a paragraph (or a list item).

        This is markdown-it's "terminator rules" check: for paragraphs, block
        quotes and reference definitions the rules fence, blockquote, hr, list,
        html_block and heading, all in silent mode; for lists only the first
        three.
        """
        if self._s[line] - self._blk >= 4:
            return False
        pos = self._b[line] + self._t[line]
        ch = self._src[pos]
        if ch in {"`", "~"}:
            return self._fence(line, line, silent=True)
        if ch == ">":
            return True
        if ch in "*-_+0123456789" and _may_mark(ch, self._src[pos + 1]):
            if ch in "*-_" and self._hr(line):
                return True
            if not for_list and ch != "_":
                return self._list(line, line, silent=True)
            return False
        if for_list:
            return False
        if ch == "<":
            return self._html_block(line, line, silent=True)
        if ch == "#":
            return self._heading(line, silent=True)
        return False

    # -- leaf blocks ----------------------------------------------------------

    def _code_block(self, start: int, end: int) -> None:
        """Indented code: runs while lines are blank or indented 4+; trailing blanks excluded."""
        b, e, t, s, blk = self._b, self._e, self._t, self._s, self._blk
        last = line = start + 1
        while line < end:
            if b[line] + t[line] >= e[line]:
                line += 1
            elif s[line] - blk >= 4:
                line += 1
                last = line
            else:
                break
        self._line = last
        self.code.append(Span(start + 1, last))

    def _fence(self, start: int, end: int, silent: bool) -> bool:
        """Fenced code, closed by a fence of the same character at least as long."""
        src, b, e, t, s, blk = self._src, self._b, self._e, self._t, self._s, self._blk
        pos = b[start] + t[start]
        maximum = e[start]
        if pos + 3 > maximum:
            return False
        marker = src[pos]
        run = _FENCE_RUN.get(marker)
        if run is None:
            return False
        after = _run_end(run, src, pos)
        length = after - pos
        if length < 3 or (marker == "`" and "`" in src[after:maximum]):
            return False
        if silent:
            return True
        line = start
        closed = False
        while True:
            line += 1
            if line >= end:
                break  # unclosed: ends with the document or the container
            pos = b[line] + t[line]
            maximum = e[line]
            if pos < maximum and s[line] < blk:
                break  # a non-blank line outdented out of the container
            if src[pos] != marker or s[line] - blk >= 4:
                continue
            after = _run_end(run, src, pos)
            if after - pos < length or _run_end(_SPACES, src, after) < maximum:
                continue
            closed = True
            break
        self._line = line + 1 if closed else line
        self.code.append(Span(start + 1, self._line))
        return True

    def _hr(self, start: int) -> bool:
        """Thematic break: three or more of the same ``*``, ``-`` or ``_``, spaces allowed."""
        pos = self._b[start] + self._t[start]
        pattern = _HR[self._src[pos]]
        return pattern.fullmatch(self._src, pos, self._e[start]) is not None

    def _heading(self, start: int, silent: bool) -> bool:
        """ATX heading: 1-6 ``#`` followed by a blank or the end of the line."""
        pos = self._b[start] + self._t[start]
        match = _ATX.match(self._src, pos, self._e[start])
        if match is None:
            return False
        if not silent:
            self._line = start + 1
            level = match.end() - pos
            self.headings.append(Heading(start + 1, level, False, start + 1))
        return True

    def _html_block(self, start: int, end: int, silent: bool) -> bool:
        """HTML block of one of the seven CommonMark kinds."""
        src, b, e, t, s = self._src, self._b, self._e, self._t, self._s
        # markdown-it first turns NUL into U+FFFD, which an unquoted attribute value accepts
        text = src[b[start] + t[start] : e[start]].replace("\0", "\ufffd")
        for opener, closer, interrupts in _html_kinds():
            if opener.search(text):
                break
        else:
            return False
        if silent:
            return interrupts
        line = start + 1
        if closer is None or not closer.search(text):
            blk = self._blk
            while line < end:
                blank = b[line] + t[line] >= e[line]
                if s[line] < blk and (closer is None or not blank):
                    break
                text = src[b[line] + t[line] : e[line]]
                if closer is None:
                    if not text:
                        break  # kinds 6 and 7 end before a blank line
                elif closer.search(text):
                    line += 1  # kinds 1-5 end on the line holding the end marker
                    break
                line += 1
        self._line = line
        self.html.append(Span(start + 1, line))
        return True

    def _paragraph(self, start: int, end: int) -> None:
        """A paragraph, or a setext heading when an underline ends it.

        markdown-it tries ``lheading`` and then ``paragraph``, two loops over
        the same lines; they are merged here.  The underline is only looked
        for before ``end`` (lheading's limit) while the paragraph itself runs
        up to ``_line_max`` (which a block quote lowers when another block
        interrupts it).
        """
        src, b, e, t, s, blk = self._src, self._b, self._e, self._t, self._s, self._blk
        line_max = self._line_max
        old_parent = self._parent
        self._parent = "paragraph"
        line = start + 1
        level = 0
        while line < line_max:
            pos = b[line] + t[line]
            maximum = e[line]
            if pos >= maximum:
                break
            width = s[line]
            if width - blk > 3 or width < 0:
                line += 1  # lazy continuation (indented, or quirk of block quotes)
                continue
            if width >= blk and line < end:
                ch = src[pos]
                if (ch in {"=", "-"}) and _SETEXT.fullmatch(src, pos, maximum):
                    level = 1 if ch == "=" else 2
                    break
            if src[pos] in "`~>*-_+0123456789<#" and self._interrupts(line):
                break
            line += 1
        self._parent = old_parent
        if level:
            self._line = line + 1
            self.headings.append(Heading(start + 1, level, True, line + 1))
        else:
            self._line = line

    # -- containers -----------------------------------------------------------

    def _blockquote(self, start: int, end: int) -> None:
        """Block quote: ``>`` lines plus lazy continuation lines, parsed recursively.

        Like markdown-it, the ``>`` prefix (and one optional blank) is hidden
        by moving the line's begin mark, and restored afterwards.
        """
        src, b, e, t, s, bs = self._src, self._b, self._e, self._t, self._s, self._bs
        old_line_max = self._line_max
        saved: list[tuple[int, int, int, int]] = []
        last_empty = self._strip_quote_marker(start, saved)
        old_parent = self._parent
        self._parent = "blockquote"
        line = start + 1
        while line < end:
            outdented = s[line] < self._blk
            pos = b[line] + t[line]
            if pos >= e[line]:
                break  # a blank line outside the quote ends it
            if src[pos] == ">" and not outdented:
                last_empty = self._strip_quote_marker(line, saved)
                line += 1
                continue
            if last_empty:
                break
            if self._interrupts(line):
                self._line_max = line  # hard end for paragraphs inside
                if self._blk != 0:
                    saved.append((b[line], bs[line], t[line], s[line]))
                    s[line] -= self._blk
                break
            saved.append((b[line], bs[line], t[line], s[line]))
            s[line] = -1  # lazy continuation line
            line += 1
        old_indent = self._blk
        self._blk = 0
        self._level += 1
        self.tokenize(start, line)
        self._level -= 1
        self._line_max = old_line_max
        self._parent = old_parent
        for index, (begin, virtual, shift, width) in enumerate(saved, start):
            b[index] = begin
            bs[index] = virtual
            t[index] = shift
            s[index] = width
        self._blk = old_indent

    def _strip_quote_marker(self, line: int, saved: list[tuple[int, int, int, int]]) -> bool:
        """Hide the ``>`` marker of ``line``; return whether the rest is blank."""
        src, b, e, t, s, bs = self._src, self._b, self._e, self._t, self._s, self._bs
        pos = b[line] + t[line] + 1
        ch = src[pos]
        after = src[pos + 1] if ch == " " else ch
        if after not in {" ", "\t"}:
            # the usual "> text", ">text" or ">": no blanks to measure
            saved.append((b[line], bs[line], t[line], s[line]))
            space = 1 if ch == " " else 0
            bs[line] = s[line] + 1 + space
            b[line] = pos + space
            t[line] = 0
            s[line] = 0
            return pos + space >= e[line]
        maximum = e[line]
        initial = offset = s[line] + 1
        adjust_tab = False
        space_after = False
        if ch == " ":
            pos += 1
            initial += 1
            offset += 1
            space_after = True
        elif ch == "\t":
            space_after = True
            if (bs[line] + offset) % 4 == 3:
                pos += 1
                initial += 1
                offset += 1
            else:
                adjust_tab = True
        saved.append((b[line], bs[line], t[line], s[line]))
        b[line] = pos
        extra = 1 if adjust_tab else 0
        while pos < maximum:
            ch = src[pos]
            if ch == "\t":
                offset += 4 - (offset + bs[line] + extra) % 4
            elif ch == " ":
                offset += 1
            else:
                break
            pos += 1
        bs[line] = s[line] + 1 + (1 if space_after else 0)
        s[line] = offset - initial
        t[line] = pos - b[line]
        return pos >= maximum

    def _list_marker(self, line: int) -> re.Match[str] | None:
        """Match a list marker (group 1 holds an ordered item's number) on ``line``."""
        return _LIST_MARKER.match(self._src, self._b[line] + self._t[line], self._e[line])

    def _list(self, start: int, end: int, silent: bool) -> bool:
        """A bullet or ordered list: its items are parsed recursively one by one."""
        src, e, s = self._src, self._e, self._s
        if s[start] - self._blk >= 4:
            return False
        if 0 <= self._list_indent <= s[start] - 4 and s[start] < self._blk:
            return False  # deeper than a sibling item may be: paragraph continuation
        interrupting = silent and self._parent == "paragraph" and s[start] >= self._blk
        match = self._list_marker(start)
        if match is None:
            return False
        number = match.group(1)
        if interrupting and number is not None and int(number) != 1:
            return False  # only a list starting at 1 may interrupt a paragraph
        after = match.end()
        if interrupting and _run_end(_SPACES, src, after) >= e[start]:
            return False  # an empty item may not interrupt a paragraph
        if silent:
            return True
        marker = src[after - 1]
        old_parent = self._parent
        self._parent = "list"
        self._level += 1
        line = start
        while line < end:
            self._list_item(start, end, after)
            line = start = self._line
            if line >= end or s[line] < self._blk or s[line] - self._blk >= 4:
                break
            if self._interrupts(line, for_list=True):
                break
            match = self._list_marker(line)
            if match is None:
                break
            after = match.end()
            if src[after - 1] != marker:
                break  # another marker character (or kind of list) starts a new list
        self._level -= 1
        self._line = line
        self._parent = old_parent
        return True

    def _list_item(self, start: int, end: int, after: int) -> None:
        """Parse one list item whose marker ends at source offset ``after``."""
        src, b, e, t, s, bs = self._src, self._b, self._e, self._t, self._s, self._bs
        pos = after
        maximum = e[start]
        initial = offset = s[start] + after - (b[start] + t[start])
        while pos < maximum:
            ch = src[pos]
            if ch == "\t":
                offset += 4 - (offset + bs[start]) % 4
            elif ch == " ":
                offset += 1
            else:
                break
            pos += 1
        content = pos
        gap = 1 if content >= maximum else offset - initial
        if gap > 4:
            gap = 1  # 5+ blanks after the marker: the item holds indented code
        old_shift = t[start]
        old_width = s[start]
        old_list_indent = self._list_indent
        self._list_indent = self._blk
        self._blk = initial + gap
        t[start] = content - b[start]
        s[start] = offset
        self._level += 1
        if content >= maximum and b[start + 1] + t[start + 1] >= e[start + 1]:
            # an empty item followed by a blank line ends right there
            self._line = min(self._line + 2, end)
        else:
            self.tokenize(start, end)
        self._level -= 1
        self._blk = self._list_indent
        self._list_indent = old_list_indent
        t[start] = old_shift
        s[start] = old_width

    def _reference(self, start: int) -> bool:
        """Link reference definition ``[label]: destination "title"`` (may span lines)."""
        src = self._src
        pos = self._b[start] + self._t[start]
        string = src[pos : self._e[start] + 1]
        maximum = len(string)
        following = start + 1
        label_end = -1
        pos = 1
        while pos < maximum:
            ch = string[pos]
            if ch == "[":
                return False
            if ch == "]":
                label_end = pos
                break
            if ch == "\\":
                pos += 1  # an escaped character cannot end the label
            if ch in "\n\\" and string[pos : pos + 1] == "\n":
                more = self._reference_line(following)
                if more is not None:
                    string += more
                    maximum = len(string)
                    following += 1
            pos += 1
        if label_end < 0 or string[label_end + 1 : label_end + 2] != ":":
            return False
        pos, following, string = self._reference_blanks(label_end + 2, following, string)
        maximum = len(string)
        dest_end = _link_destination(string, pos, maximum)
        if dest_end < 0:
            return False
        destination = string[pos:dest_end]
        if destination.startswith("<"):
            destination = destination[1:-1]
        if not _link_allowed(destination):
            return False
        pos = dest_end
        dest_line = following
        title_start = pos
        pos, following, string = self._reference_blanks(pos, following, string)
        maximum = len(string)
        title_open = pos
        title_end, marker = _link_title(string, pos, maximum, "")
        while title_end == -2:
            more = self._reference_line(following)
            if more is None:
                break
            string += more
            pos = maximum
            maximum = len(string)
            following += 1
            title_end, marker = _link_title(string, pos, maximum, marker)
        has_title = pos < maximum and title_start != pos and title_end >= 0
        # markdown-it tests the unescaped title for truth: "" and () count as no title
        title_text = has_title and (pos != title_open or title_end - title_open > 2)
        if has_title:
            pos = title_end
        else:
            pos = dest_end
            following = dest_line
        pos = _run_end(_SPACES, string, pos)
        if pos < maximum and string[pos] != "\n" and title_text:
            # junk after the title: still valid if the title goes to the next line
            pos = _run_end(_SPACES, string, dest_end)
            following = dest_line
        if pos < maximum and string[pos] != "\n":
            return False
        if not string[1:label_end].strip(_MD_TRIM):
            return False  # the label must not be empty
        self._line = following
        return True

    def _reference_blanks(self, pos: int, following: int, string: str) -> tuple[int, int, str]:
        """Skip blanks and line breaks, pulling in continuation lines as needed."""
        maximum = len(string)
        while pos < maximum:
            ch = string[pos]
            if ch == "\n":
                more = self._reference_line(following)
                if more is not None:
                    string += more
                    maximum = len(string)
                    following += 1
            elif ch not in {" ", "\t"}:
                break
            pos += 1
        return pos, following, string

    def _reference_line(self, line: int) -> str | None:
        """The next line of a reference definition, or None when the definition must stop."""
        b, e, t = self._b, self._e, self._t
        if line >= self._line_max or b[line] + t[line] >= e[line]:
            return None
        if self._s[line] - self._blk < 4 and self._s[line] >= 0:
            old_parent = self._parent
            self._parent = "reference"
            stop = self._interrupts(line)
            self._parent = old_parent
            if stop:
                return None
        return self._src[b[line] + t[line] : e[line] + 1]


def scan(lines: Sequence[str]) -> Blocks:
    """Find the headings, code blocks and HTML blocks of a document split by :func:`split_lines`."""
    if not lines:
        return Blocks((), (), ())
    scanner = _Scanner(lines)
    scanner.tokenize(0, len(lines))
    return Blocks(tuple(scanner.headings), tuple(scanner.code), tuple(scanner.html))
