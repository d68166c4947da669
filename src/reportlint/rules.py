"""The registry of every rule, assembled from the check modules that declare them, in code order."""

from __future__ import annotations

from reportlint.checks import (
    compat,
    figures,
    identity,
    lengths,
    links,
    page,
    revision,
    structure,
    suppressions,
    unanswered,
)
from reportlint.findings import Rule

CHECKS = (structure, lengths, unanswered, figures, links, compat, page, revision, identity, suppressions)
RULES: dict[str, Rule] = dict(sorted((rule.code, rule) for check in CHECKS for rule in check.RULES))
FAMILIES: tuple[str, ...] = tuple(dict.fromkeys(check.FAMILY for check in CHECKS))


def rule_name(code: str) -> str:
    rule = RULES.get(code)
    return rule.name if rule else ""
