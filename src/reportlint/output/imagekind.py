"""The media type of a figure from its bytes, whatever its name says: what a page may embed as a data URI."""

from __future__ import annotations

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
# The sizes of the BMP information headers that exist: OS/2 1.x, Windows 3 and its extensions, OS/2 2.x, v4, v5.
_BMP_INFO_SIZES = frozenset((12, 16, 40, 52, 56, 64, 108, 124))
_BMP_FILE_HEADER = 14


def image_kind(data: bytes) -> str | None:
    """`image/...` for a PNG, JPEG, GIF, WebP, BMP or SVG file; None for anything else."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if _is_bmp(data):
        return "image/bmp"
    start = data[:300].lstrip().lower()
    if start.startswith(b"<svg") or (start.startswith(b"<?xml") and b"<svg" in data[:2000].lower()):
        return "image/svg+xml"
    return None


def _is_bmp(data: bytes) -> bool:
    """`BM` starts many text files too ("BMI ...", "BMW ..."): a BMP's header also states the file's own
    size, an information header of a size that exists, and pixels that start after both headers."""
    if not data.startswith(b"BM") or len(data) < _BMP_FILE_HEADER + 4:
        return False
    size = int.from_bytes(data[2:6], "little")
    pixels = int.from_bytes(data[10:14], "little")
    info = int.from_bytes(data[14:18], "little")
    return size == len(data) and info in _BMP_INFO_SIZES and _BMP_FILE_HEADER + info <= pixels <= len(data)
