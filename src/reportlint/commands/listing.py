"""`reportlint rules [CODE]` and `reportlint templates`: what the checks and the built-in templates hold."""

from __future__ import annotations

import argparse
import sys

from reportlint.course.templates import BUILTIN, INFER, Range
from reportlint.rules import RULES

EXIT_CLEAN, EXIT_USAGE = 0, 2


def run(options: argparse.Namespace) -> int:
    return rules(options.code) if options.command == "rules" else templates()


def rules(code: str | None) -> int:
    if code is None:
        width = max(len(rule.name) for rule in RULES.values())
        for rule in RULES.values():
            print(f"{rule.code}  {rule.name:<{width}}  {rule.severity:<7}  {rule.summary}")
        return EXIT_CLEAN
    found = RULES.get(code.upper())
    if found is None:
        print(f"reportlint: unknown code {code!r}: `reportlint rules` lists them all", file=sys.stderr)
        return EXIT_USAGE
    print(f"{found.code} {found.name} ({found.severity} by default)\n\n{found.summary}\n\nExample:\n  {found.example}")
    return EXIT_CLEAN


def templates() -> int:
    for name, template in BUILTIN.items():
        print(f"{name}: {template.count} questions")
        print("  question  words     images")
        for number, limits in template.limits.items():
            print(f"  {number:>8}  {_range(limits.words):<8}  {_range(limits.images)}")
    print(f"{INFER}: limits read from each question's own prompt")
    return EXIT_CLEAN


def _range(limits: Range | None) -> str:
    return "-" if limits is None else f"{limits[0]}-{limits[1]}"
