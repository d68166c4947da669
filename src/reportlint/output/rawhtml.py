"""The HTML Python-Markdown makes, read the way a browser reads it, and what of it the page must not make live.

Python-Markdown passes a report's raw HTML through untouched, so its output is read here as tokens the way
the HTML standard's tokenizer reads them (a tag ends at the first `>` outside a quoted value, a comment at
`-->`), in one linear pass. The page writes every token out again in one plain form, so the browser reads
exactly what was checked here, whatever quirks the input had.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from typing import Union

from reportlint.records import NamedTuple


class Text(NamedTuple):
    raw: str  # as written: character references are kept and left to the browser


class Tag(NamedTuple):
    name: str  # lower case (ASCII letters only, as browsers fold it)
    attributes: tuple[tuple[str, str | None], ...]  # the first of each name, values as written; None: bare
    closing: bool  # an end tag
    slash: bool  # written `<br />`
    raw: str


class Comment(NamedTuple):
    raw: str  # a comment, declaration or processing instruction: browsers show none of them


Token = Union[Text, Tag, Comment]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Their content is text to a browser up to the matching end tag (plaintext: to the end of the file).
RAW_TEXT = _words("iframe noembed noframes noscript plaintext script style textarea title xmp")
VOID = _words("area base br col embed hr image img input keygen link meta param source track wbr")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # control characters but tab and line feed

_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_TAG_NAME = re.compile(r"[^\t\n\f\r />]*")
_BETWEEN = re.compile(r"[\t\n\f\r /]*")
_ATTRIBUTE_NAME = re.compile(r"[^\t\n\f\r />][^\t\n\f\r />=]*")
_EQUALS = re.compile(r"[\t\n\f\r ]*=[\t\n\f\r ]*")
_VALUE = re.compile(r""""([^"]*)"|'([^']*)'|([^\t\n\f\r >"'][^\t\n\f\r >]*)?""")
_COMMENT_END = re.compile(r"--!?>")


def tokens(html: str) -> Iterator[Token]:
    """The tokens of `html` in order. A tag cut off by the end of the text comes back as text."""
    position = 0
    while position < len(html):
        start = html.find("<", position)
        if start < 0:
            yield Text(html[position:])
            return
        token, end = _markup(html, start)
        if token is None:
            yield Text(html[position:end])
        else:
            if start > position:
                yield Text(html[position:start])
            yield token
        position = end
        if isinstance(token, Tag) and not token.closing and token.name in RAW_TEXT:
            close = re.compile(f"</{token.name}[\t\n\f\r />]", re.IGNORECASE).search(html, position)
            content_end = close.start() if close and token.name != "plaintext" else len(html)
            if content_end > position:
                yield Text(html[position:content_end])
            position = content_end


def _markup(html: str, start: int) -> tuple[Token | None, int]:
    """The token at `html[start] == '<'` and where it ends; None when this `<` is text."""
    after = html[start + 1 : start + 3]
    if html.startswith("<!--", start):
        for empty in ("<!-->", "<!--->"):
            if html.startswith(empty, start):
                return Comment(empty), start + len(empty)
        found = _COMMENT_END.search(html, start + 4)
        end = found.end() if found else len(html)
        return Comment(html[start:end]), end
    if _letter(after[:1]):
        return _tag(html, start, closing=False)
    if after[:1] == "/" and _letter(after[1:]):
        return _tag(html, start, closing=True)
    if after[:1] in ("!", "?") or (after[:1] == "/" and after[1:]):  # a bogus comment, up to the next `>`
        close = html.find(">", start + 2)
        end = close + 1 if close >= 0 else len(html)
        return Comment(html[start:end]), end
    return None, start + 1


def _letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _tag(html: str, start: int, closing: bool) -> tuple[Token, int]:
    name = _TAG_NAME.match(html, start + 1 + closing)
    assert name is not None  # the pattern matches the empty string too
    position = name.end()
    attributes: dict[str, str | None] = {}
    slash = False
    while True:
        between = _BETWEEN.match(html, position)
        assert between is not None
        slash = between.group().endswith("/")
        position = between.end()
        if position >= len(html):
            return Text(html[start:]), len(html)  # browsers drop a tag cut off by the end; the page shows it
        if html[position] == ">":
            break
        attribute = _ATTRIBUTE_NAME.match(html, position)
        assert attribute is not None  # the next character is none of space, `/` and `>`
        position = attribute.end()
        value: str | None = None
        equals = _EQUALS.match(html, position)
        if equals is not None:
            found = _VALUE.match(html, equals.end())
            assert found is not None
            if found.end() == equals.end() and html[found.end() : found.end() + 1] in ("'", '"'):
                return Text(html[start:]), len(html)  # a quote never closed runs to the end
            value = next((group for group in found.groups() if group is not None), "")
            position = found.end()
        attributes.setdefault(attribute.group().translate(_LOWER), value)
    tag = Tag(name.group().translate(_LOWER), tuple(attributes.items()), closing, slash, html[start : position + 1])
    return tag, position + 1


# --- what may not be live -------------------------------------------------------------------------------------

