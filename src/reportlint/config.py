"""Configuration as validated data: `[tool.reportlint]` or `.reportlint.toml`, and a course's template file.

Pure: tables in, values out. Every mistake names the file and the key, so a group fixes its
configuration before any report is checked.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlint.course.templates import BUILTIN, IMAGE_EXTENSIONS, INFER, Limits, Range, Template
from reportlint.findings import OFF, SEVERITIES
from reportlint.records import NamedTuple
from reportlint.rules import RULES

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which the hook would pay for at start
if TYPE_CHECKING:
    from typing import Any

KEYS = ("template", "draft", "strict", "select", "ignore", "severity", "image-extensions", "questions")
QUESTION_KEYS = ("words", "images")


SHOWN = 200  # characters of a key or value quoted from a file in a message: enough to find it, not to copy the file


class ConfigError(Exception):
    """`source: key: what is wrong`; the command line prints it and exits 2."""

    def __init__(self, source: str, key: str, reason: str) -> None:
        super().__init__(f"{source}: {abridged(key)}: {reason}")


def shown(value: Any) -> str:
    """A value from a configuration or template file as a message quotes it: its repr, cut at SHOWN characters,
    so a key or value megabytes long (or nested hundreds deep) still makes a one-line message of a usual size."""
    return abridged(repr(value))


def abridged(text: str) -> str:
    """`text` cut at SHOWN characters."""
    return text if len(text) <= SHOWN else text[: SHOWN - 3] + "..."


class Override(NamedTuple):
    """A question's limits replaced by the configuration; `None` leaves that limit as the template has it."""

    words: Range | bool | None = None  # False: no limit
    images: Range | bool | None = None


class Config(NamedTuple):
    source: str | None = None  # the file it was read from
    template: str | Template | None = None  # a built-in name, 'infer', a template read from a file, or detect
    draft: bool = False
    strict: bool = False  # warnings fail too
    select: tuple[str, ...] | None = None  # codes or code prefixes to report; None: all
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = {}  # code or code prefix -> error, warning or off
    image_extensions: tuple[str, ...] = IMAGE_EXTENSIONS
    questions: Mapping[int, Override] = {}

    def severity_of(self, code: str, default: str) -> str:
        """The severity a finding with `code` gets: OFF when `select`/`ignore` leave it out, else the
        `severity` table's entry for the longest matching code or prefix, else the rule's default."""
        if self.select is not None and not code.startswith(self.select):
            return OFF
        if self.ignore and code.startswith(self.ignore):
            return OFF
        matches = [prefix for prefix in self.severity if code.startswith(prefix)]
        return self.severity[max(matches, key=len)] if matches else default

    def applied(self, template: Template) -> Template:
        """The template with this configuration's per-question limits put in."""
        if not self.questions:
            return template
        limits = dict(template.limits)
        for number, override in self.questions.items():
            base = limits.get(number, Limits())
            limits[number] = Limits(_pick(override.words, base.words), _pick(override.images, base.images))
        return Template(template.name, dict(sorted(limits.items())), template.script)


DEFAULT = Config()


def _pick(override: Range | bool | None, base: Range | None) -> Range | None:
    if override is None:
        return base
    if override is False:
        return None
    assert isinstance(override, tuple)
    return override


def parse(table: Mapping[str, Any], source: str, load_template: Any = None) -> Config:
    """Validate a `[tool.reportlint]` table. `load_template(path)` reads a template file when one is named."""
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(source, unknown[0], f"unknown key (known: {', '.join(KEYS)})")
    return Config(
        source=source,
        template=_template(table, source, load_template),
        draft=_bool(table, "draft", source),
        strict=_bool(table, "strict", source),
        select=_codes(table["select"], "select", source) if "select" in table else None,
        ignore=_codes(table.get("ignore", []), "ignore", source),
        severity=_severity(table.get("severity", {}), source),
        image_extensions=_extensions(table, source),
        questions=_questions(table.get("questions", {}), source),
    )


def _template(table: Mapping[str, Any], source: str, load_template: Any) -> str | Template | None:
    if "template" not in table:
        return None
    value = table["template"]
    if not isinstance(value, str) or not value:
        raise ConfigError(source, "template", f"must be {', '.join(BUILTIN)}, {INFER}, or a path to a template file")
    if value in BUILTIN or value == INFER:
        return value
    if load_template is None:
        raise ConfigError(source, "template", f"unknown template {shown(value)}")
    template: Template = load_template(value)
    return template


