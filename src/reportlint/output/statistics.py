"""`--statistics`: how many findings each code has over all reports, most frequent first, then the tallies.

Staff and groups cleaning up a report want the shape of the problem before its lines, as ruff's
`--statistics` gives it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from reportlint.lint import Outcome
from reportlint.output import Errors
from reportlint.output.text import tally
from reportlint.rules import rule_name


def render(outcomes: Sequence[Outcome], errors: Errors, quiet: bool = False) -> str:
    counts = Counter(finding.code for outcome in outcomes for finding in outcome.findings)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    width = len(str(max(counts.values(), default=0)))
    lines = [f"{count:>{width}}  {code}  {rule_name(code)}" for code, count in ordered]
    if not quiet:
        lines.extend(tally(outcome) for outcome in outcomes)
    return "".join(line + "\n" for line in lines)
