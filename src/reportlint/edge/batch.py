"""Running one job per file over many files, on every core when there are enough files to pay for it.

Staff check hundreds of reports in one call; a group's commit checks one or two. Jobs return small,
picklable results (outcomes, table rows), never whole report models.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which the hook would pay for at start
if TYPE_CHECKING:
    from typing import Any, TypeVar

    T = TypeVar("T")

# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 200


def run(job: Callable[[str], T], paths: Sequence[str]) -> list[T]:
    """`job(path)` for every path, results in the order of `paths`.

    Each worker process is given the job once, when it starts, not with every slice of the paths: a job
    sent again would come with its caches empty (a run's file-system cache is never sent), and read git's
    index and every folder again for each slice. Slices are small, so that both cores stay busy to the end."""
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_FROM or workers < 2:
        return [job(path) for path in paths]
    from concurrent.futures import ProcessPoolExecutor  # only large runs pay for the import

    chunk = max(1, len(paths) // (workers * 32))
    with ProcessPoolExecutor(max_workers=workers, initializer=_take, initargs=(job,)) as pool:
        # The results only pile up here: the collector's passes over them find no cycle, and cost the main
        # process about 10 ms of its 160 in a batch of 1,000 reports.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return list(pool.map(_do, paths, chunksize=chunk))
        finally:
            if collecting:
                gc.enable()


_given: list[Callable[[str], Any]] = []  # in a worker process: the job it was given when it started


def _take(job: Callable[[str], Any]) -> None:
    _given.append(job)


def _do(path: str) -> Any:
    return _given[0](path)
