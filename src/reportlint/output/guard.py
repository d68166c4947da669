"""Whether Python-Markdown may be given a report: its time and stack, estimated in linear time beforehand.

Python-Markdown recurses once or twice per nested list level and runs out of stack near 250 levels, and
several of its readers rescan what follows, so its time grows with the square of a paragraph's or the
file's size (an open upstream problem; measured on Python-Markdown 3.9 and 3.11, the figures are in the
constants below). A deadline would make the page depend on the machine's speed, and the page must be the
same everywhere, so the work is estimated from counts instead: each count is made in one pass, and the
estimate is held to a budget that grows with the file, which keeps `reportlint html` linear in its input.
A report over the budget is shown as text, never half rendered.
"""

from __future__ import annotations

import re

MAX_CHARS = 1_000_000  # the largest of 63 real reports holds about 50,000; this bounds whatever is not modelled
MAX_NESTING = 100  # it fails near 495 list markers on one line and 248 levels of indented lists

# Estimated nanoseconds per counted step, the largest of Python 3.9, 3.11 and 3.13 with their Python-Markdown,
# rounded up: 0.5 us per character each unclosed `[` makes its three link readers scan (times 4 for the
# placeholders that stand in for code spans and escapes by then); 0.1 us per character its HTML reader
# scans from an unclosed `<tag`, `<!--` or `<![`; 0.12 us per line and 8 ns per character each heading,
# rule or list line is split off its paragraph with; 0.3 ns per character times emphasis, escape, entity or
# code marks in a paragraph; 80 us per paragraph however short, and 0.75 ns per pair of paragraphs for
# its list of them. Python-Markdown 3.11.4 also finds every bracket's end again after each link or image it
# reads in a block (a paragraph, a list item, a heading), about 0.3 us per character of the block each time.
BRACKET_NS = 2_000
LINK_NS = 500
TAG_NS = 150
SPLIT_LINE_NS = 200
SPLIT_CHAR_NS = 15
MARK_NS = 1
PARAGRAPH_NS = 100_000
PARAGRAPH_PAIR_NS = 1
BUDGET_NS = 250_000_000  # a quarter of a second, and then
BUDGET_NS_PER_CHAR = 2_000  # about twice what a real report takes per character

_MARKS = "*_&\\`<[!"
_NESTING = re.compile(r"(?:[ \t]*(?:[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|>))*[ \t]*")
_MARKER = re.compile(r"[-*+>]|\d{1,9}[.)]")
_SPLITTER = re.compile(r"^[ \t]*(?:[#*\-_+=>|<\[]|\d{1,9}[.)])", re.MULTILINE)
_PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t]*\n)+")
_BRACKET = re.compile(r"[\[\]()]")
_LINK_OPEN = re.compile(r"\]\(")
_NAME_START = re.compile(r"<[A-Za-z]")
_BLOCK_START = re.compile(r"^[ \t>]*(?:[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|#)", re.MULTILINE)
_DEFINITION = re.compile(r"^[ \t>]*\[[^\]\n]+\]:", re.MULTILINE)


