"""One run of a command: its options and its file-system cache, passed explicitly to whatever checks a file.

Large runs send the context to worker processes; each worker rebuilds the cache on first use (the cache
is never pickled), so every folder is still listed once per worker rather than once per report.
"""

from __future__ import annotations

import os
from typing import Any, Union

from reportlint.config import DEFAULT, Config
from reportlint.course.templates import BUILTIN, INFER, Template
from reportlint.edge.discovery import load_config, load_template
from reportlint.edge.disk import Disk, Folder
from reportlint.edge.textfile import read_text
from reportlint.lint import Result, lint

TemplateChoice = Union[str, Template, None]  # a built-in name, 'infer', a template read from a file, or detect


class RunContext:
    def __init__(
        self,
        template: str | None = None,
        draft: bool = False,
        strict: bool = False,
        use_config: bool = True,
        config_file: str | None = None,
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] | None = None,
    ) -> None:
        """`template` is the command line's: a built-in name, 'infer', or a template file's path (read here,
        so a bad file raises ConfigError before any report is checked). `config_file` is one configuration
        for every report instead of each folder's own (read here too); `select` and `ignore` replace the
        configuration's."""
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
        """The configuration for reports in `folder`, with the command line's draft, strict, select and ignore
        on top; raises ConfigError for a broken configuration file."""
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
        """Read and check one report; raises ReadError or ConfigError, and returns None for a file that is not
        a report."""
        return self.lint(path, read_text(path))

    def lint(self, path: str, text: str) -> Result | None:
        """Check a report's text as the file at `path`, under that folder's configuration."""
        folder = os.path.dirname(os.path.abspath(path))
        name = os.path.basename(folder) + "/"
        return lint(text, path, self.template, Folder(folder, self.disk), name, self.config(folder))
