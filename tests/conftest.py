"""Report builders for tests: a whole template-shaped report where only the answers under test differ."""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import pytest

from reportlint.commands.main import main
from reportlint.course.templates import BUILTIN, Limits

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


class Ran(NamedTuple):
    exit_code: int
    stdout: str
    stderr: str


def invoke(args: Sequence[str], cwd: Path | None = None) -> Ran:
    """`main(args)` in this process with standard output and error captured as UTF-8 (and `cwd` as the current
    folder), as the console script would run it."""
    streams = (sys.stdout, sys.stderr)
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="\n")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="\n")
    old = os.getcwd()
    sys.stdout, sys.stderr = out, err
    try:
        if cwd is not None:
            os.chdir(cwd)
        code = main(list(args))
    finally:
        os.chdir(old)
        sys.stdout, sys.stderr = streams
    out.flush()
    err.flush()
    return Ran(code, _text(out), _text(err))


def _text(stream: io.TextIOWrapper) -> str:
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8")


def prompt_lines(number: int, limits: Limits) -> list[str]:
    """A short made-up prompt stating the limits the way the template's prompts do."""
    lines = [f"> **Tell us about part {number} of the project.**", ">"]
    if limits.words:
        lines += [f"> Recommended answer length: {limits.words[0]}-{limits.words[1]} words.", ">"]
    if limits.images == (1, 1):
        lines += ["> **Include a figure of it.**", ">"]
    elif limits.images:
        lines += [f"> **Insert {limits.images[0]}-{limits.images[1]} images of it.**", ">"]
    return [*lines, "> Answer:"]


def passing_answer(limits: Limits) -> str:
    """An answer in the middle of every range, so it passes whatever the question."""
    words = (limits.words[0] + limits.words[1]) // 2 if limits.words else 3
    lines = [" ".join(["word"] * words)]
    if limits.images:
        lines += [f"![figure {i}](figures/fig.png)" for i in range(limits.images[0])]
    return "\n".join(lines)


def _identity_answer(number: int, count: int) -> str:
    """Group number, members and contributions that the identity checks accept, as many words as
    `passing_answer` gives, so counts stay as they were."""
    if number == 1:
        return "group number 7"
    if number == 2:
        return "s123456 and s654321"
    if number == count:  # the contributions question, last on both templates
        words = 175 if count == 31 else 125
        said = "s123456 and s654321 did everything; we did not use generative AI tools."
        return " ".join([said, *["word"] * (words - len(said.split()))])
    return ""


def build_report(
    answers: dict[int, str] | None = None,
    template: str = "dtu-mlops-2025",
    tail: str = "",
    newline: str = "\n",
) -> str:
    """A report on `template` where question N's answer is answers[N] (else a passing one)."""
    answers = answers or {}
    limits = BUILTIN[template].limits
    lines = [
        "# Exam template for 02476 Machine Learning Operations",
        "",
        "Replace each placeholder like this one:",
        "",
        "```--- question 1 fill here ---```",
        "",
        "## Checklist",
        "",
        "### Week 1",
        "",
        "* [x] Wrote a report",
        "",
        "## Answers",
        "",
    ]
    for number in sorted(limits):
        lines += [f"### Question {number}", "", *prompt_lines(number, limits[number]), ""]
        lines += [answers.get(number, _identity_answer(number, len(limits)) or passing_answer(limits[number])), ""]
    text = "\n".join(lines) + tail
    return text.replace("\n", newline)


def write(folder: Path, text: str, name: str = "README.md") -> Path:
    """Write a report byte for byte (no newline translation), as a group's file would be."""
    path = folder / name
    path.write_bytes(text.encode("utf-8"))  # write_text takes no newline= before Python 3.10
    return path


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line holding the n-th occurrence of needle."""
    seen = 0
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not in text")


def png_bytes(width: int = 4, height: int = 3) -> bytes:
    """A real, decodable PNG (grey pixels), small enough to write anywhere."""
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


@pytest.fixture
def report_dir(tmp_path: Path) -> Path:
    """A `reports/` folder with the figure the built reports link."""
    folder = tmp_path / "reports"
    (folder / "figures").mkdir(parents=True)
    (folder / "figures" / "fig.png").write_bytes(png_bytes())
    return folder


# Real git repositories and real pre-commit, shared by the end-to-end tests of both hooks.

PROJECT = Path(__file__).resolve().parents[1]


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)


def init_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q")
    git(path, "config", "user.email", "group@example.org")
    git(path, "config", "user.name", "Group")
    git(path, "config", "commit.gpgsign", "false")
    return path


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This working tree as it is now (committed or not), as a repository and rev pre-commit can clone."""
    snapshot = init_repo(tmp_path_factory.mktemp("hook-repo"))
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT,
        check=True,
        capture_output=True,
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        source = PROJECT / os.fsdecode(name)
        if source.is_file():
            target = snapshot / os.fsdecode(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git(snapshot, "add", "-A")
    git(snapshot, "commit", "-q", "-m", "snapshot")
    return snapshot, git(snapshot, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="session")
def precommit_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One PRE_COMMIT_HOME for the session, so each hook's environment is built once."""
    home = tmp_path_factory.getbasetemp() / "pre-commit-home"
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }


def group_repository(path: Path, hook_repo: tuple[Path, str], hooks: str) -> Path:
    """A student group's repository whose .pre-commit-config.yaml lists `hooks` from this repository,
    with a markdown file that is not a report, and the hooks installed."""
    repo = init_repo(path)
    url, rev = hook_repo
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {url.as_uri()}\n    rev: {rev}\n    hooks:\n{hooks}"
    )
    (repo / "docs.md").write_text("# Notes\n\nNot a report, never checked.\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "config")
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, check=True, capture_output=True)
    return repo


def commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    """Stage everything, then `git commit` with the hooks; git shows their output on standard error."""
    git(repo, "add", "-A")
    return subprocess.run(
        ["git", "commit", "-m", message], cwd=repo, capture_output=True, text=True, env=env, check=False
    )
