"""The whole check of one report: text + template -> report model -> findings -> verdict. No I/O, no printing."""

from __future__ import annotations

from operator import itemgetter

from reportlint.checks.compat import check_compat
from reportlint.checks.figures import check_figures
from reportlint.checks.identity import check_identity
from reportlint.checks.lengths import check_lengths
from reportlint.checks.links import check_links
from reportlint.checks.page import check_page
from reportlint.checks.revision import belongs, check_revision, first_prompts
from reportlint.checks.structure import check_structure
from reportlint.checks.suppressions import apply_suppressions
from reportlint.checks.unanswered import DRAFT_CODES, answered_in, check_unanswered
from reportlint.config import DEFAULT, Config
from reportlint.course.script import CourseReading, CourseVerdict, Known, verdict_of
from reportlint.course.templates import BUILTIN, INFER, Template, detect, inferred
from reportlint.findings import OFF, WARNING, Finding
from reportlint.reading.report import Report, read
from reportlint.records import NamedTuple
from reportlint.rules import RULES
from reportlint.status import QuestionStatus, Verdict, decide

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which the hook would pay for at start
if TYPE_CHECKING:
    from typing import Any, Callable

    from reportlint.checks.figures import Files


class Result(NamedTuple):
    path: str
    report: Report
    template: Template
    findings: tuple[Finding, ...]  # sorted by line; each with its final severity, none that is off
    verdict: Verdict
    course: CourseVerdict
    config: Config = DEFAULT

    def outcome(self) -> Outcome:
        return Outcome(
            self.path,
            self.template.name,
            self.template.count,
            self.findings,
            self.verdict,
            self.course,
            self.config.draft,
        )


class Outcome(NamedTuple):
    """What every printed form needs of one checked report: small and picklable, unlike the report itself."""

    path: str
    template: str
    total: int  # the template's number of questions
    findings: tuple[Finding, ...]
    verdict: Verdict
    course: CourseVerdict
    draft: bool

    def __reduce__(self) -> tuple[Callable[..., Outcome], tuple[Any, ...]]:
        """Pickled with its records as plain tuples, which pickle writes and reads in C. A batch's workers send
        an outcome per report, with a record per finding and per question; pickled as records, each cost a call
        of Python code to write and another to read: together a tenth of a millisecond per report."""
        path, template, total, findings, verdict, course, draft = self
        statuses = tuple(map(tuple, verdict.questions))
        return _outcome, (path, template, total, tuple(map(tuple, findings)), statuses, verdict[1:], course[:], draft)


def _outcome(
    path: str,
    template: str,
    total: int,
    findings: tuple[tuple[Any, ...], ...],
    statuses: tuple[tuple[Any, ...], ...],
    standing: tuple[Any, ...],
    course: tuple[Any, ...],
    draft: bool,
) -> Outcome:
    """The outcome `Outcome.__reduce__` took apart."""
    new = tuple.__new__
    verdict = Verdict(tuple([new(QuestionStatus, status) for status in statuses]), *standing)
    return Outcome(
        path,
        template,
        total,
        tuple([new(Finding, row) for row in findings]),
        verdict,
        new(CourseVerdict, course),
        draft,
    )


def choose_template(report: Report, name: str | Template | None) -> Template:
    """A built-in template's name, 'infer', a template read from a file, or None to tell from the report."""
    if isinstance(name, Template):
        return name
    prompts = first_prompts(report)
    if name is None:
        return detect(prompts)
    if name == INFER:
        return inferred(prompts)
    return BUILTIN[name]


def lint(
    text: str,
    path: str,
    template_name: str | Template | None = None,
    files: Files | None = None,
    folder: str = "reports/",
    config: Config = DEFAULT,
    report: Report | None = None,
) -> Result | None:
    """Check one report; None when the text is not a report (it has no question headings).

    `template_name` (the command line's) wins over the configuration's template; `config` already holds
    the command line's draft and strict. `report` is `read(text)` when the caller has it already: the hook
    reads a staged report for its links before checking it.
    """
    report = read(text) if report is None else report
    if not report.questions:
        return None
    name = template_name or config.template
    template = config.applied(choose_template(report, name))
    own = name is None or belongs(report, template)  # a template told from the prompts is theirs
    answered = answered_in(report, template)  # what most checks read, found once
    known = _known(report)  # the course reads most answers as the report does
    reading = CourseReading(
        _course_text(text, report), template.script, known, report.offsets
    )  # once, for RL5xx and the verdict
    findings = [
        *check_structure(report, template, path),
        *check_unanswered(report, template, path, answered),
        *check_lengths(template, path, answered),
        *check_compat(report, template, path, reading),
        *check_page(report, template, path, text, answered),
        *check_revision(report, template, path, answered, own),
        *check_identity(report, template, path, answered, own),
    ]
    if files is not None:
        findings.extend(check_figures(report, files, path, folder, config.image_extensions))
        findings.extend(check_links(report, files, path, folder))
    findings = apply_suppressions(report, findings, path, _CODES)
    ordered = tuple(sorted(_with_severities(findings, config), key=_PLACE))
    verdict = decide(report, template, ordered, config.strict, config.draft)
    return Result(path, report, template, ordered, verdict, verdict_of(reading, template), config)


def _known(report: Report) -> Known:
    """The report's answers by where their markers are in the course's text: the report's text with a byte order
    mark it started with (`report.course_text`)."""
    shift, offsets = int(report.bom) - 1, report.offsets  # a column is 1-based
    return {
        offsets[q.marker_line - 1] + q.marker_column + shift: (
            (q.marker_line, q.marker_column),
            q.text,
            q.words,
            q.image_count,
        )
        for q in report.questions
        if q.marker_line is not None
    }


def _course_text(text: str, report: Report) -> str:
    """`report.course_text`, cut from the text read when its line breaks are all `\n`, as in most reports:
    joining the report's lines again cost as much as a check."""
    if "\r" in text:
        return report.course_text
    return text[:-1] if text.endswith("\n") else text  # the BOM is kept, and the last line break goes


_CODES = frozenset(RULES)
_PLACE = itemgetter(1, 2, 3, 4)  # a finding's line, column, code and message: the order findings are listed in


def _with_severities(findings: list[Finding], config: Config) -> set[Finding]:
    """The findings with the severity the configuration gives their code, none twice and none that is off. A
    report has a few codes and many findings: each code's severity is decided once."""
    severities: dict[str, str] = {}
    kept: set[Finding] = set()
    for finding in findings:
        severity = severities.get(finding.code)
        if severity is None:
            severity = severities[finding.code] = _severity(finding.code, config)
        if severity != OFF:
            kept.add(finding if severity == finding.severity else finding._replace(severity=severity))
    return kept


def _severity(code: str, config: Config) -> str:
    severity = config.severity_of(code, RULES[code].severity)
    if config.draft and code in DRAFT_CODES and severity != OFF:
        severity = WARNING  # listed, never failing (not even under strict): the group is still writing
    return severity
