"""Staff mode: `reportlint summary` gives one row per group's report, the course's count first, as a table that
fits a terminal, as CSV or JSON with every column, or one row per question, over hundreds of groups."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import scrape as generated
from conftest import FIXTURES, build_report, invoke, png_bytes
from reportlint.checks.figures import Parts
from reportlint.commands import summary as summary_command
from reportlint.commands.summary import markdown_files, slices
from reportlint.lint import lint
from reportlint.output.table import (
    FIELDS,
    NOT_A_REPORT,
    QUESTION_FIELDS,
    Row,
    csv_text,
    error_row,
    json_text,
    row,
    sort_rows,
    table,
)
from reportlint.rules import FAMILIES

if TYPE_CHECKING:
    from reportlint.checks.figures import Peek

PROJECT = Path(__file__).resolve().parents[1]

# What each fixture's row holds: course passed (None: it stops), errors, warnings, unanswered, figures absent,
# and the findings of each family that has any.
EXPECTED: dict[str, tuple[int | None, int, int, int, int, dict[str, int]]] = {
    "pass-2025": (31, 0, 0, 0, 0, {}),
    "pass-2023": (27, 0, 0, 0, 0, {}),
    "fail-length": (27, 4, 0, 0, 0, {"length": 4}),
    "fail-figures": (31, 8, 2, 0, 8, {"figures": 10}),  # .svg and remote: warnings, and not absent
    "fail-unanswered": (30, 2, 2, 2, 0, {"unanswered": 4}),
    "fail-grader-cut": (30, 1, 0, 0, 0, {"course": 1}),
    "fail-grader-crash": (None, 2, 0, 0, 0, {"structure": 1, "course": 1}),
    "fail-structure": (14, 37, 1, 0, 0, {"structure": 7, "course": 31}),
    "fail-links": (31, 1, 1, 0, 0, {"links": 2}),  # a missing linked file is no figure
    "fail-page": (31, 1, 10, 0, 0, {"page": 11}),
}


@pytest.fixture(scope="module")
def scraped(tmp_path_factory: pytest.TempPathFactory) -> generated.Scrape:
    return generated.shared(tmp_path_factory)


def run_summary(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    return invoke(["summary", *args], cwd)


def process(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real command in its own process: with 200+ files it checks them on every core."""
    return subprocess.run(
        [sys.executable, "-m", "reportlint", "summary", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def rows_of(args: list[str], cwd: Path | None = None) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(run_summary("--format", "csv", *args, cwd=cwd)[1])))


# --- one report, one row ----------------------------------------------------------------------------


def test_a_row_holds_the_courses_count_reportlints_verdict_and_each_family() -> None:
    text = build_report({7: "too short", 27: "--- question 27 fill here ---"})
    result = lint(text, "reports/README.md")
    assert result is not None
    r = row(result.outcome(), "group 3")
    assert (r.group, r.template, r.questions, r.course_passed, r.course_stops) == (
        "group 3",
        "dtu-mlops-2025",
        31,
        29,
        None,
    )
    assert (r.errors, r.warnings, r.passing, r.unanswered, r.failing, r.figures_absent) == (2, 0, 29, 1, 1, 0)
    assert {family: count for family, count in zip(FAMILIES, r.families or ()) if count} == {
        "length": 1,
        "unanswered": 1,
    }
    assert [status.state for status in r.statuses][6] == "fail" and len(r.statuses) == 31


class Folder:
    """A report folder holding `figures/fig.png` (a PNG) and `figures/plot.png`, whose bytes are `plot`."""

    def __init__(self, plot: bytes) -> None:
        self.plot = plot

    def names(self, folder: Parts) -> frozenset[str] | None:
        return {(): frozenset({"figures"}), ("figures",): frozenset({"fig.png", "plot.png"})}.get(folder)

    def head(self, path: Parts) -> Peek:
        return self.plot if path[-1] == "plot.png" else png_bytes()

    def tracked(self, path: Parts) -> bool | None:
        return None


def test_figures_absent_counts_images_not_findings() -> None:
    """A link in the wrong letter case to an empty file is two errors about one figure the graders lack."""
    text = build_report({19: "![a](figures/Plot.png)\n" + "word " * 100})
    result = lint(text, "reports/README.md", files=Folder(b""))
    assert result is not None
    codes = sorted(finding.code for finding in result.findings)
    r = row(result.outcome(), "g")
    assert (codes, r.figures_absent, (r.families or ())[FAMILIES.index("figures")]) == (["RL402", "RL406"], 1, 2)


