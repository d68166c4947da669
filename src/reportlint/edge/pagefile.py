"""Writing a page: atomically, only when it changed, keeping the mode of the page it replaces."""

from __future__ import annotations

import contextlib
import os


class WriteError(Exception):
    """A page that cannot be written; the message names the file and the reason."""


def write_if_changed(target: str, data: bytes, durable: bool = True) -> bool:
    """Write `data` to `target` atomically unless it already holds exactly that; True when written.

    The bytes go to a temporary file in the target's folder, are flushed to disk, then renamed over
    the target, so a reader (or a crash) sees the old page or the new one, never half of one. Without
    `durable` the flush to disk is left to the system: readers still never see half a page, and pages
    remade in hundreds at a time (the staff dashboard) do not wait for the disk once each.
    """
    try:
        with open(target, "rb") as handle:
            if handle.read() == data:
                return False
    except FileNotFoundError:
        pass
    except IsADirectoryError:
        raise WriteError(f"cannot write {target}: it is a folder") from None
    except OSError as error:
        raise WriteError(f"cannot read {target}: {error.strerror or error}") from None
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
        os.chmod(temporary, _mode(target))
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise WriteError(f"cannot write {target}: {error.strerror or error}") from None
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
