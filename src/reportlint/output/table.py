"""Staff mode, the pure part: one checked report -> one row; rows -> a table, CSV, JSON, or one row per question.

Teaching staff read well over a hundred reports after the deadline and want one table of where each
group stands, the course's own count first. A row holds only counts and each question's status (small
and picklable, so worker processes can send it back), and every output is made from the same rows, so
the table, the CSV, the JSON and the dashboard never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, tzinfo
from typing import Any, Optional

from reportlint.checks import figures as figures_check
from reportlint.findings import ERROR
from reportlint.lint import Outcome
from reportlint.records import NamedTuple
from reportlint.rules import FAMILIES, RULES
from reportlint.status import FAIL, MISSING, UNANSWERED, QuestionStatus

NOT_A_REPORT = "not a report (no `### Question N` headings)"
# Figures the graders' copy will not have: the figure rules that are errors by default (a missing file, a
# letter-case mismatch, an absolute path, a link out of reports/, not an image, the template's example, not
# committed). The warnings (an .svg, a remote image) still show.
ABSENT_CODES = frozenset(
    code for code, rule in RULES.items() if rule.family == figures_check.FAMILY and rule.severity == ERROR
)
Zone = Optional[tzinfo]  # None: the machine's local time zone


class Row(NamedTuple):
    """One report's standing, or one group's reason for having none (`error`, every count None)."""

    group: str  # the folder above `reports/`, or the report's own folder
    path: str
    template: str | None = None
    questions: int | None = None  # the template's number of questions
    course_passed: int | None = None  # what the course's checker prints; None when it stops
    course_stops: str | None = None  # the error the course's checker stops with
    errors: int | None = None
    warnings: int | None = None
    passing: int | None = None  # reportlint's own count: questions that pass, with or without warnings
    unanswered: int | None = None
    failing: int | None = None  # answered but failing, or missing: passing + unanswered + failing = questions
    words: int | None = None  # the answers' words, counted as the course's checker counts them
    figures_absent: int | None = None  # image links whose figure the graders' copy will not have
    families: tuple[int, ...] | None = None  # findings per family, in the order of rules.FAMILIES
    commit: str | None = None  # the commit read: the report's last change, or the last before the deadline
    commit_time: int | None = None  # its committer date, seconds since the epoch
    after_commit: str | None = None  # the newest commit after the deadline that changed the report's folder
    after_time: int | None = None
    notes: tuple[str, ...] = ()  # what staff should know that is no count: an odd name, a second report
    error: str | None = None  # why the row has no counts
    statuses: tuple[QuestionStatus, ...] = ()  # every question's status (per-question rows, the dashboard)


def row(outcome: Outcome, group: str) -> Row:
    """Count a checked report from its verdict: the same statuses the text, JSON and HTML outputs show."""
    verdict = outcome.verdict
    course = outcome.course
    families = [RULES[finding.code].family for finding in outcome.findings]
    absent = {(f.line, f.column) for f in outcome.findings if f.code in ABSENT_CODES}
    return Row(
        group=group,
        path=outcome.path,
        template=outcome.template,
        questions=outcome.total,
        course_passed=course.passed,
        course_stops=course.error,
        errors=verdict.errors,
        warnings=verdict.warnings,
        passing=verdict.passing,
        unanswered=len(verdict.numbers(UNANSWERED)),
        failing=len(verdict.numbers(FAIL, MISSING)),
        words=sum(status.words for status in verdict.questions),
        figures_absent=len(absent),
        families=tuple(families.count(family) for family in FAMILIES),
        statuses=verdict.questions,
    )


def error_row(group: str, path: str, reason: str) -> Row:
    return Row(group, path, error=reason)


# --- order ------------------------------------------------------------------------------------------


_SEPARATORS = re.compile(r"[\W_]+")


def natural(text: str) -> tuple[Any, ...]:
    """`group 9` before `Group10` before `group_11`: numbers in order, letter case and separators ignored, as
    groups name their folders every which way and rarely pad the numbers."""
    return tuple(
        int(part) if part.isdigit() else _SEPARATORS.sub("", part).casefold() for part in re.split(r"(\d+)", text)
    )


def _by_group(r: Row) -> tuple[Any, ...]:
    return natural(r.group), natural(r.path), r.path


def _worst_first(count: Callable[[Row], float]) -> Callable[[Row], tuple[Any, ...]]:
    """Rows with counts by `count`, highest first, then by group; rows without counts last."""
    return lambda r: (r.error is not None, 0 if r.error is not None else -count(r), *_by_group(r))


def _course(r: Row) -> float:
    """Questions the course's checker does not pass, as a share of the template: a stop is the worst."""
    if r.course_passed is None or not r.questions:
        return 2.0
    return 1 - r.course_passed / r.questions


