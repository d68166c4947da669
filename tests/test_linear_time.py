"""Every command takes time linear in its input: four times the input takes about four times as long.

Each case was quadratic once (the commit that fixed it says how long it took); a quadratic path would take
sixteen times as long, so the bound of eight leaves room for a noisy machine without letting one through.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import build_report
from reportlint import check_text
from reportlint.output.page import Figure, page


def _fastest(run: Callable[[], object], clock: Callable[[], float] = time.process_time) -> float:
    best = float("inf")
    for _ in range(3):
        start = clock()
        run()
        best = min(best, clock() - start)
    return best


def _grows_linearly(make: Callable[[int], str], n: int, run: Callable[[str], object]) -> None:
    small, large = make(n), make(4 * n)
    assert _fastest(lambda: run(large)) < 8 * _fastest(lambda: run(small)) + 0.02


def _checked(text: str) -> object:
    result = check_text(text)
    assert result is not None
    return result


def _questions(section: str) -> Callable[[int], str]:
    """`n` question sections, `section` formatted with each number."""
    return lambda n: "".join(section.format(number=number) for number in range(1, n + 1))


def _answer_line(unit: str) -> Callable[[int], str]:
    """One answer line of `n` copies of `unit`."""
    return lambda n: "### Question 1\n\n> Answer: " + unit * n + "\n"


@pytest.mark.parametrize(
    ("make", "n"),
    [
        pytest.param(_answer_line("`a` ! < "), 20_000, id="backtick-runs-beside-image-marks"),
        pytest.param(
            _answer_line("".join("`" * length + "x " for length in range(1, 40)) + "! < "), 500, id="unclosed-runs"
        ),
        pytest.param(_answer_line("![a](figures/a.png) "), 10_000, id="images-on-one-line"),
        pytest.param(_answer_line("Answer: ## x ### y "), 5_000, id="course-pieces-on-one-line"),
        pytest.param(_questions("### Question {number}\n\n> Answer: x\n\n"), 2_000, id="question-headings"),
        pytest.param(
            _questions("### Question {number}\n\n> Answer: x\n\n### Notes\n\ntext\n\n"), 1_000, id="stray-headings"
        ),
        pytest.param(
            _questions("### Question {number}\n\n> Answer: x\n\n# Title\n\ntext\n\n"), 1_000, id="titles-in-answers"
        ),
        pytest.param(
            _questions("### Question {number}\n\n> Answer: x\n\n## Question {number}\n\ntext\n\n"),
            1_000,
            id="level-2-question-headings",
        ),
        pytest.param(
            _questions(
                "### Question {number}\n\n<!-- reportlint-disable RL201 RL301 -->\n\n> Answer: x\n\n"
                "<!-- reportlint-disable-next-line RL301 -->\n![a](b.png)\n\n"
            ),
            500,
            id="suppressions",
        ),
        pytest.param(lambda n: build_report({5: "- item\n" * n}), 10_000, id="list-items"),
        pytest.param(lambda n: build_report({5: "<!-- c -->\n" * n}), 10_000, id="comment-lines"),
        pytest.param(
            lambda n: build_report({5: "".join(f"![a][r{i}]\n\n[r{i}]: x{i}.png\n\n" for i in range(n))}),
            3_000,
            id="reference-definitions",
        ),
    ],
)
def test_check_grows_linearly(make: Callable[[int], str], n: int) -> None:
    _grows_linearly(make, n, _checked)


def _rendered(text: str) -> str:
    result = check_text(text)
    assert result is not None
    return page(result, text, Figure, "README.md")


@pytest.mark.parametrize(
    ("make", "n"),
    [
        pytest.param(lambda n: "### Question 1\n\n> Answer: x\n\n" * n, 300, id="one-question-many-times"),
        pytest.param(lambda n: build_report({5: "[a](http://x.y/a) " * n}), 500, id="links-in-one-paragraph"),
        pytest.param(lambda n: build_report({5: "![a](a.png)\n" * n}), 500, id="image-lines-in-one-paragraph"),
    ],
)
def test_page_grows_linearly(make: Callable[[int], str], n: int) -> None:
    _grows_linearly(make, n, _rendered)


def test_each_heading_of_a_repeated_question_lists_the_findings_of_its_own_section() -> None:
    html = _rendered("### Question 1\n\n> Answer: x\n\n" * 3)
    for line in (5, 9):
        assert html.count(f'<span class="rl-line">line {line}:1</span> <span class="rl-code">RL102') == 1


@pytest.mark.parametrize(
    "command",
    [["check"], ["check", "--format", "json"], ["summary"], ["html", "-o", "-"]],
    ids=["check", "json", "summary", "html"],
)
def test_each_command_grows_linearly(command: list[str], tmp_path: Path) -> None:
    def seconds(count: int) -> float:
        report = tmp_path / str(count) / "README.md"
        report.parent.mkdir()
        report.write_text(_questions("### Question {number}\n\n> Answer: `a` ! < `b`\n\n")(count), encoding="utf-8")
        args = [sys.executable, "-m", "reportlint", *command, str(report)]
        return _fastest(lambda: subprocess.run(args, capture_output=True, check=False), time.perf_counter)

    assert seconds(8_000) < 8 * seconds(2_000)
