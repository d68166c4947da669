"""Printed forms of the results. Each format of `check` is a module with `render(outcomes, errors) -> str`,
imported only when asked for, so the hook's plain text output never pays for JSON or SARIF."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Callable

from reportlint.lint import Outcome

Errors = Sequence[tuple[str, str]]  # (path, reason) for files that could not be read
Renderer = Callable[[Sequence[Outcome], Errors], str]

CHECK_FORMATS = {
    "text": "reportlint.output.text",
    "json": "reportlint.output.jsondoc",
    "github": "reportlint.output.github",
}


def renderer(name: str) -> Renderer:
    render: Renderer = importlib.import_module(CHECK_FORMATS[name]).render
    return render
