"""What the hook costs a commit now that it runs on every commit (to see a figure's `git rm`); run by hand.

    pip install -e '.[test]'
    python benchmarks/bench_hook.py

A group's repository with the passing 31-question report and a local `language: system` hook that has the
`entry`, `types_or`, `always_run`, `require_serial` and `pass_filenames` of this repository's own
`reportlint` hook, beside the same repository with a trivial hook (`true`) that runs just as often. Each
round commits, in a fresh random order: a change to a Python file (nothing staged concerns the report), a
change to the report, and a change to one of its figures. `reportlint's share` is the reportlint commit
minus the trivial one, round by round: what the hook adds to the commit.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from repos import FIXTURE, HOOK_MANIFEST, git, init
from timing import BARE, Case, Rounds, bare, compile_installed, environment, measure, table

ROUNDS = 25
HEADER = ("what", "wall ms", "CPU ms", "wall x bare", "CPU x bare")
KEYS = ("entry", "types_or", "always_run", "require_serial", "pass_filenames")


def main() -> None:
    compile_installed()
    with tempfile.TemporaryDirectory() as folder:
        env = environment(PRE_COMMIT_HOME=str(Path(folder) / "pre-commit-home"))
        linted = repository(Path(folder) / "reportlint-hook", hook_fields())
        trivial = repository(Path(folder) / "trivial-hook", {**hook_fields(), "entry": "true"})
        commit = ["git", "commit", "-q", "-m", "bench"]
        cases = [bare(linted)]
        for change, path in (("code", "train.py"), ("report", "reports/README.md"), ("figure", FIGURE)):
            cases.append(
                Case(f"commit a {change} change, trivial hook", commit, trivial, prepare=toggle(trivial, path))
            )
            cases.append(
                Case(f"commit a {change} change, reportlint hook", commit, linted, prepare=toggle(linted, path))
            )
        rounds = measure(cases, ROUNDS, env)
        rows = [row(rounds, case.label) for case in cases]
        for change in ("code", "report", "figure"):
            rows.append(share(rounds, change))
        table(f"git commit with the reportlint hook against a trivial one ({ROUNDS} rounds)", HEADER, rows)


FIGURE = "reports/figures/registry.png"


def hook_fields() -> dict[str, object]:
    import yaml  # pre-commit's own dependency

    hook = next(hook for hook in yaml.safe_load(HOOK_MANIFEST.read_text()) if hook["id"] == "reportlint")
    return {key: hook[key] for key in KEYS if key in hook}


def repository(folder: Path, fields: dict[str, object]) -> Path:
    """The fixture as `reports/`, a Python file, and a local hook with `fields`, installed."""
    import shutil

    folder.mkdir(parents=True)
    shutil.copytree(FIXTURE, folder / "reports")
    (folder / "train.py").write_text("print('training')\n")
    lines = [
        "repos:",
        "  - repo: local",
        "    hooks:",
        "      - id: bench",
        "        name: bench",
        "        language: system",
    ]
    lines += [f"        {key}: {json.dumps(value)}" for key, value in fields.items()]  # JSON is YAML
    (folder / ".pre-commit-config.yaml").write_text("\n".join(lines) + "\n")
    init(folder)
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=folder, check=True, capture_output=True)
    return folder


def toggle(repository: Path, path: str) -> Callable[[], None]:
    """Stages a change to `path` before each commit: a byte added at its end, then removed (a PNG with a byte
    after its end is still a PNG)."""
    target = repository / path
    original = target.read_bytes()
    state = {"changed": False}

    def change() -> None:
        state["changed"] = not state["changed"]
        target.write_bytes(original + b"\n" if state["changed"] else original)
        git(repository, "add", path)

    return change


def row(rounds: Rounds, label: str) -> list[str]:
    milliseconds = [f"{rounds.median(label, kind) * 1000:.1f}" for kind in ("wall", "cpu")]
    ratios = [f"{rounds.per_round(kind, lambda a, b: a / b, label, BARE):.2f}" for kind in ("wall", "cpu")]
    return [label, *milliseconds, *ratios]


def share(rounds: Rounds, change: str) -> list[str]:
    with_hook, trivial = (f"commit a {change} change, {hook} hook" for hook in ("reportlint", "trivial"))
    cells = [f"reportlint's share, {change} change"]
    for kind in ("wall", "cpu"):
        cells.append(f"{rounds.per_round(kind, lambda a, b: a - b, with_hook, trivial) * 1000:.1f}")
    for kind in ("wall", "cpu"):
        cells.append(f"{rounds.per_round(kind, lambda a, b, u: (a - b) / u, with_hook, trivial, BARE):.2f}")
    return cells


if __name__ == "__main__":
    main()
