"""Whatever is fed in: never a traceback, exit 0 or 1 (2 only for unreadable bytes), the file unchanged."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import oracle
from conftest import build_report, invoke
from reportlint.checks.compat import count_causes
from reportlint.checks.compat import differ as course_reads_differently
from reportlint.course.script import CourseReading, course_answers, course_verdict
from reportlint.course.templates import BUILTIN
from reportlint.lint import lint

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BASE = build_report({19: "![a](figures/fig.png)\n\n```bash\n# hi\n```", 29: "![b](<figures/x y.png>)"})
FRONT_MATTER = "---\nlayout: default\nnav_exclude: true\n---\n\n"  # 43 characters, as the 2023 template began
BASE_2023 = FRONT_MATTER + build_report({19: "![a](figures/fig.png)"}, template="dtu-mlops-2023")


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
    """Edits groups really make to the template, each at a position chosen by the test."""
    for kind, position in edits:
        if not lines:
            break
        index = position % len(lines)
        following = [i for i in range(index, len(lines)) if lines[i].startswith("### Question")]
        markers = [i for i in range(index, len(lines)) if "Answer:" in lines[i]]
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
        elif kind == "heading-level" and following:
            hashes = ("#", "##", "####", "###\u00a0", "### Question\u00a0")[position % 5]
            line = lines[following[0]]
            lines[following[0]] = hashes + line[3:] if "\u00a0" not in hashes[3:] else hashes + line[13:]
        elif kind == "drop-marker" and markers:
            lines[markers[0]] = lines[markers[0]].replace("Answer:", "")
        elif kind == "heading-marker" and markers:
            lines[markers[0]] = ("### Answer:", "Answer:", "**Answer:**")[position % 3]
        elif kind == "answer-in-text":
            lines.insert(index, "The Answer: is in the figure below.")
        elif kind == "appendix":
            lines += ["", ("# Appendix", "## Appendix", "### Appendix")[position % 3], "", "More notes, Answer: none."]
        elif kind == "title-in-answer":
            lines.insert(index, "# Question 14")
        elif kind == "drop-intro":
            first = next((i for i, line in enumerate(lines) if line.startswith("### Question")), 0)
            del lines[: first + position % 2]
    return "\n".join(lines)


EDITS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "drop-heading",
                "double-marker",
                "open-fence",
                "crlf",
                "drop-line",
                "heading-in-answer",
                "html",
                "heading-level",
                "drop-marker",
                "heading-marker",
                "answer-in-text",
                "appendix",
                "title-in-answer",
                "drop-intro",
            ]
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


@SETTINGS
@given(EDITS, st.sampled_from(["dtu-mlops-2025", "dtu-mlops-2023"]), st.booleans())
def test_both_course_scripts_are_emulated_exactly(edits: list[tuple[str, int]], name: str, bom: bool) -> None:
    """The emulation prints what the naive oracle prints, reads the same answers, and explains a wrong count
    of answers by causes whose deltas add up to it."""
    template = BUILTIN[name]
    year = template.script
    text = ("\ufeff" if bom else "") + mutate((BASE if year == "2025" else BASE_2023).split("\n"), edits)
    verdict = course_verdict(text, template)
    expected = oracle.check(text, year, dict(template.limits))
    assert (verdict.error or f"{verdict.passed}/{verdict.total}") == expected
    read = oracle.answers(text, year)
    if isinstance(read, list):
        assert [answer.text for answer in course_answers(text, year)] == read
    result = lint(text, "r.md", name)
    if result is None or not CourseReading(text, year).markers:
        return
    reading = CourseReading(result.report.course_text, year)
    causes = count_causes(result.report, template, reading)
    assert sum(cause.delta for cause in causes) == len(reading.answers) - template.count


@SETTINGS
@given(EDITS, st.sampled_from(["dtu-mlops-2025", "dtu-mlops-2023"]))
def test_every_divergence_from_the_course_is_flagged_at_its_question(edits: list[tuple[str, int]], name: str) -> None:
    """Wherever the course checker counts other numbers than reportlint for a question it checks, a course
    finding names that question; when it stops, an RL502 says so, and only then. No two findings state
    different counts for one answer in one reading."""
    template = BUILTIN[name]
    text = mutate((BASE if template.script == "2025" else BASE_2023).split("\n"), edits)
    result = lint(text, "r.md", name)
    if result is None:
        return
    for status in result.verdict.questions:
        said = [finding.message for finding in result.findings if finding.question == status.number]
        assert stated(said, OURS) <= {(status.words, status.images)}, said
        assert len(stated(said, THEIRS)) <= 1, said
        for message in said:
            length = LENGTH.match(message)
            if length is not None:
                assert int(length[1]) == (status.words if length[2] == "word" else status.images), message
    codes = [finding.code for finding in result.findings]
    if result.course.error is not None:
        assert "RL502" in codes
        return
    assert "RL502" not in codes
    flagged = {finding.question for finding in result.findings if finding.code.startswith("RL5")}
    answers = CourseReading(result.report.course_text, template.script).answers
    for status, answer in zip(result.verdict.questions, answers):
        limits = template.limits[status.number]
        if limits.words is None and limits.images is None:
            continue
        ours = (status.words, status.images) if status.answer_start is not None else (-1, -1)
        if course_reads_differently(ours, (answer.words, answer.images), limits):
            assert status.number in flagged, status.number


OURS = re.compile(r"\(reportlint: (\d+) words?, (\d+) images?\)")
THEIRS = re.compile(r"checker .*counts (\d+) words?, (\d+) images?")
LENGTH = re.compile(r"Question \d+: (\d+) (word|image)s?, expected")


def stated(messages: list[str], pattern: re.Pattern[str]) -> set[tuple[int, int]]:
    """The (words, images) pairs the messages state for one answer, in one reading."""
    return {(int(match[1]), int(match[2])) for message in messages for match in pattern.finditer(message)}


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
