"""Remake docs/dashboard.png, the README's picture of the grading dashboard. Run from the repository root:

    python docs/dashboard.py

Needs `reportlint` on PATH, git, and Debian's `chromium`. It builds a small scrape from this repository's
fixtures in a temporary folder (git clones, two of which changed their report after the deadline, one
folder that is no clone, and one group that handed in nothing), writes its dashboard with
`reportlint summary --before ... --html`, and photographs `index.html` in headless Chromium.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FIXTURES = Path("fixtures")
OUTPUT = Path("docs/dashboard.png")
DEADLINE = "2026-01-23T23:59+01:00"
GROUPS = [  # (group, fixture at the deadline, fixture committed after it or None, in git)
    ("group 1", "pass-2025", None, True),
    ("group 2", "fail-length", "pass-2025", True),
    ("group 3", "fail-unanswered", None, True),
    ("group 4", "pass-2023", None, True),
    ("group 5", "fail-figures", None, True),
    ("group 6", "fail-grader-crash", "fail-grader-cut", True),
    ("group 8", "fail-structure", None, True),
    ("group 9", "fail-grader-images", None, True),
    ("group 10", "fail-grader-appendix", None, False),
]


def commit(repo: Path, when: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "group",
        "GIT_AUTHOR_EMAIL": "group@example.org",
        "GIT_COMMITTER_NAME": "group",
        "GIT_COMMITTER_EMAIL": "group@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "-c", "commit.gpgsign=false", "commit", "-qm", when], cwd=repo, check=True, env=env)


def scrape(root: Path) -> None:
    for group, then, later, in_git in GROUPS:
        reports = root / group / "reports"
        shutil.copytree(FIXTURES / then, reports, ignore=shutil.ignore_patterns("expected.txt"))
        if not in_git:
            continue
        subprocess.run(["git", "init", "-q"], cwd=root / group, check=True)
        commit(root / group, "2026-01-23T21:40:00+01:00")
        if later is not None:
            shutil.rmtree(reports)
            shutil.copytree(FIXTURES / later, reports, ignore=shutil.ignore_patterns("expected.txt"))
            commit(root / group, "2026-01-24T09:12:00+01:00")
    (root / "group 7" / "reports").mkdir(parents=True)  # handed in nothing


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "scrape"
        scrape(root)
        dashboard = Path(scratch) / "grading"
        subprocess.run(
            ["reportlint", "summary", "--before", DEADLINE, "--html", str(dashboard), str(root)],
            check=False,  # exits 2: group 7 has no report
            capture_output=True,
        )
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={scratch}/profile",
                "--hide-scrollbars",
                "--window-size=1720,470",
                f"--screenshot={OUTPUT.resolve()}",
                (dashboard / "index.html").as_uri(),
            ],
            check=True,
            capture_output=True,
        )
    print(f"wrote {OUTPUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
