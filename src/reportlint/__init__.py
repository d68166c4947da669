"""reportlint: per-question checks for question-and-answer markdown reports.

The Python API (see `reportlint.api` and the README):

- `check_file(path, template=None, *, draft=False, strict=False, use_config=True) -> Result | None`
- `check_text(text, template=None, *, draft=False, strict=False, path="README.md") -> Result | None`
- `Checker(template=None, *, draft=False, strict=False, use_config=True)`, for many files: `.check(path)`, and
  `.lint(path, text)` for a text as the file at `path`
- `Result`: `.findings` (tuple of `Finding`: path, line, column, code, message, question, severity), `.verdict`
  (`.fails`, `.errors`, `.warnings`, `.questions`), `.course` (the course checker's `.passed`, `.total`,
  `.error`), `.template`, `.report`
- `ReadError` (a file that cannot be read) and `ConfigError` (a broken configuration or template file)

The names are imported on first use, so `import reportlint` costs the pre-commit hook nothing.
"""

from __future__ import annotations

__version__ = "0.3.3"

# name -> the module that defines it
_EXPORTS = {
    "Checker": "reportlint.api",
    "check_file": "reportlint.api",
    "check_text": "reportlint.api",
    "Result": "reportlint.lint",
    "Finding": "reportlint.findings",
    "ReadError": "reportlint.edge.textfile",
    "ConfigError": "reportlint.config",
}
__all__ = ["Checker", "ConfigError", "Finding", "ReadError", "Result", "__version__", "check_file", "check_text"]

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which the hook would pay for at start
if TYPE_CHECKING:
    from typing import Any

    from reportlint.api import Checker as Checker
    from reportlint.api import check_file as check_file
    from reportlint.api import check_text as check_text
    from reportlint.config import ConfigError as ConfigError
    from reportlint.edge.textfile import ReadError as ReadError
    from reportlint.findings import Finding as Finding
    from reportlint.lint import Result as Result


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'reportlint' has no attribute {name!r}")
    import importlib  # here: the hook imports the package, and importlib with warnings would cost it 0.4 ms

    return getattr(importlib.import_module(_EXPORTS[name]), name)
