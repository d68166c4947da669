"""Printed forms of the results. Each format of `check` is a module with `render(outcomes, errors) -> str`,
imported only when asked for, so the hook's plain text output never pays for JSON or SARIF."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from reportlint.lint import Outcome

Errors = Sequence[tuple[str, str]]  # (path, reason) for files that could not be read
Renderer = Callable[[Sequence[Outcome], Errors], str]

CHECK_FORMATS = {
    "text": "reportlint.output.text",
    "json": "reportlint.output.jsondoc",
    "github": "reportlint.output.github",
    "sarif": "reportlint.output.sarif",
    "statistics": "reportlint.output.statistics",  # --statistics: the text format's counts per code
}
# Formats with a tally line per report, which `quiet` leaves out; JSON and SARIF are whole documents.
TALLIED = ("text", "github", "statistics")


def renderer(name: str, quiet: bool = False) -> Renderer:
    module = __import__(CHECK_FORMATS[name], fromlist=["render"])  # the submodule; importlib costs the hook 0.4 ms
    render: Renderer = partial(module.render, quiet=True) if quiet and name in TALLIED else module.render
    return render
