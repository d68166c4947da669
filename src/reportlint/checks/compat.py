"""Where the course's own checker reads a different answer than the report's structure shows, said at each
question with the checker's own numbers."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import islice

from reportlint.checks.structure import then_counts
from reportlint.course.script import MARKER, CourseAnswer, CourseReading, Position, count_words
from reportlint.course.templates import SCRIPT_2023, Limits, Template
from reportlint.findings import ERROR, WARNING, Finding, Rule
from reportlint.reading.report import AS_TEXT, IN_HTML, LINES, REFERENCE, ImageLink, Question, Report
from reportlint.records import NamedTuple

FAMILY = "course"
RULES = (
    Rule(
        "RL501",
        "grader-cuts-answer",
        ERROR,
        FAMILY,
        "The course checker cuts this answer at a `##` and counts less.",
        "reports/README.md:291:1: RL501 error: Question 13: the course checker stops reading this answer at this `##` and counts 66 words, 0 images (reportlint: 131 words, 0 images)",
    ),
    Rule(
        "RL502",
        "grader-crash",
        ERROR,
        FAMILY,
        "The course checker finds a different number of answers and stops with an error; one finding per cause.",
        "reports/README.md:628:1: RL502 error: the course checker finds 32 answers where dtu-mlops-2025 has 31 and stops with an error, checking nothing: this `###` after the last `Answer:` makes it read the last answer twice",
    ),
    Rule(
        "RL503",
        "grader-reads-on",
        ERROR,
        FAMILY,
        "The course checker counts text that is not part of this answer.",
        "reports/README.md:628:1: RL503 error: Question 31: the course checker also reads from here to the end of the file as this answer and counts 398 words, 0 images (reportlint: 101 words, 0 images)",
    ),
    Rule(
        "RL504",
        "grader-counts-hidden-image",
        WARNING,
        FAMILY,
        "The course checker counts image syntax that no reader sees (in code, a comment, or not valid syntax).",
        "reports/README.md:427:1: RL504 warning: Question 21: the course checker counts this image syntax, but it is in code or a comment and no reader sees an image",
    ),
    Rule(
        "RL505",
        "grader-ignores-html-image",
        WARNING,
        FAMILY,
        "The course checker does not count an HTML `<img>` tag (on one line or several).",
        "reports/README.md:414:1: RL505 warning: Question 20: the course checker does not count this <img> tag: use ![alt](figures/x.png) to have it counted",
    ),
    Rule(
        "RL506",
        "grader-misaligned",
        ERROR,
        FAMILY,
        "The course checker reads another piece of text as this question's answer (one finding per question).",
        "reports/README.md:451:1: RL506 error: Question 23: the course checker takes only the text after this `Answer:` as this question's answer and counts 131 words, 0 images (reportlint: 132 words, 0 images)",
    ),
    Rule(
        "RL507",
        "grader-misses-image",
        WARNING,
        FAMILY,
        "An image GitHub shows (reference-style, or written over two lines) that the course checker does not count.",
        "reports/README.md:412:1: RL507 warning: Question 20: GitHub shows this reference-style image, but the course checker counts only `![alt](path)` written on one line: write it as ![alt](figures/registry.png)",
    ),
    Rule(
        "RL508",
        "grader-faults-cancel",
        ERROR,
        FAMILY,
        "Faults that change the course checker's count of answers cancel out: it runs, reading answers off.",
        "reports/README.md:626:1: RL508 error: this `###` after the last `Answer:` makes it read the last answer twice; the course checker still finds 31 answers only because this cancels out with line 197 (one answer fewer): fix them together, as fixing one alone makes it stop with an error",
    ),
)


def check_compat(
    report: Report, template: Template, path: str, reading: CourseReading | None = None
) -> Iterator[Finding]:
    """`reading` is the course's reading of this report, when the caller has made it already (lint does, for
    the verdict too)."""
    if reading is None:
        reading = CourseReading(report.course_text, template.script)
    error = reading.error(template.count)
    first = _first(report)
    if error is None:
        yield from _misreadings(report, template, path, reading.answers, first)
        yield from _cancelling(report, template, path, reading)
    else:
        yield from _crash(report, template, path, reading)
    yield from _images(report, template, path, first)


def _first(report: Report) -> dict[int, Question]:
    """The first heading of each number: the one the course's pairing and our statuses refer to."""
    first: dict[int, Question] = {}
    for question in report.questions:
        first.setdefault(question.number, question)
    return first


def _counts(words: int, images: int) -> str:
    return f"{words} word{'' if words == 1 else 's'}, {images} image{'' if images == 1 else 's'}"


