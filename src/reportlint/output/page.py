"""The page the graders read, with the checker's verdict beside each question: Result + text -> one HTML file.

Pure: figures are resolved through a function the command line provides, nothing is read or written
here, and the same inputs always give the same string (no dates, no machine paths), so the hook can
compare pages byte for byte. Python-Markdown is imported only when a page is rendered, so `check`
never pays for it. Nothing from the report can change the page around it: Python-Markdown's output is
read token by token (see rawhtml.py) and what could run, load, navigate or restyle is shown as text, and
a report Python-Markdown cannot render in linear time is shown as text (see guard.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from html import escape

from reportlint.course.templates import Range
from reportlint.findings import Finding
from reportlint.lint import Result
from reportlint.output.guard import refusal
from reportlint.output.rawhtml import (
    CONTROL,
    VOID,
    Comment,
    Tag,
    Text,
    attribute,
    comment,
    refused,
    start_tag,
    tokens,
)
from reportlint.reading.report import QUESTION, Question, Report
from reportlint.records import NamedTuple
from reportlint.rules import RULES

GRADER_SKIP = 43  # the course's converter drops this many characters from the start of the file
PRETTY_EXTENSIONS = ("fenced_code", "tables", "codehilite")
# Inline styles from Pygments when it is installed; without it codehilite leaves plain <pre><code>.
PRETTY_CONFIG = {"codehilite": {"noclasses": True, "guess_lang": False}}
REOPEN_DEPTH = 32  # elements a report leaves open that are opened again after a status line (see _Walk)


class Figure(NamedTuple):
    """What the page shows for one image link: `src` None means the image is refused and not shown."""

    src: str | None
    note: str = ""  # why the image is not shown, or not embedded, for the reader of the page


Resolver = Callable[[str], Figure]


def newlines(text: str) -> str:
    """Line ends as Python's text mode reads them, which is how the course's converter gets the file."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def render_markdown(source: str, pretty: bool) -> str:
    """Python-Markdown's HTML for `source`: the graders' defaults, or with `pretty` the readable extras."""
    import markdown  # only `reportlint html` pays for it

    if pretty:
        html: str = markdown.markdown(source, extensions=list(PRETTY_EXTENSIONS), extension_configs=PRETTY_CONFIG)
    else:
        html = markdown.markdown(source)
    return html


def page(result: Result, text: str, resolve: Resolver, name: str, pretty: bool = False, embedded: bool = False) -> str:
    """The whole self-contained page. `name` is how the report is named in it, as the caller gives it."""
    facts = _Facts.of(result)
    markers = _markers(text)
    skip = 0 if pretty else GRADER_SKIP
    source = newlines(text) if pretty or markers is None else _mark_spots(newlines(text), result, markers)
    marked = _mark_headings(source, result.report, skip, markers)
    html, unrendered = _render(marked, pretty, newlines(text)[:skip].count("\n") + 1)
    walk = _Walk(facts, resolve, markers)
    body = walk.run(html if unrendered is None else _as_text(marked, markers))
    if markers is not None:  # any left in an attribute or a comment
        body = markers.any().sub("", body)
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n',
            '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            '<meta name="generator" content="reportlint html">\n',
            f"<title>{_text(name)} - reportlint</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
            _summary(facts, text, name, pretty, embedded, walk, unrendered),
            '<main class="rl-report">\n',
            body,
            "\n</main>\n</body>\n</html>\n",
        ]
    )


def _render(source: str, pretty: bool, first_line: int) -> tuple[str, str | None]:
    """Python-Markdown's HTML for `source`, or why it was not run (and no HTML)."""
    why = refusal(source, first_line)
    if why is not None:
        return "", why
    try:
        return render_markdown(source, pretty), None
    except RecursionError:  # a way of nesting the guard does not count: the same answer, found later
        return "", "Python-Markdown ran out of stack on it (RecursionError)"