def test_a_figure_that_still_shows_is_not_absent() -> None:
    text = build_report({19: "![a](https://example.org/a.png)\n" + "word " * 100})
    result = lint(text, "reports/README.md", files=Folder(png_bytes()))
    assert result is not None
    assert (row(result.outcome(), "g").figures_absent, result.verdict.warnings) == (0, 1)


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_each_fixture_row_holds_its_known_numbers(kind: str, tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / kind, tmp_path / kind)
    code, out, _ = run_summary("--format", "json", str(tmp_path / kind / "README.md"))
    (summary,) = json.loads(out)
    families = {family: summary[f"findings_{family}"] for family in FAMILIES if summary[f"findings_{family}"]}
    shown = (summary["course_passed"], summary["errors"], summary["warnings"], summary["unanswered"])
    assert (code, *shown, summary["figures_absent"], families) == (0, *EXPECTED[kind])
    assert (summary["course_stops"] is not None) == (EXPECTED[kind][0] is None)
    assert {key: summary[key] for key in generated.counts(generated.checked(tmp_path / kind / "README.md"))} == (
        generated.counts(generated.checked(tmp_path / kind / "README.md"))
    )


# --- order ------------------------------------------------------------------------------------------

SORTABLE = [
    Row("group10", "s/group10/reports/README.md", "t", 31, 27, None, 4, 0, 27, 0, 4, 1000, 0),
    error_row("Group9", "s/Group9/reports/README.md", "is binary (it holds NUL bytes), not a markdown report"),
    Row("group 2", "s/group 2/reports/README.md", "t", 27, 26, None, 1, 3, 26, 1, 0, 900, 2),
    Row("group_1", "s/group_1/reports/README.md", "t", 31, None, "ValueError: no", 2, 0, 29, 0, 2, 800, 0),
    Row("alpha", "s/alpha/reports/README.md", "t", 31, 30, None, 1, 1, 30, 0, 1, 700, 1),
]


def groups(rows: list[Row]) -> list[str]:
    return [r.group for r in rows]


def test_rows_sort_by_group_with_numbers_in_order_whatever_the_case_and_separators() -> None:
    assert groups(sort_rows(SORTABLE)) == ["alpha", "group_1", "group 2", "Group9", "group10"]


def test_sort_by_course_puts_a_stop_first_then_the_lowest_share_and_rows_without_counts_last() -> None:
    assert groups(sort_rows(SORTABLE, "course")) == ["group_1", "group10", "group 2", "alpha", "Group9"]


def test_sort_by_errors_puts_the_most_first_ties_by_group() -> None:
    assert groups(sort_rows(SORTABLE, "errors")) == ["group10", "group_1", "alpha", "group 2", "Group9"]


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("group", ["fail-grader-crash", "fail-length", "fail-structure", "pass-2023"]),
        ("course", ["fail-grader-crash", "fail-structure", "fail-length", "pass-2023"]),
        ("errors", ["fail-structure", "fail-length", "fail-grader-crash", "pass-2023"]),
    ],
)
def test_the_sort_option_orders_the_rows(sort: str, order: list[str], tmp_path: Path) -> None:
    for kind in ("pass-2023", "fail-length", "fail-grader-crash", "fail-structure"):
        shutil.copytree(FIXTURES / kind, tmp_path / kind)
    assert [r["group"] for r in rows_of(["--sort", sort, str(tmp_path)])] == order


# --- the table --------------------------------------------------------------------------------------