def _misreadings(
    report: Report, template: Template, path: str, answers: Sequence[CourseAnswer], first: dict[int, Question]
) -> Iterator[Finding]:
    """One finding at every question the course checks on other text than reportlint reads for it."""
    owners: dict[tuple[int, int], Question] | None = None  # each marker's question, once an answer needs them
    for (number, limits), answer in zip(sorted(template.limits.items()), answers):
        if limits.words is None and limits.images is None:
            continue  # the course checks nothing there
        question = first.get(number)
        at = (answer.marker_line or answer.begin_line, answer.marker_column or 1)
        if (
            question is not None
            and at == (question.marker_line, question.marker_column)
            and (
                (question.words == answer.words and question.image_count == answer.images)  # most: no call needed
                or not differ((question.words, question.image_count), (answer.words, answer.images), limits)
            )
        ):
            continue  # most answers: the course reads this question's own answer and counts it alike
        if owners is None:
            owners = {(q.marker_line, q.marker_column): q for q in report.questions if q.marker_line is not None}
        yield _misreading(report, path, number, question, answer, at, owners)


def _misreading(
    report: Report,
    path: str,
    number: int,
    question: Question | None,
    answer: CourseAnswer,
    at: Position,
    owners: dict[tuple[int, int], Question],
) -> Finding:
    """The finding for an answer the course reads elsewhere (`at`, its marker) or counts otherwise."""
    theirs = _counts(answer.words, answer.images)
    owner = owners.get(at)
    whose = "" if owner is None else f" ({_whose(owner, number)})"
    if question is None:
        return Finding(
            path,
            at[0],
            at[1],
            "RL506",
            f"Question {number}: there is no `### Question {number}` heading, but the course checker reads the "
            f"text after this `{MARKER}`{whose} as its answer and counts {theirs}",
            number,
        )
    if question.marker_line is None:
        return Finding(
            path,
            question.line,
            1,
            "RL506",
            f"Question {number} has no `{MARKER}` line, but the course checker reads the text after the "
            f"`{MARKER}` at line {at[0]}{whose} as its answer and counts {theirs}",
            number,
        )
    ours = (question.marker_line, question.marker_column)
    instead = f"counts {theirs} (reportlint: {_counts(question.words, question.image_count)})"
    if at != ours:
        if owner is None and ours < at and at[0] <= question.end:
            return Finding(
                path,
                at[0],
                at[1],
                "RL506",
                f"Question {number}: the course checker takes only the text after this `{MARKER}` as this "
                f"question's answer and {instead}",
                number,
            )
        if owner is not None:
            what = f"pairs answers with questions by position and reads {_whose(owner, number)} (line {at[0]})"
        else:
            what = f"reads the text after the `{MARKER}` at line {at[0]}"
        message = f"Question {number}: the course checker {what} as this one's and {instead}"
        return Finding(path, ours[0], ours[1], "RL506", message, number)
    if answer.cut_line is not None and answer.cut_line <= question.end:
        return Finding(
            path,
            answer.cut_line,
            answer.cut_column,
            "RL501",
            f"Question {number}: the course checker stops reading this answer at this `##` and {instead}",
            number,
        )
    start = _first_text_after(report, question.end, answer.end_line)
    to = (
        "the end of the file"
        if answer.cut_line is None
        else f"the `##` at line {answer.cut_line}, column {answer.cut_column}"
    )
    return Finding(
        path,
        start,
        1,
        "RL503",
        f"Question {number}: the course checker also reads from here to {to} as this answer and {instead}",
        number,
    )


def _whose(owner: Question, number: int) -> str:
    if owner.number == number:
        return f"the answer under the repeated `### Question {number}` at line {owner.line}"
    return f"Question {owner.number}'s answer"


def differ(ours: tuple[int, int], theirs: tuple[int, int], limits: Limits) -> bool:
    """Only what the course checks matters: an images-only question may read other words harmlessly."""
    return (limits.words is not None and ours[0] != theirs[0]) or (limits.images is not None and ours[1] != theirs[1])


def _first_text_after(report: Report, end: int, limit: int) -> int:
    for number in range(end + 1, max(limit, end + 1) + 1):
        if number <= len(report.lines) and report.lines[number - 1].strip():
            return number
    return min(end + 1, max(len(report.lines), 1))


def _cancelling(report: Report, template: Template, path: str, reading: CourseReading) -> Iterator[Finding]:
    """Faults whose effects on the count of answers cancel out: the checker runs, but fixing one of them alone
    makes it stop, so each says which others to fix with it."""
    causes = count_causes(report, template, reading) if reading.markers else []
    for cause in causes:
        others = ", ".join(
            f"line {other.line} (one answer {'more' if other.delta > 0 else 'fewer'})"
            for other in causes
            if other is not cause
        )
        yield Finding(
            path,
            cause.line,
            cause.column,
            "RL508",
            f"{cause.why}; the course checker still finds {template.count} answers only because this cancels out "
            f"with {others}: fix them together, as fixing one alone makes it stop with an error",
            cause.question,
        )


