"""What a link's target names, decided once for every command: a remote URL, a data URI, another scheme,
an absolute path, the template's example, nothing, or a file relative to the report.

`check` judges figures by it and `html` resolves them by it, so a link means the same in both.
"""

from __future__ import annotations

import posixpath
import re

from reportlint.records import NamedTuple

REMOTE = "remote"  # http:, https: or protocol-relative //
DATA = "data"  # a data: URI, the image inside the link itself
SCHEME = "scheme"  # any other scheme: file:, mailto:, ftp:, ...
ABSOLUTE = "absolute"  # /path, \path or a drive letter: works on GitHub (from the repository's top), not in a copy
EXAMPLE = "example"  # the template's `figures/<image>.<extension>`: placeholders in angle brackets
EMPTY = "empty"  # nothing left once title, fragment and query are removed
RELATIVE = "relative"  # a file below (or above, with ..) the report's folder

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]+:")  # two letters at least: `C:` is a drive
_DRIVE = re.compile(r"^[a-zA-Z]:[\\/]")
_TITLE = re.compile(r"""\s+(?:"[^"]*"|'[^']*'|\([^()]*\))\s*$""")
_ANGLE_PLACEHOLDER = re.compile(r"<[^<>]*>")
# A relative path of plain names, as most figures are linked (`figures/loss.png`): no space, `:`, `<`, `#`, `?`,
# `%` or `\\`, and no empty, `.` or `..` part, so it is its own cleaned and normalised path.
_PLAIN = re.compile(r"[\w-][\w.-]*(?:/[\w-][\w.-]*)*")
_PERCENT = rb"%([0-9A-Fa-f]{2})"  # compiled on first use (by the re module): few links have escapes


class Link(NamedTuple):
    kind: str
    shown: str  # the target as written, without surrounding spaces
    path: str = ""  # ABSOLUTE: the cleaned path; RELATIVE: cleaned, '/'-separated and normalised


def classify(target: str) -> Link:
    if _PLAIN.fullmatch(target):  # most links: nothing to strip, clean or normalise, and no scheme or drive
        return Link(RELATIVE, target, target)
    shown = target.strip()
    lowered = shown.lower()
    if not _DRIVE.match(shown):
        if lowered.startswith("data:"):
            return Link(DATA, shown)
        if lowered.startswith(("http:", "https:", "//")):
            return Link(REMOTE, shown)
        if _SCHEME.match(shown):
            return Link(SCHEME, shown)
    inner = shown[1:-1] if shown.startswith("<") and shown.endswith(">") else shown
    if _ANGLE_PLACEHOLDER.search(inner):
        return Link(EXAMPLE, shown)
    cleaned = clean_target(shown)
    if not cleaned:
        return Link(EMPTY, shown)
    if cleaned.startswith(("/", "\\")) or _DRIVE.match(cleaned):
        return Link(ABSOLUTE, shown, cleaned)
    return Link(RELATIVE, shown, posixpath.normpath(cleaned.replace("\\", "/")))


def clean_target(target: str) -> str:
    """The file a link names, as GitHub resolves it: no `<...>`, title, fragment, query or %-escapes."""
    target = target.strip()
    target = target[1:-1] if target.startswith("<") and target.endswith(">") else _TITLE.sub("", target)
    target = target.split("#", 1)[0].split("?", 1)[0]
    return _unquote(target)


def _unquote(text: str) -> str:
    """Decode %xx escapes as UTF-8, like urllib.parse.unquote (which costs milliseconds to import)."""
    if "%" not in text:
        return text
    data = re.sub(_PERCENT, lambda match: bytes([int(match.group(1), 16)]), text.encode("utf-8", "surrogatepass"))
    return data.decode("utf-8", "replace")
