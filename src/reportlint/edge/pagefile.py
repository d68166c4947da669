"""Writing a page: atomically, only when it changed, keeping the mode of the page it replaces."""

from __future__ import annotations

import contextlib
import os
import stat


class WriteError(Exception):
    """A page that cannot be written; the message names the file and the reason."""


def write_if_changed(target: str, data: bytes, durable: bool = True) -> bool:
    """Write `data` to `target` atomically unless it already holds exactly that; True when written.

    The bytes go to a temporary file in the target's folder, are flushed to disk, then renamed over
    the target, so a reader (or a crash) sees the old page or the new one, never half of one. Without
    `durable` the flush to disk is left to the system: readers still never see half a page, and pages
    remade in hundreds at a time (the staff dashboard) do not wait for the disk once each.

    Only a regular file is replaced: a FIFO would block the read, and renaming over a device (`/dev/null`),
    a socket or a symbolic link would replace it rather than write where it leads, so each is refused
    before anything is opened.
    """
    existing = _existing(target)
    if existing is not None and existing.st_size == len(data) and _holds(target, data):  # never read a huge file
        return False
    import tempfile

    folder = os.path.dirname(os.path.abspath(target))
    try:
        os.makedirs(folder, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise WriteError(f"cannot write {target}: {error.strerror or error}") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(temporary, _new_mode() if existing is None else stat.S_IMODE(existing.st_mode) & 0o777)
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise WriteError(f"cannot write {target}: {error.strerror or error}") from None
        raise
    return True


_KINDS = ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"))


def _existing(target: str) -> os.stat_result | None:
    """What is at `target` now, itself and not what a link leads to; None when nothing is. Refuses anything
    but a regular file."""
    try:
        found = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise WriteError(f"cannot write {target}: {error.strerror or error}") from None
    if stat.S_ISDIR(found.st_mode):
        raise WriteError(f"cannot write {target}: it is a folder")
    if not stat.S_ISREG(found.st_mode):
        kind = next((name for test, name in _KINDS if test(found.st_mode)), "a device")
        raise WriteError(f"cannot write {target}: it is {kind}, not a regular file; choose another path or '-'")
    return found


def _holds(target: str, data: bytes) -> bool:
    """Whether the regular file at `target` holds exactly `data`; opened so that a FIFO or link put there
    since it was looked at cannot block the read or lead elsewhere."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        with os.fdopen(os.open(target, flags), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise WriteError(f"cannot write {target}: it is no longer a regular file")
            return handle.read() == data
    except FileNotFoundError:
        return False
    except OSError as error:
        raise WriteError(f"cannot read {target}: {error.strerror or error}") from None


def _new_mode() -> int:
    """A new page gets what the umask gives any new file."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