def cells(text: str) -> tuple[list[str], list[dict[str, str]]]:
    """A printed table read back: its header names and each line's cells, by the spans of the rule under the
    header (the last column runs to the end of the line). The columns under `findings by family` are named
    `findings_<family>`, as in the CSV, apart from the columns of the same name before them."""
    lines = text.splitlines()
    at = next(index for index, line in enumerate(lines) if line.startswith("---"))
    spans, position = [], 0
    for dashes in lines[at].split("  "):
        spans.append((position, position + len(dashes)))
        position += len(dashes) + 2
    spans[-1] = (spans[-1][0], 10_000)
    heading = lines[at - 2] if at >= 2 else ""
    families = heading.index("findings by family") if "findings by family" in heading else 10_000
    headers = [lines[at - 1][start:end].strip() for start, end in spans]
    headers = [f"findings_{h}" if start >= families and h in FAMILIES else h for h, (start, _) in zip(headers, spans)]
    end = next(index for index in range(at + 1, len(lines)) if lines[index].startswith("---"))
    rows = [{h: line[start:stop].strip() for h, (start, stop) in zip(headers, spans)} for line in lines[at + 1 : end]]
    rows.append({h: lines[end + 1][start:stop].strip() for h, (start, stop) in zip(headers, spans)})
    return headers, rows


WIDE_FAMILIES = {"length": 1, "figures": 1, "course": 1}
WIDE = [
    Row(
        "02476-MLOps-2026-Group-128__02476_project",
        "scrape/02476-MLOps-2026-Group-128__02476_project/reports/README.md",
        "dtu-mlops-2025",
        31,
        30,
        None,
        2,
        1,
        29,
        0,
        2,
        3500,
        1,
        tuple(WIDE_FAMILIES.get(family, 0) for family in FAMILIES),
        "0123456789abcdef0123456789abcdef01234567",
        1769205600,
        notes=("one of 2 reports of this group",),
    ),
    error_row("g2", "scrape/g2/reports/README.md", "is not UTF-8 text (byte 0xe9 at offset 5); " + "x" * 80),
]


def test_the_table_fits_120_columns_leaving_out_the_least_useful_first() -> None:
    text = table(WIDE, width=120)
    headers, rows = cells(text)
    assert all(len(line) <= 120 for line in text.splitlines())
    assert headers == ["group", "course", "errors", "unanswered", "fig-absent", "note"]
    assert " ".join(text.splitlines()[-2:]) == (
        "(left out to fit 120 columns: path, findings by family, commit, template, committed, warnings; "
        "--format csv or json has every column)"
    )
    assert rows[0]["note"] == "one of 2 reports of this group"
    assert rows[1]["note"].endswith("...") and (WIDE[1].error or "").startswith(rows[1]["note"][:-3])
    assert len(text.splitlines()[3]) == 120  # cut to the room there is


def test_a_wide_terminal_shows_every_column_under_its_heading() -> None:
    text = table(WIDE, width=400)
    headers, rows = cells(text)
    assert headers == [
        "group",
        "course",
        "errors",
        "warnings",
        "unanswered",
        "fig-absent",
        "template",
        "commit",
        "committed",
        *(f"findings_{family}" for family in FAMILIES),
        "path",
        "note",
    ]
    assert text.splitlines()[0].strip() == "findings by family"
    assert text.splitlines()[0].index("findings") == text.splitlines()[1].index("structure")
    assert [rows[0][f"findings_{family}"] for family in FAMILIES] == [
        str(WIDE_FAMILIES.get(family, 0)) for family in FAMILIES
    ]
    assert rows[0]["commit"] == "0123456"
    assert rows[-1]["group"] == "total" and rows[-1]["note"] == "2 rows, 1 without counts"


def test_the_group_and_the_courses_count_are_never_left_out() -> None:
    headers, rows = cells(table(WIDE, width=20))
    assert headers == ["group", "course", "note"] and rows[0]["course"] == "30/31"


def test_a_stopping_course_check_reads_stops() -> None:
    _, rows = cells(table(sort_rows(SORTABLE), width=120))
    assert [r["course"] for r in rows] == ["30/31", "stops", "26/27", "", "27/31", "83/89"]


# --- CSV and JSON -----------------------------------------------------------------------------------


def test_csv_and_json_carry_every_field_with_empty_or_null_where_there_is_no_value() -> None:
    header, first, second = csv_text(WIDE).splitlines()
    assert header.split(",") == list(FIELDS)
    record = dict(zip(FIELDS, next(csv.reader([first]))))
    assert record["findings_course"] == "1" and record["commit"] == WIDE[0].commit
    assert datetime.fromisoformat(record["commit_date"]).timestamp() == 1769205600
    assert next(csv.reader([second]))[2:-1] == [""] * (len(FIELDS) - 3)
    (missing,) = json.loads(json_text(WIDE[1:]))
    assert missing == dict.fromkeys(FIELDS) | {"group": "g2", "path": WIDE[1].path, "error": WIDE[1].error}