class _Region(NamedTuple):
    """Markers with no `###` between them: the course reads one answer for all of them (the last one's)."""

    opener: Position | None  # the `###` before them; None when none comes before them (after any skipped text)
    markers: tuple[Position, ...]


class _Cause(NamedTuple):
    """One reason the course finds more (+1) or fewer (-1) answers than the template has."""

    line: int
    column: int
    delta: int
    why: str
    question: int | None = None


def _crash(report: Report, template: Template, path: str, reading: CourseReading) -> Iterator[Finding]:
    """Say at each place why the course's count of answers goes wrong; it then checks nothing at all."""
    found = len(reading.answers)
    if not reading.markers:
        yield Finding(
            path,
            1,
            1,
            "RL502",
            f"the course checker finds no `{MARKER}` in the report and stops with an error, checking nothing: "
            f"put `> {MARKER}` under every question's prompt",
            None,
        )
        return
    head = (
        f"the course checker finds {found} answers where {template.name} has {template.count} and stops with "
        f"an error, checking nothing"
    )
    causes = count_causes(report, template, reading)
    if not causes:  # every cause is modelled (the tests hold their sum to the count); kept as a safe default
        causes = [_Cause(1, 1, found - template.count, f"the report has {len(reading.markers)} `{MARKER}` markers")]
    for cause in causes:
        yield Finding(path, cause.line, cause.column, "RL502", f"{head}: {cause.why}", cause.question)


def count_causes(report: Report, template: Template, reading: CourseReading) -> list[_Cause]:
    """Every reason the course's count of answers differs from the template's; their deltas sum to the
    difference (when the report has any marker).

    Each question's section (heading to next question heading) should hold one region with markers; the
    introduction none; nothing with `###` should follow the last marker.
    """
    questions = report.questions
    starts = [(q.line, report.lines[q.line - 1].find("###") + 1) for q in questions]  # each heading's `###`
    if _one_answer_each(template, questions, starts, reading):
        return []
    by_section: dict[int, list[_Region]] = {}
    for region in _regions(reading):
        section = bisect_right(starts, region.markers[-1]) - 1
        by_section.setdefault(section, []).append(region)
    causes: list[_Cause] = []
    intro = by_section.get(-1, [])
    if reading.script == SCRIPT_2023 and reading.regions[0] == 0:
        if intro and intro[0].opener is None:
            intro = intro[1:]  # it is the piece the checker drops: nothing lost
        else:
            line, column = reading.markers[0]
            causes.append(
                _Cause(
                    line,
                    column,
                    -1,
                    f"the 2023/2024 checker skips the first 43 characters (to line {reading.start[0]}, column "
                    f"{reading.start[1]}), and with no `###` between there and this first `{MARKER}` it drops the "
                    f"first answer: put the template's 43 characters of page settings back at the top, above "
                    f"`### Question 1`",
                )
            )
    for region in intro:
        line, column = region.markers[-1]
        causes.append(
            _Cause(
                line,
                column,
                1,
                f"this `{MARKER}` comes before the first question, so the text after it is read as one answer more: "
                f"reword it",
            )
        )
    first = _first(report)
    claimed: set[Position] = set()
    for index, question in enumerate(questions):
        causes.extend(_section_causes(question, by_section.get(index, []), first, template, claimed))
    for number in template.limits:
        if number not in first:
            causes.append(_missing(report, number, first, by_section, claimed))
    if reading.trailing is not None:
        line, column = reading.trailing
        causes.append(
            _Cause(line, column, 1, f"this `###` after the last `{MARKER}` makes it read the last answer twice")
        )
    return sorted(causes)


def _one_answer_each(
    template: Template, questions: Sequence[Question], starts: list[Position], reading: CourseReading
) -> bool:
    """Whether the report is laid out as the template is, which most are: each of the template's questions once,
    the first marker after the first heading, each later heading's `###` the opener of a region (the first
    `###` since the last marker), and none after the last marker. Each section then holds one region, so there
    is no cause to look for: a region's markers all come before the next region's opener.
    """
    if reading.trailing is not None or not reading.regions or reading.regions[0] == 0:
        return False
    numbers = {question.number for question in questions}
    if len(numbers) != len(questions) or numbers != template.limits.keys():
        return False
    openers = list(reading.openers.values())
    return len(openers) == len(starts) and reading.markers[0] > starts[0] and openers[1:] == starts[1:]


def _regions(reading: CourseReading) -> Iterator[_Region]:
    markers: list[Position] = []
    for index, (position, region) in enumerate(zip(reading.markers, reading.regions)):
        markers.append(position)
        if index + 1 == len(reading.regions) or reading.regions[index + 1] != region:
            yield _Region(reading.openers.get(region), tuple(markers))
            markers = []


