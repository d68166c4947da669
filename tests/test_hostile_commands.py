"""Hostile and odd input at the command line: link loops, FIFOs, sockets and links where a page goes, file names
that are not UTF-8, escape sequences in reports and names, Ctrl-C. Each is one line and a defined exit code,
never a traceback, a hang, a replaced device or a terminal taken over."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import build_report, invoke, write
from reportlint.api import Checker
from reportlint.commands.console import Lines, shown
from reportlint.edge import pagefile

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links, FIFOs and signals as POSIX has them")
LOOP = "is a symbolic link that loops"
ESCAPE_LINK = '<img src="\x1b]0;pwn\x07a.png">'  # would retitle an xterm, and ring its bell


def reportlint(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    """The console script as a shell runs it, its output as bytes."""
    command = [sys.executable, "-m", "reportlint", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, timeout=timeout, check=False)


@pytest.fixture
def looped(tmp_path: Path) -> Path:
    """A group folder with a report, two links that lead to each other and a link that leads nowhere."""
    folder = tmp_path / "group"
    folder.mkdir()
    write(folder, build_report())
    (folder / "a.md").symlink_to("b.md")
    (folder / "b.md").symlink_to("a.md")
    (folder / "gone.md").symlink_to("nowhere.md")
    return folder


# --- files that cannot be read: a row or a line each, and the run goes on -------------------------------------


@POSIX
def test_summary_gives_a_link_loop_its_own_row(looped: Path) -> None:
    ran = invoke(["summary", str(looped), "--format", "json"])
    rows = {Path(row["path"]).name: row["error"] for row in json.loads(ran.stdout)}
    assert ran.exit_code == 2
    assert rows["README.md"] is None
    assert rows["a.md"] == rows["b.md"] == LOOP


@POSIX
def test_summary_gives_a_link_to_nothing_its_own_row(looped: Path) -> None:
    ran = invoke(["summary", str(looped), "--format", "csv"])
    assert "gone.md" in ran.stdout and "is a symbolic link to a missing file" in ran.stdout


@POSIX
def test_summary_table_and_errors_name_each_file_that_cannot_be_read(looped: Path) -> None:
    ran = reportlint("summary", "group", cwd=looped.parent)
    err = ran.stderr.decode()
    assert ran.returncode == 2 and b"Traceback" not in ran.stderr
    assert [line.split(":")[1].strip() for line in err.splitlines()] == [
        os.path.join("group", name) for name in ("a.md", "b.md", "gone.md")
    ]
    assert "4 rows, 3 without counts" in ran.stdout.decode()


@POSIX
def test_summary_gives_a_fifo_in_a_folder_a_row_without_opening_it(tmp_path: Path) -> None:
    write(tmp_path, build_report())
    os.mkfifo(tmp_path / "pipe.md")
    ran = reportlint("summary", ".", "--format", "json", cwd=tmp_path, timeout=60)
    assert ran.returncode == 2
    rows = {Path(row["path"]).name: row for row in json.loads(ran.stdout)}
    assert sorted(rows) == ["README.md", "pipe.md"]
    assert rows["pipe.md"]["error"] == "is a FIFO, not a file"
    assert ran.stderr.decode().endswith("pipe.md: is a FIFO, not a file\n")


@POSIX
def test_check_says_one_line_for_a_link_loop_and_checks_the_other_files(looped: Path) -> None:
    ran = invoke(["check", "-q", str(looped / "a.md"), str(looped / "README.md")])
    assert ran.exit_code == 2
    assert ran.stderr.splitlines() == [f"reportlint: {looped / 'a.md'}: {LOOP}"]
    assert "Traceback" not in ran.stderr


@POSIX
def test_html_says_one_line_for_a_link_loop_and_writes_the_other_page(looped: Path) -> None:
    ran = invoke(["html", str(looped / "a.md"), str(looped / "README.md")])
    assert ran.exit_code == 2
    assert ran.stderr.count("\n") == 1 and ran.stderr.startswith(f"reportlint: {looped / 'a.md'}: ")
    assert (looped / "report.html").is_file()


def refusing(monkeypatch: pytest.MonkeyPatch, method: str, name: str) -> None:
    """Make the run context's `method` meet an OSError for the file called `name`, as no real file can make it
    (the edge turns the ones a file can cause into ReadError); every other file as usual."""
    real = getattr(Checker, method)

    def fails(self: Checker, path: str, *args: object) -> object:
        if Path(path).name == name:
            raise PermissionError(13, "Permission denied", path)
        return real(self, path, *args)

    monkeypatch.setattr(Checker, method, fails)


def test_check_says_one_line_for_any_os_error_of_a_file(report_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(report_dir, build_report())
    write(report_dir, build_report(), "other.md")
    refusing(monkeypatch, "check", "other.md")
    ran = invoke(["check", "-q", "README.md", "other.md"], cwd=report_dir)
    assert (ran.exit_code, ran.stderr) == (2, "reportlint: other.md: Permission denied\n")


def test_summary_gives_any_os_error_of_a_file_its_row(report_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(report_dir, build_report())
    write(report_dir, build_report(), "other.md")
    refusing(monkeypatch, "lint", "other.md")
    ran = invoke(["summary", ".", "--format", "json"], cwd=report_dir)
    errors = {Path(row["path"]).name: row["error"] for row in json.loads(ran.stdout)}
    assert (ran.exit_code, errors) == (2, {"README.md": None, "other.md": "Permission denied"})


def test_html_says_one_line_for_any_os_error_of_a_file(report_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(report_dir, build_report())
    write(report_dir, build_report(), "other.md")
    refusing(monkeypatch, "lint", "other.md")
    ran = invoke(["html", "README.md", "other.md"], cwd=report_dir)
    assert (ran.exit_code, ran.stderr) == (2, "reportlint: other.md: Permission denied\n")
    assert (report_dir / "report.html").is_file()


# --- where a page goes: a regular file, or standard output ---------------------------------------------------


@POSIX
def test_html_refuses_to_write_into_a_fifo_and_does_not_block(tmp_path: Path) -> None:
    write(tmp_path, build_report())
    os.mkfifo(tmp_path / "pipe.html")
    ran = reportlint("html", "README.md", "-o", "pipe.html", cwd=tmp_path, timeout=60)
    assert ran.returncode == 2
    assert ran.stderr.decode() == (
        "reportlint: README.md: cannot write pipe.html: it is a FIFO, not a regular file; choose another path or '-'\n"
    )
    assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe.html").st_mode)


@POSIX
def test_html_refuses_to_replace_a_socket(tmp_path: Path) -> None:
    write(tmp_path, build_report())
    listener = socket.socket(socket.AF_UNIX)
    try:
        os.chdir(tmp_path)  # a socket's path is limited to about 100 bytes; the test's own folder may be longer
        listener.bind("s.html")
    finally:
        os.chdir(Path(__file__).parent)
    try:
        ran = invoke(["html", "README.md", "-o", "s.html"], cwd=tmp_path)
    finally:
        listener.close()
    assert (ran.exit_code, ran.stderr) == (
        2,
        "reportlint: README.md: cannot write s.html: it is a socket, not a regular file; choose another path or '-'\n",
    )
    assert stat.S_ISSOCK(os.lstat(tmp_path / "s.html").st_mode)


@POSIX
def test_html_refuses_to_replace_a_symbolic_link_and_leaves_both_files(tmp_path: Path) -> None:
    write(tmp_path, build_report())
    (tmp_path / "kept.html").write_text("kept")
    (tmp_path / "page.html").symlink_to("kept.html")
    ran = invoke(["html", "README.md", "-o", "page.html"], cwd=tmp_path)
    assert ran.exit_code == 2 and "it is a symbolic link, not a regular file" in ran.stderr
    assert os.readlink(tmp_path / "page.html") == "kept.html"
    assert (tmp_path / "kept.html").read_text() == "kept"


@POSIX
def test_html_keeps_the_mode_of_the_page_it_replaces(tmp_path: Path) -> None:
    write(tmp_path, build_report())
    page = tmp_path / "page.html"
    page.write_text("old")
    page.chmod(0o640)
    ran = invoke(["html", "README.md", "-o", "page.html"], cwd=tmp_path)
    assert ran.exit_code == 1
    assert stat.S_IMODE(page.stat().st_mode) == 0o640 and page.read_text(encoding="utf-8").startswith("<!DOCTYPE")


def test_a_page_cannot_go_below_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    with pytest.raises(pagefile.WriteError, match=r"^cannot write .*page.html: "):
        pagefile.write_if_changed(str(tmp_path / "file" / "page.html"), b"page")


@POSIX
def test_a_fifo_put_where_the_page_was_is_not_read(tmp_path: Path) -> None:
    """What the comparison finds once the target was seen to be a regular file: something else swapped in."""
    os.mkfifo(tmp_path / "pipe.html")
    with pytest.raises(pagefile.WriteError, match="it is no longer a regular file"):
        pagefile._holds(str(tmp_path / "pipe.html"), b"page")


@POSIX
def test_a_link_put_where_the_page_was_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "kept.html").write_bytes(b"page")
    (tmp_path / "page.html").symlink_to("kept.html")
    with pytest.raises(pagefile.WriteError, match=r"^cannot read "):
        pagefile._holds(str(tmp_path / "page.html"), b"page")


def test_a_page_removed_since_it_was_seen_is_written_anew(tmp_path: Path) -> None:
    assert pagefile._holds(str(tmp_path / "gone.html"), b"page") is False


# --- file names that are not UTF-8 ----------------------------------------------------------------------------


@pytest.fixture
def undecodable(report_dir: Path) -> str:
    """A passing report whose file name holds the byte 0xff, which is no UTF-8; skipped where the file system
    refuses it."""
    name = os.fsdecode(b"bad\xff.md")
    try:
        (report_dir / name).write_bytes(build_report().encode("utf-8"))
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes only names that are text")
    return name


def test_html_shows_a_name_that_is_not_utf8_escaped_on_standard_output(report_dir: Path, undecodable: str) -> None:
    ran = reportlint("html", undecodable, "-o", "-", cwd=report_dir)
    assert (ran.returncode, ran.stderr) == (0, b"")
    assert "<title>bad\\xff.md - reportlint</title>" in ran.stdout.decode("utf-8")


def test_html_writes_a_utf8_page_for_a_name_that_is_not_utf8(report_dir: Path, undecodable: str) -> None:
    ran = reportlint("html", undecodable, cwd=report_dir)
    assert ran.returncode == 1 and b"Traceback" not in ran.stderr
    page = (report_dir / os.fsdecode(b"bad\xff.html")).read_bytes()
    assert "<h1>bad\\xff.md " in page.decode("utf-8")
    assert ran.stdout.decode().startswith("reportlint: wrote bad\\xff.html (from bad\\xff.md)")


@pytest.mark.parametrize("output", ["text", "github", "json", "sarif"])
def test_check_prints_a_name_that_is_not_utf8_in_every_format(report_dir: Path, undecodable: str, output: str) -> None:
    ran = reportlint("check", "--format", output, undecodable, cwd=report_dir)
    assert ran.returncode == 0 and ran.stderr == b""
    ran.stdout.decode("utf-8")


def test_summary_dashboard_of_a_name_that_is_not_utf8_is_utf8(report_dir: Path, undecodable: str) -> None:
    ran = reportlint("summary", undecodable, "--html", "dash", cwd=report_dir)
    assert ran.returncode == 0 and ran.stderr == b""
    for page in (report_dir / "dash").iterdir():
        page.read_bytes().decode("utf-8")


# --- what would act on a terminal is shown escaped -------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("\x1b[2J", "\\x1b[2J"),
        ("a\rb", "a\\x0db"),
        ("\x07\x00\x7f", "\\x07\\x00\\x7f"),
        ("\x9b31m\x85", "\\x9b31m\\x85"),
        ("\u202egnp.exe", "\\u202egnp.exe"),
        ("\u2066x\u2069", "\\u2066x\\u2069"),
        ("tab\tand line\n", "tab\tand line\n"),
        ("Skærm 🤗", "Skærm 🤗"),
        (os.fsdecode(b"bad\xff") if os.name != "nt" else "bad\udcff", "bad\\xff"),
    ],
)
def test_shown_escapes_what_acts_on_a_terminal(raw: str, escaped: str) -> None:
    assert shown(raw) == escaped


def test_every_character_shown_escaped_is_one_python_calls_unprintable() -> None:
    escaped = [chr(code) for code in range(sys.maxunicode + 1) if shown(chr(code)) != chr(code)]
    assert len(escaped) == 32 - 2 + 33 + 1 + 2 + 5 + 4 + 128  # C0 but tab and newline, DEL and C1, bidi, bytes
    assert not any(character.isprintable() for character in escaped)  # which lets a printable line skip the search
    assert shown("nbsp\xa0 and zwj\u200d") == "nbsp\xa0 and zwj\u200d"  # unprintable, but acts on no terminal


def test_lines_writes_what_shown_makes_and_counts_what_it_was_given() -> None:
    under = io.StringIO()
    stream = Lines(under)
    assert stream.write("\x1b[2J\n") == 5
    stream.flush()
    assert (under.getvalue(), stream.isatty()) == ("\\x1b[2J\n", False)


def test_check_text_shows_an_escape_sequence_in_a_link_escaped_once(tmp_path: Path) -> None:
    write(tmp_path, build_report({5: f"An answer. {ESCAPE_LINK}"}))
    ran = reportlint("check", "README.md", cwd=tmp_path)
    out = ran.stdout.decode()
    assert "image '\\x1b]0;pwn\\x07a.png' not found (looked for " in out and "/\\x1b]0;pwn\\x07a.png)\n" in out
    assert "\x1b" not in out and "\x07" not in out and "\\\\x1b" not in out


def test_check_github_shows_an_escape_sequence_escaped(tmp_path: Path) -> None:
    write(tmp_path, build_report({5: f"An answer. {ESCAPE_LINK}"}))
    ran = reportlint("check", "--format", "github", "README.md", cwd=tmp_path)
    assert b"::error file=README.md" in ran.stdout and b"\x1b" not in ran.stdout and b"\x07" not in ran.stdout


@POSIX
@pytest.mark.parametrize(
    "args",
    [["check"], ["check", "--format", "github"], ["summary"], ["html"]],
    ids=["text", "github", "summary", "html"],
)
def test_a_file_name_with_an_escape_sequence_is_shown_escaped(tmp_path: Path, args: list[str]) -> None:
    name = "\x1b]0;pwn\x07\u202e.md"
    write(tmp_path, build_report(), name)
    ran = reportlint(*args, name, "missing\x1b[2J.md", cwd=tmp_path)
    printed = ran.stdout + ran.stderr
    assert b"\x1b" not in printed and b"\x07" not in printed and "\u202e".encode() not in printed
    assert "\\x1b]0;pwn\\x07\\u202e" in printed.decode()
    assert "reportlint: missing\\x1b[2J.md: no such file\n" in ran.stderr.decode()


def test_check_json_keeps_a_file_name_as_data(tmp_path: Path) -> None:
    name = "a\x1bb.md"
    try:
        write(tmp_path, build_report(), name)
    except OSError:
        pytest.skip("this file system refuses control characters in names")
    ran = reportlint("check", "--format", "json", name, cwd=tmp_path)
    assert b"a\\u001bb.md" in ran.stdout
    assert json.loads(ran.stdout)["reports"][0]["path"] == name


def test_a_usage_error_shows_an_escape_sequence_escaped() -> None:
    ran = invoke(["check", "--no-such\x1b[2J"])
    assert (ran.exit_code, ran.stderr) == (
        2,
        "reportlint: unrecognized arguments: --no-such\\x1b[2J (see `reportlint --help`)\n",
    )


# --- --template: one line, exit 2 ------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "html", "summary"])
def test_an_unknown_template_is_one_line(tmp_path: Path, command: str) -> None:
    write(tmp_path, build_report())
    ran = invoke([command, "--template", "NOSUCH", "README.md"], cwd=tmp_path)
    assert ran.exit_code == 2 and ran.stdout == ""
    assert ran.stderr.startswith("reportlint: argument --template: 'NOSUCH' is not ") and ran.stderr.count("\n") == 1


@pytest.mark.parametrize("command", ["check", "html", "summary"])
def test_a_broken_template_file_is_one_line(tmp_path: Path, command: str) -> None:
    write(tmp_path, build_report())
    (tmp_path / "broken.toml").write_text("garbage\n")
    ran = invoke([command, "--template", "broken.toml", "README.md"], cwd=tmp_path)
    assert ran.exit_code == 2 and ran.stdout == ""
    assert ran.stderr.startswith("reportlint: broken.toml: ") and ran.stderr.count("\n") == 1


# --- Ctrl-C ------------------------------------------------------------------------------------------------------


@POSIX
def test_ctrl_c_exits_130_without_a_traceback(tmp_path: Path) -> None:
    text = build_report()
    for number in range(1500):
        write(tmp_path, text, f"r{number}.md")
    command = [sys.executable, "-m", "reportlint", "summary", str(tmp_path)]
    # its own process group, as a shell's job: Ctrl-C reaches the worker processes too
    running = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(1)
    os.killpg(running.pid, signal.SIGINT)
    _, err = running.communicate(timeout=120)
    assert running.returncode == 130
    assert b"Traceback" not in err


def test_a_page_of_another_size_is_replaced_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.html"
    target.write_bytes(b"x" * 4096)  # stands for a file far too big to read whole

    def never(target: str, data: bytes) -> bool:
        raise AssertionError("read a file whose size already tells it differs")

    monkeypatch.setattr(pagefile, "_holds", never)
    assert pagefile.write_if_changed(str(target), b"<p>page</p>", durable=False)
    assert target.read_bytes() == b"<p>page</p>"
