"""Staff mode: `reportlint summary` gives one row per report, as a table, CSV or JSON, over hundreds of groups."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import FIXTURES, build_report, git, invoke
from reportlint.commands.summary import markdown_files, slices
from reportlint.lint import lint
from reportlint.output.table import FIELDS, NOT_A_REPORT, Row, csv_text, error_row, json_text, row, sort_rows, table
from reportlint.rules import RULES

PROJECT = Path(__file__).resolve().parents[1]

# What each fixture's row holds: template, questions, passing, unanswered, failing, words,
# figures_missing, figures_broken, figures_untracked, compat.
EXPECTED = {
    "pass-2025": ("dtu-mlops-2025", 31, 31, 0, 0, 3588, 0, 0, 0, 0),
    "pass-2023": ("dtu-mlops-2023", 27, 27, 0, 0, 2943, 0, 0, 0, 0),
    "fail-length": ("dtu-mlops-2025", 31, 27, 0, 4, 3659, 0, 0, 0, 0),
    "fail-figures": ("dtu-mlops-2025", 31, 25, 0, 6, 3596, 1, 9, 0, 0),  # .svg and remote: warnings, they pass
    "fail-unanswered": ("dtu-mlops-2025", 31, 29, 2, 0, 3392, 0, 0, 0, 0),  # placeholder beside, dashes: warnings
    "fail-grader-cut": ("dtu-mlops-2025", 31, 30, 0, 1, 3590, 0, 0, 0, 1),
}
KINDS = list(EXPECTED)
GROUPS = 300


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


def group(index: int) -> str:
    return f"groups/g{index:03d}/reports/README.md"


@pytest.fixture(scope="module")
def scrape(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What staff have after the deadline: one git repository holding every group's scraped `reports/`.

    Groups cycle through six fixtures; g007 lost a figure, g013 never committed one, g301 and g302 are
    unreadable, and markdown that is no report (or sits in `.git`-like, `node_modules` or virtual
    environment folders) must not become rows.
    """
    root = tmp_path_factory.mktemp("scrape")
    for index in range(1, GROUPS + 1):
        shutil.copytree(
            FIXTURES / KINDS[(index - 1) % len(KINDS)],
            root / group(index).rsplit("/", 1)[0],
            ignore=shutil.ignore_patterns("expected.txt"),
        )
    (root / group(7)).with_name("figures").joinpath("bucket.png").unlink()
    (root / group(1)).with_name("notes.md").write_text("# Meeting notes\n\nNo questions here.\n", encoding="utf-8")
    report = (FIXTURES / "pass-2025" / "README.md").read_bytes()
    for hidden in (".backup/README.md", "node_modules/pkg/README.md", "venv/lib/README.md"):
        (root / "groups" / hidden).parent.mkdir(parents=True)
        (root / "groups" / hidden).write_bytes(report)
    (root / "groups" / "venv" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "rm", "-q", "--cached", group(13).replace("README.md", "figures/registry.png"))
    for index, data in ((301, report[:100] + b"\x00" + report[100:]), (302, report.replace(b"gearwatch", b"g\xe9ar"))):
        (root / group(index)).parent.mkdir(parents=True)
        (root / group(index)).write_bytes(data)
    return root


def expected_row(index: int) -> tuple[object, ...]:
    values = EXPECTED[KINDS[(index - 1) % len(KINDS)]]
    if index == 7:  # figures/bucket.png deleted: Q19 fails
        return (*values[:2], 30, 0, 1, values[5], 1, 0, 0, 0)
    if index == 13:  # figures/registry.png not committed: Q20 fails
        return (*values[:2], 30, 0, 1, values[5], 0, 0, 1, 0)
    return values


UNREADABLE = {
    group(301): "is binary (it holds NUL bytes), not a markdown report",
    group(302): "is not UTF-8 text (byte 0xe9 at offset ",
}


# --- the pure part: a result -> a row, rows -> text -------------------------------------------------


def test_a_row_counts_questions_words_and_findings_by_kind() -> None:
    text = build_report({7: "too short", 27: "--- question 27 fill here ---"})
    result = lint(text, "reports/README.md")
    assert result is not None
    words = sum(status.words for status in result.verdict.questions)
    assert row(result.outcome()) == Row("reports/README.md", "dtu-mlops-2025", 31, 29, 1, 1, words, 0, 0, 0, 0, None)


