"""Checks on the figures an answer links: they must reach the graders' copy of the `reports/` folder intact.

Pure: the file system and git are asked through `Files`, which the command line provides.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from reportlint.course.templates import IMAGE_EXTENSIONS
from reportlint.findings import ERROR, WARNING, Finding, Rule
from reportlint.reading.links import ABSOLUTE, DATA, EMPTY, EXAMPLE, REMOTE, SCHEME, classify
from reportlint.reading.report import ImageLink, Report

FAMILY = "figures"
RULES = (
    Rule(
        "RL401",
        "image-missing",
        ERROR,
        FAMILY,
        "The linked image file does not exist.",
        "reports/README.md:406:1: RL401 error: image 'figures/bucket_overview.png' not found (looked for reports/figures/bucket_overview.png)",
    ),
    Rule(
        "RL402",
        "image-case-mismatch",
        ERROR,
        FAMILY,
        "The link differs from the file on disk only in letter case.",
        "reports/README.md:360:1: RL402 error: image 'figures/Loss.png' is 'figures/loss.png' on disk: the letter case differs, which works on macOS and Windows but breaks on the graders' Linux",
    ),
    Rule(
        "RL403",
        "image-absolute-path",
        ERROR,
        FAMILY,
        "The link starts with `/`: works on GitHub, broken in the graders' copy.",
        "reports/README.md:416:1: RL403 error: image '/reports/figures/a.png' is an absolute path: it works on GitHub but not in the graders' copy; write it relative to the report, e.g. 'figures/a.png'",
    ),
    Rule(
        "RL404",
        "image-outside-reports",
        ERROR,
        FAMILY,
        "The link leads out of the report's folder, which is all the graders scrape.",
        "reports/README.md:144:1: RL404 error: image '../outside.png' is outside reports/: only that folder is scraped for grading; copy the file into reports/figures/",
    ),
    Rule(
        "RL405",
        "image-extension",
        WARNING,
        FAMILY,
        "The image's extension is not one the template allows (.png, .jpg, .jpeg).",
        "reports/README.md:574:1: RL405 warning: image 'figures/diagram.svg' has extension '.svg': the template allows .png, .jpg, .jpeg",
    ),
    Rule(
        "RL406",
        "image-not-image",
        ERROR,
        FAMILY,
        "The linked file is not an image (empty, a Git LFS pointer, HTML, ...).",
        "reports/README.md:313:1: RL406 error: image 'figures/empty.png' is not an image: the file is empty",
    ),
    Rule(
        "RL407",
        "image-remote",
        WARNING,
        FAMILY,
        "The image is a remote URL that the graders' copy may not show.",
        "reports/README.md:427:1: RL407 warning: image 'https://example.org/shot.png' is a remote URL: the graders' copy may not show it; commit the file under reports/figures/ and link it relatively",
    ),
    Rule(
        "RL408",
        "image-template-example",
        ERROR,
        FAMILY,
        "The template's example link was left in the answer.",
        "reports/README.md:561:1: RL408 error: image 'figures/<image>.<extension>' is the template's example link: link your own figure",
    ),
    Rule(
        "RL409",
        "image-untracked",
        ERROR,
        FAMILY,
        "The image exists but git neither tracks nor stages it.",
        "reports/README.md:412:1: RL409 error: image 'figures/registry.png' is not tracked by git, so it will be missing from the graders' copy: `git add` it",
    ),
    Rule(
        "RL420",
        "image-data-uri",
        WARNING,
        FAMILY,
        "The image is inside the link as a data: URI: the graders' page shows it, GitHub does not.",
        "reports/README.md:414:1: RL420 warning: image 'data:image/png;base64,...' is a data: URI: the graders' page shows it, but GitHub does not; commit the file under reports/figures/ and link it to see it there too",
    ),
)

MISSING_CODES = frozenset({"RL401"})  # the file is not there at all
UNTRACKED_CODES = frozenset({"RL409"})  # there, but not committed
Parts = tuple[str, ...]
_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which the hook would pay for at start
if TYPE_CHECKING:
    from typing import Literal, Protocol, Union

    Peek = Union[bytes, Literal["outside", "folder", "special", "unreadable"]]  # special: a FIFO, device or socket

    class Files(Protocol):
        """What the figure checks need to know about the report's folder (paths are parts below it)."""

        def names(self, folder: Parts) -> frozenset[str] | None:
            """The entries of a folder, or None when it is not one."""

        def head(self, path: Parts) -> Peek:
            """The first bytes of a file, or why they cannot be had."""

        def tracked(self, path: Parts) -> bool | None:
            """Whether git tracks or stages the file; None outside a git work tree."""


def check_figures(
    report: Report, files: Files, path: str, folder: str, extensions: tuple[str, ...] = IMAGE_EXTENSIONS
) -> Iterator[Finding]:
    """`folder` is how the report's folder is named in messages (e.g. 'reports/')."""
    for question in report.questions:
        for image in question.images:
            for code, message in _problems(image, files, folder, extensions):
                yield Finding(path, image.line, image.column, code, message, question.number)


def _problems(image: ImageLink, files: Files, folder: str, extensions: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    link = classify(image.target)
    shown = link.shown
    if link.kind == DATA:  # Python-Markdown keeps it and a browser shows it; GitHub's sanitizer drops it
        yield (
            "RL420",
            (
                f"image {_abridged(shown)!r} is a data: URI: the graders' page shows it, but GitHub does not; "
                f"commit the file under {folder}figures/ and link it to see it there too"
            ),
        )
        return
    if link.kind in (REMOTE, SCHEME):
        yield (
            "RL407",
            (
                f"image {shown!r} is a remote URL: the graders' copy may not show it; commit the file "
                f"under {folder}figures/ and link it relatively"
            ),
        )
        return
    if link.kind == EXAMPLE:
        yield "RL408", f"image {shown!r} is the template's example link: link your own figure"
        return
    if link.kind == EMPTY:
        yield "RL401", f"image link {shown!r} names no file"
        return
    if link.kind == ABSOLUTE:
        yield (
            "RL403",
            (
                f"image {shown!r} is an absolute path: it works on GitHub but not in the graders' copy; "
                f"write it relative to the report, e.g. 'figures/{posixpath.basename(link.path)}'"
            ),
        )
        return
    relative = link.path
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
    extension = _extension(parts[-1])
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


def _abridged(data_uri: str) -> str:
    """A data URI as far as its comma (its media type), not the kilobytes of the picture after it."""
    head, comma, _ = data_uri.partition(",")
    return head + comma + "..." if comma else data_uri[:40]


def _extension(name: str) -> str:
    """`posixpath.splitext(name)[1]` of a name without `/`: from its last dot, unless only dots come before it."""
    dot = name.rfind(".")
    return name[dot:] if dot > 0 and name[:dot].strip(".") else ""


def _locate(files: Files, parts: Parts) -> Parts | None:
    """The file's real parts, matching letter case exactly where possible, else the one other-case match."""
    real: Parts = ()
    for part in parts:
        names = files.names(real)
        if names is None:
            return None
        if part in names:
            real += (part,)
            continue
        others = [name for name in names if name.lower() == part.lower()]
        if len(others) != 1:
            return None
        real += (others[0],)
    return real


def _not_an_image(peek: Peek, extension: str) -> str:
    """Why the first bytes are not an image ('' when they are); the extension need not match the kind."""
    if peek == "outside":
        return "outside"
    if peek == "folder":
        return "it is a folder"
    if peek == "special":
        return "it is not a regular file (a FIFO, device or socket), so it was not read"
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
