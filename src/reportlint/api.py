"""The Python API, imported as `reportlint`: check a report's text or its file, get the findings and the
course's verdict. `reportlint check` runs through `Checker` too, so a script sees what the command prints.

    import reportlint

    result = reportlint.check_file("reports/README.md")  # None when the file is no report
    for finding in result.findings:
        print(finding.line, finding.code, finding.severity, finding.message)
    print(result.course.passed, result.course.total, result.verdict.fails)
"""

from __future__ import annotations

import os

from reportlint.commands.context import RunContext
from reportlint.config import Config
from reportlint.lint import Result, lint


class Checker:
    """Checks report files with one set of options, as `reportlint check` does.

    Reuse one Checker for many files: each folder is listed, each configuration file read and each git
    index read once, however many reports are checked. A Checker can be sent to worker processes.
    """

    def __init__(
        self, template: str | None = None, *, draft: bool = False, strict: bool = False, use_config: bool = True
    ) -> None:
        """`template`: a built-in template's name, "infer", or a template file's path (read here, so a broken
        file raises ConfigError at once); None tells the template from each report. `use_config=False`
        ignores `[tool.reportlint]` and `.reportlint.toml`. Raises ConfigError for a broken template file."""
        self._context = RunContext(template, draft, strict, use_config)

    def configuration(self, path: str) -> Config:
        """The configuration that applies to the report at `path`; raises ConfigError when its file is broken."""
        return self._context.config(os.path.dirname(os.path.abspath(path)))

    def check_file(self, path: str) -> Result | None:
        """Read and check the report at `path`, its figures on disk and in git included; None when the file is
        no report (it has no `### Question N` headings). Raises ReadError when the file cannot be read (the
        message says why) and ConfigError for a broken configuration file."""
        return self._context.check(path)


def check_file(
    path: str, template: str | None = None, *, draft: bool = False, strict: bool = False, use_config: bool = True
) -> Result | None:
    """Check one report file; see `Checker`."""
    return Checker(template, draft=draft, strict=strict, use_config=use_config).check_file(path)


def check_text(
    text: str, template: str | None = None, *, draft: bool = False, strict: bool = False, path: str = "README.md"
) -> Result | None:
    """Check a report's text alone: figures and configuration files are not looked at, and `path` only names
    the report in the findings. `template` is as for `Checker`. None when the text is no report."""
    chosen = RunContext(template).template
    return lint(text, path, chosen, config=Config(draft=draft, strict=strict))