@pytest.mark.parametrize("kind", KINDS)
def test_each_fixture_row_agrees_with_check_json(kind: str) -> None:
    path = str(FIXTURES / kind / "README.md")
    code, out, _ = run_summary("--format", "json", path)
    (summary,) = json.loads(out)
    checked = json.loads(invoke(["check", "--format", "json", path]).stdout)["reports"][0]
    assert code == 0
    assert tuple(summary[field] for field in FIELDS[1:-1]) == EXPECTED[kind]
    assert summary["passing"] == checked["questions_passed"]
    assert summary["words"] == sum(question["words"] for question in checked["questions"])
    figures = [f["code"] for f in checked["findings"] if RULES[f["code"]].family == "figures"]
    assert summary["figures_broken"] == len([code for code in figures if code not in ("RL401", "RL409")])


ROWS = [
    Row("groups/g10/reports/README.md", "dtu-mlops-2025", 31, 27, 0, 4, 3659, 0, 0, 0, 0),
    error_row("groups/g3/reports/README.md", "is binary (it holds NUL bytes), not a markdown report"),
    Row("groups/g2/reports/README.md", "dtu-mlops-2023", 27, 26, 1, 0, 2700, 0, 1, 2, 1),
]


def test_rows_sort_by_path_with_numbers_in_order() -> None:
    assert [r.path for r in sort_rows(ROWS)] == [
        "groups/g2/reports/README.md",
        "groups/g3/reports/README.md",
        "groups/g10/reports/README.md",
    ]


def test_the_table_aligns_columns_and_ends_with_totals() -> None:
    assert table(sort_rows(ROWS)).splitlines() == [
        "path                          template        passing  unanswered  failing  words  fig-missing  fig-broken  untracked  compat  error",
        "----------------------------  --------------  -------  ----------  -------  -----  -----------  ----------  ---------  ------  -----------------------------------------------------",
        "groups/g2/reports/README.md   dtu-mlops-2023    26/27           1        0   2700            0           1          2       1",
        "groups/g3/reports/README.md                                                                                                    is binary (it holds NUL bytes), not a markdown report",
        "groups/g10/reports/README.md  dtu-mlops-2025    27/31           0        4   3659            0           0          0       0",
        "----------------------------  --------------  -------  ----------  -------  -----  -----------  ----------  ---------  ------  -----------------------------------------------------",
        "total: 3 reports                                53/58           1        4   6359            0           1          2       1  1 unreadable",
    ]


def test_the_table_has_no_error_column_when_every_file_was_read() -> None:
    header = table([ROWS[0]]).splitlines()[0]
    assert header.split() == [
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
    ]


def test_csv_and_json_carry_every_field_with_empty_or_null_for_an_unreadable_file() -> None:
    assert csv_text(ROWS[:2]) == (
        "path,template,questions,passing,unanswered,failing,words,figures_missing,figures_broken,"
        "figures_untracked,compat,error\n"
        "groups/g10/reports/README.md,dtu-mlops-2025,31,27,0,4,3659,0,0,0,0,\n"
        'groups/g3/reports/README.md,,,,,,,,,,,"is binary (it holds NUL bytes), not a markdown report"\n'
    )
    assert json.loads(json_text(ROWS[1:2])) == [
        dict.fromkeys(FIELDS)
        | {"path": "groups/g3/reports/README.md", "error": "is binary (it holds NUL bytes), not a markdown report"}
    ]


# --- finding reports in folders ---------------------------------------------------------------------


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


def test_a_folders_non_reports_are_left_out_but_a_named_one_gets_a_row() -> None:
    code, out, err = run_summary("--format", "csv", str(FIXTURES), str(FIXTURES / "README.md"), "missing.md")
    rows = {r["path"]: r for r in csv.DictReader(io.StringIO(out))}
    assert len(rows) == 25  # the 23 fixture reports, the fixtures' own README.md (named), missing.md
    assert rows[str(FIXTURES / "README.md")]["error"] == NOT_A_REPORT
    assert rows["missing.md"]["error"] == "no such file"
    assert code == 2
    assert err == (f"reportlint: {FIXTURES / 'README.md'}: {NOT_A_REPORT}\nreportlint: missing.md: no such file\n")


def test_a_file_named_and_found_in_a_folder_is_one_row() -> None:
    code, out, _ = run_summary(
        "--format", "json", str(FIXTURES / "pass-2025"), str(FIXTURES / "pass-2025" / "README.md")
    )
    assert (code, [r["path"] for r in json.loads(out)]) == (0, [str(FIXTURES / "pass-2025" / "README.md")])


def test_a_bad_configuration_is_one_groups_row_not_the_end_of_the_run(tmp_path: Path) -> None:
    for name in ("g1", "g2"):
        shutil.copytree(FIXTURES / "pass-2025", tmp_path / name / "reports")
    (tmp_path / "g2" / "reports" / ".reportlint.toml").write_text("colour = 'red'\n", encoding="utf-8")
    code, out, _ = run_summary("--format", "json", str(tmp_path))
    first, second = json.loads(out)
    assert (code, first["passing"], second["passing"]) == (2, 31, None)
    assert "colour: unknown key" in second["error"]