def test_per_question_rows_hold_words_images_status_and_codes(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "fail-length", tmp_path / "g1" / "reports")
    (tmp_path / "g2" / "reports").mkdir(parents=True)
    (tmp_path / "g2" / "reports" / "README.md").write_bytes(b"\x00")
    code, out, _ = run_summary("--per-question", str(tmp_path))
    records = list(csv.DictReader(io.StringIO(out)))
    assert list(records[0]) == list(QUESTION_FIELDS) and len(records) == 32 and code == 2
    seventh = records[6]
    assert (seventh["group"], seventh["question"], seventh["status"], seventh["codes"]) == ("g1", "7", "fail", "RL201")
    assert (seventh["words"], seventh["images"], seventh["words_range"], seventh["images_range"]) == (
        "32",
        "0",
        "50-100",
        "",
    )
    assert records[-1]["group"] == "g2" and records[-1]["question"] == "" and "NUL" in records[-1]["error"]
    as_json = json.loads(run_summary("--per-question", "--format", "json", str(tmp_path))[1])
    assert as_json[6] == {**seventh, "question": 7, "words": 32, "images": 0, "images_range": None, "error": None}


# --- finding reports in folders, and the odd ones ---------------------------------------------------


def test_folders_are_searched_for_markdown_skipping_hidden_vendored_and_virtualenv_folders(tmp_path: Path) -> None:
    for name in (
        "a/reports/README.md",
        "a/docs/notes.MD",
        "a/.git/x.md",
        ".hidden/y.md",
        "a/node_modules/p/z.md",
        "env2/lib/w.md",
        "a/reports/figures/plot.png",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "env2" / "pyvenv.cfg").write_text("", encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path)
    found, unlisted = markdown_files(str(tmp_path))
    assert sorted(Path(path).relative_to(tmp_path).as_posix() for path in found) == [
        "a/docs/notes.MD",
        "a/reports/README.md",
    ]
    assert unlisted == []