def refusal(source: str, first_line: int = 1) -> str | None:
    """Why Python-Markdown must not be given `source` (the page says it instead), or None when it may.

    `first_line` is the file's line number of the source's first line, for the reader.
    """
    if len(source) > MAX_CHARS:
        return (
            f"its text holds {len(source):,} characters, more than the {MAX_CHARS:,} this page renders "
            f"(real reports hold about 50,000)"
        )
    for number, line in enumerate(source.split("\n"), first_line):
        if len(line) > MAX_NESTING and _nesting(line) > MAX_NESTING:  # each level takes a character at least
            return (
                f"line {number} nests lists or quotes {_nesting(line)} levels deep; Python-Markdown recurses for "
                f"each level and runs out of stack near 250, so this page renders only up to {MAX_NESTING}"
            )
    budget = BUDGET_NS + BUDGET_NS_PER_CHAR * len(source)
    costs = [(TAG_NS * _tag_steps(source, budget // TAG_NS + 1), "its unclosed HTML tags and comments")]
    costs += _paragraph_costs(source, first_line, budget - costs[0][0], _DEFINITION.search(source) is not None)
    if sum(cost for cost, _ in costs) <= budget:
        return None
    return (
        f"Python-Markdown's time grows with the square of what it reads here ({max(costs)[1]}), an open upstream "
        f"problem; the course's converter is as slow on it"
    )


def _nesting(line: str) -> int:
    """Lists and quotes opened at the start of `line`, each four columns of indentation before them one more."""
    prefix = _NESTING.match(line)
    text = prefix.group() if prefix else ""
    indentation = len(text) - len(text.lstrip(" \t"))
    return len(_MARKER.findall(text)) + len(text[:indentation].expandtabs(4)) // 4


def _paragraph_costs(source: str, first_line: int, budget: int, shortcuts: bool) -> list[tuple[int, str]]:
    """Estimated cost of each kind of rescanning Python-Markdown does within paragraphs, with what causes it;
    counting stops once the total is past `budget`.

    A paragraph here is a run of lines between blank ones (spaces and tabs only), as Python-Markdown splits
    the file; nothing it reads at once spans a blank line.
    """
    brackets = splits = marks = links = paragraphs = 0
    worst_split = worst_marks = worst_links = (0, 0)
    line = first_line
    position = 0
    for gap in [*_PARAGRAPH_BREAK.finditer(source), None]:
        end = len(source) if gap is None else gap.start()
        text = source[position:end]
        if text.strip(" \t\n"):
            size = len(text) + 1
            lines = text.count("\n") + 1
            split = len(_SPLITTER.findall(text)) * (SPLIT_LINE_NS * lines + SPLIT_CHAR_NS * size)
            mark = MARK_NS * size * (sum(text.count(c) for c in _MARKS) + lines)
            brackets += BRACKET_NS * _bracket_steps(text) if "[" in text else 0
            link = LINK_NS * _link_steps(text, shortcuts) if "]" in text else 0
            links += link
            worst_links = max(worst_links, (link, line))
            splits += split
            marks += mark
            paragraphs += 1
            worst_split = max(worst_split, (split, line))
            worst_marks = max(worst_marks, (mark, line))
        if gap is not None:
            line += source.count("\n", position, gap.end())
            position = gap.end()
        if brackets + splits + marks + links + PARAGRAPH_NS * paragraphs > budget:
            break
    return [
        (brackets, "its unclosed `[` brackets"),
        (links, f"the links and images of the paragraph at line {worst_links[1]}"),
        (splits, f"the headings, rules and list lines of the paragraph at line {worst_split[1]}"),
        (marks, f"the emphasis, escape, entity and code marks of the paragraph at line {worst_marks[1]}"),
        (PARAGRAPH_NS * paragraphs + PARAGRAPH_PAIR_NS * paragraphs * paragraphs, f"its {paragraphs:,} paragraphs"),
    ]


def _bracket_steps(text: str) -> int:
    """Characters Python-Markdown's link readers scan in one paragraph.

    From each `[` to its matching `]`, or to the end when none matches; and from each `(` right after a `]`
    to its matching `)`, or to the end when none matches or a quote lies between (a title, which it reads
    with rules of its own).
    """
    steps = 0
    square: list[int] = []
    round_: list[int] = []
    closing: dict[int, int] = {}
    for match in _BRACKET.finditer(text):
        char, at = match.group(), match.start()
        if char == "[":
            square.append(at)
        elif char == "]" and square:
            steps += at - square.pop()
        elif char == "(":
            round_.append(at)
        elif char == ")" and round_:
            closing[round_.pop()] = at
    steps += sum(len(text) - start for start in square)
    quotes = [0]
    for char in text:
        quotes.append(quotes[-1] + (char in "\"'"))
    for start in _LINK_OPEN.finditer(text):
        at = start.start() + 1
        end = closing.get(at)
        quoted = end is not None and quotes[end] > quotes[at]
        steps += (len(text) - at) if end is None or quoted else end - at
    return steps


def _link_steps(text: str, shortcuts: bool) -> int:
    """Characters Python-Markdown 3.11.4 scans again for bracket ends in a paragraph: each block's size (a list
    item or heading line starts one) times the links and images it may read there, `[x](...)` and `[x][...]`,
    and with a reference defined anywhere, every `[x]`."""
    steps = 0
    starts = [match.start() for match in _BLOCK_START.finditer(text) if match.start()] + [len(text)]
    position = 0
    for end in starts:
        block = text[position:end]
        count = block.count("]") if shortcuts else block.count("](") + block.count("][")
        steps += count * len(block)
        position = end
    return steps


def _tag_steps(source: str, limit: int) -> int:
    """Characters Python-Markdown's HTML reader (the standard library's) scans, counted up to `limit`.

    Every `<` that could open a tag, comment, declaration or end tag is read up to where that ends; when it
    never ends, the reader takes the `<` as text and starts again one character later, which is the
    quadratic case. Counting stops past `limit`, so the count itself stays linear.
    """
    steps = 0
    position = 0
    while steps <= limit:
        start = source.find("<", position)
        if start < 0:
            break
        end = _construct_end(source, start)
        if end is None:
            position = start + 1
            continue
        if end < 0:
            steps += len(source) - start
            position = start + 1
        else:
            steps += end - start
            position = end
    return steps


def _construct_end(source: str, start: int) -> int | None:
    """Where the construct at `source[start] == '<'` ends; -1 when it runs to the end, None when it is text."""
    if _NAME_START.match(source, start):
        return _tag_end(source, start + 2)
    for opener, closer in (("<!--", "-->"), ("<![", "]]>"), ("<!", ">"), ("<?", ">"), ("</", ">")):
        if source.startswith(opener, start):
            found = source.find(closer, start + len(opener))
            return found + len(closer) if found >= 0 else -1
    return None


_QUOTED_VALUE = re.compile(r"""=[\t\n\f\r ]*(["'])""")


def _tag_end(source: str, position: int) -> int:
    """Just past the `>` that closes a start tag (a quoted value may hold `>`), or -1 when none does."""
    close = -1
    while True:
        if close < position:
            close = source.find(">", position)
            if close < 0:
                return -1
        value = _QUOTED_VALUE.search(source, position, close)
        if value is None:
            return close + 1
        end = source.find(value.group(1), value.end())
        if end < 0:
            return -1
        position = end + 1
