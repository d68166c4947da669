"""The temporary git repositories the benchmarks time commands in, built from this repository's fixtures
or from the shared corpus of real reports (never copied into this repository)."""

from __future__ import annotations

import json
import os
import random
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "pass-2025"  # 31 questions with their 8 figures; passes every check
CORPUS = ROOT.parent / "shared" / "corpus"
HOOK_MANIFEST = ROOT / ".pre-commit-hooks.yaml"
IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def init(folder: Path) -> None:
    """A repository with everything in `folder` committed, by a local identity, unsigned."""
    git(folder, "init", "-q")
    git(folder, "config", "user.name", "bench")
    git(folder, "config", "user.email", "bench@example.org")
    git(folder, "config", "commit.gpgsign", "false")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "start")


def group_repository(folder: Path, hook_entry: str | None = None) -> Path:
    """A group's repository: the fixture as `reports/`, and with `hook_entry` a local pre-commit hook installed.

    The hook is `language: system`, so pre-commit builds no environment and runs the installed program.
    """
    folder.mkdir(parents=True)
    shutil.copytree(FIXTURE, folder / "reports")
    if hook_entry is not None:
        (folder / ".pre-commit-config.yaml").write_text(
            "repos:\n"
            "  - repo: local\n"
            "    hooks:\n"
            "      - id: bench\n"
            "        name: bench\n"
            f"        entry: {json.dumps(hook_entry)}\n"  # a JSON string is a YAML string: `true` stays text
            "        language: system\n"
            "        types: [markdown]\n"
        )
    init(folder)
    if hook_entry is not None:
        subprocess.run(["pre-commit", "install"], cwd=folder, check=True, capture_output=True)
    return folder


def reportlint_hook_entry() -> str:
    """The `entry` of this repository's own `reportlint` hook, so the benchmark runs what groups install."""
    import yaml  # pre-commit's own dependency: present wherever the hook benchmarks can run

    hooks = yaml.safe_load(HOOK_MANIFEST.read_text())
    entry: str = next(hook["entry"] for hook in hooks if hook["id"] == "reportlint")
    return entry


class Toggle:
    """Stages a change to the report before each commit: a trailing blank line, added then removed."""

    def __init__(self, repository: Path) -> None:
        self.repository = repository
        self.report = repository / "reports" / "README.md"
        self.text = self.report.read_bytes()
        self.changed = False

    def __call__(self) -> None:
        self.changed = not self.changed
        self.report.write_bytes(self.text + b"\n" if self.changed else self.text)
        git(self.repository, "add", "reports/README.md")


def batch_tree(folder: Path, count: int) -> tuple[str, list[str]]:
    """`count` groups' `reports/` under folder/groups, in one git repository; (what they are, the report paths).

    Copies of the corpus's real reports when the corpus is here, each with the files its figures.txt
    lists: images as small PNG files, anything else (notes, scripts, pages) empty, since only the names
    are known. Else copies of this repository's fixtures with their own figures.
    """
    source, sources = report_sources()
    paths = []
    for index in range(count):
        reports = folder / "groups" / f"g{index + 1:04d}" / "reports"
        copy_report(sources[index % len(sources)], reports)
        paths.append(str((reports / "README.md").relative_to(folder)))
    init(folder)
    return source, paths


def report_sources() -> tuple[str, list[Path]]:
    """The reports to copy, and what they are: the corpus's, or without it this repository's fixtures."""
    sources = sorted(CORPUS.glob("*/README.md"))
    if sources:
        return f"the corpus's {len(sources)} real reports ({CORPUS}), figures rebuilt from figures.txt", sources
    sources = sorted((ROOT / "fixtures").glob("*/README.md"))
    return f"this repository's {len(sources)} fixtures (no corpus at {CORPUS})", sources


def copy_report(report: Path, reports: Path) -> None:
    """A report and its figures as a group's `reports/` folder."""
    if report.parent.parent == CORPUS:
        names = (report.parent / "figures.txt").read_text(encoding="utf-8").splitlines()
        for name in filter(None, names):
            (reports / name).parent.mkdir(parents=True, exist_ok=True)
            (reports / name).write_bytes(PNG if name.lower().endswith(IMAGES) else b"")
        reports.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(report, reports / "README.md")
    else:
        shutil.copytree(report.parent, reports)


def clones_tree(folder: Path, count: int, before: str, after: str) -> str:
    """`count` groups under folder/groups, each its own git repository as staff clone them: the report
    committed at `before`, then changed (a blank line added) at `after`; what the reports are."""
    source, sources = report_sources()
    identity = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org"}
    identity |= {"GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    for index in range(count):
        group = folder / "groups" / f"g{index + 1:04d}"
        copy_report(sources[index % len(sources)], group / "reports")
        git(group, "init", "-q")
        git(group, "add", "-A")
        for when in (before, after):
            env = {**os.environ, **identity, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
            subprocess.run(
                ["git", "-c", "commit.gpgsign=false", "commit", "-q", "-am", when],
                cwd=group,
                env=env,
                check=True,
                capture_output=True,
            )
            with open(group / "reports" / "README.md", "a", encoding="utf-8") as handle:
                handle.write("\n")
        git(group, "checkout", "-q", "--", ".")  # the clone as the last commit left it
    return source


def png(width: int, height: int, pixels: bytes) -> bytes:
    """A valid RGB PNG of the given raw pixels, stored without compression."""
    raw = b"".join(b"\x00" + pixels[row * width * 3 : (row + 1) * width * 3] for row in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 0)) + chunk(b"IEND", b"")


PNG = png(4, 3, b"\x80" * 36)


def screenshot_png(size: int, seed: int) -> bytes:
    """A PNG of about `size` bytes that does not compress, like a screenshot full of detail."""
    width = 512
    height = max(1, size // (width * 3))
    return png(width, height, random.Random(seed).randbytes(width * 3 * height))


def big_figures(repository: Path) -> int:
    """Replace every PNG figure of the report with a 400 KB screenshot-like one, commit that, say how many."""
    figures = sorted((repository / "reports" / "figures").glob("*.png"))
    for seed, figure in enumerate(figures):
        figure.write_bytes(screenshot_png(400_000, seed))
    git(repository, "commit", "-q", "-am", "big figures")
    return len(figures)
