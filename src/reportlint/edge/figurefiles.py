"""The figures a page shows, resolved on disk: linked relative to the page, embedded as data URIs, or refused
when they lead out of the repository (nothing outside it is ever opened)."""

from __future__ import annotations

import os

from reportlint.edge.textfile import NotAFile, TooLarge, read_bytes, reason
from reportlint.output.imagekind import image_kind
from reportlint.output.page import Figure
from reportlint.reading.links import ABSOLUTE, DATA, EMPTY, RELATIVE, REMOTE, SCHEME, classify, clean_target

MAX_FIGURE_BYTES = 20 * 1024 * 1024


def _inside(path: str, root: str) -> bool:
    return os.path.commonpath([path, root]) == root


class Figures:
    """Chooses each image's src: relative to the page, embedded, or refused when it leads out of the repository.

    Nothing outside `root` is ever opened: absolute paths, `..` past the root and symlinks whose real
    path is outside are refused before any read.
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
        link = classify(target)
        if link.kind == DATA:
            return Figure(target)
        if link.kind == REMOTE:
            return Figure(target, "remote image, not embedded" if self.embed else "")
        if link.kind == ABSOLUTE:
            return Figure(None, "it is an absolute path, outside the repository as the graders get it")
        if link.kind == SCHEME:
            return Figure(None, f"{link.shown.split(':', 1)[0]}: links are not files in the repository")
        if link.kind == EMPTY:
            return Figure(target)
        relative = link.path if link.kind == RELATIVE else clean_target(link.shown).replace("\\", "/")
        path = os.path.normpath(os.path.join(self.folder, *relative.split("/")))
        if not _inside(path, self.root):
            return Figure(None, "it leads outside the repository, so it was not read")
        real = os.path.realpath(path)
        if not _inside(real, os.path.realpath(self.root)):
            return Figure(None, "it is a symbolic link leading outside the repository, so it was not read")
        source = self._relative(target, path)
        return self._embedded(source, real) if self.embed else Figure(source)

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
        """The figure as a data URI; when it cannot be, the plain link and why (no link to a folder, FIFO or
        device: a browser opening one could wait on it as a read here would)."""
        try:
            data = read_bytes(real, MAX_FIGURE_BYTES, "a figure")
        except TooLarge:
            return Figure(link, f"larger than {MAX_FIGURE_BYTES // 1024 // 1024} MB, not embedded")
        except NotAFile as error:
            return Figure(None, f"it {error}, so it was not read")
        except FileNotFoundError:
            return Figure(link, "not found, not embedded")
        except OSError as error:
            return Figure(link, f"cannot be read ({reason(error, real)}), not embedded")
        kind = image_kind(data)
        if kind is None:
            return Figure(link, "not a PNG, JPEG, GIF, WebP, BMP or SVG image, not embedded")
        import base64

        return Figure(f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}")