def test_a_folders_non_reports_are_left_out_but_a_named_one_gets_a_row(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    fixtures = tmp_path / "fixtures"
    code, out, err = run_summary("--format", "csv", str(fixtures), str(fixtures / "README.md"), "missing.md")
    rows = {r["path"]: r for r in csv.DictReader(io.StringIO(out))}
    reports = len(list(FIXTURES.glob("*/README.md")))
    assert len(rows) == reports + 2  # the fixture reports, the fixtures' own README.md (named), missing.md
    assert rows[str(fixtures / "README.md")]["error"] == NOT_A_REPORT
    assert rows["missing.md"]["error"] == "no such file"
    assert code == 2
    assert err == (f"reportlint: {fixtures / 'README.md'}: {NOT_A_REPORT}\nreportlint: missing.md: no such file\n")


def test_a_file_named_and_found_in_a_folder_is_one_row() -> None:
    code, out, _ = run_summary(
        "--format", "json", str(FIXTURES / "pass-2025"), str(FIXTURES / "pass-2025" / "README.md")
    )
    assert (code, [r["path"] for r in json.loads(out)]) == (0, [str(FIXTURES / "pass-2025" / "README.md")])


def test_a_group_folder_without_a_report_is_a_row(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "pass-2025", tmp_path / "g1" / "reports")
    (tmp_path / "g2" / "reports").mkdir(parents=True)
    (tmp_path / "g2" / "reports" / "notes.md").write_text("# notes\n", encoding="utf-8")
    (tmp_path / "g3").mkdir()
    code, out, err = run_summary("--format", "json", str(tmp_path))
    rows = json.loads(out)
    assert [(r["group"], r["error"]) for r in rows] == [
        ("g1", None),
        ("g2", "no report in this folder"),
        ("g3", "no report in this folder"),
    ]
    assert code == 2 and f"reportlint: {tmp_path / 'g3'}: no report in this folder" in err


def test_one_groups_own_folders_are_not_groups(tmp_path: Path) -> None:
    """Given one group's repository, its `src/` and `docs/` are not groups without a report."""
    shutil.copytree(FIXTURES / "pass-2025", tmp_path / "g1" / "reports")
    (tmp_path / "g1" / "src").mkdir()
    (tmp_path / "g1" / "docs").mkdir()
    (tmp_path / "g1" / "docs" / "notes.md").write_text("# notes\n", encoding="utf-8")
    code, out, _ = run_summary("--format", "json", str(tmp_path / "g1"))
    assert (code, [r["group"] for r in json.loads(out)]) == (0, ["g1"])


def test_a_report_not_named_readme_is_a_row_with_a_warning(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "pass-2025", tmp_path / "g1" / "reports")
    (tmp_path / "g1" / "reports" / "README.md").rename(tmp_path / "g1" / "reports" / "Report.md")
    code, out, _ = run_summary("--format", "json", str(tmp_path))
    (r,) = json.loads(out)
    assert (code, r["course_passed"], r["note"]) == (0, 31, "named Report.md: the course fetches only README.md")


def test_two_reports_of_one_group_are_two_rows_that_say_so(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "pass-2025", tmp_path / "g1" / "reports")
    (tmp_path / "g1" / "README.md").write_text(build_report({7: "short"}), encoding="utf-8")
    rows = json.loads(run_summary("--format", "json", str(tmp_path))[1])
    assert [(r["path"][len(str(tmp_path)) + 1 :], r["note"]) for r in rows] == [
        ("g1/README.md", "one of 2 reports of this group"),
        ("g1/reports/README.md", "one of 2 reports of this group"),
    ]


def test_a_bad_configuration_is_one_groups_row_not_the_end_of_the_run(tmp_path: Path) -> None:
    for name in ("g1", "g2"):
        shutil.copytree(FIXTURES / "pass-2025", tmp_path / name / "reports")
    (tmp_path / "g2" / "reports" / ".reportlint.toml").write_text("colour = 'red'\n", encoding="utf-8")
    code, out, _ = run_summary("--format", "json", str(tmp_path))
    first, second = json.loads(out)
    assert (code, first["passing"], second["passing"]) == (2, 31, None)
    assert "colour: unknown key" in second["error"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a folder this user cannot list")
def test_a_folder_that_cannot_be_listed_is_a_row(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "pass-2025", tmp_path / "g1" / "reports")
    (tmp_path / "g2").mkdir(mode=0o000)
    try:
        code, out, _ = run_summary("--format", "csv", str(tmp_path))
    finally:
        (tmp_path / "g2").chmod(0o755)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 2 and rows[1]["path"] == str(tmp_path / "g2")
    assert rows[1]["error"] == "folder cannot be read: Permission denied"


def test_nothing_to_summarise_exits_2(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# notes\n", encoding="utf-8")
    code, out, err = run_summary("--format", "json", str(tmp_path))
    assert (code, json.loads(out)) == (2, [])
    assert err.startswith(f"reportlint: no report found in {tmp_path}")
    assert run_summary()[0] == 2  # PATH is required: a usage error


# --- whose rules: the groups', one file's, or the course's ------------------------------------------


@pytest.fixture
def own_rules(tmp_path: Path) -> Path:
    """A group whose configuration ignores the length checks, and a staff configuration ignoring unanswered."""
    shutil.copytree(FIXTURES / "fail-length", tmp_path / "groups" / "g1" / "reports")
    (tmp_path / "groups" / "g1" / "reports" / ".reportlint.toml").write_text('ignore = ["RL2"]\n', encoding="utf-8")
    (tmp_path / "staff.toml").write_text('ignore = ["RL3"]\n', encoding="utf-8")
    return tmp_path


def errors_with(own_rules: Path, *args: str) -> str:
    (r,) = rows_of([*args, str(own_rules / "groups")])
    return r["errors"]


def test_the_groups_own_configuration_applies_by_default(own_rules: Path) -> None:
    assert errors_with(own_rules) == "0"


def test_no_config_holds_every_group_to_the_course_template(own_rules: Path) -> None:
    assert errors_with(own_rules, "--no-config") == "4"


def test_config_holds_every_group_to_one_file(own_rules: Path) -> None:
    assert errors_with(own_rules, "--config", str(own_rules / "staff.toml")) == "4"
    (own_rules / "pyproject.toml").write_text('[tool.reportlint]\nignore = ["RL201"]\n', encoding="utf-8")
    assert errors_with(own_rules, "--config", str(own_rules / "pyproject.toml")) == "3"


def test_select_and_ignore_on_the_command_line_each_replace_the_configurations(own_rules: Path) -> None:
    assert errors_with(own_rules, "--ignore", "RL3") == "4"  # the group's ignore of RL2 is replaced
    assert errors_with(own_rules, "--select", "RL201") == "0"  # selected, but the group's ignore still holds
    assert errors_with(own_rules, "--select", "RL201", "--ignore", "RL5") == "1"
    assert errors_with(own_rules, "--no-config", "--select", "RL201,RL202") == "2"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "RL9"], "'RL9' is not a finding code or a prefix of one"),
        (["--config", "nowhere.toml"], "nowhere.toml: file: no such file"),
        (["--config", "x.toml", "--no-config"], "not allowed with argument"),
    ],
)
def test_a_bad_rules_option_is_a_usage_error(args: list[str], message: str, own_rules: Path) -> None:
    code, _, err = run_summary(*args, str(own_rules / "groups"), cwd=own_rules)
    assert code == 2 and message in err