def _as_text(marked: str, markers: _Markers | None) -> str:
    """The source as plain text in <pre> blocks, each marked question heading an <h3> to hang its status on."""
    pieces: list[str] = []
    plain: list[str] = []
    for line in [*marked.split("\n"), None]:
        if line is None or (markers is not None and markers.heading in line):
            if plain:
                pieces.append(f"<pre>{_text(chr(10).join(plain))}</pre>")
                plain = []
            if line is not None:
                pieces.append(f"<h3>{_text(line)}</h3>")
        else:
            plain.append(line)
    return "\n".join(pieces)


class _Facts(NamedTuple):
    """What the page says about each question, worked out once: a report may hold thousands of headings."""

    result: Result
    anchors: tuple[str, ...]  # one per heading of the report, in order
    findings: dict[int | None, list[Finding]]  # by question number
    listed: tuple[list[Finding], ...]  # one per heading: its number's findings in its section (see `_listed`)
    states: dict[int, str]  # the core's status of each of the template's questions

    @classmethod
    def of(cls, result: Result) -> _Facts:
        seen: Counter[int] = Counter()
        anchors = []
        for question in result.report.questions:
            seen[question.number] += 1
            count = seen[question.number]
            anchors.append(f"question-{question.number}" + ("" if count == 1 else f"-{count}"))
        findings: dict[int | None, list[Finding]] = {}
        for finding in result.findings:
            findings.setdefault(finding.question, []).append(finding)
        states = {status.number: status.state for status in result.verdict.questions}
        return cls(result, tuple(anchors), findings, _listed(result.report.questions, findings), states)


def _listed(questions: tuple[Question, ...], findings: dict[int | None, list[Finding]]) -> tuple[list[Finding], ...]:
    """Each heading's findings: those of its number on the lines from it to the next heading of that number
    (the first heading also takes those above it). A number with many headings lists each finding once,
    not every finding under every heading, which would make the page's size grow with their square."""
    listed: tuple[list[Finding], ...] = tuple([] for _ in questions)
    headings: dict[int, list[int]] = {}  # number -> its headings' indices, in line order
    for index, question in enumerate(questions):
        headings.setdefault(question.number, []).append(index)
    for number, indices in headings.items():
        lines = [questions[index].line for index in indices]
        for finding in findings.get(number, []):
            listed[indices[max(bisect_right(lines, finding.line) - 1, 0)]].append(finding)
    return tuple(listed)


# --- finding each question's heading in Python-Markdown's output ----------------------------------

# Python-Markdown keeps no source positions, so each heading our own reading found gets a marker right
# after its number: a private-use character the text does not hold, the heading's index, the character
# again (plain text to Python-Markdown). The marker shows where that heading landed in the HTML and is
# removed there. A `### Question` line in a fenced block gets none, though the graders' defaults render it
# as a heading. Where the graders' page differs (RL6xx), a second such character marks the finding's line.


class _Markers(NamedTuple):
    heading: str  # around a heading's index among the report's
    spot: str  # around a finding's index among the result's

    def around(self, char: str, index: int) -> str:
        return f"{char}{index}{char}"

    def found(self, char: str) -> re.Pattern[str]:
        return re.compile(f"{char}(\\d+){char}")

    def any(self) -> re.Pattern[str]:
        return re.compile(f"[{self.heading}{self.spot}]\\d+[{self.heading}{self.spot}]")


def _markers(text: str) -> _Markers | None:
    """Two private-use characters `text` does not hold; None in the absurd case that it holds nearly all."""
    present = set(text)
    planes = (range(0xE000, 0xF900), range(0xF0000, 0xFFFFE), range(0x100000, 0x10FFFE))
    free = (chr(code) for plane in planes for code in plane if chr(code) not in present)
    heading, spot = next(free, None), next(free, None)
    return None if heading is None or spot is None else _Markers(heading, spot)


