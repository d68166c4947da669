"""What the benchmark scripts share: timing whole processes, and the installed program to time."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "pass-2025"
REPORTLINT = shutil.which("reportlint") or sys.exit("reportlint is not installed: pip install . first")


def wall(command: list[str], cwd: Path, runs: int, before: Path | None = None) -> float:
    """Median wall time of a whole process, in seconds; `before` is deleted ahead of each run (a fresh write)."""
    times = []
    for _ in range(runs):
        if before is not None:
            before.unlink(missing_ok=True)
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def compile_installed() -> None:
    """Byte-compile reportlint as `pip install .` does, even where PYTHONDONTWRITEBYTECODE is set."""
    import compileall

    import reportlint

    compileall.compile_dir(Path(reportlint.__file__).parent, quiet=1)
