"""One run of a command: its options and its file-system cache, passed explicitly to whatever checks a file.

It is the Python API's `Checker`: the command line checks a report exactly as a script does.
"""

from __future__ import annotations

from reportlint.api import Checker as RunContext

__all__ = ["RunContext"]
