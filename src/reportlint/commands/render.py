"""`reportlint html`: the edge around html.py. Reads reports, resolves figures, writes pages atomically.

As a pre-commit hook it is a fixer: it exits 1 and names the page when it wrote a changed one, 0 when
every page was already up to date, and 2 when a report cannot be read or a page cannot be written.
"""

from __future__ import annotations

import contextlib
import os
import re
from typing import TYPE_CHECKING

import click

from reportlint.commands.main import TEMPLATE_HELP, template_option
from reportlint.config import ConfigError
from reportlint.checks.figures import clean_target
from reportlint.edge.disk import Disk, Folder, Unreadable, read_text, work_tree
from reportlint.lint import lint
from reportlint.course.templates import Template

if TYPE_CHECKING:  # html.py loads only when a page is made: `reportlint check` imports this module too
    from reportlint.output.page import Figure

# Not imported from cli.py: cli.py imports this module, and this one must import on its own too.
DEFAULT_REPORT = os.path.join("reports", "README.md")
PAGE_NAME = "report.html"
STDOUT = "-"
EXIT_CLEAN, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2
MAX_FIGURE_BYTES = 20 * 1024 * 1024

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_DRIVE = re.compile(r"^[a-zA-Z]:[\\/]")
_REMOTE = ("http:", "https:", "//")
_KINDS = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
)


@click.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True, path_type=str))
@click.option(
    "-o",
    "--output",
    metavar="PATH",
    help=f"Where to write the page (default: {PAGE_NAME} beside each report); '-' for standard "
    f"output, where image links stay as the report writes them.",
)
@click.option(
    "--embed-images",
    is_flag=True,
    help="Put each figure into the page as a data URI, so the page can be mailed or uploaded alone.",
)
@click.option(
    "--pretty", is_flag=True, help="Render fenced code, tables and highlighting, which the graders' page does not."
)
@click.option("--template", "template_name", callback=template_option, help=TEMPLATE_HELP)
@click.pass_context
def html(
    ctx: click.Context,
    files: tuple[str, ...],
    output: str | None,
    embed_images: bool,
    pretty: bool,
    template_name: str | Template | None,
) -> None:
    """Render FILES (default: reports/README.md) as the graders' page, with each question's status.

    Exits 1 when it wrote a changed page (pre-commit's convention for fixers), 0 when all were up to date.
    """
    if not files:
        if not os.path.isfile(DEFAULT_REPORT):
            raise click.UsageError(
                f"no files given and no {DEFAULT_REPORT} here: pass the report's path, "
                f"e.g. `reportlint html reports/README.md`"
            )
        files = (DEFAULT_REPORT,)
    if output is not None and len(files) > 1:
        raise click.UsageError(
            f"-o/--output takes one report; without it each report gets its own {PAGE_NAME} beside it"
        )
    disk = Disk()
    code = EXIT_CLEAN
    targets: dict[str, str] = {}
    for path in files:
        try:
            written = render_file(path, output, embed_images, pretty, template_name, disk, targets)
        except (Unreadable, ConfigError) as error:
            click.echo(f"reportlint: {path}: {error}", err=True)
            code = EXIT_ERROR
            continue
        if written is not None:
            click.echo(f"reportlint: wrote {written} (from {path})")
            code = max(code, EXIT_CHANGED)
    ctx.exit(code)


def render_file(
    path: str,
    output: str | None,
    embed: bool,
    pretty: bool,
    template_name: str | Template | None,
    disk: Disk,
    targets: dict[str, str],
) -> str | None:
    """Render one report; the path of the page when it was written anew, None when unchanged or not a report."""
    text = read_text(path)
    folder = os.path.dirname(os.path.abspath(path))
    result = lint(text, path, template_name, Folder(folder, disk), os.path.basename(folder) + "/", disk.config(folder))
    if _has_bom(path):
        text = "\ufeff" + text  # the course's converter keeps it, as one of the 43 characters it drops
    if result is None:
        return None
    target = os.path.join(os.path.dirname(path), PAGE_NAME) if output is None else output
    out_folder = None if target == STDOUT else os.path.dirname(os.path.abspath(target))
    if out_folder is not None:
        _claim(path, target, targets)
    root = work_tree(folder) or os.path.abspath(folder)
    figures = Figures(folder, root, out_folder, embed)
    name = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
    from reportlint.output.page import page

    document = page(result, text, figures, name, pretty=pretty, embedded=embed)
    if target == STDOUT:
        click.echo(document, nl=False)
        return None
    return target if write_if_changed(target, document.encode("utf-8")) else None


def _claim(path: str, target: str, targets: dict[str, str]) -> None:
    """Refuse to overwrite the report itself, or a page another report of this run has just written."""
    real = os.path.realpath(target)
    if real == os.path.realpath(path):
        raise Unreadable(f"the page would overwrite the report itself ({target}); choose another -o")
    if real in targets:
        raise Unreadable(f"{targets[real]} already renders to {target}; give this report its own -o")
    targets[real] = path


