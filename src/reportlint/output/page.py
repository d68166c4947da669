"""The page the graders read, with the checker's verdict beside each question: Result + text -> one HTML file.

Pure: figures are resolved through a function the command line provides, nothing is read or written
here, and the same inputs always give the same string (no dates, no machine paths), so the hook can
compare pages byte for byte. Python-Markdown is imported only when a page is rendered, so `check`
never pays for it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from html import escape, unescape
from typing import NamedTuple

from reportlint.course.templates import Range
from reportlint.findings import Finding
from reportlint.lint import Result
from reportlint.reading.report import QUESTION, Question, Report
from reportlint.rules import RULES

GRADER_SKIP = 43  # the course's converter drops this many characters from the start of the file
PRETTY_EXTENSIONS = ("fenced_code", "tables", "codehilite")
# Inline styles from Pygments when it is installed; without it codehilite leaves plain <pre><code>.
PRETTY_CONFIG = {"codehilite": {"noclasses": True, "guess_lang": False}}


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
    """The whole self-contained page. `name` is how the report is named in it (never a machine path)."""
    figures: list[tuple[str, Figure]] = []
    source = newlines(text) if pretty else _mark_spots(newlines(text), result)
    marked = _mark_headings(source, result.report, 0 if pretty else GRADER_SKIP)
    body, unplaced = _with_status(render_markdown(marked, pretty), result)
    body = _with_spots(body, result)
    body = _with_figures(body, resolve, figures)
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n',
            '<meta name="generator" content="reportlint html">\n',
            f"<title>{_text(name)} - reportlint</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
            _summary(result, text, name, pretty, embedded, unplaced, figures),
            '<main class="rl-report">\n',
            body,
            "\n</main>\n</body>\n</html>\n",
        ]
    )


# --- finding each question's heading in Python-Markdown's output ----------------------------------

# Python-Markdown keeps no source positions, so each heading our own reading found gets a marker
# (private-use characters, plain text to Python-Markdown) right after its number; the marker shows
# where that heading landed in the HTML and is removed there. A `### Question` line in a fenced block
# gets none, though the graders' defaults render it as a heading.
_MARK = re.compile("\ue000(\\d+)\ue001")


def _mark_headings(text: str, report: Report, skip: int) -> str:
    """`text[skip:]` with a marker after the number of every question heading the report has."""
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
            pieces += [text[position:offset], f"\ue000{index}\ue001"]
            position = offset
    pieces.append(text[position:])
    return "".join(pieces)


def _with_status(body: str, result: Result) -> tuple[str, list[Question]]:
    """Give each marked heading an anchor and the status line below it; the rest come back unplaced.

    A question is unplaced when Python-Markdown does not render its heading as an <h3> (an indented
    heading, say) or its heading is in the 43 characters the course's converter drops.
    """
    questions = result.report.questions
    placed: set[int] = set()
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement)
    for match in _MARK.finditer(body):
        index = int(match.group(1))
        edits.append((match.start(), match.end(), ""))
        opening = body.rfind("<h3>", 0, match.start())
        closing = body.find("</h3>", match.end())
        if index >= len(questions) or opening < 0 or closing < 0 or "</h3>" in body[opening : match.start()]:
            continue
        placed.add(index)
        question = questions[index]
        edits.append((opening, opening + len("<h3>"), f'<h3 id="{_anchor(result, question)}">'))
        edits.append((closing + len("</h3>"), closing + len("</h3>"), "\n" + _status(result, question)))
    pieces: list[str] = []
    position = 0
    for start, end, replacement in sorted(edits):
        pieces += [body[position:start], replacement]
        position = end
    pieces.append(body[position:])
    return "".join(pieces), [question for index, question in enumerate(questions) if index not in placed]


def _anchor(result: Result, question: Question) -> str:
    """`question-N`, and `question-N-2` for the second heading with the same number."""
    occurrence = sum(
        1
        for other in result.report.questions[: result.report.questions.index(question) + 1]
        if other.number == question.number
    )
    return f"question-{question.number}" if occurrence == 1 else f"question-{question.number}-{occurrence}"


# --- where the graders' page differs (RL6xx), shown at the spot -------------------------------------

# A marker at the end of the line a finding names (before trailing blanks, and a heading's closing `#`s, so
# Python-Markdown reads the line as before); it becomes a small flag linking to the question's status line.
_SPOT = re.compile("\ue002(\\d+)\ue003")


def _mark_spots(text: str, result: Result) -> str:
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
            lines[finding.line - 1] = f"{line[:end]}\ue002{index}\ue003{line[end:]}"
    return "\n".join(lines)


def _with_spots(body: str, result: Result) -> str:
    def flag(match: re.Match[str]) -> str:
        finding = result.findings[int(match.group(1))]
        return (
            f'<a class="rl-spot" href="#question-{finding.question}" title="{escape(finding.message)}">'
            f"{_text(finding.code)}</a>"
        )

    return _SPOT.sub(flag, body)


# --- figures ---------------------------------------------------------------------------------------

_IMG_OR_COMMENT = re.compile(r"<!--.*?-->|<img\b[^>]*>", re.DOTALL | re.IGNORECASE)
_SRC = re.compile(r"""(\bsrc\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


def _with_figures(body: str, resolve: Resolver, seen: list[tuple[str, Figure]]) -> str:
    """Give every <img> the rendered page would load the src the resolver chooses (comments left alone)."""

    def replace(match: re.Match[str]) -> str:
        tag = match.group(0)
        source = _SRC.search(tag)
        if tag.startswith("<!--") or source is None:
            return tag
        target = unescape(next(group for group in source.groups()[1:] if group is not None))
        figure = resolve(target)
        seen.append((target, figure))
        if figure.src is None:
            alt = _ALT.search(tag)
            label = unescape(next((g for g in alt.groups() if g is not None), "")) if alt else ""
            return f'<span class="rl-refused">[image {_text(label or target)}: not shown, {_text(figure.note)}]</span>'
        if figure.src != target:
            tag = tag[: source.start()] + f'{source.group(1)}"{escape(figure.src)}"' + tag[source.end() :]
        if figure.note:
            tag += f'<span class="rl-figure-note">{_text(figure.note)}</span>'
        return tag

    return _IMG_OR_COMMENT.sub(replace, body)


# --- status beside each question -------------------------------------------------------------------


def _state(result: Result, question: Question) -> str:
    """The question's status as the core decided it (one per number); 'extra' beyond the template."""
    if question.number not in result.template.limits:
        return "extra"
    return result.verdict.questions[sorted(result.template.limits).index(question.number)].state


_STATE_WORDS = {
    "pass": "passes",
    "warn": "passes, with warnings",
    "fail": "fails",
    "unanswered": "unanswered",
    "missing": "missing",
    "extra": "not in the template",
}


def _status(result: Result, question: Question) -> str:
    """One question's line: where it is, words and images against the ranges, and each finding."""
    state = _state(result, question)
    parts = [f'<span class="rl-state">{_STATE_WORDS[state]}</span>']
    if question.marker_line is None:
        parts.append(f"<span>line {question.line}, no <code>Answer:</code> marker</span>")
    else:
        parts.append(f"<span>lines {question.line}-{question.end}</span>")
        limits = result.template.limits.get(question.number)
        words = limits.words if limits else None
        images = limits.images if limits else None
        parts.append(_against("word", question.words, words, state == "unanswered"))
        parts.append(_against("image", question.image_count, images, state == "unanswered"))
    findings = [f for f in result.findings if f.question == question.number]
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
    return escape(text, quote=False)


# --- summary at the top -----------------------------------------------------------------------------


def _summary(
    result: Result,
    text: str,
    name: str,
    pretty: bool,
    embedded: bool,
    unplaced: list[Question],
    figures: list[tuple[str, Figure]],
) -> str:
    first: dict[int, Question] = {}
    for question in result.report.questions:
        if question.number in result.template.limits:
            first.setdefault(question.number, question)
    questions = [first[number] for number in sorted(first)]
    states = {status.number: status.state for status in result.verdict.questions}
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
        f"<h1>{_text(name)} <small>{_text(result.template.name)}</small></h1>",
        f'<p class="rl-counts">{counts}</p>',
        f'<nav class="rl-grid" aria-label="questions">{grid}</nav>',
    ]
    lines.extend(_problems(result, questions, states, unplaced, figures))
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


