"""Print the speed of `reportlint summary` the README promises; a script to run by hand, not a timed test.

    python benchmarks/bench_summary.py

Target: 1,000 groups' reports, process start to exit, under 3 s of wall time. The tree is what staff
scrape after the deadline: `groups/gNNNN/reports/` per group, each a copy of the 31-question fixture with
its figures, all in one git repository with everything added (so every figure is also asked of git).
Timed as a pipe (no progress bar) in each format; the table is what a person at a terminal gets.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from timing import FIXTURE, REPORTLINT, compile_installed, wall  # beside this script

GROUPS = 1000
TARGET = 3.0


def scrape(folder: Path, groups: int) -> None:
    """`groups` copies of the fixture, one per group folder, in one git repository with everything added."""
    for index in range(1, groups + 1):
        shutil.copytree(FIXTURE, folder / "groups" / f"g{index:04d}" / "reports")
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True)


def main() -> None:
    compile_installed()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        scrape(folder, GROUPS)
        figures = {
            output: wall([REPORTLINT, "summary", "--format", output, "groups"], folder, 5)
            for output in ("table", "csv", "json")
        }
    for output, seconds in figures.items():
        verdict = "ok" if seconds < TARGET else "OVER TARGET"
        print(
            f"summary --format {output + ',':<6} {GROUPS:,} groups' reports: {seconds * 1000:7.1f} ms  "
            f"(target {TARGET * 1000:.0f} ms: {verdict})"
        )


if __name__ == "__main__":
    main()