def _inside(path: str, root: str) -> bool:
    return os.path.commonpath([path, root]) == root


class Figures:
    """Chooses each image's src: relative to the page, embedded, or refused when it leads out of the repository.

    Nothing outside `root` is ever opened: absolute paths, `..` past the root and symlinks whose real
    path is outside are refused before any read. (A plain class: `check` imports this module too, and a
    dataclass costs start-up time.)
    """

    def __init__(self, folder: str, root: str, out_folder: str | None, embed: bool) -> None:
        self.folder = folder  # the report's folder, which links are relative to
        self.root = root  # the repository; no figure outside it is read or linked
        self.out_folder = out_folder  # where the page goes; None for standard output
        self.embed = embed
        self._cache: dict[str, Figure] = {}

    def __call__(self, target: str) -> Figure:
        if target not in self._cache:
            self._cache[target] = self._resolve(target)
        return self._cache[target]

    def _resolve(self, target: str) -> Figure:
        from reportlint.output.page import Figure

        shown = target.strip()
        if shown.lower().startswith(("data:", *_REMOTE)):
            remote = not shown.lower().startswith("data:")
            return Figure(target, "remote image, not embedded" if self.embed and remote else "")
        if _DRIVE.match(shown) or shown.startswith(("/", "\\")):
            return Figure(None, "it is an absolute path, outside the repository as the graders get it")
        if _SCHEME.match(shown):
            return Figure(None, f"{shown.split(':', 1)[0]}: links are not files in the repository")
        relative = clean_target(shown).replace("\\", "/")
        if not relative:
            return Figure(target)
        path = os.path.normpath(os.path.join(self.folder, *relative.split("/")))
        if not _inside(path, self.root):
            return Figure(None, "it leads outside the repository, so it was not read")
        real = os.path.realpath(path)
        if not _inside(real, os.path.realpath(self.root)):
            return Figure(None, "it is a symbolic link leading outside the repository, so it was not read")
        link = self._relative(target, path)
        return self._embedded(link, real) if self.embed else Figure(link)

    def _relative(self, target: str, path: str) -> str:
        """The link as the report writes it when the page sits beside the report, else re-aimed from the page."""
        if self.out_folder is None or self.out_folder == self.folder:
            return target
        from urllib.parse import quote

        try:
            return quote(os.path.relpath(path, self.out_folder).replace(os.sep, "/"))
        except ValueError:  # another drive on Windows: no relative path exists
            return target

    def _embedded(self, link: str, real: str) -> Figure:
        """The figure as a data URI; when it cannot be, the plain link and why."""
        from reportlint.output.page import Figure

        try:
            if os.path.getsize(real) > MAX_FIGURE_BYTES:
                return Figure(link, f"larger than {MAX_FIGURE_BYTES // 1024 // 1024} MB, not embedded")
            with open(real, "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            return Figure(link, "not found, not embedded")
        except OSError as error:
            return Figure(link, f"cannot be read ({error.strerror or error}), not embedded")
        kind = image_kind(data)
        if kind is None:
            return Figure(link, "not a PNG, JPEG, GIF, WebP, BMP or SVG image, not embedded")
        import base64

        return Figure(f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}")


def image_kind(data: bytes) -> str | None:
    """The media type from the first bytes, whatever the file's extension says."""
    for magic, kind in _KINDS:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    start = data[:300].lstrip().lower()
    if start.startswith(b"<svg") or (start.startswith(b"<?xml") and b"<svg" in data[:2000].lower()):
        return "image/svg+xml"
    return None


def _has_bom(path: str) -> bool:
    with open(path, "rb") as handle:
        return handle.read(3) == b"\xef\xbb\xbf"


def write_if_changed(target: str, data: bytes) -> bool:
    """Write `data` to `target` atomically unless it already holds exactly that; True when written.

    The bytes go to a temporary file in the target's folder, are flushed to disk, then renamed over
    the target, so a reader (or a crash) sees the old page or the new one, never half of one.
    """
    try:
        with open(target, "rb") as handle:
            if handle.read() == data:
                return False
    except FileNotFoundError:
        pass
    except IsADirectoryError:
        raise Unreadable(f"cannot write {target}: it is a folder") from None
    except OSError as error:
        raise Unreadable(f"cannot read {target}: {error.strerror or error}") from None
    import tempfile

    folder = os.path.dirname(os.path.abspath(target))
    try:
        os.makedirs(folder, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise Unreadable(f"cannot write {target}: {error.strerror or error}") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _mode(target))
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise Unreadable(f"cannot write {target}: {error.strerror or error}") from None
        raise
    return True


def _mode(target: str) -> int:
    """Keep an existing page's permissions; a new page gets what the umask gives any new file."""
    try:
        return os.stat(target).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
