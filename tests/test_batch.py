"""Many files on every core: each worker process is given the job once, so its caches last the whole run, and
sends back small outcomes."""

from __future__ import annotations

import gc
import os
import pickle
import signal
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

import reportlint
from conftest import FIXTURES, build_report, invoke, write
from reportlint.commands.main import main
from reportlint.course.script import CourseVerdict
from reportlint.edge import batch
from reportlint.findings import Finding
from reportlint.lint import Outcome
from reportlint.output import text
from reportlint.status import QuestionStatus, Verdict


class Counting:
    """A job that counts its calls in each process: a copy sent with every slice would count from 1 again."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, path: str) -> tuple[str, int, int]:
        self.calls += 1
        return path, os.getpid(), self.calls


MANY_CORES = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the files are checked in this process")
# What forked workers do when one fails; concurrent.futures (macOS, Windows) says so in its own way
# (BrokenProcessPool).
FORKED = pytest.mark.skipif(not batch.FORKS, reason="workers are forked on Linux only")
PATHS = [f"r{index:04d}.md" for index in range(batch.PARALLEL_FROM * 2)]


@pytest.fixture(params=["forked", "started"])
def workers(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test of the workers runs with them forked (Linux) and with them started by concurrent.futures
    (macOS, Windows)."""
    if request.param == "forked" and not batch.FORKS:
        pytest.skip("workers are forked on Linux only")
    monkeypatch.setattr(batch, "FORKS", request.param == "forked")
    return str(request.param)


@MANY_CORES
def test_each_worker_keeps_one_job_for_all_its_slices(workers: str) -> None:
    paths = PATHS
    results = batch.run(Counting(), paths)
    assert [path for path, _, _ in results] == paths  # in the order given
    by_process: dict[int, list[int]] = {}
    for _, process, calls in results:
        by_process.setdefault(process, []).append(calls)
    assert os.getpid() not in by_process
    for counted in by_process.values():
        assert sorted(counted) == list(range(1, len(counted) + 1))


