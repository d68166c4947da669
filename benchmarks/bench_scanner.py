"""Print the block scanner's CPU time on real reports against an older version of it; run by hand.

    python benchmarks/bench_scanner.py [--baseline REV] [--rounds N] [--repeats N]

The scanner is the largest single share of checking a real report, so its speed is measured on its
own: `scan` over copies of the shared corpus's reports (`../shared/corpus/*/README.md`,
read once into memory), or over the repository's fixtures when the corpus is absent (the script says
which). The baseline is `src/reportlint/reading/blocks.py` as it was at git revision REV (default
`main`), loaded beside the working tree's version in the same process (it must import nothing that
has since moved). The two are timed in alternating rounds with `time.process_time` (CPU time, which
drifts less than wall time on a shared machine), once on lines split beforehand (the scanner alone)
and once with `split_lines` included; each version's median round is reported with the median of
the paired rounds' ratios. Both versions must first find the same blocks in every report.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
MODULE = "src/reportlint/reading/blocks.py"


def reports() -> tuple[str, list[str]]:
    """The texts to scan and a phrase saying where they come from."""
    paths = sorted(CORPUS.glob("*/README.md"))
    where = f"{len(paths)} real reports from {CORPUS}"
    if not paths:
        paths = sorted((ROOT / "fixtures").rglob("README.md"))
        where = f"{len(paths)} fixture reports (no corpus at {CORPUS})"
    return where, [path.read_text(encoding="utf-8") for path in paths]


def baseline_module(revision: str, folder: Path) -> ModuleType:
    """The scanner module as it was at `revision`, imported under a name of its own."""
    source = subprocess.run(
        ["git", "show", f"{revision}:{MODULE}"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    path = folder / "blocks_baseline.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("blocks_baseline", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def one_round(module: ModuleType, texts: Sequence[str], repeats: int, split: bool) -> float:
    """CPU seconds to scan every text `repeats` times, splitting it into lines first if `split`."""
    split_lines: Callable[[str], list[str]] = module.split_lines
    scan: Callable[[Sequence[str]], object] = module.scan
    documents = [split_lines(text) for text in texts]
    start = time.process_time()
    for _ in range(repeats):
        if split:
            for text in texts:
                scan(split_lines(text))
        else:
            for lines in documents:
                scan(lines)
    return time.process_time() - start


def compare(
    baseline: ModuleType, current: ModuleType, texts: Sequence[str], options: argparse.Namespace, split: bool
) -> str:
    """One line of figures: the median round of each version per report, and the median ratio of paired rounds."""
    old: list[float] = []
    new: list[float] = []
    for _ in range(options.rounds):
        old.append(one_round(baseline, texts, options.repeats, split))
        new.append(one_round(current, texts, options.repeats, split))
    scans = len(texts) * options.repeats
    old_ms = statistics.median(old) / scans * 1000
    new_ms = statistics.median(new) / scans * 1000
    ratio = statistics.median(before / after for before, after in zip(old, new))
    what = "split_lines + scan" if split else "scan              "
    return f"{what}  baseline {old_ms:6.3f} ms  current {new_ms:6.3f} ms CPU per report  ({ratio:.2f}x faster)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="main", help="git revision of the scanner to compare with")
    parser.add_argument("--rounds", type=int, default=21, help="alternating rounds per version")
    parser.add_argument("--repeats", type=int, default=3, help="passes over all reports per round")
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from reportlint.reading import blocks as current

    where, texts = reports()
    with tempfile.TemporaryDirectory() as scratch:
        baseline = baseline_module(options.baseline, Path(scratch))
        for text in texts:
            old = baseline.scan(baseline.split_lines(text))
            new = current.scan(current.split_lines(text))
            if tuple(old) != tuple(new):
                sys.exit(f"the versions disagree on a report:\n old={old}\n new={new}")
        print(f"{where}; baseline: {options.baseline}, current: the working tree")
        print(f"{options.rounds} alternating rounds of {options.repeats} passes; ratio = median of paired rounds")
        print(compare(baseline, current, texts, options, split=False))
        print(compare(baseline, current, texts, options, split=True))


if __name__ == "__main__":
    main()
