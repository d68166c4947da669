"""The Python API, imported as `reportlint`: check a report's text or its file, get the findings and the
course's verdict. Every command checks files through `Checker` too (as `RunContext`), so a script gets
exactly what `reportlint check` prints.

    import reportlint

    result = reportlint.check_file("reports/README.md")  # None when the file is no report
    for finding in result.findings:
        print(finding.line, finding.code, finding.severity, finding.message)
    print(result.course.passed, result.course.total, result.verdict.fails)
"""

from __future__ import annotations

import os

from reportlint.config import DEFAULT, Config
from reportlint.course.templates import BUILTIN, INFER, Template
from reportlint.edge.discovery import load_config, load_template
from reportlint.edge.disk import Disk, Folder
from reportlint.edge.textfile import read_text
from reportlint.lint import Result, lint

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which the hook would pay for at start
if TYPE_CHECKING:
    from typing import Any, Union

    from reportlint.reading.report import Report

    TemplateChoice = Union[str, Template, None]  # a built-in name, 'infer', a template read from a file, or detect


class Checker:
    """Checks report files with one set of options and one file-system cache, as `reportlint check` does.

    Reuse one Checker for many files: each folder is listed, each configuration file read and each git
    index read once, however many reports are checked. A Checker can be sent to worker processes: each
    rebuilds the cache on first use (the cache is never pickled).
    """

    def __init__(
        self,
        template: str | None = None,
        *,
        draft: bool = False,
        strict: bool = False,
        use_config: bool = True,
        config_file: str | None = None,
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] | None = None,
    ) -> None:
        """`template`: a built-in template's name, "infer", or a template file's path (read here, so a broken
        file raises ConfigError before any report is checked); None tells the template from each report.
        `use_config=False` ignores `[tool.reportlint]` and `.reportlint.toml`; `config_file` is one
        configuration for every report instead of each folder's own (read here too); `select` and `ignore`
        (codes or prefixes) replace the configuration's."""
        self.template: TemplateChoice = (
            load_template(template)
            if template is not None and template not in BUILTIN and template != INFER
            else template
        )
        self.draft = draft
        self.strict = strict
        self.use_config = use_config
        self.fixed = load_config(config_file) if config_file is not None else None
        self.select = select
        self.ignore = ignore
        self._disk: Disk | None = None

    @property
    def disk(self) -> Disk:
        if self._disk is None:
            self._disk = Disk()
        return self._disk

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_disk": None}

    def config(self, folder: str) -> Config:
        """The configuration for reports in `folder`, with this Checker's draft, strict, select and ignore on
        top; raises ConfigError for a broken configuration file."""
        found = self.fixed
        if found is None:
            found = self.disk.config(folder) if self.use_config else DEFAULT
        changes: dict[str, Any] = {}
        if (self.draft and not found.draft) or (self.strict and not found.strict):
            changes.update(draft=found.draft or self.draft, strict=found.strict or self.strict)
        if self.select is not None:
            changes["select"] = self.select
        if self.ignore is not None:
            changes["ignore"] = self.ignore
        return found._replace(**changes) if changes else found

    def check(self, path: str) -> Result | None:
        """Read and check the report at `path`, its figures on disk and in git included; None when the file is
        no report (it has no `### Question N` headings). Raises ReadError when the file cannot be read (the
        message says why) and ConfigError for a broken configuration file."""
        return self.lint(path, read_text(path))

    def lint(self, path: str, text: str, report: Report | None = None) -> Result | None:
        """Check `text` as the report at `path`: that folder's configuration and figures (an editor's unsaved
        buffer, say). `report` is the text's model when it was read already."""
        folder = os.path.dirname(os.path.abspath(path))
        name = os.path.basename(folder) + "/"
        return lint(text, path, self.template, Folder(folder, self.disk), name, self.config(folder), report)


def check_file(
    path: str, template: str | None = None, *, draft: bool = False, strict: bool = False, use_config: bool = True
) -> Result | None:
    """Check one report file as `reportlint check` does; see `Checker.check`."""
    return Checker(template, draft=draft, strict=strict, use_config=use_config).check(path)


def check_text(
    text: str, template: str | None = None, *, draft: bool = False, strict: bool = False, path: str = "README.md"
) -> Result | None:
    """Check a report's text alone: figures and configuration files are not looked at, and `path` only names
    the report in the findings. `template` is as for `Checker`. None when the text is no report."""
    return lint(text, path, Checker(template).template, config=Config(draft=draft, strict=strict))