# Elements that run, load, navigate, submit or restyle the page, or swallow what follows as text, and the
# foreign SVG and MathML worlds with parsing, links and animation of their own: always shown as text.
REFUSED = _words(
    "applet base basefont bgsound body button embed fencedframe form frame frameset head html iframe image input "
    "isindex keygen link math meta noembed noframes noscript object param plaintext portal script select source style "
    "svg template textarea title track xmp"
)
# The template itself writes "See <link>." in its prompts: without attributes these do nothing.
_BARE_IS_INERT = frozenset(("base", "link", "meta"))
_LOADING = _words("srcset poster background lowsrc dynsrc")
_SCRIPT_URL = re.compile(r"(?:java|vb)script:", re.IGNORECASE)
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")
_RESERVED_ID = re.compile(r"\s*(?:summary|question-|rl-)", re.IGNORECASE)
_CSS_PROPERTIES = _words(
    "color background background-color text-align vertical-align font font-size font-weight font-style font-family line-height "
    "text-decoration text-transform letter-spacing word-spacing white-space word-break overflow-wrap word-wrap width "
    "height max-width max-height min-width min-height margin margin-top margin-right margin-bottom margin-left "
    "padding padding-top padding-right padding-bottom padding-left border border-top border-right border-bottom "
    "border-left border-color border-width border-style border-radius border-collapse border-spacing display float "
    "clear list-style list-style-type opacity overflow object-fit visibility gap"
)
_CSS_VALUE = re.compile(r"""(?:[#%.,!\w\s"'/]|(?:rgba?|hsla?)\(|\))*""")
_NEGATIVE = re.compile(r"(?:^|[\s(,:])-\s*[\d.]")


def refused(tag: Tag) -> str | None:
    """Why this start or end tag may not be live on the page, as a short label for the reader; None if it may."""
    if tag.name in REFUSED and not (tag.name in _BARE_IS_INERT and not tag.attributes):
        return f"<{tag.name}>"
    if CONTROL.search(tag.raw):
        return "control characters in a tag"
    if tag.closing:
        return None
    for name, value in tag.attributes:
        why = _refused_attribute(tag.name, name, value)
        if why is not None:
            return why
    return None


def _refused_attribute(element: str, name: str, value: str | None) -> str | None:
    if name.startswith("on"):
        return f"{name}="  # an event handler
    if name == "autofocus":
        return name  # scrolls the page away from the summary
    if name in _LOADING or (name == "src" and element != "img"):
        return f"{name}="  # loads from wherever it says, past the figure checks
    if value is None:
        return None
    decoded = unescape(value)
    if any(_SCRIPT_URL.match(_URL_NOISE.sub("", form)) for form in (value, decoded)):
        return f"{name}=javascript:"
    if name == "id" and _RESERVED_ID.match(decoded):
        return "id=" + decoded.strip()[:20]  # the page's own anchors, which the summary links to
    if name == "class" and any(word.lower().startswith("rl-") for word in decoded.split()):
        return "class=rl-"  # the page's own styles, a status line's among them
    if name == "style" and not _plain_style(decoded):
        return "style="
    return None


def _plain_style(style: str) -> bool:
    """Inline CSS that only colours, sizes and spaces its own element: nothing that moves it over the page,
    loads anything or hides behind escapes and comments."""
    if "\\" in style or "/*" in style or _NEGATIVE.search(style):
        return False
    for declaration in style.split(";"):
        if declaration.strip():
            name, colon, value = declaration.partition(":")
            if not colon or name.strip().lower() not in _CSS_PROPERTIES or "url" in value.lower():
                return False
            if _CSS_VALUE.fullmatch(value.strip()) is None:
                return False
    return True


def attribute(tag: Tag, name: str) -> str | None:
    """The value of `name` on `tag` as the browser reads it; None when absent or bare."""
    value = dict(tag.attributes).get(name)
    return None if value is None else unescape(value)


def start_tag(tag: Tag, replace: dict[str, str] | None = None) -> str:
    """`tag` written plainly, each value in double quotes; `replace` gives new values (plain text)."""
    parts = [f"<{tag.name}"]
    for name, value in tag.attributes:
        if replace and name in replace:
            parts.append(f' {name}="{attribute_text(replace[name])}"')
        elif value is None:
            parts.append(f" {name}")
        else:
            parts.append(f' {name}="{value.replace(chr(34), "&quot;")}"')
    parts.append(" />" if tag.slash else ">")
    return "".join(parts)


def attribute_text(value: str) -> str:
    """Plain text as a double-quoted attribute value, escaped as Python-Markdown escapes its own."""
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def comment(raw: str) -> str:
    """A comment, declaration or processing instruction as a comment that ends exactly where it did here."""
    if raw.startswith("<!--"):
        inner = raw[4:]
        for end in ("-->", "--!>"):
            if inner.endswith(end) and len(inner) >= len(end):
                inner = inner[: -len(end)]
                break
    else:
        inner = raw[1:-1] if raw.endswith(">") else raw[1:]
    inner = _COMMENT_END.sub(lambda m: m.group()[:-1] + "&gt;", inner)
    if inner.startswith((">", "->")) or inner.endswith(("-", "<!")):
        inner = f" {inner} "
    return f"<!--{inner}-->"
