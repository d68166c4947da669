"""Speed of what users run, against a bare interpreter started in the same rounds; run by hand, not a test.

    pip install -e '.[test]'        # reportlint and pre-commit on PATH
    python benchmarks/bench.py [--course-script PATH/TO/report.py]

Three tables, each from its own temporary git repositories:

1. The hook, on one 31-question report (fixtures/pass-2025): the plain `reportlint check` process;
   `pre-commit run --files reports/README.md`; and a real `git commit` of a change to the report, where
   git sets GIT_INDEX_FILE and pre-commit runs the hook. Each through pre-commit twice: with a `repo:
   local`, `language: system` hook whose entry is the one in .pre-commit-hooks.yaml (no hook
   environment is built, the installed reportlint runs), and with a trivial hook whose entry is `true`.
   The course's own `report.py check` runs beside them when a copy is given or found under ../shared;
   it is never copied into this repository.
2. The batch: 1,000 reports in one call, `reportlint check FILES...` and `reportlint summary groups`,
   in one git repository. The reports are copies of the corpus's real reports (../shared/corpus) with
   their figures rebuilt as small PNG files from each folder's figures.txt, or, without the corpus, of
   this repository's fixtures; the table's title says which.
3. `reportlint html --embed-images reports/README.md` on the same 31-question report with its figures,
   writing the page (deleted before each run) and finding it up to date; then again with every PNG
   figure replaced by a 400 KB screenshot-like one.
4. Staff: `reportlint summary` of 1,000 groups, as they are and with `--before`, laid out two ways: all in
   one git repository, and each group its own clone with a commit on each side of the deadline (one git
   process per clone); then the dashboard, `summary --html DIR`, of 200 groups, written anew (DIR deleted
   before each run) and found up to date. The same reports as table 2.

How to read the numbers:

- `wall`: the median time from starting the process to its exit: what a person waits. On a shared
  machine it drifts with whatever else runs, so compare it only within one table.
- `CPU`: the median user + system time of the process and of every process it started and waited for
  (git, pre-commit, the hook, reportlint's worker processes in a batch). It drifts much less than wall
  time under load; in a batch on several cores it is larger than wall time.
- `x bare`: the case's time over `python -c pass` (the interpreter reportlint runs on) from the same
  round, median over rounds. Every round runs every case once in a fresh random order, so these ratios
  compare like with like and carry over to other machines better than milliseconds do.
- `reportlint's share`: the same command with the reportlint hook minus with the `true` hook, round by
  round: what reportlint itself adds to a `pre-commit run` or to a commit (git and pre-commit cost the
  same either way). Its `x bare` is that difference over the bare interpreter's time in the round.
- `per report`: a batch's time over its 1,000 reports. CPU per report is the figure to compare between
  runs and machines; wall per report depends on the number of cores.
- `target`: the goals of issue 12 (and the README's for `summary`), for reading the figure beside it.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from repos import ROOT, Toggle, batch_tree, big_figures, clones_tree, group_repository, reportlint_hook_entry
from timing import BARE, REPORTLINT, Case, Rounds, bare, compile_installed, environment, measure, table

HOOK_ROUNDS = 25
BATCH_ROUNDS = 5
HTML_ROUNDS = 20
STAFF_ROUNDS = 5
BATCH = 1000
DASHBOARD = 200
DEADLINE, BEFORE, AFTER = "2026-01-23T23:59:00+01:00", "2026-01-22T12:00:00+01:00", "2026-01-24T09:00:00+01:00"
REPORT = "reports/README.md"
TIMES = ("what", "wall ms", "CPU ms", "wall x bare", "CPU x bare", "target")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--course-script",
        type=Path,
        help="a copy of the course's report.py to time beside reportlint (default: one found under ../shared)",
    )
    course = course_script(parser.parse_args().course_script)
    compile_installed()
    git_version = subprocess.run(["git", "--version"], capture_output=True, text=True, check=True).stdout.split()[-1]
    print(
        f"Python {platform.python_version()}, git {git_version}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.2f} at start; medians of paired, interleaved runs"
    )
    with tempfile.TemporaryDirectory() as scratch:
        hook(Path(scratch) / "hook", course)
        batch(Path(scratch) / "batch")
        html(Path(scratch) / "html")
        staff(Path(scratch) / "staff")
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end")


def hook(folder: Path, course: Path | str) -> None:
    env = environment(PRE_COMMIT_HOME=str(folder / "pre-commit-home"))
    if shutil.which("pre-commit", path=env["PATH"]) is None:
        sys.exit("pre-commit is not installed: pip install -e '.[test]' first")
    linted = group_repository(folder / "reportlint-hook", reportlint_hook_entry())
    trivial = group_repository(folder / "trivial-hook", "true")
    commit = ["git", "commit", "-q", "-m", "bench"]
    run_hooks = ["pre-commit", "run", "--files", REPORT]
    cases = [
        bare(linted),
        Case(f"reportlint check {REPORT}", [REPORTLINT, "check", REPORT], linted),
        Case("pre-commit run, trivial hook", run_hooks, trivial),
        Case("pre-commit run, reportlint hook", run_hooks, linted),
        Case("git commit, trivial hook", commit, trivial, prepare=Toggle(trivial)),
        Case("git commit, reportlint hook", commit, linted, prepare=Toggle(linted)),
    ]
    if isinstance(course, Path):
        cases.append(Case("course report.py check", [sys.executable, str(course), "check"], linted / "reports"))
    rounds = measure(cases, HOOK_ROUNDS, env)
    targets = {"reportlint's share of git commit": "<= 3x bare"}
    rows = [times(rounds, case.label) for case in cases]
    for command in ("pre-commit run", "git commit"):
        label = f"reportlint's share of {command}"
        rows.append(share(rounds, label, f"{command}, reportlint hook", f"{command}, trivial hook", targets.get(label)))
    table(f"The hook on one 31-question report ({HOOK_ROUNDS} rounds)", TIMES, rows)
    if isinstance(course, Path):
        slower = [
            ("reportlint check", f"reportlint check {REPORT}", None),
            ("reportlint's share of git commit", "git commit, reportlint hook", "git commit, trivial hook"),
        ]
        for against, label, base in slower:
            wall, cpu = (course_over(rounds, kind, label, base) for kind in ("wall", "cpu"))
            print(
                f"course report.py check takes {wall:.1f}x the wall time of {against}, {cpu:.1f}x its CPU (target >= 6x)"
            )
    else:
        print(f"course report.py check: {course}")


def times(rounds: Rounds, label: str, target: str | None = None) -> list[str]:
    """A row of TIMES: the case's median milliseconds, then its median ratios to the bare interpreter."""
    milliseconds = [f"{rounds.median(label, kind) * 1000:.1f}" for kind in ("wall", "cpu")]
    ratios = [f"{rounds.per_round(kind, lambda a, b: a / b, label, BARE):.2f}" for kind in ("wall", "cpu")]
    return [label, *milliseconds, *ratios, target or ""]


