"""Built-in templates, limits inferred from prompts, and telling the year from the report itself."""

from __future__ import annotations

import pytest

from conftest import build_report
from reportlint.course.templates import BUILTIN, Limits, infer_limits
from reportlint.lint import choose_template
from reportlint.reading.report import read


@pytest.mark.parametrize(
    ("prompt", "limits"),
    [
        ("> Recommended answer length: 100-200 words.", Limits((100, 200), None)),
        ("> Answer length: 25-100 words", Limits((25, 100), None)),
        ("> Recommended answer length: 200-300 words + 1 to 3 screenshots.", Limits((200, 300), (1, 3))),
        ("> **Insert 1-2 images of your bucket.**", Limits(None, (1, 2))),
        ("> **Upload one image of the registry.**", Limits(None, (1, 1))),
        (
            "> **Include a figure of the system.**\n> Recommended answer length: 200-400 words",
            Limits((200, 400), (1, 1)),
        ),
        ("> **Explain how you run your docker images; the first image is built by CI.**", Limits(None, None)),
        ("> **What is your group number?**", Limits(None, None)),
    ],
    ids=[
        "range",
        "answer-length",
        "words-and-screenshots",
        "1-2-images",
        "one-image",
        "a-figure",
        "images-without-a-count",
        "no-limits",
    ],
)
def test_limits_are_read_from_the_prompt(prompt: str, limits: Limits) -> None:
    assert infer_limits(prompt) == limits


@pytest.mark.parametrize("name", sorted(BUILTIN))
def test_inference_gives_the_built_in_limits(name: str) -> None:
    report = read(build_report(template=name))
    assert dict(choose_template(report, "infer").limits) == dict(BUILTIN[name].limits)


@pytest.mark.parametrize("name", sorted(BUILTIN))
def test_template_is_told_from_the_report(name: str) -> None:
    assert choose_template(read(build_report(template=name)), None).name == name


def test_report_without_stated_limits_is_told_by_its_question_count() -> None:
    text = build_report(template="dtu-mlops-2023")
    stripped = "\n".join(line for line in text.split("\n") if "length" not in line and "**" not in line)
    assert choose_template(read(stripped), None).name == "dtu-mlops-2023"


def test_a_report_beyond_question_27_is_never_2023() -> None:
    text = build_report(template="dtu-mlops-2023") + "\n### Question 30\n\n> Answer:\n\nmore\n"
    assert choose_template(read(text), None).name == "dtu-mlops-2025"


def test_built_in_tables_have_every_question_numbered_in_order() -> None:
    assert list(BUILTIN["dtu-mlops-2025"].limits) == list(range(1, 32))
    assert list(BUILTIN["dtu-mlops-2023"].limits) == list(range(1, 28))
    assert BUILTIN["dtu-mlops-2025"].limits[29] == Limits((200, 400), (1, 1))
    assert BUILTIN["dtu-mlops-2023"].limits[24] == Limits((25, 100), None)
