"""Hostile and odd files where reportlint reads: FIFOs, devices, sockets, symbolic link loops, UTF-16, huge or
deeply nested TOML, and template paths leading out of the repository. Each is refused with one line naming
the file, a defined exit code, and the run ends: every run here is a real process with a timeout, since a
hang is the failure being tested for."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import build_report, git, init_repo, png_bytes
from reportlint.config import SHOWN
from reportlint.edge import history, textfile
from reportlint.edge.history import Snapshot, list_tree

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, sockets and /dev/zero are POSIX")
COMMANDS = [["check"], ["html"], ["summary"]]
TIMEOUT = 120  # seconds: far beyond any real run; only a hang reaches it


def run(*args: str, cwd: Path) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "reportlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git work tree with a report in reports/ (with its figure) and nothing else."""
    root = init_repo(tmp_path / "repo")
    (root / "reports" / "figures").mkdir(parents=True)
    (root / "reports" / "figures" / "fig.png").write_bytes(png_bytes())
    (root / "reports" / "README.md").write_text(build_report(), encoding="utf-8")
    return root


# --- the report itself ------------------------------------------------------------------------------


@POSIX
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_fifo_as_the_report_is_refused_without_waiting(tmp_path: Path, command: list[str]) -> None:
    os.mkfifo(tmp_path / "f.md")
    code, _, err = run(*command, "f.md", cwd=tmp_path)  # summary's table has a row saying the same
    assert (code, err) == (2, "reportlint: f.md: is a FIFO, not a file\n")


@POSIX
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_link_to_dev_zero_as_the_report_is_refused_unread(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "z.md").symlink_to("/dev/zero")
    code, _, err = run(*command, "z.md", cwd=tmp_path)
    assert (code, err) == (2, "reportlint: z.md: is a device, not a file\n")


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX") or sys.platform == "win32", reason="needs Unix sockets")
def test_a_socket_as_the_report_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a socket's path is limited to about 100 bytes: bind a short relative one
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind("s.md")
        assert run("check", "s.md", cwd=tmp_path) == (2, "", "reportlint: s.md: is a socket, not a file\n")


@POSIX
def test_a_symbolic_link_loop_as_the_report_says_so(tmp_path: Path) -> None:
    (tmp_path / "a.md").symlink_to("b.md")
    (tmp_path / "b.md").symlink_to("a.md")
    assert run("check", "a.md", cwd=tmp_path) == (2, "", "reportlint: a.md: is a symbolic link that loops\n")


@POSIX
def test_a_symbolic_link_to_nothing_as_the_report_says_so(tmp_path: Path) -> None:
    (tmp_path / "gone.md").symlink_to("nowhere.md")
    assert run("check", "gone.md", cwd=tmp_path) == (
        2,
        "",
        "reportlint: gone.md: is a symbolic link to a missing file\n",
    )


@POSIX
def test_a_file_swapped_for_a_fifo_after_the_type_check_is_refused_without_waiting(tmp_path: Path) -> None:
    """The type is checked on the opened file too, and the open does not wait for a FIFO's writer."""
    os.mkfifo(tmp_path / "f.md")
    (tmp_path / "plain.md").write_text("x")
    probe = (
        "import os, sys\n"
        "from reportlint.edge import textfile\n"
        "regular = os.stat('plain.md')\n"
        "real_stat = os.stat\n"
        "os.stat = lambda path, *a, **k: regular if path == 'f.md' else real_stat(path, *a, **k)\n"
        "try:\n"
        "    textfile.read_text('f.md')\n"
        "except textfile.ReadError as error:\n"
        "    print(error)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT, check=True
    )
    assert done.stdout == "is a FIFO, not a file\n"