def _section_causes(
    question: Question, regions: list[_Region], first: dict[int, Question], template: Template, claimed: set[Position]
) -> Iterator[_Cause]:
    number = question.number
    if first.get(number) is not question or number not in template.limits:
        if regions:
            what = (
                f"Question {number} is not in {template.name}"
                if number not in template.limits
                else f"Question {number} appears again"
            )
            more = "one answer more" if len(regions) == 1 else f"{len(regions)} answers more"
            yield _Cause(question.line, 1, len(regions), f"{what}, and its answer is read as {more}", number)
        return
    if not regions:
        yield _Cause(
            question.line, 1, -1, f"Question {number} has no `{MARKER}` line, so one answer is missing", number
        )
        return
    for region in regions[1:]:
        line, column = region.markers[-1]
        claimed.add(region.markers[-1])
        where = f"at line {region.opener[0]} " if region.opener is not None else ""
        yield _Cause(
            line,
            column,
            1,
            f"this `{MARKER}` comes after the `###` {where}inside Question {number}'s answer, so the text after "
            f"it is read as one answer more: reword it (or make that heading bold text)",
            number,
        )


def _missing(
    report: Report,
    number: int,
    first: dict[int, Question],
    by_section: dict[int, list[_Region]],
    claimed: set[Position],
) -> _Cause:
    """A question with no heading: its marker, if left, shares the previous question's region."""
    before = max((n for n in first if n < number), default=None)
    if before is not None:
        index = report.questions.index(first[before])
        for region in by_section.get(index, []):
            if len(region.markers) > 1 and region.markers[1] not in claimed:
                claimed.add(region.markers[1])
                (line, column), previous = region.markers[1], region.markers[0]
                return _Cause(
                    line,
                    column,
                    -1,
                    f"no `###` heading between the `{MARKER}` at line {previous[0]} and this one, so it drops "
                    f"the first (is a `### Question` heading missing?)",
                    number,
                )
    after = next((q for q in report.questions if q.number > number), None)
    line = after.line if after is not None else max(len(report.lines), 1)
    return _Cause(line, 1, -1, f"Question {number} is missing, so one answer is missing", number)


def _images(report: Report, template: Template, path: str, first: dict[int, Question]) -> Iterator[Finding]:
    """Image syntax the course counts that nobody sees, and images everybody sees that it does not count."""
    for number, question in first.items():
        limits = template.limits.get(number)
        if limits is None or limits.images is None or question.marker_line is None:
            continue
        for image in question.hidden:
            yield Finding(
                path,
                image.line,
                image.column,
                "RL504",
                f"Question {number}: the course checker counts this image syntax, but {_unseen(image)}",
                number,
            )
        uncounted = [image for image in question.images if image.html or image.why in (REFERENCE, LINES)]
        counted = question.image_count
        low, high = limits.images
        fits = counted + len(uncounted) <= high
        for image in uncounted:
            if fits:
                if image.why == LINES:
                    advice = "put it on one line"
                elif image.html:
                    words = question.words - count_words(_tag(report, image)) + 1
                    advice = f"use ![alt]({image.target}) to have it counted{then_counts(words, template, number)}"
                else:
                    advice = f"write it as ![alt]({image.target})"
            else:
                hidden = f", {len(question.hidden)} of them unseen" if question.hidden else ""
                advice = (
                    f"it counts {counted} image{'' if counted == 1 else 's'}{hidden} where the page shows "
                    f"{len(question.images)} (expected {low}-{high})"
                )
            yield _uncounted(path, number, image, advice)


def _tag(report: Report, image: ImageLink) -> str:
    """An `<img>` tag's text, over as many lines as it takes (a tag holds no `<` and no blank line)."""
    text = report.lines[image.line - 1][image.column - 1 :]
    for line in islice(report.lines, image.line, None):
        if ">" in text or not line.strip() or "<" in line.split(">")[0]:
            break
        text += "\n" + line
    return text[: text.find(">") + 1] if ">" in text else text


def _unseen(image: ImageLink) -> str:
    if image.why == AS_TEXT:
        return "GitHub does not show it as an image (a space in the link, say), so no reader sees one"
    if image.why == IN_HTML:
        return "it is inside an HTML block, where markdown is not rendered, so no reader sees an image"
    return "it is in code or a comment and no reader sees an image"


def _uncounted(path: str, number: int, image: ImageLink, advice: str) -> Finding:
    if image.html:
        return Finding(
            path,
            image.line,
            image.column,
            "RL505",
            f"Question {number}: the course checker does not count this <img> tag: {advice}",
            number,
        )
    form = "reference-style image" if image.why == REFERENCE else "image written over two lines"
    return Finding(
        path,
        image.line,
        image.column,
        "RL507",
        f"Question {number}: GitHub shows this {form}, but the course checker counts only `![alt](path)` "
        f"written on one line: {advice}",
        number,
    )
