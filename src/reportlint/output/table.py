"""Staff mode, the pure part: one checked report -> one row; rows -> a table, CSV or JSON text.

Teaching staff read well over a hundred reports after the deadline and want one table of where each
group stands. A row holds only counts (small and picklable, so worker processes can send it back),
and every output is made from the same rows, so the table, the CSV and the JSON never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from reportlint.checks import compat as compat_check
from reportlint.checks import figures as figures_check
from reportlint.lint import Outcome
from reportlint.rules import RULES
from reportlint.status import FAIL, MISSING, UNANSWERED

NOT_A_REPORT = "not a report (no `### Question N` headings)"


class Row(NamedTuple):
    """One report's standing. On an unreadable file every count is None and `error` gives the reason."""

    path: str
    template: str | None = None
    questions: int | None = None  # the template's number of questions
    passing: int | None = None
    unanswered: int | None = None
    failing: int | None = None  # answered but failing, or missing: passing + unanswered + failing = questions
    words: int | None = None  # the answers' words, counted as the course's checker counts them
    figures_missing: int | None = None  # RL401
    figures_broken: int | None = None  # RL402-RL408: there, but not as the graders' copy will show it
    figures_untracked: int | None = None  # RL409
    compat: int | None = None  # RL5xx: where the course's checker reads the report differently
    error: str | None = None


FIELDS: tuple[str, ...] = Row._fields
COUNTS = FIELDS[2:-1]


def row(outcome: Outcome) -> Row:
    """Count a checked report from its verdict: the same statuses the text, JSON and HTML outputs show."""
    verdict = outcome.verdict
    families = [RULES[finding.code].family for finding in outcome.findings]
    codes = [finding.code for finding in outcome.findings]
    figures = sum(family == figures_check.FAMILY for family in families)
    missing = sum(code in figures_check.MISSING_CODES for code in codes)
    untracked = sum(code in figures_check.UNTRACKED_CODES for code in codes)
    return Row(
        path=outcome.path,
        template=outcome.template,
        questions=outcome.total,
        passing=verdict.passing,
        unanswered=len(verdict.numbers(UNANSWERED)),
        failing=len(verdict.numbers(FAIL, MISSING)),
        words=sum(status.words for status in verdict.questions),
        figures_missing=missing,
        figures_broken=figures - missing - untracked,
        figures_untracked=untracked,
        compat=sum(family == compat_check.FAMILY for family in families),
    )


def error_row(path: str, reason: str) -> Row:
    return Row(path, error=reason)


def _natural(path: str) -> tuple[object, ...]:
    """`group2` before `group10`: staff folders are rarely zero-padded."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path)), path


def sort_rows(rows: Iterable[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: _natural(r.path))


# --- outputs ----------------------------------------------------------------------------------------


def csv_text(rows: Sequence[Row]) -> str:
    """A header of FIELDS, then one line per row; an unreadable file's counts are empty cells."""
    import csv  # only --format csv pays for it
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FIELDS)
    writer.writerows(["" if value is None else value for value in r] for r in rows)
    return buffer.getvalue()


def json_text(rows: Sequence[Row]) -> str:
    """A list of objects with the FIELDS as keys, null where a value is absent; pandas reads it as is."""
    import json  # only --format json pays for it

    return json.dumps([r._asdict() for r in rows], indent=2, ensure_ascii=False)


HEADERS = (
    "path",
    "template",
    "passing",
    "unanswered",
    "failing",
    "words",
    "fig-missing",
    "fig-broken",
    "untracked",
    "compat",
    "error",
)
_NUMERIC = frozenset(HEADERS[2:-1])
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def table(rows: Sequence[Row]) -> str:
    """Aligned columns for a terminal: a header, one line per row, and a totals line.

    Passing is shown as `27/31` (of the template's questions); the error column appears only when a
    file could not be read, so a clean run fits a narrower terminal.
    """
    read = [r for r in rows if r.error is None]
    errors = len(rows) - len(read)
    lines = [_cells(r) for r in rows]
    sums = {field: sum(getattr(r, field) for r in read) for field in COUNTS}
    total = _cells(
        Row(
            f"total: {len(rows)} report{'s' * (len(rows) != 1)}",
            "",
            **sums,
            error=f"{errors} unreadable" if errors else None,
        )
    )
    headers = list(HEADERS) if errors else list(HEADERS[:-1])
    width = len(headers)
    grid = [headers, *(line[:width] for line in lines)]
    widths = [max(len(cells[i]) for cells in [*grid, total[:width]]) for i in range(width)]

    def render(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(w) if name in _NUMERIC else cell.ljust(w) for name, cell, w in zip(headers, cells, widths)
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([render(headers), rule, *(render(cells) for cells in grid[1:]), rule, render(total[:width])])


def _cells(r: Row) -> list[str]:
    path = _CONTROL.sub(lambda m: repr(m.group())[1:-1], r.path)
    if r.error is not None and r.questions is None:
        return [path, "", "", "", "", "", "", "", "", "", r.error]
    passing = f"{r.passing}/{r.questions}"
    counts = [r.unanswered, r.failing, r.words, r.figures_missing, r.figures_broken, r.figures_untracked, r.compat]
    return [path, r.template or "", passing, *(str(value) for value in counts), r.error or ""]
