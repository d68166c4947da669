"""Reading the files reportlint is given: reports as UTF-8 (BOM allowed) whatever the locale, and every other
file (configuration, templates, figures) refused by type and bounded in size, so no file can hang a run or
fill its memory."""

from __future__ import annotations

import errno
import os
import stat

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which the hook would pay for at start
if TYPE_CHECKING:
    from typing import BinaryIO

MAX_BYTES = 5 * 1024 * 1024  # real reports are under 100 KB; anything this big is not a report
HEAD_BYTES = 64
FOLDER = "a folder"
# Opening a FIFO for reading waits for a writer unless it is non-blocking; the flag changes nothing for a
# regular file. Windows has neither the flag nor FIFOs, and needs O_BINARY against newline translation.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class ReadError(Exception):
    """A file that cannot be read; the message names the reason, the command line names the file."""


class NotAFile(ReadError):
    """A folder, FIFO, device or socket: refused by its type, never read (reading one may wait forever or
    never end)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        super().__init__(f"is {kind}, not a file")


class TooLarge(ReadError):
    """A file over the limit its caller set; nothing past the limit was read."""


def _kind(mode: int) -> str | None:
    """What a file of this mode is, when it is not a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return FOLDER
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"  # pragma: no cover - door files and the like, on Solaris only


def open_regular(path: str) -> BinaryIO:
    """`path` opened for reading when it is a regular file (symbolic links followed); raises NotAFile for any
    other kind before opening it, and OSError when it cannot be opened.

    The type is checked again on the open file: a file swapped for a FIFO in between is opened without
    waiting (non-blocking) and refused all the same."""
    return os.fdopen(_open_regular(path)[0], "rb")


def _open_regular(path: str, regular: bool = False) -> tuple[int, int]:
    """`open_regular`'s checks, giving the descriptor and the size of the file it opened; `regular` when a
    folder's listing just found a regular file at `path`: it is not looked at again before it is opened, only
    after."""
    kind = None if regular else _kind(os.stat(path).st_mode)
    if kind is not None:
        raise NotAFile(kind)
    descriptor = os.open(path, _OPEN_FLAGS)
    opened = os.fstat(descriptor)
    kind = _kind(opened.st_mode)
    if kind is not None:
        os.close(descriptor)
        raise NotAFile(kind)
    return descriptor, opened.st_size


def read_head(path: str, count: int, regular: bool = False) -> bytes:
    """The first `count` bytes of the regular file at `path` (all of a shorter one), refused as `open_regular`
    refuses; read from the descriptor, without the buffered file object a figure check would build per image."""
    descriptor = _open_regular(path, regular)[0]
    try:
        return _read_up_to(descriptor, count)
    finally:
        os.close(descriptor)


def _read_up_to(descriptor: int, count: int) -> bytes:
    """`count` bytes from the descriptor, fewer only at the end of the file: one read for a regular file."""
    data = b""
    while len(data) < count:
        chunk = os.read(descriptor, count - len(data))
        if not chunk:
            break
        data += chunk
    return data


def read_bytes(path: str, limit: int, what: str) -> bytes:
    """The bytes of the regular file at `path`, refusing one over `limit` bytes with TooLarge (`what` names it
    in the message, e.g. "a report"); raises NotAFile and OSError as `open_regular` does.

    The size is checked before reading and the read stops one byte past the limit, since a size can lie (files
    under /proc say 0) or change while the file is read. Reading asks for the size and one byte more, not the
    limit: a buffer of the limit's size for every report cost more than the read. The descriptor is read
    directly: a buffered file object around it cost a quarter of the read."""
    descriptor, size = _open_regular(path)
    try:
        if size <= limit:
            data = _read_up_to(descriptor, size + 1)
            if len(data) > size:  # it grew, or its size said nothing: read on to the limit
                data += _read_up_to(descriptor, limit + 1 - len(data))
            if len(data) <= limit:
                return data
    finally:
        os.close(descriptor)
    size_shown = f"{size / 1024 / 1024:.1f} MB" if size > limit else f"over {limit // 1024 // 1024} MB"
    raise TooLarge(f"is {size_shown}, too large for {what} (limit {limit // 1024 // 1024} MB)")


def reason(error: OSError, path: str) -> str:
    """Why `path` could not be read, in the words of a one-line message."""
    if isinstance(error, FileNotFoundError):
        return "is a symbolic link to a missing file" if os.path.islink(path) else "no such file"
    if error.errno == errno.ELOOP:
        return "is a symbolic link that loops"
    return error.strerror or str(error)


def read_text(path: str) -> str:
    """Read a report as UTF-8 (BOM allowed) whatever the locale, refusing what is not text."""
    try:
        data = read_bytes(path, MAX_BYTES, "a report")
    except OSError as error:
        raise ReadError(reason(error, path)) from None
    return decode(data)


def decode(data: bytes) -> str:
    """A report's bytes as text: UTF-8, with or without a BOM; anything else is refused saying what it is.

    A BOM is kept: the course's converter keeps it as one of the 43 characters it drops, and the report's
    reading (`Report.bom`) and the course's (`course.script`) count it where the course does."""
    wide = _wide(data)
    if wide is not None:
        raise ReadError(f"is {wide} text: save it as UTF-8")
    if b"\x00" in data:
        raise ReadError("is binary (it holds NUL bytes), not a markdown report")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ReadError(f"is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})") from None


def _wide(data: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' when `data` is text in one of them, as Windows editors save "Unicode": by its
    byte-order mark (bytes UTF-8 never starts with), or by the NUL bytes every ASCII letter gets in them."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = data[:HEAD_BYTES]
    if b"\x00" not in head:  # every UTF-16 or UTF-32 head has NUL bytes in a lane: most reports stop here
        return None
    for width, name in ((2, "UTF-16"), (4, "UTF-32")):
        lanes = [head[lane::width] for lane in range(width)]
        letters = [lane for lane in lanes if lane.strip(b"\x00")]  # the lanes not all NUL
        if len(head) >= 2 * width and len(letters) == 1 and b"\x00" not in letters[0]:
            return name
    return None