# --- several hundred groups, in every format, on every core -----------------------------------------


def typed(record: dict[str, Any]) -> dict[str, str]:
    """A JSON value as the CSV writes it."""
    return {key: "" if value is None else str(value) for key, value in record.items()}


def test_csv_of_every_group_reads_back_with_every_column(scraped: generated.Scrape) -> None:
    done = process("--format", "csv", "groups", cwd=scraped.root)
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert list(rows[0]) == list(FIELDS)
    assert rows == [typed(record) for record in generated.expected(scraped, before=False)]
    assert done.returncode == 2  # a group without a report and an unreadable one; the run went on
    assert done.stderr.splitlines() == [
        f"reportlint: groups/{generated.name(generated.NO_REPORT)}: no report in this folder",
        f"reportlint: {generated.report(generated.UNREADABLE)}: is binary (it holds NUL bytes), not a markdown report",
    ]


def test_json_of_every_group_reads_back_with_every_column(scraped: generated.Scrape) -> None:
    done = process("--format", "json", "groups", cwd=scraped.root)
    assert json.loads(done.stdout) == generated.expected(scraped, before=False)
    assert "\r" not in done.stderr and "reportlint summary" not in done.stderr


def test_before_over_every_group_reads_each_repository_at_the_deadline(scraped: generated.Scrape) -> None:
    done = process("--format", "json", "--before", generated.DEADLINE, "groups", cwd=scraped.root)
    assert json.loads(done.stdout) == generated.expected(scraped, before=True)


def shown(record: dict[str, Any]) -> dict[str, str]:
    """What the table shows of a row."""
    values = typed(record)
    course = "stops" if record["course_stops"] else f"{values['course_passed']}/{values['questions']}"
    when = record["commit_date"]
    notes = [record["error"]] if record["error"] else []
    if record["after_commit"]:
        late = datetime.fromisoformat(record["after_date"])
        notes.append(f"late change {late:%Y-%m-%d %H:%M} ({record['after_commit'][:7]})")
    notes += [record["note"]] if record["note"] else []
    return {
        "group": record["group"],
        "course": "" if record["error"] else course,
        "errors": values["errors"],
        "warnings": values["warnings"],
        "unanswered": values["unanswered"],
        "fig-absent": values["figures_absent"],
        "template": values["template"],
        "commit": values["commit"][:7],
        "committed": f"{datetime.fromisoformat(when):%Y-%m-%d %H:%M}" if when else "",
        **{f"findings_{family}": values[f"findings_{family}"] for family in FAMILIES},
        "path": record["path"],
        "note": "; ".join(notes),
    }


