"""The grading dashboard, the pure part: rows -> `index.html`, one line per group and one cell per question.

Staff grade from a folder they open from disk or put on a web server as it is, so every page is static
and runs no script: each sortable header links to a copy of the index sorted by that column
(`index.html` by group, `index-by-course.html`, ...). Nothing here reads a file or a clock; the same rows
give the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from urllib.parse import quote

from reportlint.lint import Result
from reportlint.output.page import Resolver
from reportlint.output.table import SORTS, Row, Zone, all_notes, course_text, moment, sort_rows
from reportlint.rules import rule_name
from reportlint.status import STATES, QuestionStatus

INDEX = "index.html"
CSP = "default-src 'none'; style-src 'unsafe-inline'"
GLYPHS = {"pass": "✓", "warn": "!", "fail": "✗", "unanswered": "–", "missing": "?"}
WORDS = {
    "pass": "passes",
    "warn": "passes, with warnings",
    "fail": "fails",
    "unanswered": "unanswered",
    "missing": "missing",
}
# (header, the sort its link gives): the counts before the questions.
COLUMNS = (
    ("course", "course"),
    ("errors", "errors"),
    ("warnings", "warnings"),
    ("unanswered", "unanswered"),
    ("fig-absent", "figures"),
)


def group_page(result: Result, text: str, figures: Resolver, name: str, about: str) -> str:
    """The group's page: what `reportlint html --embed-images` makes, under a line that leads back to the index
    and says which version of the report it shows."""
    from reportlint.output.page import page

    document = page(result, text, figures, name, embedded=True)
    nav = f'<p class="rl-mode"><a href="{INDEX}">All groups</a> · {escape(about)}</p>\n'
    body = document.find("<body>\n") + len("<body>\n")
    return document[:body] + nav + document[body:]


def index_name(sort: str) -> str:
    return INDEX if sort == "group" else f"index-by-{sort}.html"


def index_pages(
    rows: Sequence[Row], pages: Mapping[str, str], zone: Zone = None, deadline: str | None = None
) -> dict[str, str]:
    """Every sorted copy of the index, by file name. `pages` maps a row's path to its group's page."""
    return {index_name(sort): index(rows, pages, sort, zone, deadline) for sort in SORTS}


def index(rows: Sequence[Row], pages: Mapping[str, str], sort: str, zone: Zone, deadline: str | None) -> str:
    ordered = sort_rows(rows, sort)
    width = max((len(r.statuses) for r in rows), default=0)
    dated = any(r.commit is not None for r in rows)
    groups = len({r.group for r in rows})
    scope = f"as committed before {escape(deadline)}" if deadline else "as the files are now"
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n',
            '<meta name="generator" content="reportlint summary --html">\n',
            f"<title>reportlint: {groups} groups</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
            f"<h1>{groups} group{'s' * (groups != 1)}, {len(rows)} row{'s' * (len(rows) != 1)} "
            f"<small>{scope}</small></h1>\n",
            _legend(),
            '<table class="rl-groups">\n<thead>\n',
            _header(sort, width, dated),
            "</thead>\n<tbody>\n",
            *(_row(r, pages.get(r.path), width, dated, zone) for r in ordered),
            "</tbody>\n<tfoot>\n",
            _totals(rows, width, dated),
            "</tfoot>\n</table>\n</body>\n</html>\n",
        ]
    )


def _legend() -> str:
    items = "".join(f'<li><span class="q rl-{state}">{GLYPHS[state]}</span> {WORDS[state]}</li>' for state in STATES)
    return f'<ul class="rl-legend">{items}<li>click a header to sort by it</li></ul>\n'


def _sortable(label: str, sort: str | None, current: str, numeric: bool = True) -> str:
    kind = ' class="num"' if numeric else ""
    if sort is None:
        return f"<th{kind}>{label}</th>"
    if sort == current:
        order = "ascending" if sort == "group" else "descending"
        return f'<th{kind} aria-sort="{order}"><a href="{index_name(sort)}">{label} ▾</a></th>'
    return f'<th{kind}><a href="{index_name(sort)}">{label}</a></th>'


def _header(sort: str, width: int, dated: bool) -> str:
    cells = [_sortable("group", "group", sort, numeric=False), "<th>template</th>"]
    cells += [_sortable(label, key, sort) for label, key in COLUMNS]
    if dated:
        cells.append("<th>committed</th>")
    cells.append("<th>note</th>")
    cells += [f'<th class="qn">{number}</th>' for number in range(1, width + 1)]
    return "<tr>" + "".join(cells) + "</tr>\n"


def _row(r: Row, page: str | None, width: int, dated: bool, zone: Zone) -> str:
    name = escape(r.group)
    group = f'<a href="{quote(page)}">{name}</a>' if page else name
    cells = [f'<th scope="row" title="{escape(r.path)}">{group}</th>', f"<td>{escape(r.template or '')}</td>"]
    if r.error is None:
        values = [course_text(r), r.errors, r.warnings, r.unanswered, r.figures_absent]
        cells += [f'<td class="num">{value}</td>' for value in values]
    else:
        cells += ['<td class="num"></td>'] * len(COLUMNS)
    if dated:
        late = ' class="rl-late"' if r.after_commit else ""
        cells.append(f'<td{late} title="{escape(r.commit or "")}">{moment(r.commit_time, zone)}</td>')
    note = escape(all_notes(r, zone))
    cells.append(f'<td class="note{" rl-error" if r.error else ""}" title="{note}">{note}</td>')
    if r.error is None:
        cells += [_question(status, page) for status in r.statuses]
        cells += ['<td class="q"></td>'] * (width - len(r.statuses))
    elif width:
        cells.append(f'<td colspan="{width}"></td>')
    return "<tr>" + "".join(cells) + "</tr>\n"


def _question(status: QuestionStatus, page: str | None) -> str:
    title = f"Question {status.number}: {WORDS[status.state]}"
    if status.codes:
        title += " (" + ", ".join(f"{code} {rule_name(code)}" for code in dict.fromkeys(status.codes)) + ")"
    glyph = GLYPHS[status.state]
    if page and status.line is not None:
        glyph = f'<a href="{quote(page)}#question-{status.number}">{glyph}</a>'
    return f'<td class="q rl-{status.state}" title="{escape(title)}">{glyph}</td>'


def _totals(rows: Sequence[Row], width: int, dated: bool) -> str:
    counted = [r for r in rows if r.error is None]
    course = [r for r in counted if r.course_passed is not None]
    passed = f"{sum(r.course_passed or 0 for r in course)}/{sum(r.questions or 0 for r in course)}"
    sums = [sum(getattr(r, field) or 0 for r in counted) for field in ("errors", "warnings", "unanswered")]
    sums.append(sum(r.figures_absent or 0 for r in counted))
    cells = ['<th scope="row">total</th>', "<td></td>", f'<td class="num">{passed}</td>']
    cells += [f'<td class="num">{value}</td>' for value in sums]
    if dated:
        cells.append("<td></td>")
    unread = len(rows) - len(counted)
    cells.append(f'<td class="note">{len(rows)} rows' + (f", {unread} without counts" if unread else "") + "</td>")
    for number in range(1, width + 1):
        asked = [r for r in counted if len(r.statuses) >= number]
        passing = sum(r.statuses[number - 1].passes for r in asked)
        title = f"Question {number}: {passing} of {len(asked)} pass"
        cells.append(f'<td class="qn" title="{title}">{passing}</td>')
    return "<tr>" + "".join(cells) + "</tr>\n"


CSS = """\
:root { --pass: #1a7f37; --warn: #bf8700; --fail: #cf222e; --unanswered: #8250df; --missing: #57606a;
  --line: #d0d7de; --soft: #f6f8fa; --muted: #6e7781; }
body { margin: 0; padding: 1rem 1.25rem 3rem; color: #1f2328; background: #fff;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.25rem; margin: 0 0 .5rem; } h1 small { color: var(--muted); font-weight: normal; font-size: .9rem; }
.rl-legend { list-style: none; padding: 0; margin: 0 0 .75rem; display: flex; flex-wrap: wrap; gap: .9rem;
  color: var(--muted); }
table.rl-groups { border-collapse: collapse; font-variant-numeric: tabular-nums; }
.rl-groups th, .rl-groups td { border-bottom: 1px solid var(--line); padding: .2rem .4rem; text-align: left;
  white-space: nowrap; }
.rl-groups thead th { position: sticky; top: 0; background: var(--soft); font-weight: 600; }
.rl-groups thead a { color: inherit; } .rl-groups th[aria-sort] a { text-decoration: none; }
.rl-groups tbody tr:hover { background: var(--soft); }
.rl-groups .num { text-align: right; } .rl-groups .qn { text-align: center; color: var(--muted); padding: .2rem 0; }
.rl-groups tfoot th, .rl-groups tfoot td { font-weight: 600; border-top: 2px solid var(--line); }
.q { text-align: center; width: 1.3rem; min-width: 1.3rem; padding: .1rem 0 !important; color: #fff;
  font-weight: 700; border: 1px solid #fff !important; }
.q a { color: #fff; text-decoration: none; display: block; }
span.q { display: inline-block; border-radius: 3px; }
.rl-pass { background: var(--pass); } .rl-warn { background: var(--warn); } .rl-fail { background: var(--fail); }
.rl-unanswered { background: var(--unanswered); }
.rl-missing { background: repeating-linear-gradient(45deg, var(--missing), var(--missing) 3px, #8c959f 3px,
  #8c959f 6px); }
.rl-groups td.note { max-width: 13rem; overflow: hidden; text-overflow: ellipsis; font-size: .85rem;
  color: var(--muted); }
.rl-groups td.rl-error { color: var(--fail); }
.rl-late { color: var(--fail); font-weight: 600; }
"""
