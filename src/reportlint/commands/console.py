"""Standard output and error for the console script, so that writing can never change how a run ends.

`reportlint check reports/README.md | head -1` closes the pipe while reportlint still writes, and
`> /dev/full` fails every write. Either used to raise inside whichever command was printing, losing its
exit code (or printing a traceback). Here the raw stream under each of them records the first failure and
swallows the rest, so every command finishes and returns its own code; `finish` then decides: a closed
pipe ends quietly with that code, any other failure to write standard output is one line and exit 2.

Every line printed for a person passes through `Lines`, which shows control characters as `\x1b`: a file
name, a template name or an answer's image link can hold an escape sequence that would retitle, recolour or
clear the terminal, or a carriage return or bidi override that hides the start of a line. Documents (JSON,
SARIF, CSV, the HTML page) are written as they are, escaped by their own rules.
"""

from __future__ import annotations

import io
import re
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which the hook would pay for at start
if TYPE_CHECKING:
    from typing import Any, TextIO

EXIT_WRITE_ERROR = 2


class Guarded(io.RawIOBase):
    """A raw stream that passes writes to `raw` until one fails, and from then on pretends they succeed."""

    def __init__(self, raw: Any) -> None:
        super().__init__()
        self._raw = raw
        self.failure: OSError | None = None

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        fileno: int = self._raw.fileno()
        return fileno

    def isatty(self) -> bool:
        return bool(self._raw.isatty())

    def write(self, data: Any) -> int:
        size = memoryview(data).nbytes
        if self.failure is None:
            try:
                written: int | None = self._raw.write(data)
            except OSError as error:  # BrokenPipeError, ENOSPC, EIO, ...
                self.failure = error
            else:
                return size if written is None else written
        return size


# C0 controls but the tab and the newline ending a line, DEL, C1 controls, the bidi embeddings, overrides and
# isolates, and the lone surrogates that stand for a file name's bytes that are not UTF-8. Every one of them is
# a character Python does not call printable. Kept as text: the re module compiles it on first use, which
# costs the hook more than the rest of its printing, and a run that prints only printable lines never does.
_UNSHOWN = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\udc80-\udcff]"


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code >= 0xDC80:  # os.fsdecode's stand-in for a byte of a file name that is not UTF-8: show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str) -> str:
    """`text` with every character that would act on a terminal rather than show on it written as an escape."""
    if text.replace("\n", "").replace("\t", "").isprintable():  # nearly every line: nothing to escape
        return text
    return re.sub(_UNSHOWN, _escape, text)


class Lines(io.TextIOBase):
    """A text stream that writes to `stream` what `shown` makes of it: standard output and error while a
    command prints lines for a person."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(shown(text))
        return len(text)

    def flush(self) -> None:
        if not self.stream.closed:  # when finalised after the stream under it was closed (Python 3.13 says so)
            self.stream.flush()

    def isatty(self) -> bool:  # the summary fits its table to a terminal, and shows progress only on one
        return self.stream.isatty()


def lines(stream: TextIO | None) -> TextIO | None:
    """`stream` behind `Lines` (None stays None: a process started with the stream closed)."""
    return None if stream is None else Lines(stream)  # type: ignore[return-value]


def unescaped(stream: TextIO) -> TextIO:
    """The stream under `Lines`, for what is written as it is: a document, or the progress bar's own
    carriage returns."""
    return stream.stream if isinstance(stream, Lines) else stream


def guard(stream: TextIO) -> tuple[TextIO, Guarded | None]:
    """`stream` rebuilt over a Guarded raw stream, buffered as it was (unbuffered under `python -u` or
    PYTHONUNBUFFERED) and with its encoding; as it is (and None) when it has no raw stream underneath, as in
    a test that captures output in memory."""
    buffer = getattr(stream, "buffer", None)
    unbuffered = isinstance(buffer, io.RawIOBase)
    raw = buffer if unbuffered else getattr(buffer, "raw", None)
    if raw is None:
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
        return stream, None
    stream.flush()
    guarded = Guarded(raw)
    below: Any = guarded if unbuffered else io.BufferedWriter(guarded)  # TextIOWrapper takes either at run time
    wrapped = io.TextIOWrapper(
        below,
        encoding=stream.encoding,
        errors="backslashreplace",  # a console that cannot show a character of a path or an answer
        line_buffering=bool(stream.line_buffering),
        write_through=unbuffered,
    )
    return wrapped, guarded


def use_utf8(stream: TextIO) -> None:
    """Make `stream` write UTF-8, whatever the console's code page: JSON, SARIF, CSV and the HTML page
    declare or assume UTF-8, and a character escaped by the code page would make them invalid. A new encoding
    would reset the errors to strict, and a file name whose bytes are not UTF-8 would stop the run."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(encoding="utf-8", errors="backslashreplace")  # a file name's lone surrogate: JSON reads it back


def finish(code: int, out: Guarded | None) -> int:
    """The run's exit code once everything is written: its own, unless standard output failed other than by
    a closed pipe. An error stream that fails has nowhere to say so and changes nothing."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:  # None when the process was started with the stream closed
            stream.flush()
    failure = out.failure if out is not None else None
    if failure is None or isinstance(failure, BrokenPipeError):
        return code
    reason = failure.strerror or str(failure)
    print(f"reportlint: standard output: {reason}", file=sys.stderr)
    sys.stderr.flush()
    return EXIT_WRITE_ERROR
