"""The one timing helper of the benchmarks: whole processes, run in interleaved rounds, summed up as medians.

Every figure is one whole process, start to exit, as a user meets it. Wall time is `perf_counter` around
the process; CPU time is the user + system time of the process and of every descendant it waited for
(git, pre-commit, the hook it starts, reportlint's worker processes), as `os.wait4` reports it.

A table's cases run in rounds: each round runs every case once, in a fresh random order, so that a burst
of load from elsewhere on a shared machine falls on all cases alike. Ratios and differences are taken
within each round (a pair: this case and the baseline, run moments apart) and the median over the rounds
is printed, as is the median of each case's own times.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPORTLINT = shutil.which("reportlint") or sys.exit("reportlint is not installed: pip install . first")
BARE = "python -c pass"


@dataclass(frozen=True)
class Case:
    """One command to time; `prepare` runs untimed before each run (to stage a change, delete a page)."""

    label: str
    command: Sequence[str]
    cwd: Path
    codes: tuple[int, ...] = (0,)  # exit codes that mean the command did its usual work
    prepare: Callable[[], None] | None = None


def bare(cwd: Path) -> Case:
    """The baseline every table carries: the interpreter reportlint runs on, starting and doing nothing."""
    return Case(BARE, [sys.executable, "-c", "pass"], cwd)


@dataclass
class Rounds:
    """Wall and CPU seconds per case label, one entry per round, in round order."""

    wall: dict[str, list[float]] = field(default_factory=dict)
    cpu: dict[str, list[float]] = field(default_factory=dict)

    def median(self, label: str, kind: str = "wall") -> float:
        return statistics.median(self._times(kind)[label])

    def per_round(self, kind: str, figure: Callable[..., float], *labels: str) -> float:
        """Median over rounds of `figure` of the named cases' times in the same round (a ratio, a difference)."""
        times = self._times(kind)
        return statistics.median(figure(*pair) for pair in zip(*(times[label] for label in labels)))

    def _times(self, kind: str) -> dict[str, list[float]]:
        return self.wall if kind == "wall" else self.cpu


def measure(cases: Sequence[Case], rounds: int, env: dict[str, str], seed: int = 0) -> Rounds:
    """Run every case once to warm caches and check it works, then `rounds` interleaved rounds."""
    for case in cases:
        run(case, env, check=True)
    result = Rounds()
    order = random.Random(seed)
    for _ in range(rounds):
        for case in order.sample(list(cases), len(cases)):
            wall, cpu = run(case, env)
            result.wall.setdefault(case.label, []).append(wall)
            result.cpu.setdefault(case.label, []).append(cpu)
    return result


def run(case: Case, env: dict[str, str], check: bool = False) -> tuple[float, float]:
    """(wall, CPU) seconds of one run; with `check`, an unexpected exit code stops the benchmark with its output."""
    if case.prepare is not None:
        case.prepare()
    if check:
        done = subprocess.run(case.command, cwd=case.cwd, env=env, capture_output=True, text=True, check=False)
        if done.returncode not in case.codes:
            sys.exit(f"{case.label}: exit code {done.returncode}, expected {case.codes}\n{done.stdout}{done.stderr}")
        return 0.0, 0.0
    start = time.perf_counter()
    process = subprocess.Popen(
        case.command,
        cwd=case.cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in case.codes:
        sys.exit(f"{case.label}: exit code {process.returncode}, expected {case.codes}")
    return wall, usage.ru_utime + usage.ru_stime


def environment(**extra: str) -> dict[str, str]:
    """This environment, with the installed reportlint first on PATH (a `language: system` hook looks there)."""
    env = dict(os.environ, **extra)
    env["PATH"] = os.pathsep.join([os.path.dirname(REPORTLINT), env.get("PATH", "")])
    return env


def table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A small aligned table: the first column left, the others right."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        cells = [str(row[0]).ljust(widths[0])] + [str(cell).rjust(width) for cell, width in zip(row[1:], widths[1:])]
        return "  ".join(cells).rstrip()

    print(f"\n{title}")
    print(line(header))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print(line(row))


def compile_installed() -> None:
    """Byte-compile reportlint as `pip install .` does, even where PYTHONDONTWRITEBYTECODE is set."""
    import compileall

    import reportlint

    compileall.compile_dir(Path(reportlint.__file__).parent, quiet=1)