def _problems(
    result: Result,
    questions: list[Question],
    states: dict[int, str],
    unplaced: list[Question],
    figures: list[tuple[str, Figure]],
) -> Iterator[str]:
    """The lists under the counts: what fails or is unanswered, findings with no question on the page (a missing
    question's RL101 among them), and what the page could not show."""
    items: list[str] = []
    for question in questions:
        state = states[question.number]
        if state in ("fail", "unanswered"):
            names = Counter(_name(f) for f in result.findings if f.question == question.number)
            why = ", ".join(name if count == 1 else f"{name} ({count})" for name, count in names.items())
            items.append(
                f'<li class="rl-{state}"><a href="#{_anchor(result, question)}">Question '
                f"{question.number}</a> (line {question.line}): {_STATE_WORDS[state]}: {why}</li>"
            )
    present = {question.number for question in result.report.questions}
    for finding in result.findings:
        if finding.question is None or finding.question not in present:
            items.append(f'<li class="rl-fail">{_finding(finding)}</li>')
    for question in unplaced:
        items.append(
            f'<li class="rl-fail" id="{_anchor(result, question)}">Question {question.number} '
            f"(line {question.line}): its heading is not a heading on this page, so its status is here: "
            f"{_status(result, question)}</li>"
        )
    for target, figure in dict(figures).items():  # each link once, however often it is used
        if figure.note:
            items.append(f'<li class="rl-figure">image <code>{_text(target)}</code>: {_text(figure.note)}</li>')
    if items:
        yield '<ul class="rl-problems">\n' + "\n".join(items) + "\n</ul>"


CSP = "default-src 'none'; img-src data: file: http: https:; style-src 'unsafe-inline'"

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
.rl-refused, .rl-figure-note { display: inline-block; color: var(--bad); border: 1px dashed var(--bad);
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
