"""Many files on every core: each worker process is given the job once, so its caches last the whole run."""

from __future__ import annotations

import os

import pytest

from reportlint.edge import batch


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
