"""Whatever is fed in: never a traceback, exit 0 or 1 (2 only for unreadable bytes), the file unchanged."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import build_report, invoke

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BASE = build_report({19: "![a](figures/fig.png)\n\n```bash\n# hi\n```", 29: "![b](<figures/x y.png>)"})


def check_bytes(data: bytes, *args: str) -> int:
    """Run the checker on a file holding `data`; assert it neither crashed nor touched the file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "README.md"
        path.write_bytes(data)
        result = invoke([*args, str(path)])
        assert "Traceback" not in result.stdout + result.stderr
        assert path.read_bytes() == data
        return result.exit_code


def readable(data: bytes) -> bool:
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in data


@SETTINGS
@given(st.text())
def test_arbitrary_text(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    assert check_bytes(data) in ((0, 1) if readable(data) else (2,))


@SETTINGS
@given(st.binary())
def test_arbitrary_bytes(data: bytes) -> None:
    assert check_bytes(data) in ((0, 1) if readable(data) else (2,))


def mutate(lines: list[str], edits: list[tuple[str, int]]) -> str:
    for kind, position in edits:
        if not lines:
            break
        index = position % len(lines)
        if kind == "drop-heading":
            heading = next((i for i in range(index, len(lines)) if lines[i].startswith("###")), None)
            if heading is not None:
                del lines[heading]
        elif kind == "double-marker":
            lines.insert(index, "> Answer: again")
        elif kind == "open-fence":
            lines.insert(index, "```")
        elif kind == "crlf":
            lines[index] += "\r"
        elif kind == "drop-line":
            del lines[index]
        elif kind == "heading-in-answer":
            lines.insert(index, "## Notes ###")
        elif kind == "html":
            lines.insert(index, "<!-- ![x](figures/y.png)")
    return "\n".join(lines)


EDITS = st.lists(
    st.tuples(
        st.sampled_from(
            ["drop-heading", "double-marker", "open-fence", "crlf", "drop-line", "heading-in-answer", "html"]
        ),
        st.integers(min_value=0, max_value=10_000),
    ),
    max_size=12,
)


@SETTINGS
@given(EDITS, st.booleans(), st.sampled_from([[], ["--draft"], ["--format", "json"], ["--template", "infer"]]))
def test_mutated_reports(edits: list[tuple[str, int]], bom: bool, args: list[str]) -> None:
    text = mutate(BASE.split("\n"), edits)
    data = ("\ufeff" if bom else "").encode() + text.encode("utf-8")
    assert check_bytes(data, "check", *args) in (0, 1)


@pytest.mark.parametrize(
    "line",
    [
        "![" * 100_000 + "](",
        "<img " * 50_000,
        "![a](" + " " * 200_000,
        "![" + "[a]" * 70_000,
        "-" * 200_000 + "x",
        "--- question 1 fill here " * 10_000,
        "<!--" * 50_000,
        "`" * 200_000,
    ],
    ids=[
        "image-openers",
        "img-tags",
        "spaces-in-link",
        "nested-brackets",
        "dashes",
        "placeholders",
        "comments",
        "backticks",
    ],
)
def test_long_odd_lines_are_checked_in_linear_time(line: str) -> None:
    """Each of these made a regular expression backtrack for minutes before; now they take milliseconds."""
    assert check_bytes((BASE + "\n" + line + "\n").encode()) in (0, 1)