def _mark_headings(text: str, report: Report, skip: int, markers: _Markers | None) -> str:
    """`text[skip:]` with a marker after the number of every question heading the report has."""
    if markers is None:
        return text[skip:]
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    pieces: list[str] = []
    position = skip
    for index, question in enumerate(report.questions):
        line = lines[question.line - 1] if question.line <= len(lines) else ""
        ours = report.lines[question.line - 1]
        match = QUESTION.match(ours)
        if match is None or not line.endswith(ours):  # a heading this text does not hold: never marked
            continue
        offset = starts[question.line - 1] + len(line) - len(ours) + match.end(1)  # len(line) > len(ours): a BOM
        if offset >= position:  # not in the characters the course's converter drops
            pieces += [text[position:offset], markers.around(markers.heading, index)]
            position = offset
    pieces.append(text[position:])
    return "".join(pieces)


def _mark_spots(text: str, result: Result, markers: _Markers) -> str:
    """A marker at the end of the line each RL6xx finding names (before trailing blanks, and a heading's closing
    `#`s, so Python-Markdown reads the line as before); it becomes a small flag linking to the question's status."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    for index, finding in enumerate(result.findings):
        if not finding.code.startswith("RL6") or finding.question is None or finding.line > len(lines):
            continue
        if starts[finding.line - 1] < GRADER_SKIP:
            continue  # in the characters the course's converter drops
        line = lines[finding.line - 1]
        end = len(line.rstrip(" \t#") if line.lstrip(" >").startswith("#") else line.rstrip(" \t"))
        if line[:end].strip(" >#"):
            lines[finding.line - 1] = line[:end] + markers.around(markers.spot, index) + line[end:]
    return "\n".join(lines)


# --- the body, token by token -------------------------------------------------------------------------

_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dd",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "listing",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "ul",
    ]
)


# Browsers open these again after a block closes them unclosed, inside whatever comes next (a status line
# too), until their own end tag comes.
_FORMATTING = frozenset(
    ("a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u")
)


class _Open(NamedTuple):
    name: str
    start: str  # the start tag as written to the page; "" when it was shown as text


class _Walk:
    """Writes Python-Markdown's HTML out again: each question's status after its heading, each figure as the
    resolver says, and what may not be live (rawhtml.refused) as text in a dashed box.

    A status line must show whatever the report leaves open before it (an unclosed hidden `<div>` would
    swallow it, an unclosed `<font color=white>` colour it), so the elements open there are closed before it
    and the first REOPEN_DEPTH of them opened again after it; past that depth they stay closed, so the work
    stays linear. Formatting elements a block closed implicitly get their end tag there too, which is what
    stops a browser from opening them again inside the status line.
    """

    def __init__(self, facts: _Facts, resolve: Resolver, markers: _Markers | None) -> None:
        self.facts = facts
        self.resolve = resolve
        self.headings = markers.found(markers.heading) if markers is not None else None
        self.spots = markers.found(markers.spot) if markers is not None else None
        self.figures: list[tuple[str, Figure]] = []
        self.shown_as_text: Counter[str] = Counter()
        self.placed: set[int] = set()
        self.out: list[str] = []
        self.open: list[_Open] = []
        self.names: Counter[str] = Counter()  # of the open elements, so an end tag finds its own at once
        self.lingering: Counter[str] = Counter()  # formatting elements closed implicitly, which browsers reopen
        self.heading: tuple[int, Tag, int | None] | None = None  # open <h3>: its slot, tag, question

    def run(self, html: str) -> str:
        for token in tokens(html):
            if isinstance(token, Text):
                self._text(token.raw)
            elif isinstance(token, Comment):
                self.out.append(_visible(comment(token.raw)))
            else:
                self._tag(token)
        return "".join(self.out)

    def unplaced(self) -> list[int]:
        """The headings (indices) whose status is not in the body."""
        return [index for index in range(len(self.facts.result.report.questions)) if index not in self.placed]

    def _text(self, raw: str) -> None:
        if self.headings is not None and self.heading is not None and self.heading[2] is None:
            found = self.headings.search(raw)
            index = int(found.group(1)) if found else None
            if index is not None and index < len(self.facts.anchors) and index not in self.placed:
                self.heading = (self.heading[0], self.heading[1], index)
        text = _visible(raw.replace("<", "&lt;"))
        self.out.append(text if self.spots is None else self.spots.sub(self._flag, text))

    def _flag(self, match: re.Match[str]) -> str:
        """Where the graders' page differs: the finding's code, linking to its question's status line."""
        finding = self.facts.result.findings[int(match.group(1))]
        return (
            f'<a class="rl-spot" href="#question-{finding.question}" title="{_visible(escape(finding.message))}">'
            f"{_text(finding.code)}</a>"
        )

    def _tag(self, tag: Tag) -> None:
        why = refused(tag)
        if tag.closing:
            self._end(tag, why)
            return
        if why is not None:
            self._as_text(tag, why)
            if tag.name not in VOID:
                self._push(_Open(tag.name, ""))
            return
        if tag.name in _BLOCKS and self.names["p"]:
            self._close("p")  # a block closes an open paragraph, as in a browser
        elif tag.name == "li" and self.open and self.open[-1].name == "li":
            self._close("li")
        written = self._figure(tag) if tag.name == "img" else start_tag(tag)
        self.out.append(written)
        if tag.name == "h3":
            self.heading = (len(self.out) - 1, tag, None)
        if tag.name not in VOID:
            self._push(_Open(tag.name, written))

    def _end(self, tag: Tag, why: str | None) -> None:
        entry = self._close(tag.name) if self.names[tag.name] else None
        if entry is None and self.lingering[tag.name]:
            self.lingering[tag.name] -= 1
        if why is not None or (entry is not None and not entry.start):
            self._as_text(tag, "")  # its start tag was counted
            return
        self.out.append(f"</{tag.name}>")
        if tag.name == "h3" and self.heading is not None:
            slot, opening, index = self.heading
            self.heading = None
            if index is not None:
                self.placed.add(index)
                anchor = self.facts.anchors[index]
                kept = tuple((key, value) for key, value in opening.attributes if key != "id")
                self.out[slot] = start_tag(opening._replace(attributes=(("id", anchor), *kept)))
                self.out.append(self._around_open("\n" + _status(self.facts, index)))

    def _around_open(self, html: str) -> str:
        """`html` outside every element the report left open here, which are opened again after it."""
        live = [entry for entry in self.open if entry.start]
        closing = "".join(f"</{name}>" * count for name, count in self.lingering.items())
        closing += "".join(f"</{entry.name}>" for entry in reversed(live))
        self.lingering.clear()
        if len(live) > REOPEN_DEPTH:
            while self.open:
                self._pop()
            return closing + html
        return closing + html + "".join(entry.start for entry in live)

    def _close(self, name: str) -> _Open:
        """Pop open elements up to the innermost `name`; formatting elements popped on the way linger."""
        entry = self._pop()
        while entry.name != name:
            if entry.start and entry.name in _FORMATTING:
                self.lingering[entry.name] += 1
            entry = self._pop()
        return entry

    def _push(self, entry: _Open) -> None:
        self.open.append(entry)
        self.names[entry.name] += 1

    def _pop(self) -> _Open:
        entry = self.open.pop()
        self.names[entry.name] -= 1
        return entry

    def _as_text(self, tag: Tag, why: str) -> None:
        if why:
            self.shown_as_text[why] += 1
        self.out.append(f'<span class="rl-escaped">{_text(tag.raw)}</span>')

    def _figure(self, tag: Tag) -> str:
        """The <img> with the src the resolver chooses, a note after it, or a red note in its place."""
        target = attribute(tag, "src")
        if target is None:
            return start_tag(tag)
        figure = self.resolve(target)
        self.figures.append((target, figure))
        if figure.src is None:
            label = attribute(tag, "alt") or target
            return f'<span class="rl-refused">[image {_text(label)}: not shown, {_text(figure.note)}]</span>'
        written = start_tag(tag, {"src": figure.src} if figure.src != target else None)
        if figure.note:
            written += f'<span class="rl-figure-note">{_text(figure.note)}</span>'
        return written


