"""A generated scrape of several hundred groups, as staff have it after the deadline, and what each row must hold.

Shared by the summary and dashboard tests. Groups cycle through this repository's fixtures. Every tenth
group is its own git repository with a commit on each side of the deadline (the fixture before it, the
passing report after it); one of those committed only after the deadline, and one has a figure it no
longer tracks. Then the odd ones: a group with no report, a report of another name, a group with two
reports, an unreadable report, and markdown in hidden, vendored and virtual-environment folders that must
not become rows.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from conftest import FIXTURES, init_repo, invoke
from reportlint.findings import ERROR
from reportlint.rules import FAMILIES, RULES

GROUPS = 300
DEADLINE = "2026-01-23T23:59:00+01:00"
BEFORE, AFTER, LATE = "2026-01-22T12:00:00+01:00", "2026-01-24T09:00:00+01:00", "2026-01-25T10:00:00+01:00"
KINDS = sorted(path.name for path in FIXTURES.iterdir() if (path / "README.md").is_file() and path.name != "README.md")
LATECOMER, UNTRACKED = 150, 130  # git groups: every commit after the deadline; a figure no longer tracked
NO_REPORT, OTHER_NAME, TWO_REPORTS, UNREADABLE = 301, 302, 303, 304
ODD = (NO_REPORT, OTHER_NAME, TWO_REPORTS, UNREADABLE)


def name(index: int) -> str:
    """Letter case and spaces as groups choose them: `group 5`, `Group7`, `group10`."""
    if index == 5:
        return "group 5"
    return f"Group{index}" if index % 7 == 0 else f"group{index}"


def in_git(index: int) -> bool:
    return index % 10 == 0 and index <= GROUPS


def kind(index: int) -> str:
    return KINDS[index % len(KINDS)]


def report(index: int) -> str:
    return f"groups/{name(index)}/reports/README.md"


class Scrape(NamedTuple):
    root: Path
    commits: dict[int, tuple[str, ...]]  # a git group's commits, oldest first


def _commit(repo: Path, when: str, message: str) -> str:
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, capture_output=True)
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, env=env, check=True, capture_output=True)
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=repo, check=True, capture_output=True, text=True
    ).stdout.strip()


def _copy(kind_name: str, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(FIXTURES / kind_name, target, ignore=shutil.ignore_patterns("expected.txt"))


def build(root: Path) -> Scrape:
    commits: dict[int, tuple[str, ...]] = {}
    for index in range(1, GROUPS + 1):
        folder = root / "groups" / name(index)
        if not in_git(index):
            _copy(kind(index), folder / "reports")
            continue
        repo = init_repo(folder)
        (repo / "src").mkdir()
        (repo / "src" / "model.py").write_text("MODEL = 'small'\n")
        if index == LATECOMER:
            _copy("pass-2025", repo / "reports")
            commits[index] = (_commit(repo, LATE, "everything at once"),)
            continue
        _copy(kind(index), repo / "reports")
        first = _commit(repo, BEFORE, "report")
        _copy("pass-2025", repo / "reports")
        with open(repo / "reports" / "README.md", "a", encoding="utf-8") as handle:
            handle.write("\n")  # changed after the deadline, whatever it was before
        commits[index] = (first, _commit(repo, AFTER, "fixed after the deadline"))
        if index == UNTRACKED:
            subprocess.run(["git", "rm", "-q", "--cached", "reports/figures/registry.png"], cwd=repo, check=True)
    groups = root / "groups"
    (groups / name(NO_REPORT) / "reports").mkdir(parents=True)
    (groups / name(NO_REPORT) / "reports" / "notes.md").write_text("# Notes\n\nNo questions.\n", encoding="utf-8")
    _copy("pass-2025", groups / name(OTHER_NAME) / "reports")
    (groups / name(OTHER_NAME) / "reports" / "README.md").rename(groups / name(OTHER_NAME) / "reports" / "report.md")
    _copy("pass-2025", groups / name(TWO_REPORTS) / "reports")
    shutil.copy(FIXTURES / "fail-length" / "README.md", groups / name(TWO_REPORTS) / "README.md")
    text = (FIXTURES / "pass-2025" / "README.md").read_bytes()
    (groups / name(UNREADABLE) / "reports").mkdir(parents=True)
    (groups / name(UNREADABLE) / "reports" / "README.md").write_bytes(text[:100] + b"\x00" + text[100:])
    for hidden in (".backup/README.md", "node_modules/pkg/README.md", "venv/lib/README.md"):
        (groups / hidden).parent.mkdir(parents=True)
        (groups / hidden).write_bytes(text)
    (groups / "venv" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    return Scrape(root, commits)


_BUILT: list[Scrape] = []


def shared(tmp_path_factory: pytest.TempPathFactory) -> Scrape:
    """The scrape, built once per test session however many modules use it (it takes a while)."""
    if not _BUILT:
        _BUILT.append(build(tmp_path_factory.mktemp("scrape")))
    return _BUILT[0]


# --- what each row must hold ------------------------------------------------------------------------

_CHECKED: dict[str, dict[str, Any]] = {}


def checked(path: Path) -> dict[str, Any]:
    """`reportlint check --format json` on one report: the oracle the summary's counts are held to."""
    key = str(path)
    if key not in _CHECKED:
        _CHECKED[key] = json.loads(invoke(["check", "--format", "json", key]).stdout)["reports"][0]
    return _CHECKED[key]


