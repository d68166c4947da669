"""Reading a report file: UTF-8 (BOM allowed) whatever the locale, refusing what is not a markdown report."""

from __future__ import annotations

import os

MAX_BYTES = 5 * 1024 * 1024  # real reports are under 100 KB; anything this big is not a report
HEAD_BYTES = 64


class ReadError(Exception):
    """A file that cannot be read; the message names the reason, the command line names the file."""


def read_text(path: str) -> str:
    """Read a report as UTF-8 (BOM allowed) whatever the locale, refusing what is not text."""
    try:
        size = os.path.getsize(path)
        if os.path.isdir(path):
            raise ReadError("is a folder, not a file")
        if size > MAX_BYTES:
            raise ReadError(
                f"is {size / 1024 / 1024:.1f} MB, too large for a report (limit {MAX_BYTES // 1024 // 1024} MB)"
            )
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except IsADirectoryError:
        raise ReadError("is a folder, not a file") from None
    except OSError as error:
        raise ReadError(error.strerror or str(error)) from None
    if b"\x00" in data:
        raise ReadError("is binary (it holds NUL bytes), not a markdown report")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReadError(f"is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})") from None