SORTS: dict[str, Callable[[Row], tuple[Any, ...]]] = {
    "group": _by_group,
    "course": _worst_first(_course),
    "errors": _worst_first(lambda r: r.errors or 0),
    "warnings": _worst_first(lambda r: r.warnings or 0),
    "unanswered": _worst_first(lambda r: r.unanswered or 0),
    "figures": _worst_first(lambda r: r.figures_absent or 0),
}


def sort_rows(rows: Iterable[Row], by: str = "group") -> list[Row]:
    return sorted(rows, key=SORTS[by])


# --- shared cell values -----------------------------------------------------------------------------


def course_text(r: Row) -> str:
    """`29/31`, or `stops` when the course's checker would stop with an error."""
    if r.error is not None:
        return ""
    return "stops" if r.course_passed is None else f"{r.course_passed}/{r.questions}"


def moment(seconds: int | None, zone: Zone, iso: bool = False) -> str:
    """A commit's date in `zone`: `2026-01-23 22:10` for people, full ISO 8601 with its offset for files."""
    if seconds is None:
        return ""
    when = datetime.fromtimestamp(seconds, zone) if zone is not None else datetime.fromtimestamp(seconds).astimezone()
    return when.isoformat() if iso else when.strftime("%Y-%m-%d %H:%M")


def all_notes(r: Row, zone: Zone) -> str:
    """The row's error, or its notes, one string: the table's and the CSV's last column."""
    notes = list(r.notes)
    if r.after_commit is not None:
        notes.insert(0, f"late change {moment(r.after_time, zone)} ({r.after_commit[:7]})")
    if r.error is not None:
        notes.insert(0, r.error)
    return "; ".join(notes)


# --- CSV and JSON: every column ---------------------------------------------------------------------

FIELDS: tuple[str, ...] = (
    "group",
    "path",
    "template",
    "questions",
    "course_passed",
    "course_stops",
    "errors",
    "warnings",
    "passing",
    "unanswered",
    "failing",
    "words",
    "figures_absent",
    *(f"findings_{family}" for family in FAMILIES),
    "commit",
    "commit_date",
    "after_commit",
    "after_date",
    "note",
    "error",
)


def record(r: Row, zone: Zone) -> dict[str, Any]:
    """A row as FIELDS -> value, None where a value is absent."""
    families = dict.fromkeys((f"findings_{family}" for family in FAMILIES), None)
    if r.families is not None:
        families.update(zip(families, r.families))
    values: dict[str, Any] = {field: getattr(r, field) for field in FIELDS[:13]}
    return {
        **values,
        **families,
        "commit": r.commit,
        "commit_date": moment(r.commit_time, zone, iso=True) or None,
        "after_commit": r.after_commit,
        "after_date": moment(r.after_time, zone, iso=True) or None,
        "note": "; ".join(r.notes) or None,
        "error": r.error,
    }


def _csv(header: Sequence[str], lines: Iterable[Iterable[Any]]) -> str:
    import csv  # only --format csv pays for it
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(["" if value is None else value for value in line] for line in lines)
    return buffer.getvalue()


def csv_text(rows: Sequence[Row], zone: Zone = None) -> str:
    """A header of FIELDS, then one line per row; absent values are empty cells."""
    return _csv(FIELDS, (record(r, zone).values() for r in rows))


def json_text(rows: Sequence[Row], zone: Zone = None) -> str:
    """A list of flat objects with the FIELDS as keys, null where a value is absent; pandas reads it as is."""
    import json  # only --format json pays for it

    return json.dumps([record(r, zone) for r in rows], indent=2, ensure_ascii=False) + "\n"


QUESTION_FIELDS = (
    "group",
    "path",
    "template",
    "question",
    "status",
    "words",
    "images",
    "words_range",
    "images_range",
    "codes",
    "error",
)


def question_records(rows: Sequence[Row]) -> list[dict[str, Any]]:
    """One record per group and question; a row without questions (unreadable, no report) is one record
    with its error, so no group drops out of the sheet."""
    records = []
    for r in rows:
        if r.error is not None:
            records.append({**dict.fromkeys(QUESTION_FIELDS), "group": r.group, "path": r.path, "error": r.error})
            continue
        for status in r.statuses:
            records.append(
                {
                    "group": r.group,
                    "path": r.path,
                    "template": r.template,
                    "question": status.number,
                    "status": status.state,
                    "words": status.words,
                    "images": status.images,
                    "words_range": _range(status.words_range),
                    "images_range": _range(status.images_range),
                    "codes": " ".join(status.codes),
                    "error": None,
                }
            )
    return records


def _range(limits: tuple[int, int] | None) -> str | None:
    return None if limits is None else f"{limits[0]}-{limits[1]}"


def questions_csv(rows: Sequence[Row]) -> str:
    return _csv(QUESTION_FIELDS, (record.values() for record in question_records(rows)))


def questions_json(rows: Sequence[Row]) -> str:
    import json

    return json.dumps(question_records(rows), indent=2, ensure_ascii=False) + "\n"


# --- the table: what fits on a terminal -------------------------------------------------------------