# --- status beside each question -------------------------------------------------------------------


def _state(facts: _Facts, question: Question) -> str:
    """The question's status as the core decided it (one per number); 'extra' beyond the template."""
    return facts.states.get(question.number, "extra")


_STATE_WORDS = {
    "pass": "passes",
    "warn": "passes, with warnings",
    "fail": "fails",
    "unanswered": "unanswered",
    "missing": "missing",
    "extra": "not in the template",
}


def _status(facts: _Facts, index: int) -> str:
    """One heading's line: where it is, words and images against the ranges, and each finding in its section."""
    question = facts.result.report.questions[index]
    state = _state(facts, question)
    parts = [f'<span class="rl-state">{_STATE_WORDS[state]}</span>']
    if question.marker_line is None:
        parts.append(f"<span>line {question.line}, no <code>Answer:</code> marker</span>")
    else:
        parts.append(f"<span>lines {question.line}-{question.end}</span>")
        limits = facts.result.template.limits.get(question.number)
        words = limits.words if limits else None
        images = limits.images if limits else None
        parts.append(_against("word", question.words, words, state == "unanswered"))
        parts.append(_against("image", question.image_count, images, state == "unanswered"))
    findings = facts.listed[index]
    items = "".join(f"\n<li>{_finding(f)}</li>" for f in findings)
    listing = f'\n<ul class="rl-findings">{items}\n</ul>' if findings else ""
    return f'<aside class="rl-status rl-{state}"><p>{" · ".join(parts)}</p>{listing}</aside>'


