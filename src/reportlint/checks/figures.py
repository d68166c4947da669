"""Checks on the figures an answer links: they must reach the graders' copy of the `reports/` folder intact.

Pure: the file system and git are asked through `Files`, which the command line provides.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from typing import Literal, Protocol

from reportlint.findings import Finding
from reportlint.reading.report import ImageLink, Report

ALLOWED_EXTENSIONS = (".png", ".jpg", ".jpeg")
Parts = tuple[str, ...]
Peek = bytes | Literal["outside", "folder", "unreadable"]

_SCHEME = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]+:|//)")
_DRIVE = re.compile(r"^[a-zA-Z]:[\\/]")
_TITLE = re.compile(r"""\s+(?:"[^"]*"|'[^']*'|\([^()]*\))\s*$""")
_PLACEHOLDER = re.compile(r"<[^<>]*>")
_PERCENT = re.compile(rb"%([0-9A-Fa-f]{2})")
_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")


class Files(Protocol):
    """What the figure checks need to know about the report's folder (paths are parts below it)."""

    def names(self, folder: Parts) -> frozenset[str] | None:
        """The entries of a folder, or None when it is not one."""

    def head(self, path: Parts) -> Peek:
        """The first bytes of a file, or why they cannot be had."""

    def tracked(self, path: Parts) -> bool | None:
        """Whether git tracks or stages the file; None outside a git work tree."""


def check_figures(
    report: Report, files: Files, path: str, folder: str, extensions: tuple[str, ...] = ALLOWED_EXTENSIONS
) -> Iterator[Finding]:
    """`folder` is how the report's folder is named in messages (e.g. 'reports/')."""
    for question in report.questions:
        for image in question.images:
            for code, message in _problems(image, files, folder, extensions):
                yield Finding(path, image.line, image.column, code, message, question.number)


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
    data = _PERCENT.sub(lambda match: bytes([int(match.group(1), 16)]), text.encode("utf-8", "surrogatepass"))
    return data.decode("utf-8", "replace")


def _problems(image: ImageLink, files: Files, folder: str, extensions: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    shown = image.target.strip()
    if _SCHEME.match(shown) and not _DRIVE.match(shown):
        yield (
            "RL407",
            (
                f"image {shown!r} is a remote URL: the graders' copy may not show it; commit the file "
                f"under {folder}figures/ and link it relatively"
            ),
        )
        return
    inner = shown[1:-1] if shown.startswith("<") and shown.endswith(">") else shown
    if _PLACEHOLDER.search(inner):
        yield "RL408", f"image {shown!r} is the template's example link: link your own figure"
        return
    target = clean_target(shown)
    if not target:
        yield "RL401", f"image link {shown!r} names no file"
        return
    if target.startswith(("/", "\\")) or _DRIVE.match(target):
        yield (
            "RL403",
            (
                f"image {shown!r} is an absolute path: it works on GitHub but not in the graders' copy; "
                f"write it relative to the report, e.g. 'figures/{posixpath.basename(target)}'"
            ),
        )
        return
    relative = posixpath.normpath(target.replace("\\", "/"))
    parts = tuple(relative.split("/"))
    if parts[0] == "..":
        yield (
            "RL404",
            (
                f"image {shown!r} is outside {folder}: only that folder is scraped for grading; "
                f"copy the file into {folder}figures/"
            ),
        )
        return
    extension = posixpath.splitext(relative)[1]
    if extension.lower() not in extensions:
        yield (
            "RL405",
            (f"image {shown!r} has extension {extension or '(none)'!r}: the template allows {', '.join(extensions)}"),
        )
    real = _locate(files, parts)
    if real is None:
        yield "RL401", f"image {shown!r} not found (looked for {folder}{relative})"
        return
    if real != parts:
        yield (
            "RL402",
            (
                f"image {shown!r} is {'/'.join(real)!r} on disk: the letter case differs, which works on "
                f"macOS and Windows but breaks on the graders' Linux"
            ),
        )
    peek = files.head(real)
    reason = _not_an_image(peek, extension.lower())
    if reason == "outside":
        yield "RL404", f"image {shown!r} is a link that leads outside {folder}: only that folder is scraped"
        return
    if reason:
        yield "RL406", f"image {shown!r} is not an image: {reason}"
        return
    if files.tracked(real) is False:
        yield (
            "RL409",
            (f"image {shown!r} is not tracked by git, so it will be missing from the graders' copy: `git add` it"),
        )


def _locate(files: Files, parts: Parts) -> Parts | None:
    """The file's real parts, matching letter case exactly where possible, else the one other-case match."""
    real: list[str] = []
    for part in parts:
        names = files.names(tuple(real))
        if names is None:
            return None
        if part in names:
            real.append(part)
            continue
        others = [name for name in names if name.lower() == part.lower()]
        if len(others) != 1:
            return None
        real.append(others[0])
    return tuple(real)


def _not_an_image(peek: Peek, extension: str) -> str:
    """Why the first bytes are not an image ('' when they are); the extension need not match the kind."""
    if peek == "outside":
        return "outside"
    if peek == "folder":
        return "it is a folder"
    if peek == "unreadable":
        return "the file cannot be read"
    assert isinstance(peek, bytes)
    if not peek:
        return "the file is empty"
    if peek.startswith(_MAGIC) or (peek[:4] == b"RIFF" and peek[8:12] == b"WEBP"):
        return ""
    start = peek.lstrip()[:200].lower()
    if start.startswith(b"version https://git-lfs"):
        return "it is a Git LFS pointer (the picture itself is not in the repository)"
    if extension == ".svg" and start.startswith((b"<svg", b"<?xml")):
        return ""
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return "it is an HTML page saved under an image name"
    return "its first bytes are not those of a PNG, JPEG, GIF, WebP or BMP file"
