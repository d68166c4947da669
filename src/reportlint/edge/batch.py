"""Running one job per file over many files, on every core when there are enough files to pay for it.

Staff check hundreds of reports in one call; a group's commit checks one or two. Jobs return small,
picklable results (outcomes, table rows), never whole report models.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which the hook would pay for at start
if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")

# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 200


def run(job: Callable[[str], T], paths: Sequence[str]) -> list[T]:
    """`job(path)` for every path, results in the order of `paths`."""
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_FROM or workers < 2:
        return [job(path) for path in paths]
    from concurrent.futures import ProcessPoolExecutor  # only large runs pay for the import

    chunk = max(1, len(paths) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(job, paths, chunksize=chunk))
