"""Running one job per file over many files, on every core when there are enough files to pay for it.

Staff check hundreds of reports in one call; a group's commit checks one or two. Jobs return small,
picklable results (outcomes, table rows), never whole report models.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which the hook would pay for at start
if TYPE_CHECKING:
    from typing import Any, TypeVar

    T = TypeVar("T")

# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 200
# Where worker processes are forked from this one rather than started afresh: Linux, where fork is Python's
# own default for them. macOS and Windows start them afresh (spawn), through concurrent.futures.
FORKS = sys.platform.startswith("linux")

_BOUND = 4  # bytes of each of a slice's bounds (its first index, and the one after its last), as slices are queued
_SIZE = 8  # bytes of a frame's length, before each frame of results a worker sends


class WorkerFailed(Exception):
    """A worker process ended without sending all its results: killed, or out of memory."""


def run(job: Callable[[str], T], paths: Sequence[str]) -> list[T]:
    """`job(path)` for every path, results in the order of `paths`.

    Each worker process is given the job once, when it starts, not with every slice of the paths: a job
    sent again would come with its caches empty (a run's file-system cache is never sent), and read git's
    index and every folder again for each slice. The last slices are small, so that every core stays busy to
    the end."""
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_FROM or workers < 2:
        return [job(path) for path in paths]
    with Uncollected():
        return (_forked if _may_fork() else pooled)(job, paths, workers)


class Uncollected:
    """No pass of the cyclic garbage collector within: a batch's results only pile up, and its passes over
    them find no cycle. They cost the main process about 10 ms of a batch of 1,000 reports while the results
    come, and as much again after, in the passes that follow a pause, while the results are printed."""

    def __enter__(self) -> None:
        self.collecting = gc.isenabled()
        gc.disable()

    def __exit__(self, *_: object) -> None:
        if self.collecting:
            gc.enable()


def _may_fork() -> bool:
    """Only a process with one thread is forked: a thread's lock held at the fork stays held in the worker
    forever (Python 3.12 and later warn of it). The command line starts no thread; a script might."""
    threading = sys.modules.get("threading")
    return FORKS and (threading is None or threading.active_count() == 1)


def _forked(job: Callable[[str], T], paths: Sequence[str], workers: int) -> list[T]:
    """The workers forked from this process, which takes each slice's results as they come.

    concurrent.futures costs a batch about 35 ms to import before the first worker starts, and its threads
    and queues a tenth of a millisecond per report in this process: a tenth of the wall time of 1,000 reports
    on two cores. Here each worker takes the next slice's bounds from one pipe holding them all, and sends its
    results back pickled, in one frame per slice, on a pipe of its own."""
    queue, queued = os.pipe()
    # A few hundred bytes: far less than a pipe holds, so this write never waits for a reader.
    _write(
        queued, b"".join(bound.to_bytes(_BOUND, "little") for bounds in slices(len(paths), workers) for bound in bounds)
    )
    os.close(queued)  # a worker that finds the queue empty is done
    results: list[Any] = [None] * len(paths)
    sending: dict[int, int] = {}  # the results pipe of each worker still sending -> its process
    processes: list[int] = []
    try:
        for _ in range(workers):
            reading, writing = os.pipe()
            process = os.fork()
            if process == 0:  # pragma: no cover - the worker; coverage saves its data in os._exit
                os.close(reading)
                os._exit(_work(job, paths, queue, writing))
            os.close(writing)
            sending[reading] = process
            processes.append(process)
        _collect(sending, results)
    finally:
        os.close(queue)
        _stop(sending)  # after an exception here (a job's, Ctrl-C), no worker outlives the run
        for process in processes:
            os.waitpid(process, 0)
    return results


def _work(job: Callable[[str], Any], paths: Sequence[str], queue: int, results: int) -> int:
    """A worker's whole life, as its exit code: the slices it takes from the queue, until it is empty.

    A job's exception is sent back to be raised in the main process, as concurrent.futures does. Ctrl-C
    reaches every process of the group: a worker then ends at once and quietly, and the main process says it."""
    with open(results, "wb") as sending:
        try:
            while True:
                taken = os.read(queue, 2 * _BOUND)  # the queue was written whole before any worker started
                if not taken:
                    return 0
                start, end = int.from_bytes(taken[:_BOUND], "little"), int.from_bytes(taken[_BOUND:], "little")
                _send(sending, (start, [job(path) for path in paths[start:end]]))
        except KeyboardInterrupt:
            return 130
        except BaseException as error:  # whatever the job raised is the main process's to raise
            from contextlib import suppress

            with suppress(BaseException):  # an exception that cannot be pickled: the main process says so
                _send(sending, (-1, error))
            return 1


def _send(sending: Any, message: tuple[int, Any]) -> None:
    import pickle  # here and in _unpack: only batches pay for the import, not the hook

    frame = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    sending.write(len(frame).to_bytes(_SIZE, "little") + frame)
    sending.flush()


def _collect(sending: dict[int, int], results: list[Any]) -> None:
    """Every frame of every worker into `results`, as they come, so this process unpickles while they work.
    A worker's pipe leaves `sending` when the worker has closed it."""
    import select

    pending = {reading: bytearray() for reading in sending}
    poll = select.poll()
    for reading in pending:
        poll.register(reading, select.POLLIN)
    received = 0
    while sending:
        for reading, _ in poll.poll():
            chunk = os.read(reading, 1 << 20)
            if not chunk:
                poll.unregister(reading)
                _closed(sending, reading)
                if pending[reading]:
                    raise WorkerFailed("a worker process ended in the middle of sending its results")
                continue
            pending[reading] += chunk
            try:
                received += _unpack(pending[reading], results)
            except Exception:  # the job's, sent by a worker that is ending: it is let end, not stopped
                while os.read(reading, 1 << 16):
                    pass
                _closed(sending, reading)
                raise
    if received < len(results):
        raise WorkerFailed("a worker process ended before checking all its files")


def _closed(sending: dict[int, int], reading: int) -> None:
    os.close(reading)
    del sending[reading]


def _unpack(pending: bytearray, results: list[Any]) -> int:
    """The whole frames at the front of `pending` into `results`, leaving a frame's first part; how many
    results they held. A frame from slice -1 holds the exception a job raised, which is raised here."""
    import pickle

    count = 0
    while len(pending) >= _SIZE:
        length = int.from_bytes(pending[:_SIZE], "little")
        if len(pending) < _SIZE + length:
            break
        start, done = pickle.loads(pending[_SIZE : _SIZE + length])
        del pending[: _SIZE + length]
        if start < 0:
            raise done
        results[start : start + len(done)] = done
        count += len(done)
    return count


def _stop(sending: dict[int, int]) -> None:
    """The workers still sending are stopped: those that have closed their pipe are ending on their own, and
    are let save what they have (coverage's data)."""
    if not sending:  # the run ended well: every worker has closed its pipe
        return
    import signal
    from contextlib import suppress

    for reading, process in list(sending.items()):
        _closed(sending, reading)
        with suppress(ProcessLookupError):  # it ended already
            os.kill(process, signal.SIGTERM)


def _write(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def slices(count: int, workers: int) -> list[tuple[int, int]]:
    """The bounds of the slices `count` files are taken in: large first, then smaller as the files run out,
    down to one file each. Each worker takes the next slice when it is done with one, so all of them finish
    within about one file of each other, while the first slices cost few frames to send back."""
    bounds = []
    start = 0
    while start < count:
        end = start + max(1, (count - start) // (workers * 4))
        bounds.append((start, end))
        start = end
    return bounds


def pooled(job: Callable[[str], T], paths: Sequence[str], workers: int) -> list[T]:
    """The workers concurrent.futures starts, where they are not forked."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, initializer=_take, initargs=(job,)) as pool:
        return list(pool.map(_do, paths, chunksize=max(1, len(paths) // (workers * 32))))


_given: list[Callable[[str], Any]] = []  # in a worker process: the job it was given when it started


def _take(job: Callable[[str], Any]) -> None:
    _given.append(job)


def _do(path: str) -> Any:
    return _given[0](path)
