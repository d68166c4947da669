"""The whole check of one report: text + template -> report model -> findings. No printing, no exit codes."""

from __future__ import annotations

from typing import NamedTuple

from reportlint.checks.structure import check_lengths, check_structure, check_unanswered
from reportlint.checks.compat import check_compat
from reportlint.config import DEFAULT, Config
from reportlint.checks.figures import Files, check_figures
from reportlint.findings import DRAFT_CODES, Finding
from reportlint.reading.report import Question, Report, read
from reportlint.course.templates import BUILTIN, INFER, Template, detect, inferred


class Result(NamedTuple):
    path: str
    report: Report
    template: Template
    findings: tuple[Finding, ...]
    config: Config = DEFAULT

    def questions(self) -> list[Question]:
        """The template's questions present in the report, each number once, in the template's order."""
        first: dict[int, Question] = {}
        for question in self.report.questions:
            if question.number in self.template.limits:
                first.setdefault(question.number, question)
        return [first[number] for number in sorted(first)]

    def passed(self, question: Question) -> bool:
        return not any(finding.question == question.number for finding in self.findings)

    def unanswered(self, question: Question) -> bool:
        return question.marker_line is not None and question.unanswered

    @property
    def passing(self) -> int:
        return sum(self.passed(question) for question in self.questions())

    def fails(self, draft: bool) -> bool:
        """`draft` (the command line's) or the configuration's: unanswered questions do not fail."""
        draft = draft or self.config.draft
        return any(not (draft and finding.code in DRAFT_CODES) for finding in self.findings)


def choose_template(report: Report, name: str | Template | None) -> Template:
    """A built-in template's name, 'infer', a template read from a file, or None to tell from the report."""
    if isinstance(name, Template):
        return name
    prompts: dict[int, str] = {}
    for question in report.questions:
        prompts.setdefault(question.number, question.prompt)
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
) -> Result | None:
    """Check one report; None when the text is not a report (it has no question headings).

    `template_name` (the command line's) wins over the configuration's template.
    """
    report = read(text)
    if not report.questions:
        return None
    template = config.applied(choose_template(report, template_name or config.template))
    findings = [
        *check_structure(report, template, path),
        *check_unanswered(report, template, path),
        *check_lengths(report, template, path),
        *check_compat(report, template, path),
    ]
    if files is not None:
        findings.extend(check_figures(report, files, path, folder, config.image_extensions))
    kept = {finding for finding in findings if config.reports(finding.code)}
    ordered = sorted(kept, key=lambda f: (f.line, f.column, f.code, f.message))
    return Result(path, report, template, tuple(ordered), config)