def test_the_read_stops_past_the_limit_when_the_size_said_less(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files under /proc say they hold 0 bytes; the read itself is bounded, not only the size check."""
    path = tmp_path / "grows.md"
    path.write_bytes(b"x" * 100)
    real_fstat = os.fstat

    def says_empty(fd: int) -> os.stat_result:
        found = real_fstat(fd)
        return os.stat_result((found.st_mode, *found[1:6], 0, *found[7:]))

    monkeypatch.setattr(os, "fstat", says_empty)
    with pytest.raises(textfile.TooLarge, match=r"^is over 0 MB, too large for a test file \(limit 0 MB\)$"):
        textfile.read_bytes(str(path), 10, "a test file")


def test_a_file_that_cannot_be_opened_gives_the_systems_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permission denied, say; made here, not by chmod, since root (running the tests in a container) reads anything."""
    path = tmp_path / "locked.md"
    path.write_text("x")

    def refused(*_: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refused)
    with pytest.raises(textfile.ReadError, match=r"^Permission denied$"):
        textfile.read_text(str(path))


@pytest.mark.parametrize(
    ("encoding", "name"), [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")]
)
def test_a_utf16_report_is_named_as_such_with_the_fix(tmp_path: Path, encoding: str, name: str) -> None:
    (tmp_path / "u.md").write_bytes("### Question 1\n\n> Answer: x\n".encode(encoding))
    assert run("check", "u.md", cwd=tmp_path) == (2, "", f"reportlint: u.md: is {name} text: save it as UTF-8\n")


def test_a_binary_file_is_still_called_binary(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_bytes(png_bytes())
    assert run("check", "b.md", cwd=tmp_path) == (
        2,
        "",
        "reportlint: b.md: is binary (it holds NUL bytes), not a markdown report\n",
    )


# --- figures ----------------------------------------------------------------------------------------


def link_figure(repo: Path, name: str) -> None:
    """The report of `repo` with Question 19's answer showing figures/NAME."""
    text = build_report({19: f"![odd](figures/{name})"})
    (repo / "reports" / "README.md").write_text(text, encoding="utf-8")


@POSIX
def test_check_reports_a_fifo_figure_without_opening_it(repo: Path) -> None:
    os.mkfifo(repo / "reports" / "figures" / "f.png")
    link_figure(repo, "f.png")
    code, out, err = run("check", "reports/README.md", cwd=repo)
    assert (code, err) == (1, "")
    assert (
        "RL406 error: image 'figures/f.png' is not an image: it is not a regular file (a FIFO, device or socket), "
        "so it was not read" in out
    )


@POSIX
def test_an_embedded_page_shows_no_fifo_figure_and_says_why(repo: Path) -> None:
    os.mkfifo(repo / "reports" / "figures" / "f.png")
    link_figure(repo, "f.png")
    code, _, err = run("html", "--embed-images", "reports/README.md", cwd=repo)
    page = (repo / "reports" / "report.html").read_text(encoding="utf-8")
    assert (code, err) == (0, "")  # a page git does not track never fails
    assert '<span class="rl-refused">[image odd: not shown, it is a FIFO, not a file, so it was not read]' in page


@POSIX
def test_an_embedded_figure_that_is_a_symbolic_link_loop_is_linked_and_says_why(repo: Path) -> None:
    (repo / "reports" / "figures" / "a.png").symlink_to("b.png")
    (repo / "reports" / "figures" / "b.png").symlink_to("a.png")
    link_figure(repo, "a.png")
    code, _, err = run("html", "--embed-images", "reports/README.md", cwd=repo)
    page = (repo / "reports" / "report.html").read_text(encoding="utf-8")
    assert (code, err) == (0, "")
    assert (
        '<img alt="odd" src="figures/a.png" /><span class="rl-figure-note">cannot be read (is a symbolic link '
        "that loops), not embedded</span>" in page
    )


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX") or sys.platform == "win32", reason="needs Unix sockets")
def test_check_reports_a_socket_figure(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "reports" / "figures")
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind("s.png")
        link_figure(repo, "s.png")
        code, out, _ = run("check", "reports/README.md", cwd=repo)
    assert code == 1 and "'figures/s.png' is not an image: it is not a regular file" in out


# --- configuration and templates --------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_configuration_nested_too_deeply_is_one_line_in_every_command(repo: Path, command: list[str]) -> None:
    config = repo / ".reportlint.toml"
    config.write_text("select = " + "[" * 5000 + "]" * 5000 + "\n")
    code, _, err = run(*command, "reports/README.md", cwd=repo)
    assert code == 2 and len(err.splitlines()) == 1
    assert err.rstrip().endswith(f"{config}: toml: arrays or tables nested too deeply to read")


def test_a_long_key_is_quoted_only_in_part(repo: Path) -> None:
    (repo / ".reportlint.toml").write_text("k" * 100_000 + " = 1\n")
    code, _, err = run("check", "reports/README.md", cwd=repo)
    assert (code, err) == (
        2,
        f"reportlint: {repo / '.reportlint.toml'}: {'k' * (SHOWN - 3)}...: unknown key (known: template, draft, strict, "
        "select, ignore, severity, image-extensions, questions)\n",
    )


def test_a_long_value_is_quoted_only_in_part(repo: Path) -> None:
    (repo / ".reportlint.toml").write_text(f'draft = "{"x" * 100_000}"\n')
    code, _, err = run("check", "reports/README.md", cwd=repo)
    assert (code, err) == (
        2,
        f"reportlint: {repo / '.reportlint.toml'}: draft: must be true or false, not '{'x' * (SHOWN - 4)}...\n",
    )


def test_a_toml_error_naming_a_long_key_quotes_only_part_of_it_and_keeps_where(repo: Path) -> None:
    (repo / ".reportlint.toml").write_text(f"[{'t' * 100_000}]\n[{'t' * 100_000}]\n")
    code, _, err = run("check", "reports/README.md", cwd=repo)
    assert (code, err) == (
        2,
        f"reportlint: {repo / '.reportlint.toml'}: toml: Cannot declare ('{'t' * (SHOWN - 20)}... (at line 2, column 100002)\n",
    )


def test_a_configuration_that_is_not_utf8_says_so(repo: Path) -> None:
    (repo / ".reportlint.toml").write_bytes(b'draft = "\xff"\n')
    code, _, err = run("check", "reports/README.md", cwd=repo)
    assert (code, err) == (
        2,
        f"reportlint: {repo / '.reportlint.toml'}: toml: 'utf-8' codec can't decode byte 0xff in position 9: "
        "invalid start byte\n",
    )


@POSIX
def test_a_fifo_as_the_configuration_is_refused_not_passed_over(repo: Path) -> None:
    os.mkfifo(repo / ".reportlint.toml")
    assert run("check", "reports/README.md", cwd=repo) == (
        2,
        "",
        f"reportlint: {repo / '.reportlint.toml'}: file: is a FIFO, not a file\n",
    )


@POSIX
def test_a_link_to_dev_zero_as_pyproject_is_refused_unread(repo: Path) -> None:
    (repo / "pyproject.toml").symlink_to("/dev/zero")
    assert run("check", "reports/README.md", cwd=repo) == (
        2,
        "",
        f"reportlint: {repo / 'pyproject.toml'}: file: is a device, not a file\n",
    )


def test_a_configuration_over_the_limit_is_refused(repo: Path) -> None:
    (repo / ".reportlint.toml").write_bytes(b"#" * (textfile.MAX_BYTES + 1))
    code, _, err = run("check", "reports/README.md", cwd=repo)
    assert code == 2
    assert (
        err
        == f"reportlint: {repo / '.reportlint.toml'}: file: is 5.0 MB, too large for a configuration file (limit 5 MB)\n"
    )


@pytest.mark.parametrize("name", ["ABSOLUTE", "../course.toml", "reports/../../course.toml"])
def test_a_configured_template_outside_the_repository_is_refused(repo: Path, name: str) -> None:
    (repo.parent / "course.toml").write_text('name = "elsewhere"\n[questions.1]\n')
    name = str(repo.parent / "course.toml") if name == "ABSOLUTE" else name
    (repo / ".reportlint.toml").write_text(f"template = {name!r}\n")
    assert run("check", "reports/README.md", cwd=repo) == (
        2,
        "",
        f"reportlint: {repo / '.reportlint.toml'}: template: {name!r} is outside the repository: "
        "name a template file inside it\n",
    )


@POSIX
def test_a_configured_template_linking_out_of_the_repository_is_refused_unread(repo: Path) -> None:
    (repo.parent / "secret.toml").write_text('token = "s3cret"\n')
    (repo / "course.toml").symlink_to(repo.parent / "secret.toml")
    (repo / ".reportlint.toml").write_text('template = "course.toml"\n')
    assert run("check", "reports/README.md", cwd=repo) == (
        2,
        "",
        f"reportlint: {repo / '.reportlint.toml'}: template: 'course.toml' is a symbolic link leading outside "
        "the repository\n",
    )


def test_outside_git_a_configured_template_stays_in_the_configurations_folder(tmp_path: Path) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    (tmp_path / "course.toml").write_text('name = "above"\n[questions.1]\n')
    (folder / ".reportlint.toml").write_text('template = "../course.toml"\n')
    (folder / "README.md").write_text(build_report(), encoding="utf-8")
    assert run("check", "README.md", cwd=folder) == (
        2,
        "",
        f"reportlint: {folder / '.reportlint.toml'}: template: '../course.toml' is outside the configuration's "
        "folder: name a template file inside it\n",
    )


@POSIX
def test_a_configured_template_that_is_a_fifo_is_refused(repo: Path) -> None:
    os.mkfifo(repo / "course.toml")
    (repo / ".reportlint.toml").write_text('template = "course.toml"\n')
    assert run("check", "reports/README.md", cwd=repo) == (
        2,
        "",
        f"reportlint: {repo / 'course.toml'}: file: is a FIFO, not a file\n",
    )


def test_a_template_file_that_fails_to_parse_says_where_not_what_it_holds(tmp_path: Path, repo: Path) -> None:
    """--template names any file the user chose; its parse error gives line and column, not its text."""
    secret = tmp_path / "notes.txt"
    secret.write_text('token = "s3cret-value"\napi key: hunter2\n')
    code, _, err = run("check", "--template", str(secret), "reports/README.md", cwd=repo)
    assert (code, err) == (
        2,
        f"reportlint: {secret}: toml: Expected '=' after a key in a key/value pair (at line 2, column 5)\n",
    )
    assert "s3cret" not in err and "hunter2" not in err


def test_a_template_named_on_the_command_line_is_bounded_in_size(tmp_path: Path, repo: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (textfile.MAX_BYTES + 1))
    code, _, err = run("check", "--template", str(big), "reports/README.md", cwd=repo)
    assert (code, err) == (2, f"reportlint: {big}: file: is 5.0 MB, too large for a configuration file (limit 5 MB)\n")


# --- reports read from git (summary --before) ------------------------------------------------------


@POSIX
def test_a_committed_link_to_dev_zero_is_never_followed_on_disk(repo: Path) -> None:
    (repo / "reports" / "figures" / "z.png").symlink_to("/dev/zero")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a link to a device")
    sha = git(repo, "rev-parse", "HEAD").stdout.strip()
    entries = list_tree(str(repo), sha, ["reports"])
    with Snapshot(str(repo), {name[len("reports/") :]: entry for name, entry in entries.items()}) as snapshot:
        assert snapshot.head(("figures", "z.png")) == "outside"
        assert snapshot.data("figures/z.png") == "outside"


@POSIX
def test_summary_before_finishes_on_a_committed_link_to_dev_zero(repo: Path) -> None:
    (repo / "reports" / "figures" / "z.png").symlink_to("/dev/zero")
    link_figure(repo, "z.png")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a link to a device")
    code, out, err = run("summary", "--format", "json", "--before", "2999-01-01T00:00:00Z", ".", cwd=repo)
    (row,) = json.loads(out)
    assert (code, err, row["error"]) == (0, "", None)
    assert (row["commit"], row["findings_figures"]) == (git(repo, "rev-parse", "HEAD").stdout.strip(), 1)


def test_a_blob_over_every_limit_is_kept_only_to_past_the_limit(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A huge committed file cannot fill memory, and the blob read after it still lines up."""
    monkeypatch.setattr(history, "_KEPT", 11)
    monkeypatch.setattr(history, "_CHUNK", 7)
    (repo / "reports" / "big.txt").write_bytes(b"A" * 100)
    (repo / "reports" / "small.txt").write_bytes(b"hello")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a big file")
    sha = git(repo, "rev-parse", "HEAD").stdout.strip()
    entries = list_tree(str(repo), sha, ["reports"])
    with Snapshot(str(repo), {name[len("reports/") :]: entry for name, entry in entries.items()}) as snapshot:
        assert snapshot.data("big.txt") == b"A" * 11
        assert snapshot.data("small.txt") == b"hello"


# --- git's own files --------------------------------------------------------------------------------


@POSIX
def test_a_fifo_as_gits_index_leaves_tracking_unknown_without_waiting(repo: Path) -> None:
    index = repo / ".git" / "index"
    index.unlink(missing_ok=True)
    os.mkfifo(index)
    code, out, err = run("check", "reports/README.md", cwd=repo)  # git ls-files would wait on it forever
    assert (code, err) == (0, "")
    assert "RL409" not in out


@POSIX
def test_a_dot_git_linking_to_dev_zero_is_never_read(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "reports" / "figures").mkdir(parents=True)
    (root / "reports" / "figures" / "fig.png").write_bytes(png_bytes())
    (root / "reports" / "README.md").write_text(build_report(), encoding="utf-8")
    (root / ".git").symlink_to("/dev/zero")  # a `.git` file is read for its `gitdir:` line
    code, out, err = run("check", "reports/README.md", cwd=root)
    assert "Traceback" not in err
    assert code == 0, out + err
