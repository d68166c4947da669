"""Generated input through the outputs that the core fuzzers do not reach: the page as `html` names it, and the
summary of a folder of generated reports."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import build_report, invoke, write
from reportlint.commands.render import shown_name
from reportlint.lint import lint
from reportlint.output.page import Figure, page
from test_html import HOSTILE, assert_whole_and_safe

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# A file name as the file system hands it over: any bytes but '/' and NUL, decoded as Python decodes names.
NAMES = st.binary(min_size=1, max_size=40).map(lambda raw: raw.replace(b"/", b"_").replace(b"\0", b"_"))
ANSWERS = st.one_of(st.text(max_size=300), st.sampled_from(HOSTILE))


def as_linked(target: str) -> Figure:
    return Figure(target)


@SETTINGS
@given(NAMES, ANSWERS, st.booleans())
def test_any_name_and_answer_give_a_whole_safe_utf8_page(raw: bytes, answer: str, pretty: bool) -> None:
    text = build_report({7: answer})
    result = lint(text, "README.md")
    assert result is not None  # the headings before Question 7 are read whatever its answer holds
    html = page(result, text, as_linked, shown_name(os.fsdecode(raw)), pretty=pretty)
    assert_whole_and_safe(html)
    html.encode("utf-8")  # strict: no lone surrogate left from the name


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(min_value=1, max_value=31), ANSWERS), min_size=1, max_size=4))
def test_summary_of_generated_reports_has_one_row_per_report(answers: list[tuple[int, str]]) -> None:
    with tempfile.TemporaryDirectory() as top:
        for group, (number, answer) in enumerate(answers):
            folder = Path(top) / f"group {group}" / "reports"
            folder.mkdir(parents=True)
            write(folder, build_report({max(number, 2): answer}))
        ran = invoke(["summary", top, "--format", "json"])
    rows = sorted(json.loads(ran.stdout), key=lambda row: row["group"])
    binary = ["\0" in answer for _, answer in answers]  # a NUL makes the file binary: a row saying so
    assert [row["group"] for row in rows] == [f"group {group}" for group in range(len(answers))]
    assert [row["error"] is not None for row in rows] == binary
    assert ran.exit_code == (2 if any(binary) else 0), ran.stderr
