"""Both pages rendered for real, to prove what an RL6xx finding claims at its line.

The graders' page is Python-Markdown with no extensions after dropping 43 characters; GitHub's reading
is markdown-it-py's CommonMark with tables and strikethrough (bare URLs and task boxes are GitHub
extensions markdown-it-py does not have; for those only the graders' side is rendered). Python-Markdown
keeps no source positions, so a private-use character is put at the spot and looked for in each
rendering: the tags open around it tell what that spot became.
"""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import pytest

from reportlint.findings import Finding

MARK = "\ue010"
SKIP = 43
VOID = {"hr", "br", "img", "input", "meta", "link"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _Stack(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.found: list[str] | None = None
        self.after = ""

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if self.found is not None and not self.after:
            self.after = f"<{tag}>"
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.found is None and MARK in data:
            self.found = list(self.open)
            self.after = data.split(MARK, 1)[1]
        elif self.found is not None and not self.after:
            self.after = data


def where(html: str) -> tuple[list[str], str]:
    """The tags open at the mark, and what follows it (text, or the next tag)."""
    parser = _Stack()
    parser.feed(html)
    parser.close()
    assert parser.found is not None, f"the mark is not in the text of {html[:300]!r}..."
    return parser.found, parser.after


def marked(text: str, line: int, column: int | None = None) -> str:
    """`text` (LF) with the mark in `line` at `column` (1-based), or at the end of its text."""
    lines = text.split("\n")
    content = lines[line - 1]
    at = len(content.rstrip(" \t")) if column is None else column - 1
    lines[line - 1] = content[:at] + MARK + content[at:]
    return "\n".join(lines)


def graders(text: str) -> str:
    html: str = markdown.markdown(text[SKIP:])
    return html


def github(text: str) -> str:
    """GitHub's side; markdown-it-py 4.3 needs Python 3.10, so on 3.9 a test that needs it skips."""
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py 4.3.0 needs Python 3.10 or later")
    html: str = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)
    return html


def both(text: str, line: int, column: int | None = None) -> tuple[tuple[list[str], str], tuple[list[str], str]]:
    """Where the spot lands on GitHub and on the graders' page."""
    source = marked(text, line, column)
    return where(github(source)), where(graders(source))


def proves(text: str, finding: Finding) -> str:
    """'' when both pages really differ at the finding's spot as its code claims, else what is wrong."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    code, line = finding.code, finding.line
    if code == "RL601":
        (hub, _), (page, _) = both(text, line)
        return "" if "pre" in hub and HEADINGS & set(page) else f"GitHub {hub}, graders {page}"
    if code == "RL602":
        content = next((n for n in range(line + 1, len(lines) + 1) if lines[n - 1].strip()), line)
        (hub, _), (page, _) = both(text, content)
        return "" if "pre" in hub and "pre" not in page else f"GitHub {hub}, graders {page}"
    if code == "RL603":  # the mark goes into the first cell: after the last `|` it would be a cell of its own
        row = lines[line - 1]
        (hub, _), (page, _) = both(text, line, len(row) - len(row.lstrip("| \t>")) + 1)
        return "" if "th" in hub and "table" not in page else f"GitHub {hub}, graders {page}"
    if code in ("RL604", "RL605"):
        (hub, _), (page, _) = both(text, line)
        return "" if hub.count("li") != page.count("li") else f"GitHub {hub}, graders {page}"
    if code == "RL606":
        page, after = where(graders(marked(text, line, finding.column)))
        url = finding.message.split("'")[1]
        return "" if "a" not in page and after.startswith(url[:20]) else f"graders {page} {after[:40]!r}"
    if code == "RL607":
        page, after = where(graders(marked(text, line)))
        item = lines[line - 1].split("[", 1)[1][:2]
        return "" if "li" in page and f"[{item}" in graders(text) else f"graders {page}"
    if code == "RL608":
        (hub, hub_after), (page, after) = both(text, line, finding.column)
        return "" if hub_after == "<s>" and after.startswith("~~") else f"GitHub {hub_after!r}, graders {after!r}"
    if code == "RL609":
        (hub, _), (page, _) = both(text, line)
        return "" if bool(HEADINGS & set(hub)) != bool(HEADINGS & set(page)) else f"GitHub {hub}, graders {page}"
    if code in ("RL610", "RL611"):
        start = text[:SKIP].count("\n") + 1
        (hub, _), (page, _) = both(text, start)
        return "" if hub != page else f"GitHub {hub}, graders {page}"
    return f"no proof for {code}"
