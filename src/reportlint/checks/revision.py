"""Template revision checks (RL70x): prompts older than the limits, prompts the group edited, and the
template's own placeholder gibberish left as an answer.

The course changed its template while courses ran (dated in GRADER.md). Groups copy it on the day they
start, so a report's prompt can be older than the limits its answer is held to. Each revision is kept as a
fingerprint: the limits it states and a few lower-case words only its prompt holds, never the prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from reportlint.course.templates import BUILTIN, Limits, Range, Template, detect
from reportlint.findings import ERROR, WARNING, Finding, Rule
from reportlint.reading.report import Question, Report
from reportlint.records import NamedTuple

FAMILY = "revision"
RULES = (
    Rule(
        "RL701",
        "old-prompt",
        WARNING,
        FAMILY,
        "The question's prompt is from a revision of the template older than the limits it is held to.",
        "reports/README.md:88:1: RL701 warning: Question 3's prompt is the template's from before 2026-01-09: since then it is optional, asking whether you used open-source packages the course did not cover, with 0-200 words (was 100-200); answer the current question, the graders read that one",
    ),
    Rule(
        "RL702",
        "template-gibberish",
        ERROR,
        FAMILY,
        "The answer is the placeholder gibberish the 2025 template held in Question 31.",
        "reports/README.md:550:1: RL702 error: Question 28 is unanswered: its answer is the random letters the template held as a placeholder from 2025-01-24 to 2026-01-09 (`fewafewubaofewnaf...`); replace them with your answer",
    ),
    Rule(
        "RL703",
        "edited-prompt",
        WARNING,
        FAMILY,
        "The prompt states limits the course's template never had: the group edited it.",
        "reports/README.md:168:1: RL703 warning: Question 7's prompt says 50-120 words, which no revision of the template says (it asks for 50-100 words): graders read the course's prompt, not yours; restore it",
    ),
)


class Revision(NamedTuple):
    """One dated change to one question of a built-in template."""

    date: str
    template: str
    question: int
    words: Range | None  # the limit stated from this revision on
    before: Range | None  # the limit stated before it
    signs: tuple[str, ...]  # lower-case words that only prompts of this revision or later hold
    change: str  # what changed, in our words


REVISIONS = (
    Revision("2023-01-06", "dtu-mlops-2023", 7, (50, 100), None, (), "it asks for 50-100 words (it had no limit)"),
    Revision("2023-01-06", "dtu-mlops-2023", 18, (100, 200), (50, 100), (), "it allows 100-200 words (was 50-100)"),
    Revision(
        "2025-01-08",
        "dtu-mlops-2025",
        31,
        (50, 300),
        (50, 200),
        ("generative", " ai "),
        "it also asks whether and how you used generative AI tools, and allows 50-300 words (was 50-200)",
    ),
    Revision(
        "2026-01-09",
        "dtu-mlops-2025",
        3,
        (0, 200),
        (100, 200),
        ("open-source",),
        "it is optional, asking whether you used open-source packages the course did not cover, with 0-200 words "
        "(was 100-200)",
    ),
    Revision(
        "2026-01-19",
        "dtu-mlops-2025",
        25,
        (100, 200),
        (100, 200),
        ("functional",),
        "it also asks for functional testing",
    ),
)


def _histories(revisions: tuple[Revision, ...]) -> dict[tuple[str, int], tuple[Revision, ...]]:
    """Each revised question's revisions, oldest first, by (template, question): looked up once per answer."""
    histories: dict[tuple[str, int], tuple[Revision, ...]] = {}
    for revision in revisions:
        key = (revision.template, revision.question)
        histories[key] = (*histories.get(key, ()), revision)
    return histories


HISTORIES = _histories(REVISIONS)
_NO_LIMITS = Limits()

# The first letters of the random text the template held in Q31 from 2025-01-24 to 2026-01-09.
GIBBERISH = "fewafewubaofewnaf"
_LIMIT_LINE = r"(?i)\d\s*(?:-|–|to)\s*\d+\s+words"  # compiled on first use (by the re module): for a finding only
_WORD_LIMIT = re.compile(r"(?<!\d)(\d{1,4})\s*(?:-|–|to)\s*(\d{1,4})\s+words", re.IGNORECASE)


@lru_cache(maxsize=4096)
def stated_words(prompt: str) -> Range | None:
    """The word limit a prompt states, as `infer_limits` reads it, without the image patterns (the hook's path)."""
    match = _WORD_LIMIT.search(prompt) if "words" in prompt.lower() else None
    return (int(match.group(1)), int(match.group(2))) if match else None