def share(rounds: Rounds, label: str, with_hook: str, trivial: str, target: str | None) -> list[str]:
    """A row of TIMES for what the reportlint hook adds to a command beyond the trivial hook."""
    cells = [label]
    for kind in ("wall", "cpu"):
        cells.append(f"{rounds.per_round(kind, lambda a, b: a - b, with_hook, trivial) * 1000:.1f}")
    for kind in ("wall", "cpu"):
        cells.append(f"{rounds.per_round(kind, lambda a, b, u: (a - b) / u, with_hook, trivial, BARE):.2f}")
    return [*cells, target or ""]


def course_over(rounds: Rounds, kind: str, label: str, base: str | None) -> float:
    """How many times slower the course's checker is than `label` (less `base`), round by round."""
    course = "course report.py check"
    if base is None:
        return rounds.per_round(kind, lambda c, a: c / a, course, label)
    return rounds.per_round(kind, lambda c, a, b: c / (a - b), course, label, base)


def batch(folder: Path) -> None:
    folder.mkdir(parents=True)
    source, paths = batch_tree(folder, BATCH)
    cases = [
        bare(folder),
        Case(f"reportlint check, {BATCH:,} files", [REPORTLINT, "check", *paths], folder, codes=(0, 1)),
        Case("reportlint summary groups", [REPORTLINT, "summary", "groups"], folder),
    ]
    rounds = measure(cases, BATCH_ROUNDS, environment())
    targets = {cases[1].label: "<= 2 ms CPU, < 1 s wall", cases[2].label: "< 3 s wall"}
    rows = [
        [
            case.label,
            f"{rounds.median(case.label):.3f}",
            f"{rounds.median(case.label, 'cpu'):.3f}",
            *(f"{rounds.median(case.label, kind) / BATCH * 1000:.2f}" for kind in ("wall", "cpu")),
            targets.get(case.label, ""),
        ]
        for case in cases[1:]
    ]
    header = ("what", "wall s", "CPU s", "wall ms per report", "CPU ms per report", "target")
    table(f"{BATCH:,} reports in one call ({BATCH_ROUNDS} rounds): {source}", header, rows)
    print(f"python -c pass in the same rounds: {rounds.median(BARE) * 1000:.1f} ms wall")