def counts(document: dict[str, Any]) -> dict[str, Any]:
    """A summary row's counts, worked out from `check --format json` for the same report."""
    states = Counter(question["state"] for question in document["questions"])
    findings = document["findings"]
    families = Counter(RULES[finding["code"]].family for finding in findings)
    absent = {
        (f["line"], f["column"])
        for f in findings
        if RULES[f["code"]].family == "figures" and RULES[f["code"]].severity == ERROR
    }
    return {
        "template": document["template"],
        "questions": document["questions_total"],
        "course_passed": document["course"].get("passed"),
        "course_stops": document["course"].get("error"),
        "errors": document["errors"],
        "warnings": document["warnings"],
        "passing": document["questions_passed"],
        "unanswered": states["unanswered"],
        "failing": states["fail"] + states["missing"],
        "words": sum(question["words"] for question in document["questions"]),
        "figures_absent": len(absent),
        **{f"findings_{family}": families[family] for family in FAMILIES},
    }


COUNTS = ("template", "questions", "course_passed", "course_stops", "errors", "warnings", "passing", "unanswered")
EMPTY_COUNTS = dict.fromkeys(
    [*COUNTS, "failing", "words", "figures_absent", *(f"findings_{family}" for family in FAMILIES)]
)
NO_COMMIT = {"commit": None, "commit_date": None, "after_commit": None, "after_date": None}


def iso(when: str, zone_of: str | None) -> str:
    """`when` as the summary writes it: in the deadline's offset with `--before`, else in local time."""
    moment = datetime.fromisoformat(when)
    return (moment.astimezone(datetime.fromisoformat(zone_of).tzinfo) if zone_of else moment.astimezone()).isoformat()


def expected(scrape: Scrape, before: bool) -> list[dict[str, Any]]:
    """Every row of the scrape, in group order, as CSV and JSON must hold it (JSON's types)."""
    rows = []
    zone = DEADLINE if before else None
    for index in range(1, GROUPS + 1):
        path = report(index)
        record: dict[str, Any] = {"group": name(index), "path": path}
        note = None
        if not in_git(index):
            record.update(counts(checked(scrape.root / path)), **NO_COMMIT)
            note = "not in git: as it is now" if before else None
        elif before and index == LATECOMER:
            record.update(EMPTY_COUNTS, **NO_COMMIT, note=None, error="no commit before the deadline")
            rows.append(record)
            continue
        elif before:
            first, last = scrape.commits[index]
            record.update(counts(checked(FIXTURES / kind(index) / "README.md")))
            record.update(commit=first, commit_date=iso(BEFORE, zone), after_commit=last, after_date=iso(AFTER, zone))
        else:
            record.update(counts(checked(scrape.root / path)))
            when = LATE if index == LATECOMER else AFTER
            record.update(commit=scrape.commits[index][-1], commit_date=iso(when, zone), after_commit=None)
            record["after_date"] = None
        rows.append({**record, "note": note, "error": None})
    groups = scrape.root / "groups"
    rows.append(
        {"group": name(NO_REPORT), "path": f"groups/{name(NO_REPORT)}", **EMPTY_COUNTS, **NO_COMMIT}
        | {"note": None, "error": "no report in this folder"}
    )
    other = f"groups/{name(OTHER_NAME)}/reports/report.md"
    scraped = "named report.md: the course fetches only README.md"
    rows.append(
        {"group": name(OTHER_NAME), "path": other, **counts(checked(scrape.root / other)), **NO_COMMIT}
        | {"note": "; ".join(filter(None, ["not in git: as it is now" if before else None, scraped])), "error": None}
    )
    for path in (f"groups/{name(TWO_REPORTS)}/README.md", report(TWO_REPORTS)):
        notes = ["not in git: as it is now"] if before else []
        rows.append(
            {"group": name(TWO_REPORTS), "path": path, **counts(checked(groups.parent / path)), **NO_COMMIT}
            | {"note": "; ".join([*notes, "one of 2 reports of this group"]), "error": None}
        )
    rows.append(
        {"group": name(UNREADABLE), "path": report(UNREADABLE), **EMPTY_COUNTS, **NO_COMMIT}
        | {"note": None, "error": "is binary (it holds NUL bytes), not a markdown report"}
    )
    return rows