def test_an_outcome_comes_back_from_a_worker_equal_and_of_the_same_record_types() -> None:
    result = reportlint.check_file(str(FIXTURES / "fail-length" / "README.md"))
    assert result is not None and result.findings and result.course.failed
    sent = result.outcome()
    back = pickle.loads(pickle.dumps(sent, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == sent
    assert type(back) is Outcome
    assert {type(finding) for finding in back.findings} == {Finding}
    assert {type(status) for status in back.verdict.questions} == {QuestionStatus}
    assert (type(back.verdict), type(back.course)) == (Verdict, CourseVerdict)
    assert back.verdict.passing == sent.verdict.passing  # a record's properties work on what came back


@MANY_CORES
@pytest.mark.parametrize("collecting", [True, False])
def test_a_batch_leaves_the_garbage_collector_as_it_found_it(collecting: bool) -> None:
    was = gc.isenabled()
    (gc.enable if collecting else gc.disable)()
    try:
        batch.run(Counting(), [f"r{index:04d}.md" for index in range(batch.PARALLEL_FROM)])
        assert gc.isenabled() is collecting
    finally:
        (gc.enable if was else gc.disable)()


def failing(path: str) -> str:
    if path == PATHS[-7]:
        raise ValueError(f"cannot check {path}")
    return path


def killed(path: str) -> str:
    if path == PATHS[150]:
        os.kill(os.getpid(), signal.SIGKILL)
    return path


def interrupted(path: str) -> str:
    if path == PATHS[20]:
        raise KeyboardInterrupt  # as when Ctrl-C reaches the worker, or `kill -INT` only the worker
    return path


def unpicklable(path: str) -> str:
    if path == PATHS[3]:
        raise ValueError(lambda: path)  # a lambda cannot be pickled back to the main process
    return path


@MANY_CORES
def test_an_exception_a_job_raises_in_a_worker_is_raised_in_the_main_process(workers: str) -> None:
    with pytest.raises(ValueError, match=f"cannot check {PATHS[-7]}"):
        batch.run(failing, PATHS)


@MANY_CORES
@FORKED
def test_a_worker_killed_ends_the_run_with_a_worker_failure_and_no_worker_left() -> None:
    with pytest.raises(batch.WorkerFailed, match="a worker process ended"):
        batch.run(killed, PATHS)
    with pytest.raises(ChildProcessError):  # every worker was waited for
        os.waitpid(-1, os.WNOHANG)


@MANY_CORES
@FORKED
def test_an_exception_that_cannot_be_sent_back_is_a_worker_failure() -> None:
    with pytest.raises(batch.WorkerFailed, match="before checking all its files"):
        batch.run(unpicklable, PATHS)


@MANY_CORES
@FORKED
def test_a_worker_interrupted_ends_quietly_and_the_run_with_a_worker_failure(capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(batch.WorkerFailed, match="before checking all its files"):
        batch.run(interrupted, PATHS)
    assert capfd.readouterr().err == ""  # no traceback from the worker


@MANY_CORES
def test_a_process_with_a_thread_running_starts_its_workers_instead_of_forking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[str] = []

    def pooled(job: Callable[[str], str], paths: list[str], *_: int) -> list[str]:
        started.append("pool")
        return [job(path) for path in paths]

    monkeypatch.setattr(batch, "pooled", pooled)
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert batch.run(str.upper, PATHS) == [path.upper() for path in PATHS]
    finally:
        release.set()
        thread.join()
    assert started == ["pool"]


def test_a_frame_read_in_parts_is_taken_whole_when_its_last_part_comes() -> None:
    frame = pickle.dumps((2, ["c", "d"]), protocol=pickle.HIGHEST_PROTOCOL)
    sent = len(frame).to_bytes(8, "little") + frame
    results: list[object] = [None] * 4
    pending = bytearray(sent[:5])
    assert batch._unpack(pending, results) == 0
    pending += sent[5:-1]
    assert batch._unpack(pending, results) == 0 and results == [None] * 4
    pending += sent[-1:]
    assert batch._unpack(pending, results) == 2
    assert results == [None, None, "c", "d"] and not pending


def test_a_worker_failure_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def dies(job: object, paths: object) -> list[object]:
        raise batch.WorkerFailed("a worker process ended before checking all its files")

    monkeypatch.setattr(batch, "run", dies)
    assert main(["check", str(FIXTURES / "fail-length" / "README.md")]) == 2
    assert capsys.readouterr().err == "reportlint: a worker process ended before checking all its files\n"


@MANY_CORES
def test_a_broken_configuration_in_a_batch_is_its_only_message_the_first_in_the_files_order(tmp_path: Path) -> None:
    text = build_report()
    folders = {name: tmp_path / name for name in ("good", "b-later", "first")}
    for folder in folders.values():
        folder.mkdir()
    (folders["b-later"] / ".reportlint.toml").write_text("strict = 3\n")
    (folders["first"] / ".reportlint.toml").write_text("garbage\n")
    files = [write(folders["good"], text, f"r{n}.md") for n in range(batch.PARALLEL_FROM)]
    files += [write(folders["first"], text), write(folders["b-later"], text)]
    ran = invoke(["check", *map(str, files)])
    assert (ran.exit_code, ran.stdout) == (2, "")
    assert ran.stderr.startswith(f"reportlint: {folders['first'] / '.reportlint.toml'}: ")
    assert ran.stderr.count("\n") == 1


@MANY_CORES
@pytest.mark.parametrize("quiet", [[], ["--quiet"]])
def test_a_batch_prints_what_the_text_format_makes_of_every_outcome(tmp_path: Path, quiet: list[str]) -> None:
    sources = [(FIXTURES / name / "README.md").read_text() for name in ("fail-length", "pass-2025")]
    files = [str(write(tmp_path, sources[n % 2], f"r{n:03d}.md")) for n in range(batch.PARALLEL_FROM + 1)]
    ran = invoke(["check", *quiet, *reversed(files)])
    checker = reportlint.Checker()
    outcomes = [result.outcome() for result in map(checker.check, files) if result is not None]
    assert ran.exit_code == 1
    assert ran.stdout == text.render(outcomes, [], quiet=bool(quiet))
    assert ran.stdout.count("course check") == (0 if quiet else len(files))


@pytest.mark.parametrize(("count", "workers"), [(200, 2), (1000, 2), (1001, 8), (5000, 3)])
def test_slices_cover_every_file_once_growing_smaller_down_to_one_file(count: int, workers: int) -> None:
    bounds = batch.slices(count, workers)
    assert [start for start, _ in bounds] == [0] + [end for _, end in bounds[:-1]]  # each starts where one ended
    assert bounds[-1][1] == count
    sizes = [end - start for start, end in bounds]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[-workers:] == [1] * workers  # the last file of each worker comes alone
    assert len(bounds) * 8 < 4096  # the queue fits in a pipe before any worker reads it
