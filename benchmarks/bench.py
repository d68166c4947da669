"""Print the speed figures the README promises; a script to run by hand, not a timed test.

    python benchmarks/bench.py

1. One 31-question report, process start to exit, against a bare `python -c pass` (target: within 5x).
2. 1,000 reports in one call (target: under 2 s).
3. `reportlint html --embed-images` on one 31-question report (target: under 0.5 s; bench_html.py).
4. `reportlint summary` of 1,000 groups' reports (target: under 3 s; bench_summary.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import FIXTURE, REPORTLINT, compile_installed, wall  # beside this script


def group_repository(folder: Path, copies: int) -> list[str]:
    """A git repository like a group's, its `reports/` holding `copies` reports with their figures."""
    reports = folder / "reports"
    shutil.copytree(FIXTURE, reports)
    text = (reports / "README.md").read_bytes()
    names = ["reports/README.md"]
    for index in range(1, copies):
        name = f"reports/report{index:04d}.md"
        (folder / name).write_bytes(text)
        names.append(name)
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True)
    return names


def main() -> None:
    compile_installed()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        names = group_repository(folder, 1000)
        bare = wall([sys.executable, "-c", "pass"], folder, 30)
        one = wall([REPORTLINT, names[0]], folder, 30)
        many = wall([REPORTLINT, *names], folder, 5)
    print(f"python -c pass:                        {bare * 1000:7.1f} ms")
    print(f"reportlint, one 31-question report:    {one * 1000:7.1f} ms  ({one / bare:.1f}x bare Python; target 5x)")
    print(f"reportlint, 1,000 reports in one call: {many * 1000:7.1f} ms  (target 2000 ms)")
    import bench_html  # beside this script
    import bench_summary

    bench_html.main()
    bench_summary.main()


if __name__ == "__main__":
    main()