def _bool(table: Mapping[str, Any], key: str, source: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(source, key, f"must be true or false, not {shown(value)}")
    return value


def _codes(value: Any, key: str, source: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ConfigError(source, key, 'must be a list of finding codes, e.g. ["RL303", "RL4"]')
    for code in value:
        if not any(known.startswith(code) for known in RULES) or not code.startswith("RL"):
            raise ConfigError(
                source, key, f"{shown(code)} is not a finding code or a prefix of one (see `reportlint rules`)"
            )
    return tuple(value)


def _severity(value: Any, source: str) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise ConfigError(
            source, "severity", 'must be a table of codes, e.g. [tool.reportlint.severity] RL303 = "error"'
        )
    table = {}
    for code, level in value.items():
        _codes([code], f"severity.{code}", source)
        if level not in (*SEVERITIES, OFF):
            raise ConfigError(source, f"severity.{code}", f'must be "error", "warning" or "off", not {shown(level)}')
        table[code] = level
    return table


def _extensions(table: Mapping[str, Any], source: str) -> tuple[str, ...]:
    value = table.get("image-extensions", list(IMAGE_EXTENSIONS))
    if not isinstance(value, list) or not value or not all(isinstance(e, str) and e.strip(".") for e in value):
        raise ConfigError(source, "image-extensions", 'must be a non-empty list such as [".png", ".jpg"]')
    return tuple("." + extension.strip().lstrip(".").lower() for extension in value)


def _questions(value: Any, source: str) -> dict[int, Override]:
    if not isinstance(value, Mapping):
        raise ConfigError(
            source, "questions", "must be a table of question numbers, e.g. [tool.reportlint.questions.14]"
        )
    overrides = {}
    for name, limits in value.items():
        number = _number(name, f"questions.{name}", source)
        key = f"questions.{name}"
        if not isinstance(limits, Mapping):
            raise ConfigError(source, key, "must be a table with `words` and/or `images`")
        unknown = sorted(set(limits) - set(QUESTION_KEYS))
        if unknown:
            raise ConfigError(source, f"{key}.{unknown[0]}", "unknown key (known: words, images)")
        overrides[number] = Override(*(_limit(limits, part, f"{key}.{part}", source) for part in QUESTION_KEYS))
    return overrides


def _number(name: Any, key: str, source: str) -> int:
    if not str(name).isdigit() or len(str(name)) > 6 or int(name) < 1:
        raise ConfigError(source, key, "question numbers are whole numbers from 1")
    return int(name)


def _limit(limits: Mapping[str, Any], part: str, key: str, source: str) -> Range | bool | None:
    if part not in limits:
        return None
    value = limits[part]
    if value is False:
        return False
    if not (isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value)):
        raise ConfigError(source, key, f"must be [min, max] (whole numbers) or false, not {shown(value)}")
    low, high = value
    if low < 0:
        raise ConfigError(source, key, f"minimum {low} is negative")
    if low > high:
        raise ConfigError(source, key, f"minimum {low} is above maximum {high}")
    return low, high


def parse_template(table: Mapping[str, Any], source: str) -> Template:
    """A course's own template: `name`, then `[questions.N]` tables with `words`/`images` ranges.

    Questions must be numbered 1..N with none left out, as the course checker counts answers in order.
    """
    unknown = sorted(set(table) - {"name", "questions"})
    if unknown:
        raise ConfigError(source, unknown[0], "unknown key (known: name, questions)")
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(source, "name", 'must be the template\'s name, e.g. "my-course-2026"')
    questions = table.get("questions")
    if not isinstance(questions, Mapping) or not questions:
        raise ConfigError(source, "questions", "must hold one [questions.N] table per question")
    overrides = _questions(questions, source)
    expected = list(range(1, len(overrides) + 1))
    if sorted(overrides) != expected:
        missing = sorted(set(expected) - set(overrides))
        raise ConfigError(
            source,
            "questions",
            f"must be numbered 1-{len(overrides)} with none left out" + (f" (missing {missing[0]})" if missing else ""),
        )
    limits = {n: Limits(_pick(o.words, None), _pick(o.images, None)) for n, o in sorted(overrides.items())}
    return Template(name.strip(), limits)
