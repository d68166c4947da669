"""The one finding type every check returns and every output prints, and the rule type checks declare.

Each check module declares its own rules (code, name, default severity, family) beside the code that
emits them; `reportlint.rules` assembles the registry from them.
"""

from __future__ import annotations

from reportlint.records import NamedTuple

ERROR = "error"  # costs marks or breaks the graded copy: fails the hook
WARNING = "warning"  # a careful grader might notice; shown, fails only under --strict
OFF = "off"  # not reported (configuration only)
SEVERITIES = (ERROR, WARNING)


class Finding(NamedTuple):
    """One problem at one place; a plain immutable value (a NamedTuple: cheap to create at start-up).

    Checks leave `severity` at the rule's default; `lint` sets the one the configuration asks for.
    """

    path: str
    line: int
    column: int
    code: str
    message: str
    question: int | None = None
    severity: str = ERROR


class Rule(NamedTuple):
    code: str
    name: str
    severity: str  # the default: ERROR or WARNING
    family: str  # the group of checks it belongs to, e.g. "figures"; summaries count by family
    summary: str
    example: str  # a real output line from one of the fixtures; the README shows it