_WORDS = r"[^a-z0-9-]+"  # compiled on first use (by the re module): only prompts of a revised question


def prompt_revision(template: str, question: Question) -> Revision | None:
    """The newest revision of this question the prompt is not older than; None when it predates them all or the
    question never changed. Limits decide where the prompt states them, the revisions' own words otherwise."""
    stated = stated_words(question.prompt)
    carried = None
    for revision in HISTORIES.get((template, question.number), ()):
        if revision.words == revision.before:
            prompt = f" {re.sub(_WORDS, ' ', question.prompt.lower())} "
            newer = any(sign in prompt for sign in revision.signs)
        else:
            newer = not _older(question, revision, stated)
        if not newer:
            return carried
        carried = revision
    return carried


def first_prompts(report: Report) -> dict[int, str]:
    """Each question number's prompt, that of its first heading: what tells the template."""
    return {question.number: question.prompt for question in reversed(report.questions)}  # the first one wins


def belongs(report: Report, template: Template) -> bool:
    """Whether the report's own prompts are of this built-in template: checked against another year's template
    (by `--template`, say), its prompts and questions mean other things."""
    return template.name in BUILTIN and detect(first_prompts(report)).name == template.name


def check_revision(
    report: Report, template: Template, path: str, answered: list[Question], own: bool
) -> Iterator[Finding]:
    """Prompts are judged only on the built-in template they are from: a course's own template file has no
    history here. `answered` is `checks.unanswered.answered_in(report, template)` and `own` is
    `belongs(report, template)`, which lint finds once for this check and identity's."""
    builtin = BUILTIN[template.name] if own else None
    for question in answered:
        number = question.number
        if GIBBERISH in question.text:
            line = next(n for n in _answer_lines(question) if GIBBERISH in report.lines[n - 1])
            yield Finding(
                path,
                line,
                1,
                "RL702",
                f"Question {number} is unanswered: its answer is the random letters the template held as a "
                f"placeholder from 2025-01-24 to 2026-01-09 (`{GIBBERISH}...`); replace them with your answer",
                number,
            )
        finding = _prompt(report, builtin, question, path) if builtin is not None else None
        if finding is not None:
            yield finding


def _answer_lines(question: Question) -> range:
    assert question.marker_line is not None
    return range(question.marker_line, question.end + 1)


def _prompt(report: Report, template: Template, question: Question, path: str) -> Finding | None:
    """The prompt's one finding, if any: older than a revision (RL701), or else edited (RL703)."""
    number = question.number
    history = HISTORIES.get((template.name, number), ())
    expected = template.limits.get(number, _NO_LIMITS)
    if not history and expected.words is None:
        return None  # no revision to be older than, and no limit to have edited
    stated = stated_words(question.prompt)
    for revision in history:
        if revision.words != revision.before and _older(question, revision, stated):
            return Finding(
                path,
                _limit_line(report, question),
                1,
                "RL701",
                f"Question {number}'s prompt is the template's from before {revision.date}: since then "
                f"{revision.change}; answer the current question, the graders read that one",
                number,
            )
    if stated is None or stated == expected.words or expected.words is None:
        return None  # most prompts: the template's own limit
    if all(stated != revision.before for revision in history):
        low, high = stated
        return Finding(
            path,
            _limit_line(report, question),
            1,
            "RL703",
            f"Question {number}'s prompt says {low}-{high} words, which no revision of the template says (it asks "
            f"for {expected.words[0]}-{expected.words[1]} words): graders read the course's prompt, not yours; "
            f"restore it",
            number,
        )
    return None


def _older(question: Question, revision: Revision, stated: Range | None) -> bool:
    """Whether the prompt predates a revision that changed the limit: it states the old limit, or, stating none,
    lacks the words the new prompt has."""
    if stated is not None:
        return stated == revision.before
    prompt = f" {re.sub(_WORDS, ' ', question.prompt.lower())} "
    return bool(revision.signs) and not any(sign in prompt for sign in revision.signs)


def _limit_line(report: Report, question: Question) -> int:
    """The prompt's line that states the word limit, else the heading's."""
    last = question.marker_line or question.end
    for number in range(question.line + 1, last + 1):
        if re.search(_LIMIT_LINE, report.lines[number - 1]):
            return number
    return question.line
