"""On the real reports in ../shared/corpus (when present): the course checker's own verdicts, number for number."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import CORPUS, invoke, png_bytes
from reportlint.edge.textfile import read_text
from reportlint.lint import Result, lint

REPORTS = sorted(CORPUS.glob("*/README.md")) if CORPUS.is_dir() else []
pytestmark = pytest.mark.skipif(not REPORTS, reason=f"no corpus of real reports at {CORPUS} (only CI has it)")
WARNING = re.compile(
    r"Question (\d+) failed check\. Expected number of (words|screenshots) to be between "
    r"\d+ and \d+ but got (\d+)"
)


def course_verdicts(anchor: str) -> dict[tuple[int, str], int]:
    """(question, 'words'|'images') -> the count the course checker warned about."""
    return {(int(m[1]), "words" if m[2] == "words" else "images"): int(m[3]) for m in WARNING.finditer(anchor)}


def our_verdicts(result: Result, skip: set[int | None]) -> dict[tuple[int, str], int]:
    failing: dict[tuple[int, str], int] = {}
    for status in result.verdict.questions:
        if status.number in skip or status.line is None:
            continue
        for kind, count, bounds in (
            ("words", status.words, status.words_range),
            ("images", status.images, status.images_range),
        ):
            if bounds is not None and not bounds[0] <= count <= bounds[1]:
                failing[(status.number, kind)] = count
    return failing


@pytest.mark.parametrize("path", REPORTS, ids=[p.parent.name for p in REPORTS])
def test_same_verdicts_as_the_course_checker(path: Path) -> None:
    anchor = (path.parent / "anchor_check.txt").read_text(encoding="utf-8")
    result = lint(read_text(str(path)), str(path))
    assert result is not None
    expected_count = 27 if "TeacherWarning" in anchor or ("__main__" not in anchor and "31" not in anchor) else 31
    crashed = anchor.startswith("ValueError")
    if crashed:
        assert any(f.code == "RL502" for f in result.findings)
        return
    assert result.template.count == expected_count
    compat = {f.question for f in result.findings if f.code.startswith("RL5")}
    expected = {key: count for key, count in course_verdicts(anchor).items() if key[0] not in compat}
    assert our_verdicts(result, compat) == expected


def test_every_real_report_runs_without_a_traceback(tmp_path: Path) -> None:
    result = invoke(["check", *map(str, REPORTS)])
    assert result.exit_code in (0, 1)
    tallies = [line for line in result.stdout.splitlines() if ": course check " in line]
    assert len(tallies) == len(REPORTS)


def index_column(name: str) -> dict[str, str]:
    """One column of the corpus INDEX.md table, by folder."""
    rows = [
        line.split("|")[1:-1]
        for line in (CORPUS / "INDEX.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| ")
    ]
    header = [cell.strip() for cell in rows[0]]
    return {row[0].strip(): row[header.index(name)].strip() for row in rows[1:]}


@pytest.mark.parametrize("path", REPORTS, ids=[p.parent.name for p in REPORTS])
def test_broken_figure_links_match_the_corpus_index(path: Path, tmp_path: Path) -> None:
    """Rebuild the report's folder from figures.txt and count the links that reach no file there.

    The index resolves a leading `/` from the repository root, as GitHub does, so those links (RL403,
    broken only in the graders' copy) are not in its count and not in this sum.
    """
    expected = index_column("not in figures.txt")[path.parent.name]
    if path.parent.name.startswith("JonatanRasmussen"):
        pytest.skip("the index also counts the template's example images pasted inside code fences")
    folder = tmp_path / "reports"
    for name in filter(None, (path.parent / "figures.txt").read_text(encoding="utf-8").splitlines()):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(png_bytes())
    (folder / "README.md").write_bytes(path.read_bytes())
    result = invoke(["check", str(folder / "README.md")])
    codes = [line.split(": ", 1)[1].split()[0] for line in result.stdout.splitlines()[:-1]]
    unreachable = sum(codes.count(code) for code in ("RL401", "RL402", "RL404", "RL407"))
    assert unreachable == int(expected.split()[0])


@pytest.mark.parametrize("path", REPORTS, ids=[p.parent.name for p in REPORTS])
def test_placeholders_left_match_the_corpus_index(path: Path) -> None:
    """Every question still holding `--- question N fill here ---` is named, written answer or not."""
    result = lint(read_text(str(path)), str(path))
    assert result is not None
    named = {
        f.question
        for f in result.findings
        if f.code == "RL302" or (f.code == "RL301" and "fill here" in result.report.lines[f.line - 1])
    }
    assert len(named) == int(index_column("fill here")[path.parent.name])