def _against(noun: str, got: int, expected: Range | None, quiet: bool) -> str:
    counted = f"{got} {noun}{'' if got == 1 else 's'}"
    if expected is None:
        return f'<span class="rl-count">{counted}, no limit</span>'
    low, high = expected
    fits = low <= got <= high
    kind = "rl-count" if quiet else ("rl-ok" if fits else "rl-bad")
    return f'<span class="{kind}">{counted} of {low}-{high}</span>'


def _finding(finding: Finding) -> str:
    return (
        f'<span class="rl-line">line {finding.line}:{finding.column}</span> '
        f'<span class="rl-code">{_text(finding.code)} {_name(finding)}</span> {_message(finding.message)}'
    )


def _name(finding: Finding) -> str:
    rule = RULES.get(finding.code)
    return rule.name if rule else ""


_BACKTICKED = re.compile(r"`([^`]+)`")


def _message(message: str) -> str:
    """A finding's message as text, its `backticked` parts as code, the way the README writes them."""
    return _BACKTICKED.sub(r"<code>\1</code>", _text(message))


def _text(text: str) -> str:
    """Text from a report or a file name, escaped, its control characters made visible."""
    return _visible(escape(text, quote=False))


def _visible(html: str) -> str:
    """Control characters (but tab and line feed) as the Unicode symbols that picture them, or `\\x85`."""
    return CONTROL.sub(_picture, html)


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else f"\\x{code:02x}"


# --- summary at the top -----------------------------------------------------------------------------