@pytest.mark.parametrize("before", [False, True])
def test_the_table_of_every_group_reads_back_column_by_column(
    scraped: generated.Scrape, before: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every column, on a terminal wide enough for all of them; and the 120-column table, one line each."""
    args = ["--before", generated.DEADLINE] if before else []
    expected = [shown(record) for record in generated.expected(scraped, before)]
    narrow = run_summary(*args, "groups", cwd=scraped.root)[1]
    monkeypatch.setattr(summary_command, "TABLE_WIDTH", 1000)
    wide = run_summary(*args, "groups", cwd=scraped.root)[1]
    headers, rows = cells(wide)
    assert headers == list(expected[0])
    assert rows[:-1] == expected
    assert rows[-1]["errors"] == str(sum(int(r["errors"] or 0) for r in expected))
    assert all(len(line) <= 120 for line in narrow.splitlines())
    narrow_headers, narrow_rows = cells(narrow)
    assert narrow_headers[:2] == ["group", "course"] and narrow_headers[-1] == "note"
    for got, want in zip(narrow_rows, expected):
        assert {key: got[key] for key in got if key != "note"} == {key: want[key] for key in got if key != "note"}
        cut = got["note"].endswith("...") and want["note"].startswith(got["note"][:-3])
        assert got["note"] == want["note"] or cut


def test_per_question_rows_of_every_group_agree_with_check(scraped: generated.Scrape) -> None:
    done = process("--per-question", "groups", cwd=scraped.root)
    records = list(csv.DictReader(io.StringIO(done.stdout)))
    by_path: dict[str, list[dict[str, str]]] = {}
    for record in records:
        by_path.setdefault(record["path"], []).append(record)
    for index in range(1, generated.GROUPS + 1):
        path = generated.report(index)
        document = generated.checked(scraped.root / path)
        assert [(r["question"], r["status"], r["words"], r["images"]) for r in by_path[path]] == [
            (str(q["number"]), q["state"], str(q["words"]), str(q["images"])) for q in document["questions"]
        ]
        codes = {
            q["number"]: [f["code"] for f in document["findings"] if f["question"] == q["number"]]
            for q in document["questions"]
        }
        assert [r["codes"].split() for r in by_path[path]] == list(codes.values())
    assert by_path[f"groups/{generated.name(generated.NO_REPORT)}"][0]["error"] == "no report in this folder"


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
def test_a_progress_bar_on_a_terminal_only(scraped: generated.Scrape) -> None:
    """On a terminal the long run shows a bar on standard error; standard output stays the table alone."""
    import pty

    main_fd, terminal = pty.openpty()
    shown_bytes: list[bytes] = []

    def read() -> None:
        while True:
            try:
                data = os.read(main_fd, 4096)
            except OSError:  # the terminal closed
                return
            if not data:
                return
            shown_bytes.append(data)

    reader = threading.Thread(target=read)
    reader.start()
    done = subprocess.run(
        [sys.executable, "-m", "reportlint", "summary", "--format", "csv", "groups"],
        cwd=scraped.root,
        stdout=subprocess.PIPE,
        stderr=terminal,
        check=False,
    )
    os.close(terminal)
    reader.join(timeout=10)
    os.close(main_fd)
    bar = b"".join(shown_bytes).decode()
    files = generated.GROUPS + 5  # the odd groups' files: a note, a report of another name, two, an unreadable one
    assert "\rreportlint summary [" in bar and f"] {files}/{files}" in bar  # its carriage returns, not escaped
    assert done.stdout.decode().count("\n") == len(generated.expected(scraped, False)) + 1
    assert b"reportlint summary" not in done.stdout


def test_progress_comes_in_slices_that_keep_every_core_busy() -> None:
    assert [len(part) for part in slices(["p"] * 150, 200)] == [8] * 18 + [6]
    assert [len(part) for part in slices(["p"] * 300, 200)] == [300]
    assert [len(part) for part in slices(["p"] * 1000, 200)] == [200] * 5


# --- the README ------------------------------------------------------------------------------------


def documented_runs() -> list[tuple[str, str]]:
    """Each `$ reportlint summary ...` sample with its output, from the README."""
    text = (PROJECT / "README.md").read_text(encoding="utf-8")
    runs = []
    for block in text.split("```console\n")[1:]:
        command, _, output = block.split("\n```", 1)[0].partition("\n")
        if command.startswith("$ reportlint summary"):
            runs.append((command, output + "\n"))
    return runs


@pytest.mark.parametrize(("command", "output"), documented_runs())
def test_the_readme_samples_are_real_output(command: str, output: str, tmp_path: Path) -> None:
    """Run where the README says: a copy of this repository's fixtures as `scrape/`, outside any git work tree."""
    shutil.copytree(FIXTURES, tmp_path / "scrape", ignore=shutil.ignore_patterns("expected.txt"))
    _, out, _ = run_summary(*command.split()[3:], cwd=tmp_path)
    assert out == output


def test_the_readme_shows_summary_samples() -> None:
    assert len(documented_runs()) == 2
