"""Tell where a CommonMark link reference definition (``[label]: destination "title"``) ends.

The block scanner (:mod:`reportlint.reading.blocks`) needs this for one reason: a valid definition is
not a paragraph, so a ``---`` right after it is a thematic break, not a setext underline, and a
``===`` is text.  Only validity and extent matter; the label, destination and title are never kept.

The rules are markdown-it-py 4.3.0's (``markdown_it/rules_block/reference.py`` and the helpers it
calls), including its quirks: a title may run over several lines, junk after a title on the next line
leaves a valid definition that ends at the destination, and the link must pass markdown-it's XSS
check on URL schemes.  The patterns are plain strings, which the ``re`` module compiles on first use:
most reports never hold a definition, and the hook starts often.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

__all__ = ["Continuation", "definition_end", "no_definition"]

Continuation = Callable[[int], "str | None"]
"""Given a line index, that line's text (from its first non-blank character, with its line break),
or None when the definition may not continue onto it."""

# A label closed on the line without a ':' right after it. Compiled at import: task list items
# ("- [x] ...") make this the first test of many a report line.
_LABEL_WITHOUT_COLON = re.compile(r"\[[^\[\]\\]*\](?!:)")
_ESCAPE_OR_ENTITY = r'\\([!"#$%&\'()*+,\-.\/:;<=>?@[\\\]^_`{|}~])|&([a-z#][a-z0-9]{1,31});'
_DECIMAL_ENTITY = r"#([0-9]{1,8})"
_HEX_ENTITY = r"(?i:#x([a-f0-9]{1,8}))"
_BAD_PROTOCOL = r"^(vbscript|javascript|file|data):"
_GOOD_DATA = r"^data:image\/(gif|png|jpeg|webp);"
_MAX_PARENTHESES = 32  # markdown-it gives up on a destination nested deeper
# The characters JavaScript's String.prototype.trim removes, which markdown-it uses on labels.
_LABEL_TRIM = "".join(
    chr(code)
    for code in sorted(
        {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x202F, 0x205F, 0x3000}
        | set(range(0x2000, 0x200B))
        | {0x2028, 0x2029}
    )
)


def definition_end(text: str, pos: int, next_line: int, continuation: Continuation) -> int | None:
    """The index of the line after the definition starting at ``text[pos]``, or None when it is none.

    ``text`` is a line without its line break, ``pos`` the offset of its ``[``, ``next_line`` the
    index of the line after it; ``continuation`` fetches later lines as the definition needs them
    (the caller decides which lines may continue it). Follows ``markdown_it/rules_block/reference.py``:
    ``reference`` and ``getNextLine``.
    """
    if no_definition(text, pos):
        return None
    string = text[pos:] + "\n"
    following = next_line
    label_end = -1
    pos = 1
    while pos < len(string):
        ch = string[pos]
        if ch == "[":
            return None
        if ch == "]":
            label_end = pos
            break
        if ch == "\\":
            pos += 1  # an escaped character cannot end the label
        if string[pos : pos + 1] == "\n":
            more = continuation(following)
            if more is not None:
                string += more
                following += 1
        pos += 1
    if label_end < 0 or string[label_end + 1 : label_end + 2] != ":":
        return None
    pos, following, string = _skip_blanks(string, label_end + 2, following, continuation)
    destination_end = _destination_end(string, pos, len(string))
    if destination_end < 0:
        return None
    destination = string[pos:destination_end]
    if destination.startswith("<"):
        destination = destination[1:-1]
    if not _link_allowed(destination):
        return None
    destination_line = following
    title_start = destination_end
    pos, following, string = _skip_blanks(string, destination_end, following, continuation)
    maximum = len(string)
    title_open = pos
    title_end, marker = _title_end(string, pos, maximum, "")
    while title_end == _TITLE_OPEN:
        more = continuation(following)
        if more is None:
            break
        string += more
        pos = maximum
        maximum = len(string)
        following += 1
        title_end, marker = _title_end(string, pos, maximum, marker)
    has_title = pos < maximum and title_start != pos and title_end >= 0
    # markdown-it tests the unescaped title for truth: "" and () count as no title
    title_text = has_title and (pos != title_open or title_end - title_open > 2)
    if has_title:
        pos = title_end
    else:
        pos = destination_end
        following = destination_line
    pos = _blanks_end(string, pos)
    if pos < maximum and string[pos] != "\n" and title_text:
        # junk after the title: still valid if the title goes to the next line
        pos = _blanks_end(string, destination_end)
        following = destination_line
    if pos < maximum and string[pos] != "\n":
        return None
    if not string[1:label_end].strip(_LABEL_TRIM):
        return None  # the label must not be empty
    return following


def no_definition(text: str, pos: int) -> bool:
    """Whether the ``[`` at ``text[pos]`` certainly starts no definition: a cheap first test.

    True for the usual ``[x] task`` or ``[link](url)``: a label closed on the line with no colon
    right after it, which ``markdown_it/rules_block/reference.py`` rejects after its label loop.
    False says nothing.
    """
    return _LABEL_WITHOUT_COLON.match(text, pos) is not None


def _skip_blanks(string: str, pos: int, following: int, continuation: Continuation) -> tuple[int, int, str]:
    """Skip blanks and line breaks, pulling in continuation lines as a break is passed.

    The blank-skipping loops of ``markdown_it/rules_block/reference.py``; returns the new position,
    the next line to pull in, and the grown string.
    """
    while pos < len(string):
        ch = string[pos]
        if ch == "\n":
            more = continuation(following)
            if more is not None:
                string += more
                following += 1
        elif ch not in {" ", "\t"}:
            break
        pos += 1
    return pos, following, string


def _blanks_end(string: str, pos: int) -> int:
    """The first position from ``pos`` that is not a space or tab (an ``isSpace`` loop of reference.py)."""
    while pos < len(string) and string[pos] in {" ", "\t"}:
        pos += 1
    return pos


def _destination_end(string: str, pos: int, maximum: int) -> int:
    """The end of a link destination starting at ``pos``, or -1 if there is none.

    Follows ``markdown_it/helpers/parse_link_destination.py``: either ``<...>`` on one line, or a run
    without blanks or control characters whose parentheses balance.
    """
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
    depth = 0
    while pos < maximum:
        ch = string[pos]
        code = ord(ch)
        if (code <= 0x20 and code != 0) or code == 0x7F:
            break  # a blank or control character ends it (NUL is U+FFFD to markdown-it)
        if ch == "\\" and pos + 1 < maximum:
            if string[pos + 1] == " ":
                break
            pos += 2
            continue
        if ch == "(":
            depth += 1
            if depth > _MAX_PARENTHESES:
                return -1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        pos += 1
    if start == pos or depth != 0:
        return -1
    return pos


_TITLE_OPEN = -2  # a title still open at the end of the text: the next line may close it


def _title_end(string: str, pos: int, maximum: int, marker: str) -> tuple[int, str]:
    """Scan a link title from ``pos``, as ``markdown_it/helpers/parse_link_title.py`` does.

    ``marker`` is "" for a fresh title, else the closing character of a title continued from the
    previous line.  Returns ``(end, marker)``: ``end`` is the position after the closing marker, -1
    when the text cannot be a title, or ``_TITLE_OPEN``.
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
    return _TITLE_OPEN, marker


def _link_allowed(destination: str) -> bool:
    """Reject the URL schemes markdown-it refuses, after decoding escapes and entities.

    ``markdown_it/common/normalize_url.py``: ``validateLink`` (an XSS guard), applied to the
    destination as ``markdown_it/common/utils.py``'s ``unescapeAll`` decodes it.
    """
    url = re.sub(_ESCAPE_OR_ENTITY, _unescape, destination, flags=re.IGNORECASE).strip().lower()
    return bool(re.search(_GOOD_DATA, url)) if re.search(_BAD_PROTOCOL, url) else True


def _unescape(match: re.Match[str]) -> str:
    """Decode one backslash escape or entity (``markdown_it/common/utils.py``: ``unescapeAll``)."""
    escaped = match.group(1)
    if escaped:
        return escaped
    name = match.group(2)
    entities = _entities()
    if name in entities:
        return entities[name]
    decimal = re.fullmatch(_DECIMAL_ENTITY, name)
    hexadecimal = re.fullmatch(_HEX_ENTITY, name)
    code = int(decimal.group(1)) if decimal else int(hexadecimal.group(1), 16) if hexadecimal else -1
    return chr(code) if _valid_code_point(code) else match.group(0)


@cache
def _entities() -> dict[str, str]:
    """HTML5 named entities (``markdown_it/common/entities.py``), loaded when a destination holds one."""
    import html.entities

    return {name.rstrip(";"): chars for name, chars in html.entities.html5.items()}


def _valid_code_point(code: int) -> bool:
    """Whether a numeric entity decodes (``markdown_it/common/utils.py``: ``isValidEntityCode``)."""
    return not (
        code < 0
        or 0xD800 <= code <= 0xDFFF
        or 0xFDD0 <= code <= 0xFDEF
        or (code & 0xFFFF) in (0xFFFF, 0xFFFE)
        or code <= 0x08
        or code == 0x0B
        or 0x0E <= code <= 0x1F
        or 0x7F <= code <= 0x9F
        or code > 0x10FFFF
    )