def _summary(
    facts: _Facts,
    text: str,
    name: str,
    pretty: bool,
    embedded: bool,
    walk: _Walk,
    unrendered: str | None,
) -> str:
    result = facts.result
    first: dict[int, Question] = {}
    for question in result.report.questions:
        if question.number in result.template.limits:
            first.setdefault(question.number, question)
    questions = [first[number] for number in sorted(first)]
    states = facts.states
    missing = result.verdict.numbers("missing")
    tally = {state: sum(1 for s in states.values() if s == state) for state in ("unanswered", "fail")}
    counts = (
        f"<strong>{result.verdict.passing} of {result.template.count}</strong> questions pass · "
        f"{tally['unanswered']} unanswered · {tally['fail']} failing"
        + (f" · {len(missing)} missing" if missing else "")
    )
    grid = "".join(_badge(number, states.get(number, "missing")) for number in result.template.limits)
    lines = [
        '<header class="rl-summary" id="summary">',
        f'<p class="rl-mode">{_mode(text, pretty, embedded)}</p>',
    ]
    if unrendered is not None:
        lines.append(
            f'<p class="rl-mode rl-unrendered"><strong>Shown as text</strong>: Python-Markdown was not run on '
            f"this report: {_text(unrendered)}. Below is the text the converter would be given, with each "
            f"question's status under its heading.</p>"
        )
    lines += [
        f"<h1>{_text(name)} <small>{_text(result.template.name)}</small></h1>",
        f'<p class="rl-counts">{counts}</p>',
        f'<nav class="rl-grid" aria-label="questions">{grid}</nav>',
    ]
    lines.extend(_problems(facts, questions, states, walk))
    lines.append("</header>\n")
    return "\n".join(lines)


def _mode(text: str, pretty: bool, embedded: bool) -> str:
    images = (
        "figures embedded in this file" if embedded else "figures linked relatively, as the graders' page links them"
    )
    if pretty:
        return (
            f"<strong>Pretty view</strong>: Python-Markdown with fenced code, tables and code highlighting, "
            f"which the graders' page does not have; {images}."
        )
    dropped = _text(newlines(text)[:GRADER_SKIP])
    return (
        f"<strong>Grader view</strong>: Python-Markdown's defaults, no extensions, as the course's "
        f"converter makes the graders' page (fenced code and tables are not rendered as such); it drops "
        f"the first {GRADER_SKIP} characters of the file (<code>{dropped}</code>); {images}."
    )


def _badge(number: int, state: str) -> str:
    href = f' href="#question-{number}"' if state != "missing" else ""
    return f'<a class="rl-q rl-{state}"{href} title="Question {number}: {_STATE_WORDS[state]}">{number}</a>'


SHOWN_KINDS = 8  # kinds of HTML shown as text that the summary names; the rest are counted


def _problems(facts: _Facts, questions: list[Question], states: dict[int, str], walk: _Walk) -> Iterator[str]:
    """The lists under the counts: what fails or is unanswered, findings with no question on the page (a missing
    question's RL101 among them), what the page could not show, and the report's HTML shown as text."""
    result = facts.result
    items: list[str] = []
    for question in questions:
        state = states[question.number]
        if state in ("fail", "unanswered"):
            names = Counter(_name(f) for f in facts.findings.get(question.number, []))
            why = ", ".join(name if count == 1 else f"{name} ({count})" for name, count in names.items())
            items.append(
                f'<li class="rl-{state}"><a href="#question-{question.number}">Question '
                f"{question.number}</a> (line {question.line}): {_STATE_WORDS[state]}: {why}</li>"
            )
    present = {question.number for question in result.report.questions}
    for finding in result.findings:
        if finding.question is None or finding.question not in present:
            items.append(f'<li class="rl-fail">{_finding(finding)}</li>')
    for index in walk.unplaced():
        question = result.report.questions[index]
        items.append(
            f'<li class="rl-fail" id="{facts.anchors[index]}">Question {question.number} '
            f"(line {question.line}): its heading is not a heading on this page, so its status is here: "
            f"{_status(facts, index)}</li>"
        )
    for target, figure in dict(walk.figures).items():  # each link once, however often it is used
        if figure.note:
            items.append(f'<li class="rl-figure">image <code>{_text(target)}</code>: {_text(figure.note)}</li>')
    if walk.shown_as_text:
        kinds = walk.shown_as_text.most_common()
        named = ", ".join(
            f"<code>{_text(kind[:40])}</code>" + (f" ({count})" if count > 1 else "")
            for kind, count in kinds[:SHOWN_KINDS]
        )
        more = f" and {len(kinds) - SHOWN_KINDS} more kinds" if len(kinds) > SHOWN_KINDS else ""
        items.append(
            f'<li class="rl-escaped-note">The report\'s HTML holds what could run, load, leave or restyle this '
            f"page: {named}{more}. It is shown as text in dashed boxes here; the graders' page has it as live "
            f"HTML.</li>"
        )
    if items:
        yield '<ul class="rl-problems">\n' + "\n".join(items) + "\n</ul>"