def test_staff_can_hold_every_group_to_the_course_template(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "fail-length", tmp_path / "g1" / "reports")
    (tmp_path / "g1" / "reports" / ".reportlint.toml").write_text('ignore = ["RL2"]\n', encoding="utf-8")
    own = json.loads(run_summary("--format", "json", str(tmp_path))[1])
    course = json.loads(run_summary("--format", "json", "--no-config", str(tmp_path))[1])
    assert (own[0]["passing"], course[0]["passing"]) == (31, 27)


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


# --- several hundred groups, in every format, on every core -----------------------------------------


def test_csv_of_every_group_reads_back_with_the_csv_module(scrape: Path) -> None:
    done = process("--format", "csv", "groups", cwd=scrape)
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert list(rows[0]) == list(FIELDS)
    assert [r["path"] for r in rows] == [group(i) for i in range(1, GROUPS + 3)]  # sorted; nothing else found
    for index in range(1, GROUPS + 1):
        r = rows[index - 1]
        assert (r["template"], *(int(r[field]) for field in FIELDS[2:-1]), r["error"]) == (*expected_row(index), "")
    for path, reason in UNREADABLE.items():
        r = rows[int(path[8:11]) - 1]
        assert r["error"].startswith(reason) and r["passing"] == r["template"] == ""
    # The run went on past the unreadable files and says so in its exit code; no progress bar in a pipe.
    assert done.returncode == 2
    messages = done.stderr.splitlines()
    assert len(messages) == 2
    for message, (path, reason) in zip(messages, UNREADABLE.items()):
        assert message.startswith(f"reportlint: {path}: {reason}")


def test_json_of_every_group_reads_back_with_the_json_module(scrape: Path) -> None:
    done = process("--format", "json", "groups", cwd=scrape)
    rows = json.loads(done.stdout)
    assert len(rows) == GROUPS + 2 and all(list(r) == list(FIELDS) for r in rows)
    assert [tuple(r[field] for field in FIELDS[1:-1]) for r in rows[:GROUPS]] == [
        expected_row(index) for index in range(1, GROUPS + 1)
    ]
    assert [r["error"] is None for r in rows] == [True] * GROUPS + [False, False]
    assert rows[-1]["words"] is None
    assert "\r" not in done.stderr and "reportlint summary" not in done.stderr


def test_table_of_every_group_has_a_header_a_line_each_and_totals(scrape: Path) -> None:
    done = process("groups", cwd=scrape)
    lines = done.stdout.splitlines()
    assert lines[0].split() == [
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
    ]
    assert len(lines) == 2 + (GROUPS + 2) + 2
    assert lines[2].split() == [group(1), "dtu-mlops-2025", "31/31", "0", "0", "3588", "0", "0", "0", "0"]
    sums = [sum(int(str(expected_row(index)[i])) for index in range(1, GROUPS + 1)) for i in range(1, 10)]
    questions, passing, *counts = (str(total) for total in sums)
    assert lines[-1].split() == [
        "total:",
        f"{GROUPS + 2}",
        "reports",
        f"{passing}/{questions}",
        *counts,
        "2",
        "unreadable",
    ]


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
def test_a_progress_bar_on_a_terminal_only(scrape: Path) -> None:
    """On a terminal the long run shows a bar on standard error; standard output stays the table alone."""
    import pty

    main_fd, terminal = pty.openpty()
    shown: list[bytes] = []

    def read() -> None:
        while True:
            try:
                data = os.read(main_fd, 4096)
            except OSError:  # the terminal closed
                return
            if not data:
                return
            shown.append(data)

    reader = threading.Thread(target=read)
    reader.start()
    done = subprocess.run(
        [sys.executable, "-m", "reportlint", "summary", "--format", "csv", "groups"],
        cwd=scrape,
        stdout=subprocess.PIPE,
        stderr=terminal,
        check=False,
    )
    os.close(terminal)
    reader.join(timeout=10)
    os.close(main_fd)
    bar = b"".join(shown).decode()
    assert "reportlint summary [" in bar and f"] {GROUPS + 3}/{GROUPS + 3}" in bar
    assert done.stdout.decode().count("\n") == GROUPS + 3 and b"reportlint summary" not in done.stdout


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
def test_the_readme_samples_are_real_output(command: str, output: str) -> None:
    _, out, _ = run_summary(*command.split()[3:], cwd=PROJECT)
    assert out == output


def test_the_readme_shows_summary_samples() -> None:
    assert len(documented_runs()) == 2
