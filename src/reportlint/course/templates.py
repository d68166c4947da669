"""Which questions a report must have and the limits of each: built in, inferred from prompts, or detected."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache

from reportlint.records import NamedTuple

Range = tuple[int, int]
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg")  # what the template tells groups to upload


class Limits(NamedTuple):
    words: Range | None = None
    images: Range | None = None


SCRIPT_2025 = "2025"  # the course's `report.py check` of 2025 and later courses
SCRIPT_2023 = "2023"  # the 27-question one of 2023 and 2024, which reads the file differently (GRADER.md)


class Template:
    """A course's questions and their limits (a plain class: a tuple's own `count` would get in the way).

    `script` names the version of the course's checker that checks reports on this template; a template
    that is not built in (inferred, or read from a file) is checked by the current one with its own count.
    """

    __slots__ = ("limits", "name", "script")

    def __init__(self, name: str, limits: Mapping[int, Limits], script: str = SCRIPT_2025) -> None:
        self.name = name
        self.limits = limits
        self.script = script

    @property
    def count(self) -> int:
        return len(self.limits)

    def __repr__(self) -> str:
        return f"Template({self.name!r}, {dict(self.limits)!r}, {self.script!r})"


def _table(rows: str) -> dict[int, Limits]:
    """Parse 'Q words images' rows, '-' for no limit, so the tables read like GRADER.md's."""
    limits: dict[int, Limits] = {}
    for row in rows.strip().splitlines():
        number, words, images = row.split()
        limits[int(number)] = Limits(_range(words), _range(images))
    return limits


def _range(cell: str) -> Range | None:
    if cell == "-":
        return None
    low, high = cell.split("-")
    return int(low), int(high)


BUILTIN: dict[str, Template] = {
    "dtu-mlops-2025": Template(
        "dtu-mlops-2025",
        _table("""
        1 - -
        2 - -
        3 0-200 -
        4 100-200 -
        5 100-200 -
        6 100-200 -
        7 50-100 -
        8 100-200 -
        9 100-200 -
        10 100-200 -
        11 200-300 -
        12 50-100 -
        13 100-200 -
        14 200-300 1-3
        15 100-200 -
        16 100-200 -
        17 50-200 -
        18 100-200 -
        19 - 1-2
        20 - 1-2
        21 - 1-2
        22 100-200 -
        23 100-200 -
        24 100-200 -
        25 100-200 -
        26 100-200 -
        27 100-200 -
        28 0-200 -
        29 200-400 1-1
        30 200-400 -
        31 50-300 -
    """),
    ),
    "dtu-mlops-2023": Template(
        "dtu-mlops-2023",
        _table("""
        1 - -
        2 - -
        3 100-200 -
        4 100-200 -
        5 100-200 -
        6 50-100 -
        7 50-100 -
        8 100-200 -
        9 100-200 -
        10 100-200 -
        11 200-300 -
        12 50-100 -
        13 100-200 -
        14 200-300 1-3
        15 100-200 -
        16 100-200 -
        17 50-200 -
        18 100-200 -
        19 - 1-2
        20 - 1-1
        21 - 1-1
        22 100-200 -
        23 100-200 -
        24 25-100 -
        25 200-400 1-1
        26 200-400 -
        27 50-200 -
    """),
        SCRIPT_2023,
    ),
}

INFER = "infer"
MAX_INFERRED = 999  # a higher heading number is a typo to report, not a template to build

_NUMBER = r"(?<!\d)(\d{1,4})"  # starts at a run of digits, so a long run cannot make the search quadratic
_TO = r"\s*(?:-|–|to)\s*"
_IMAGE_NOUN = r"(?:images?|screenshots?|figures?|pictures?)\b"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Compiled on first use: a 2025 report is told from its question count and never reads its prompts.

    "one image" alone is too loose ("the first image", "one of your images"), so a single image counts
    only when the prompt asks for it with a verb.
    """
    return (
        re.compile(_NUMBER + _TO + r"(\d{1,4})\s+words", re.IGNORECASE),
        re.compile(_NUMBER + _TO + r"(\d{1,4})\s+" + _IMAGE_NOUN, re.IGNORECASE),
        re.compile(r"\b(?:insert|upload|include|add|attach|show)\s+(?:one|a|an|1)\s+" + _IMAGE_NOUN, re.IGNORECASE),
    )


@lru_cache(maxsize=4096)
def infer_limits(prompt: str) -> Limits:
    """Read a question's limits from its own prompt, as the template states them in words.

    Cached: one report's prompts are read up to three times (its template, whether they are a built-in
    template's, a swapped pair), and most reports in a batch share the template's prompts word for word.
    """
    words_pattern, range_pattern, one_pattern = _patterns()
    words = words_pattern.search(prompt)
    images = range_pattern.search(prompt)
    image_range: Range | None
    if images:
        image_range = int(images.group(1)), int(images.group(2))
    elif one_pattern.search(prompt):
        image_range = (1, 1)
    else:
        image_range = None
    return Limits(
        (int(words.group(1)), int(words.group(2))) if words else None,
        image_range,
    )


def inferred(prompts: Mapping[int, str]) -> Template:
    """A template made from the report's own prompts, for courses whose numbers are not built in."""
    highest = max((number for number in prompts if 0 < number <= MAX_INFERRED), default=0)
    return Template(INFER, {number: infer_limits(prompts.get(number, "")) for number in range(1, highest + 1)})


def detect(prompts: Mapping[int, str]) -> Template:
    """Tell the built-in template from the report itself, so neither year's groups need a flag.

    A template that cannot hold the report's highest question number is out. Among the rest, the
    one whose limits agree with the most limits the prompts state wins; on a tie (prompts with the
    limits deleted), the one whose question count is nearest the number of questions present.
    """
    highest = max(prompts, default=0)
    fitting = [template for template in BUILTIN.values() if highest <= template.count]
    if len(fitting) == 1:
        return fitting[0]
    # a prompt for a number the templates limit alike adds the same to each, which changes no comparison
    rows = [_agreement(number, text) for number, text in prompts.items() if number in _TELLING]
    agreements = [sum(column) for column in zip(*rows)] if rows else [0] * len(BUILTIN)

    def score(candidate: tuple[Template, int]) -> tuple[int, int, int]:
        template, agree = candidate
        fits = 0 if highest <= template.count else -1
        return fits, agree, -abs(template.count - len(prompts))

    return max(zip(BUILTIN.values(), agreements), key=score)[0]


# The question numbers whose limits differ between built-in templates: only their prompts tell the templates
# apart (8 of a 27-question report's, each of which costs a hash of its prompt for `_agreement`'s cache).
_TELLING = frozenset(
    number
    for number in {number for template in BUILTIN.values() for number in template.limits}
    if len({template.limits.get(number) for template in BUILTIN.values()}) > 1
)


@lru_cache(maxsize=4096)
def _agreement(number: int, prompt: str) -> tuple[int, ...]:
    """How the limits a prompt states agree with each built-in template's for its question, in BUILTIN's order:
    +1 for each limit stated as the template has it, -1 for each stated otherwise. Cached as `infer_limits` is:
    a report is detected up to three times, and most share the template's prompts."""
    words, images = infer_limits(prompt)
    agreements: list[int] = []
    for template in BUILTIN.values():
        expected = template.limits.get(number)
        agree = 0
        if expected is not None:
            if words is not None:
                agree += 1 if words == expected.words else -1
            if images is not None:
                agree += 1 if images == expected.images else -1
        agreements.append(agree)
    return tuple(agreements)