CSP = (
    "default-src 'none'; img-src data: file: http: https:; style-src 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'"
)

CSS = """\
:root { --ok: #1a7f37; --bad: #cf222e; --muted: #6e7781; --line: #d0d7de; --soft: #f6f8fa; }
body { margin: 0 auto; max-width: 52rem; padding: 0 1.25rem 4rem; color: #1f2328; background: #fff;
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.rl-summary { border-bottom: 2px solid var(--line); padding: 1rem 0; margin-bottom: 1.5rem; }
.rl-summary h1 { font-size: 1.3rem; margin: .25rem 0; }
.rl-summary h1 small { color: var(--muted); font-weight: normal; font-size: .9rem; }
.rl-mode { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem;
  font-size: .85rem; margin: 0 0 .75rem; }
.rl-counts { margin: .25rem 0 .5rem; }
.rl-grid { display: flex; flex-wrap: wrap; gap: .25rem; }
.rl-q { display: inline-block; min-width: 1.8rem; text-align: center; border-radius: 4px; font-size: .8rem;
  padding: .1rem .2rem; color: #fff; text-decoration: none; background: var(--muted); }
.rl-q.rl-pass, .rl-q.rl-warn { background: var(--ok); } .rl-q.rl-fail, .rl-q.rl-missing { background: var(--bad); }
.rl-q.rl-missing { opacity: .55; }
.rl-problems { font-size: .9rem; padding-left: 1.2rem; }
.rl-problems .rl-status { margin: .25rem 0; }
.rl-unrendered { border-color: var(--bad); }
.rl-escaped { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; }
.rl-status { font-size: .85rem; border-left: 4px solid var(--muted); background: var(--soft);
  padding: .35rem .75rem; margin: -.25rem 0 1rem; border-radius: 0 6px 6px 0; }
.rl-status p { margin: 0; }
.rl-status.rl-pass, .rl-status.rl-warn { border-color: var(--ok); } .rl-status.rl-fail { border-color: var(--bad); }
.rl-state { font-weight: 600; text-transform: uppercase; font-size: .75rem; letter-spacing: .03em; }
.rl-pass .rl-state, .rl-warn .rl-state { color: var(--ok); } .rl-fail .rl-state { color: var(--bad); }
.rl-ok { color: var(--ok); } .rl-bad { color: var(--bad); font-weight: 600; } .rl-count { color: var(--muted); }
.rl-findings { margin: .25rem 0 0; padding-left: 1.2rem; }
.rl-line { color: var(--muted); font-variant-numeric: tabular-nums; }
.rl-code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .8rem; }
.rl-spot { font: .7rem ui-monospace, monospace; color: #fff; background: var(--bad); border-radius: 3px;
  padding: 0 .3rem; margin-left: .3rem; text-decoration: none; }
.rl-refused, .rl-figure-note, .rl-escaped { display: inline-block; color: var(--bad); border: 1px dashed var(--bad);
  padding: .1rem .4rem; font-size: .85rem; }
.rl-report h1, .rl-report h2 { border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
.rl-report h3 { margin-bottom: .5rem; scroll-margin-top: 1rem; }
.rl-report blockquote { margin: 0 0 .75rem; padding: 0 1rem; color: #57606a; border-left: 4px solid var(--line); }
.rl-report img { max-width: 100%; height: auto; }
.rl-report pre { background: var(--soft); padding: .75rem; overflow-x: auto; border-radius: 6px; }
.rl-report code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
.rl-report table { border-collapse: collapse; } .rl-report th, .rl-report td { border: 1px solid var(--line);
  padding: .25rem .5rem; }
"""
