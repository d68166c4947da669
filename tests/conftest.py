"""Report builders for tests: a whole template-shaped report where only the answers under test differ."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from reportlint.templates import BUILTIN, Limits

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def prompt_lines(number: int, limits: Limits) -> list[str]:
    """A short made-up prompt stating the limits the way the template's prompts do."""
    lines = [f"> **Tell us about part {number} of the project.**", ">"]
    if limits.words:
        lines += [f"> Recommended answer length: {limits.words[0]}-{limits.words[1]} words.", ">"]
    if limits.images == (1, 1):
        lines += ["> **Include a figure of it.**", ">"]
    elif limits.images:
        lines += [f"> **Insert {limits.images[0]}-{limits.images[1]} images of it.**", ">"]
    return lines + ["> Answer:"]


def passing_answer(limits: Limits) -> str:
    """An answer in the middle of every range, so it passes whatever the question."""
    words = (limits.words[0] + limits.words[1]) // 2 if limits.words else 3
    lines = [" ".join(["word"] * words)]
    if limits.images:
        lines += [f"![figure {i}](figures/fig.png)" for i in range(limits.images[0])]
    return "\n".join(lines)


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
        "# Exam report for a made-up project",
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
        lines += [answers.get(number, passing_answer(limits[number])), ""]
    text = "\n".join(lines) + tail
    return text.replace("\n", newline)


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
