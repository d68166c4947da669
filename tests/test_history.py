"""`summary --before`: each report read from the last commit before the deadline, with that commit's figures,
straight from git's objects; the group's clone is never changed."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, build_report, git, init_repo, invoke, png_bytes
from reportlint.edge.history import BLOB, LINK, TREE, Snapshot, last_before, last_changes, list_tree
from reportlint.lint import lint

DEADLINE = "2026-01-23 23:59 +01:00"
BEFORE = "2026-01-23T23:59:00+01:00"


def commit_at(repo: Path, when: str, message: str) -> str:
    """Commit everything, dated `when` (author and committer), and return the commit's name."""
    git(repo, "add", "-A")
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    import subprocess

    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, env=env, check=True, capture_output=True)
    return git(repo, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture
def clone(tmp_path: Path) -> tuple[Path, list[str]]:
    """A group's clone: the failing-length report before the deadline, the passing one after it, and a figure
    deleted after the deadline. Commits at 10:00 on the 22nd, 23:58 on the 23rd, 00:30 and 12:00 on the 24th."""
    repo = init_repo(tmp_path / "group 7")
    shutil.copytree(FIXTURES / "fail-length", repo / "reports", ignore=shutil.ignore_patterns("expected.txt"))
    (repo / "src").mkdir()
    (repo / "src" / "train.py").write_text("print('training')\n")
    shas = [commit_at(repo, "2026-01-22T10:00:00+01:00", "first draft")]
    (repo / "src" / "train.py").write_text("print('training harder')\n")
    shas.append(commit_at(repo, "2026-01-23T23:58:00+01:00", "code only, just in time"))
    shutil.copy(FIXTURES / "pass-2025" / "README.md", repo / "reports" / "README.md")
    shas.append(commit_at(repo, "2026-01-24T00:30:00+01:00", "fixed the lengths, too late"))
    (repo / "reports" / "figures" / "registry_tags.png").unlink()
    shas.append(commit_at(repo, "2026-01-24T12:00:00+01:00", "tidy figures"))
    return repo, shas


def snapshot_state(repo: Path) -> dict[str, str]:
    """Every file of the clone, `.git` included, by its hash: the clone as it is, byte for byte."""
    state = {}
    for path in sorted(repo.rglob("*")):
        if path.is_file() and not path.is_symlink():
            state[path.relative_to(repo).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


def summary(*args: str) -> list[dict[str, str]]:
    ran = invoke(["summary", "--format", "csv", *args])
    return list(csv.DictReader(io.StringIO(ran.stdout)))


# --- reading git ------------------------------------------------------------------------------------


def test_the_last_commit_before_a_moment_is_found_by_committer_date(clone: tuple[Path, list[str]]) -> None:
    repo, shas = clone
    from datetime import datetime

    def at(text: str) -> int:
        return int(datetime.fromisoformat(text).timestamp())

    assert last_before(str(repo), at(BEFORE)).sha == shas[1]  # type: ignore[union-attr]
    assert last_before(str(repo), at("2026-01-23T23:58:00+01:00")).sha == shas[1]  # type: ignore[union-attr]
    assert last_before(str(repo), at("2026-01-23T23:57:59+01:00")).sha == shas[0]  # type: ignore[union-attr]
    assert last_before(str(repo), at("2026-01-01T00:00:00+01:00")) is None


def test_a_repository_without_commits_has_none_before_any_moment(tmp_path: Path) -> None:
    assert last_before(str(init_repo(tmp_path / "empty")), 2_000_000_000) is None


def test_last_changes_finds_each_paths_newest_commit_in_one_call(clone: tuple[Path, list[str]]) -> None:
    repo, shas = clone
    found = last_changes(str(repo), ["reports/README.md", "src/train.py", "reports", "never/there.md"])
    assert {path: commit.sha for path, commit in found.items()} == {
        "reports/README.md": shas[2],
        "src/train.py": shas[1],
        "reports": shas[3],
    }
    after = last_changes(str(repo), ["reports", "src"], since=shas[1])
    assert {path: commit.sha for path, commit in after.items()} == {"reports": shas[3]}


def test_a_snapshot_answers_the_figure_checks_from_the_commit(clone: tuple[Path, list[str]]) -> None:
    repo, shas = clone
    entries = list_tree(str(repo), shas[1], ["reports"])
    tags = (FIXTURES / "fail-length" / "figures" / "registry_tags.png").read_bytes()
    with Snapshot(str(repo), {name[len("reports/") :]: entry for name, entry in entries.items()}) as snapshot:
        assert snapshot.names(()) == frozenset({"README.md", "figures"})
        assert "registry_tags.png" in (snapshot.names(("figures",)) or ())  # deleted from the disk since
        assert snapshot.names(("README.md",)) is None and snapshot.names(("nowhere",)) is None
        assert snapshot.head(("figures",)) == "folder"
        assert snapshot.head(("figures", "registry_tags.png")) == tags[:64]
        assert snapshot.tracked(("figures", "bucket.png")) is True
        assert snapshot.text("README.md") == (FIXTURES / "fail-length" / "README.md").read_text(encoding="utf-8")
        assert snapshot.text("missing.md") is None


def test_a_snapshot_reads_only_what_is_asked_for_through_one_git_process(clone: tuple[Path, list[str]]) -> None:
    repo, shas = clone
    entries = list_tree(str(repo), shas[1], ["reports"])
    with Snapshot(str(repo), {name[len("reports/") :]: entry for name, entry in entries.items()}) as snapshot:
        assert snapshot.text("README.md") is not None and snapshot.head(("figures", "bucket.png"))
        reader = snapshot._reader
        assert reader is not None and reader.poll() is None
        assert len(snapshot._blobs) == 2  # of the folder's 11 files
    assert reader.wait(timeout=5) == 0  # closed with the block


def test_a_symbolic_link_in_the_commit_is_followed_inside_the_folder_only(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "group")
    figures = repo / "reports" / "figures"
    figures.mkdir(parents=True)
    (figures / "real.png").write_bytes(png_bytes())
    (repo / "secret.png").write_bytes(png_bytes())
    (figures / "alias.png").symlink_to("real.png")
    (figures / "escape.png").symlink_to("../../secret.png")
    sha = commit_at(repo, "2026-01-20T10:00:00+00:00", "links")
    entries = list_tree(str(repo), sha, ["reports"])
    assert {name: entry.kind for name, entry in entries.items()} == {
        "reports/figures": TREE,
        "reports/figures/alias.png": LINK,
        "reports/figures/escape.png": LINK,
        "reports/figures/real.png": BLOB,
    }
    with Snapshot(str(repo), {name[len("reports/") :]: entry for name, entry in entries.items()}) as snapshot:
        assert snapshot.head(("figures", "alias.png")) == png_bytes()[:64]
        assert snapshot.head(("figures", "escape.png")) == "outside"


def test_figure_findings_from_a_commit_are_those_from_the_disk(tmp_path: Path) -> None:
    """The same files, read from a commit or from the disk, give the same findings (git tracks them all)."""
    repo = init_repo(tmp_path / "group")
    shutil.copytree(FIXTURES / "fail-figures", repo / "reports", symlinks=True)
    sha = commit_at(repo, "2026-01-20T10:00:00+00:00", "figures")
    text = (repo / "reports" / "README.md").read_text(encoding="utf-8")
    entries = list_tree(str(repo), sha, ["reports"])
    from reportlint.commands.context import RunContext

    on_disk = RunContext().lint(str(repo / "reports" / "README.md"), text)
    with Snapshot(str(repo), {name[len("reports/") :]: entry for name, entry in entries.items()}) as snapshot:
        from_git = lint(text, str(repo / "reports" / "README.md"), None, snapshot, "reports/")
    assert on_disk is not None and from_git is not None
    assert from_git.findings == on_disk.findings
    assert any(finding.code.startswith("RL4") for finding in from_git.findings)


# --- the command ------------------------------------------------------------------------------------


def same_moment(iso: str, expected: str) -> bool:
    """Dates without `--before` are shown in the machine's time zone: compare the moments."""
    from datetime import datetime

    return datetime.fromisoformat(iso) == datetime.fromisoformat(expected)


def test_before_checks_the_report_of_the_last_commit_before_the_deadline(clone: tuple[Path, list[str]]) -> None:
    repo, shas = clone
    (now,) = summary(str(repo))
    (then,) = summary("--before", BEFORE, str(repo))
    assert (now["course_passed"], now["commit"], now["after_commit"]) == ("31", shas[2], "")
    assert same_moment(now["commit_date"], "2026-01-24T00:30:00+01:00")  # the last change of the file itself
    assert (then["course_passed"], then["errors"], then["findings_length"]) == ("27", "4", "4")
    assert (then["commit"], then["commit_date"]) == (shas[1], "2026-01-23T23:58:00+01:00")
    assert (then["after_commit"], then["after_date"]) == (shas[3], "2026-01-24T12:00:00+01:00")
    assert then["group"] == "group 7" and then["error"] == ""


def test_before_sees_the_figures_of_the_commit_not_those_on_disk(clone: tuple[Path, list[str]]) -> None:
    """At the deadline the report linked figures/registry_tags.png and the commit held it; it is gone from the
    disk since, so the same text on disk lacks it."""
    repo, _ = clone
    shutil.copy(FIXTURES / "fail-length" / "README.md", repo / "reports" / "README.md")
    (now,) = summary(str(repo))
    (then,) = summary("--before", BEFORE, str(repo))
    assert (now["figures_absent"], then["figures_absent"]) == ("1", "0")


def test_before_misses_a_figure_committed_only_after_the_deadline(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "group")
    (repo / "reports" / "figures").mkdir(parents=True)
    (repo / "reports" / "figures" / "fig.png").write_bytes(png_bytes())
    (repo / "reports" / "README.md").write_text(build_report(), encoding="utf-8")
    commit_at(repo, "2026-01-23T20:00:00+01:00", "report")
    (repo / "reports" / "figures" / "fig.png").unlink()
    commit_at(repo, "2026-01-23T21:00:00+01:00", "oops, no figure")
    (repo / "reports" / "figures" / "fig.png").write_bytes(png_bytes())
    commit_at(repo, "2026-01-24T09:00:00+01:00", "figure back, late")
    (now,) = summary(str(repo))
    (then,) = summary("--before", BEFORE, str(repo))
    assert now["figures_absent"] == "0" and int(then["figures_absent"]) > 0
    assert int(then["findings_figures"]) == int(then["figures_absent"])


def test_before_never_changes_the_clone(clone: tuple[Path, list[str]], tmp_path: Path) -> None:
    repo, _ = clone
    (repo / "reports" / "notes.md").write_text("# uncommitted notes\n")  # a dirty work tree stays dirty
    status = git(repo, "status", "--porcelain", "--untracked-files=all").stdout
    state = snapshot_state(repo)
    for args in (["--before", BEFORE], [], ["--before", BEFORE, "--html", str(tmp_path / "dash")]):
        assert invoke(["summary", *args, str(repo)]).exit_code == 0
    assert git(repo, "status", "--porcelain", "--untracked-files=all").stdout == status
    assert snapshot_state(repo) == state
    assert status == "?? reports/notes.md\n"


def test_a_repository_without_a_commit_before_the_deadline_is_a_row_that_says_so(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "latecomers")
    shutil.copytree(FIXTURES / "pass-2025", repo / "reports")
    commit_at(repo, "2026-01-25T10:00:00+01:00", "everything, late")
    ran = invoke(["summary", "--format", "json", "--before", BEFORE, str(tmp_path)])
    (row,) = json.loads(ran.stdout)
    assert (ran.exit_code, row["group"], row["error"], row["course_passed"]) == (
        2,
        "latecomers",
        "no commit before the deadline",
        None,
    )
    assert f"reportlint: {repo / 'reports' / 'README.md'}: no commit before the deadline" in ran.stderr


def test_a_report_added_after_the_deadline_is_a_row_that_says_so(clone: tuple[Path, list[str]]) -> None:
    repo, shas = clone
    (repo / "reports" / "extra.md").write_text(build_report(), encoding="utf-8")
    (repo / "reports" / "notes.md").write_text("# not a report\n", encoding="utf-8")
    commit_at(repo, "2026-01-24T13:00:00+01:00", "a second report")
    rows = summary("--before", BEFORE, str(repo))
    assert [(r["path"].rsplit("/", 1)[-1], r["error"]) for r in rows] == [
        ("extra.md", f"not in commit {shas[1][:7]} of 2026-01-23 23:58, the last before the deadline"),
        ("README.md", ""),
    ]


def test_a_report_outside_git_is_checked_as_it_is_and_says_so(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "pass-2025", tmp_path / "g1" / "reports")
    (row,) = summary("--before", BEFORE, str(tmp_path))
    assert (row["course_passed"], row["commit"], row["note"]) == ("31", "", "not in git: as it is now")


def test_without_before_a_report_never_committed_says_so(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "g1")
    (repo / "x.txt").write_text("x")
    commit_at(repo, "2026-01-20T10:00:00+00:00", "start")
    shutil.copytree(FIXTURES / "pass-2025", repo / "reports")
    (row,) = summary(str(repo))
    assert (row["commit"], row["note"]) == ("", "never committed")


def test_dates_are_shown_in_the_deadlines_time_zone(clone: tuple[Path, list[str]]) -> None:
    repo, _ = clone
    (utc,) = summary("--before", "2026-01-23T22:59:00Z", str(repo))
    assert utc["commit_date"] == "2026-01-23T22:58:00+00:00"
    table = invoke(["summary", "--before", "2026-01-23T22:59:00Z", str(repo)]).stdout.splitlines()
    assert table[0] == "as committed before 2026-01-23 22:59 +00:00"
    assert "2026-01-23 22:58" in table[3] and "late change 2026-01-24 11:00" in table[3]


def test_a_local_deadline_uses_the_local_time_zone(
    clone: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    repo, shas = clone
    monkeypatch.setenv("TZ", "Europe/Copenhagen")
    time.tzset()
    try:
        (row,) = summary("--before", "2026-01-23 23:59", str(repo))
        (earlier,) = summary("--before", "2026-01-23 23:57", str(repo))
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert (row["commit"], row["commit_date"]) == (shas[1], "2026-01-23T23:58:00+01:00")
    assert earlier["commit"] == shas[0]


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01", "23:59"])
def test_a_deadline_that_is_not_iso_is_a_usage_error(value: str, tmp_path: Path) -> None:
    ran = invoke(["summary", "--before", value, str(tmp_path)])
    assert ran.exit_code == 2 and "is not an ISO date and time" in ran.stderr


@pytest.mark.parametrize(
    ("value", "moment"),
    [
        ("2026-01-23 23:59 +01:00", "2026-01-23T23:59:00+01:00"),
        ("2026-01-23T23:59+0100", "2026-01-23T23:59:00+01:00"),
        ("2026-01-23T22:59:00Z", "2026-01-23T22:59:00+00:00"),
        ("2026-01-23 23:59:30-05:00", "2026-01-23T23:59:30-05:00"),
    ],
)
def test_a_deadline_with_an_offset_is_read_in_every_iso_spelling(value: str, moment: str) -> None:
    """Python before 3.11 reads only `+01:00`; the others are written out for it."""
    from reportlint.commands.main import deadline

    assert deadline(value).isoformat() == moment


def test_a_named_file_that_does_not_exist_says_so_with_before(clone: tuple[Path, list[str]]) -> None:
    repo, _ = clone
    ran = invoke(["summary", "--format", "json", "--before", BEFORE, str(repo / "reports" / "nowhere.md")])
    assert [row["error"] for row in json.loads(ran.stdout)] == ["no such file"]
