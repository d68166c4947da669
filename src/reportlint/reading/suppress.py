"""Inline suppressions: HTML comments that turn codes off where a group has decided a finding does not apply.

    ### Question 10
    <!-- reportlint-disable RL303 -->          the codes, for this question (its heading to the next one)
    <!-- reportlint-disable-next-line RL405 --> the codes, for the line right below

An HTML comment shows neither on GitHub nor in the graders' page, and one placed between a question's
heading and its `Answer:` is no part of the answer the course's checker counts. A directive is a comment on
a line of its own (an HTML block, so never one inside code); codes are separated by spaces or commas.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from reportlint.reading.report import LinesOf, Report
from reportlint.records import NamedTuple

DISABLE = "disable"  # for the question whose heading it is under
NEXT_LINE = "disable-next-line"  # for the line below it
KINDS = (DISABLE, NEXT_LINE)
# Kept as text, as patterns only some reports need are: the re module compiles each on first use.
_DIRECTIVE = r"(?i)<!--\s*reportlint-(\S*)(.*?)-->"
_CODE = r"[^\s,]+"


class Code(NamedTuple):
    code: str
    column: int  # 1-based, where the code is written


class Directive(NamedTuple):
    line: int
    column: int
    kind: str  # DISABLE, NEXT_LINE, or what was written instead (an unknown directive)
    codes: tuple[Code, ...]
    question: int | None  # the question whose heading it is under; None before the first question


def directives(report: Report) -> list[Directive]:
    """Every `<!-- reportlint-... -->` comment standing alone on a line of an HTML block, in line order."""
    found = []
    for span in report.blocks.html:
        for number in range(span.start, span.end + 1):
            line = report.lines[number - 1]
            match = re.fullmatch(_DIRECTIVE, line.strip())
            if match is None:
                continue
            offset = len(line) - len(line.lstrip())
            codes = tuple(
                Code(code.group(0), offset + match.start(2) + code.start() + 1)
                for code in re.finditer(_CODE, match.group(2))
            )
            found.append(Directive(number, offset + 1, match.group(1).lower(), codes, _question_at(report, number)))
    return found


def _question_at(report: Report, line: int) -> int | None:
    """The number of the question whose section (its heading to the next question's) holds `line`."""
    index = bisect_right(LinesOf(report.questions), line)
    return report.questions[index - 1].number if index else None