class Column(NamedTuple):
    header: str
    cells: list[str]  # one per row, then the totals
    numeric: bool
    keep: int  # the order columns are dropped in when the table is too wide: lowest first; 0 never
    family: bool = False  # one of the findings by family, dropped and headed together


NOTE_MIN = 30  # the last column is cut to fit, but never below this
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _shown(text: str) -> str:
    """Control characters in a folder name or a reason printed escaped, so a row stays one line."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def table(rows: Sequence[Row], zone: Zone = None, width: int = 120, deadline: str | None = None) -> str:
    """Aligned columns, a totals line, and fit to `width`: columns are left out, least useful first (the
    path, the findings by family, the commit, the template), never the group or the course's count, and the
    note is cut last. A line under the table names what was left out; CSV and JSON have every column."""
    counted = [r for r in rows if r.error is None]

    def numbers(field: str) -> list[str]:
        cells = ["" if getattr(r, field) is None else str(getattr(r, field)) for r in rows]
        return [*cells, str(sum(getattr(r, field) for r in counted))]

    graded = [r for r in counted if r.course_passed is not None]  # a check that stops has no count to add
    course_total = f"{sum(r.course_passed or 0 for r in graded)}/{sum(r.questions or 0 for r in graded)}"
    unread = len(rows) - len(counted)
    columns = [
        Column("group", [_shown(r.group) for r in rows] + ["total"], False, 0),
        Column("course", [course_text(r) for r in rows] + [course_total], True, 0),
        Column("errors", numbers("errors"), True, 9),
        Column("warnings", numbers("warnings"), True, 6),
        Column("unanswered", numbers("unanswered"), True, 8),
        Column("fig-absent", numbers("figures_absent"), True, 7),
        Column("template", [r.template or "" for r in rows] + [""], False, 4),
    ]
    if any(r.commit is not None for r in rows):
        columns.append(Column("commit", [(r.commit or "")[:7] for r in rows] + [""], False, 3))
        columns.append(Column("committed", [moment(r.commit_time, zone) for r in rows] + [""], False, 5))
    for index, family in enumerate(FAMILIES):
        cells = ["" if r.families is None else str(r.families[index]) for r in rows]
        total = str(sum(r.families[index] for r in counted if r.families))
        columns.append(Column(family, [*cells, total], True, 2, family=True))
    columns.append(Column("path", [_shown(r.path) for r in rows] + [""], False, 1))
    notes = [_shown(all_notes(r, zone)) for r in rows]
    summary = f"{len(rows)} row{'s' * (len(rows) != 1)}" + (f", {unread} without counts" if unread else "")
    note = Column("note", [*notes, summary], False, 0)
    kept, left_out = _fit(columns, note, width)
    lines = _lines(kept, note, width)
    families = [column.family for column in kept]
    if any(families):
        start = sum(_span(column) + 2 for column in kept[: families.index(True)])
        lines.insert(0, " " * start + "findings by family")
    if deadline is not None:
        lines.insert(0, f"as committed before {deadline}")
    if left_out:
        import textwrap

        missing = f"(left out to fit {width} columns: {', '.join(left_out)}; --format csv or json has every column)"
        lines.extend(textwrap.wrap(missing, max(width, 40)))
    return "\n".join(lines) + "\n"


def _span(column: Column) -> int:
    return max(len(column.header), *(len(cell) for cell in column.cells))


def _fit(columns: list[Column], note: Column, width: int) -> tuple[list[Column], list[str]]:
    """The columns that fit beside the note (at its least), dropping the lowest `keep` first; the families go
    together, as one block under their heading."""
    kept = list(columns)
    left_out: list[str] = []
    least = min(NOTE_MIN, _span(note))
    while sum(_span(column) + 2 for column in kept) + least > width:
        ranks = [column.keep for column in kept if column.keep]
        if not ranks:
            break
        dropped = [column for column in kept if column.keep == min(ranks)]
        kept = [column for column in kept if column.keep != min(ranks)]
        left_out.append("findings by family" if dropped[0].family else dropped[0].header)
    return kept, left_out


def _lines(columns: list[Column], note: Column, width: int) -> list[str]:
    """The header, a rule, the rows, a rule and the totals; the note cut to the room left, if need be."""
    widths = [_span(column) for column in columns]
    room = max(width - sum(w + 2 for w in widths), min(NOTE_MIN, _span(note)))

    def cut(text: str) -> str:
        return text if len(text) <= room else text[: room - 3] + "..."

    def line(cells: Sequence[str], last: str) -> str:
        parts = [cell.rjust(w) if c.numeric else cell.ljust(w) for c, cell, w in zip(columns, cells, widths)]
        return "  ".join([*parts, cut(last)]).rstrip()

    rule = "  ".join("-" * w for w in [*widths, min(room, _span(note))])
    body = [line([column.cells[i] for column in columns], note.cells[i]) for i in range(len(note.cells))]
    return [line([column.header for column in columns], note.header), rule, *body[:-1], rule, body[-1]]
