"""Print the speed of `reportlint html` the README promises; a script to run by hand, not a timed test.

    python benchmarks/bench_html.py

Target: one 31-question report with its figures embedded, process start to exit, under 0.5 s of wall time.
Timed twice: with the fixture's own small figures, and with each figure replaced by a 400 KB PNG (a screenshot's
size), so the embedding itself is measured too. The page is written to a file, as the hook does.
"""

from __future__ import annotations

import random
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

from timing import FIXTURE, REPORTLINT, compile_installed, wall  # beside this script

TARGET = 0.5


def noise_png(size: int, seed: int) -> bytes:
    """A valid PNG of about `size` bytes that does not compress, like a screenshot full of detail."""
    width = 512
    height = max(1, size // (width * 3))
    noise = random.Random(seed).randbytes(width * 3 * height)
    raw = b"".join(b"\x00" + noise[row * width * 3 : (row + 1) * width * 3] for row in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 0)) + chunk(b"IEND", b"")


def group_repository(folder: Path, big_figures: bool) -> None:
    shutil.copytree(FIXTURE, folder / "reports")
    if big_figures:
        for seed, figure in enumerate(sorted((folder / "reports" / "figures").glob("*.png"))):
            figure.write_bytes(noise_png(400_000, seed))
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True)


def main() -> None:
    compile_installed()
    rows = []
    for big in (False, True):
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            group_repository(folder, big)
            page = folder / "reports" / "report.html"
            command = [REPORTLINT, "html", "--embed-images", "reports/README.md"]
            written = wall(command, folder, 20, before=page)
            unchanged = wall(command, folder, 20)
            rows.append((big, written, unchanged, page.stat().st_size))
    bare = wall([sys.executable, "-c", "pass"], Path.cwd(), 20)
    print(f"python -c pass:                                          {bare * 1000:7.1f} ms")
    for big, written, unchanged, size in rows:
        figures = "8 figures of 400 KB" if big else "the fixture's figures"
        verdict = "ok" if max(written, unchanged) < TARGET else "OVER TARGET"
        print(
            f"html --embed-images, 31 questions, {figures + ',':<22} written:   {written * 1000:7.1f} ms  "
            f"(page {size / 1024:,.0f} KB; target {TARGET * 1000:.0f} ms: {verdict})"
        )
        print(f"{'':57}unchanged: {unchanged * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
