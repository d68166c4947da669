"""The console script's output, whatever it is written to: a console on another code page, a pipe closed early,
a full disk. Every command is run as a real process, as a shell runs it."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, build_report, invoke, write

# Every command and format the command line has, each with the exit code it has on the folder below.
RUNS = {
    "check-text": (["check", "{report}"], 1),
    "check-json": (["check", "--format", "json", "{report}"], 1),
    "check-github": (["check", "--format", "github", "{report}"], 1),
    "check-sarif": (["check", "--format", "sarif", "{report}"], 1),
    "check-statistics": (["check", "--statistics", "{report}"], 1),
    "summary-table": (["summary", "{report}"], 0),
    "summary-csv": (["summary", "--format", "csv", "{report}"], 0),
    "summary-json": (["summary", "--format", "json", "{report}"], 0),
    "html-stdout": (["html", "-o", "-", "{report}"], 0),
    "rules": (["rules"], 0),
    "templates": (["templates"], 0),
}
JSON_RUNS = ("check-json", "check-sarif", "summary-json")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A failing report whose path and answers hold characters no Windows code page has, in a folder whose
    name has one that cp1252 does have."""
    folder = tmp_path_factory.mktemp("console") / "Skærm 🤗" / "reports"
    shutil.copytree(FIXTURES / "fail-length", folder)
    readme = folder / "README.md"
    text = readme.read_text(encoding="utf-8").replace("We tracked", "Vi målte 🤗 and we tracked")
    readme.unlink()
    return write(folder, text, "Rapport 🤗.md")


def reportlint(args: list[str], report: Path, **options: object) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "reportlint", *(arg.format(report=report) for arg in args)]
    return subprocess.run(command, cwd=report.parent, check=False, **options)  # type: ignore[call-overload, no-any-return]


@pytest.mark.parametrize("name", sorted(RUNS))
def test_a_console_on_another_code_page_gets_the_same_run(name: str, report: Path) -> None:
    args, code = RUNS[name]
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    ran = reportlint(args, report, capture_output=True, env=env)
    assert (ran.returncode, ran.stderr.decode("utf-8", "replace")) == (code, "")
    if name in JSON_RUNS or name in ("summary-csv", "html-stdout"):  # documents: UTF-8, whatever the console's
        assert "Rapport 🤗.md" in ran.stdout.decode("utf-8")
    if name in JSON_RUNS:
        json.loads(ran.stdout.decode("utf-8"))
    if name == "check-text":  # lines for the console: what cp1252 lacks is escaped, what it has is kept
        assert "Skærm \\U0001f917".encode("cp1252") in ran.stdout


@pytest.mark.parametrize("name", sorted(RUNS))
def test_a_pipe_closed_before_reading_ends_quietly_with_the_exit_code(name: str, report: Path) -> None:
    args, code = RUNS[name]
    read, written = os.pipe()
    os.close(read)  # as `| head -1` does once it has its line, here before the first write
    try:
        ran = reportlint(args, report, stdout=written, stderr=subprocess.PIPE)
    finally:
        os.close(written)
    assert (ran.returncode, ran.stderr.decode()) == (code, "")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("name", ["check-text", "check-json", "summary-table", "html-stdout"])
def test_a_full_disk_is_one_line_and_exit_2(name: str, report: Path) -> None:
    args, _ = RUNS[name]
    with open("/dev/full", "wb") as full:
        ran = reportlint(args, report, stdout=full, stderr=subprocess.PIPE)
    assert (ran.returncode, ran.stderr.decode()) == (2, "reportlint: standard output: No space left on device\n")


def test_a_pipe_closed_midway_keeps_the_exit_code(tmp_path: Path) -> None:
    """More output than a pipe holds, read one line at a time and closed after the first, as `| head -1`."""
    folder = tmp_path / "reports"
    folder.mkdir()
    failing = build_report(dict.fromkeys(range(1, 32), ""))  # 31 findings a report
    paths = [str(write(folder, failing, f"r{index}.md")) for index in range(40)]  # well over 64 KB
    process = subprocess.Popen(
        [sys.executable, "-m", "reportlint", *paths], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    error = process.stderr.read()
    process.stderr.close()
    assert (process.wait(), error, b"RL301" in first) == (1, b"", True)


@pytest.mark.parametrize("into", ["pipe", "file"])
def test_all_output_arrives_though_the_process_ends_without_teardown(tmp_path: Path, into: str) -> None:
    """The console script ends with os._exit once it has flushed: more than a pipe or a buffer holds, all of it
    read back, in JSON that would not parse if it were cut."""
    folder = tmp_path / "reports"
    folder.mkdir()
    failing = build_report(dict.fromkeys(range(1, 32), ""))
    paths = [str(write(folder, failing, f"r{index}.md")) for index in range(40)]
    command = [sys.executable, "-m", "reportlint", "check", "--format", "json", *paths]
    if into == "pipe":
        ran = subprocess.run(command, capture_output=True, check=False)
        out = ran.stdout
    else:
        with open(tmp_path / "out.json", "wb") as handle:
            ran = subprocess.run(command, stdout=handle, stderr=subprocess.PIPE, check=False)
        out = (tmp_path / "out.json").read_bytes()
    assert (ran.returncode, ran.stderr, len(out) > 64 * 1024) == (1, b"", True)
    assert len(json.loads(out)["reports"]) == 40


def test_html_without_files_inside_reports_renders_the_readme_there(report_dir: Path) -> None:
    write(report_dir, build_report())
    ran = invoke(["html"], cwd=report_dir)
    assert ran.exit_code == 1  # a new page
    assert ran.stdout.startswith("reportlint: wrote report.html (from README.md)")
    assert (report_dir / "report.html").is_file()


def test_check_without_files_inside_reports_checks_the_readme_there(report_dir: Path) -> None:
    write(report_dir, build_report())
    ran = invoke(["check"], cwd=report_dir)
    assert (ran.exit_code, ran.stdout) == (0, "README.md: dtu-mlops-2025: course check 31/31 · no findings\n")


def test_a_stream_with_no_raw_layer_is_kept_and_escapes_what_it_cannot_encode() -> None:
    from reportlint.commands.console import guard

    memory = io.BytesIO()  # no raw layer under it, as in a test that captures output
    stream = io.TextIOWrapper(memory, encoding="ascii")
    kept, guarded = guard(stream)
    kept.write("ø")
    kept.flush()
    assert (kept is stream, guarded, memory.getvalue()) == (True, None, b"\\xf8")


def test_the_guarded_stream_is_still_the_same_file_for_whoever_asks(tmp_path: Path) -> None:
    from reportlint.commands.console import Guarded

    with open(tmp_path / "out", "wb", buffering=0) as raw:
        guarded = Guarded(raw)
        assert (guarded.fileno(), guarded.isatty(), guarded.writable()) == (raw.fileno(), False, True)
