"""Many files on every core: each worker process is given the job once, so its caches last the whole run, and
sends back small outcomes."""

from __future__ import annotations

import gc
import os
import pickle

import pytest

import reportlint
from conftest import FIXTURES
from reportlint.course.script import CourseVerdict
from reportlint.edge import batch
from reportlint.findings import Finding
from reportlint.lint import Outcome
from reportlint.status import QuestionStatus, Verdict


class Counting:
    """A job that counts its calls in each process: a copy sent with every slice would count from 1 again."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, path: str) -> tuple[str, int, int]:
        self.calls += 1
        return path, os.getpid(), self.calls


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the files are checked in this process")
def test_each_worker_keeps_one_job_for_all_its_slices() -> None:
    paths = [f"r{index:04d}.md" for index in range(batch.PARALLEL_FROM * 2)]
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


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the files are checked in this process")
@pytest.mark.parametrize("collecting", [True, False])
def test_a_batch_leaves_the_garbage_collector_as_it_found_it(collecting: bool) -> None:
    was = gc.isenabled()
    (gc.enable if collecting else gc.disable)()
    try:
        batch.run(Counting(), [f"r{index:04d}.md" for index in range(batch.PARALLEL_FROM)])
        assert gc.isenabled() is collecting
    finally:
        (gc.enable if was else gc.disable)()