def html(folder: Path) -> None:
    small = group_repository(folder / "fixture-figures")
    big = group_repository(folder / "big-figures")
    count = big_figures(big)
    command = [REPORTLINT, "html", "--embed-images", REPORT]
    cases = [bare(small)]
    for repository, figures in ((small, "the fixture's figures"), (big, f"{count} PNG figures of 400 KB")):
        page = repository / "reports" / "report.html"
        cases += [
            Case(f"page written, {figures}", command, repository, codes=(0, 1), prepare=deleter(page)),  # 0: untracked
            Case(f"page up to date, {figures}", command, repository),
        ]
    rounds = measure(cases, HTML_ROUNDS, environment())
    rows = [times(rounds, case.label, "<= 200 ms wall" if "fixture's" in case.label else None) for case in cases]
    table(f"reportlint html --embed-images {REPORT}, 31 questions ({HTML_ROUNDS} rounds)", TIMES, rows)


def staff(folder: Path) -> None:
    one, clones, small = folder / "one-repository", folder / "clones", folder / "dashboard"
    for made in (one, clones, small):
        made.mkdir(parents=True)
    source, _ = batch_tree(one, BATCH)
    clones_tree(clones, BATCH, BEFORE, AFTER)
    batch_tree(small, DASHBOARD)
    pages = folder / "pages"
    summary = [REPORTLINT, "summary"]
    dashboard = [*summary, "--html", str(pages), "groups"]
    cases = [
        bare(one),
        Case(f"summary, {BATCH:,} groups in one repository", [*summary, "groups"], one),
        Case("  --before (a later moment: all read from git)", [*summary, "--before", "2100-01-01", "groups"], one),
        Case(f"summary, {BATCH:,} groups, each its own clone", [*summary, "groups"], clones),
        Case("  --before (between each clone's two commits)", [*summary, "--before", DEADLINE, "groups"], clones),
        Case(f"summary --html, {DASHBOARD} groups, written", dashboard, small, prepare=remover(pages)),
        Case(f"summary --html, {DASHBOARD} groups, up to date", dashboard, small),
    ]
    rounds = measure(cases, STAFF_ROUNDS, environment())
    targets = {cases[1].label: "< 1.2 s wall", cases[5].label: "< 3 s wall"}
    rows = []
    for case in cases[1:]:
        groups = DASHBOARD if "--html" in case.command else BATCH
        seconds = [rounds.median(case.label, kind) for kind in ("wall", "cpu")]
        per_group = [f"{value / groups * 1000:.2f}" for value in seconds]
        rows.append([case.label, *(f"{value:.3f}" for value in seconds), *per_group, targets.get(case.label, "")])
    header = ("what", "wall s", "CPU s", "wall ms per group", "CPU ms per group", "target")
    table(f"Staff: summary and dashboard ({STAFF_ROUNDS} rounds): {source}", header, rows)
    print(f"python -c pass in the same rounds: {rounds.median(BARE) * 1000:.1f} ms wall")


def remover(folder: Path) -> Callable[[], None]:
    return lambda: shutil.rmtree(folder, ignore_errors=True)


def deleter(path: Path) -> Callable[[], None]:
    return lambda: path.unlink(missing_ok=True)


def course_script(given: Path | None) -> Path | str:
    """The course's report.py when a copy is given or found and runs here, else why it is left out."""
    shared = ROOT.parent / "shared"
    found: Sequence[Path] = [given] if given else sorted(shared.rglob("report.py")) if shared.is_dir() else []
    if not found:
        return f"not found on this machine (looked under {shared}; pass --course-script PATH): skipped"
    with tempfile.TemporaryDirectory() as scratch:
        shutil.copyfile(ROOT / "fixtures" / "pass-2025" / "README.md", Path(scratch) / "README.md")
        done = subprocess.run(
            [sys.executable, str(found[0]), "check"], cwd=scratch, capture_output=True, text=True, check=False
        )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return f"{found[0]} does not run here ({last}): skipped"
    return found[0].resolve()


if __name__ == "__main__":
    main()
