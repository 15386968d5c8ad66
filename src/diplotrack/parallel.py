"""Work in worker processes: results in order, bounded memory, workers that never outlive us.

On Linux, when the parent process runs a single thread, workers are forked: they start at
once and share the classifiers already loaded (copy-on-write) instead of loading their own.
Elsewhere they are spawned and receive the classifiers once each. A worker ends when its
parent dies, whatever killed the parent (``PR_SET_PDEATHSIG`` on Linux, a watchdog
thread elsewhere), and ignores Ctrl-C, which the parent handles by stopping the workers.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

__all__ = ["WorkerStopped", "ordered_map", "plan_chunksize", "worker_state"]


class WorkerStopped(RuntimeError):
    """A worker process ended before its work was done (killed, or out of memory)."""


_STATE: dict[str, Any] = {}

#: Smallest chunk worth sending to a worker: below it, sending the rows and the verdicts
#: back costs more than labelling them.
MIN_PARALLEL_CHUNK = 250


def plan_chunksize(rows: int | None, n_jobs: int, chunksize: int) -> int:
    """Rows per chunk for ``n_jobs`` workers: about eight chunks per worker, so that all of
    them have work from a few thousand rows up, within ``[MIN_PARALLEL_CHUNK, chunksize]``.

    Parameters
    ----------
    rows : int or None
        Rows in the input (an estimate will do); None when unknown (a pipe).
    n_jobs : int
        Worker processes.
    chunksize : int
        The largest chunk wanted (it bounds memory).

    Examples
    --------
    >>> plan_chunksize(4_000, 2, 20_000)
    250
    >>> plan_chunksize(100_000, 2, 20_000)
    6250
    >>> plan_chunksize(1_000_000, 2, 20_000)
    20000
    >>> plan_chunksize(None, 2, 20_000)
    2000
    >>> plan_chunksize(50_000, 1, 20_000)
    20000
    """
    if n_jobs <= 1:
        return chunksize
    if rows is None:
        return min(chunksize, 2_000)
    target = math.ceil(rows / (8 * n_jobs))
    return max(min(target, chunksize), min(MIN_PARALLEL_CHUNK, chunksize))


def worker_state() -> dict[str, Any]:
    """What the parent handed this worker process (see :func:`ordered_map`)."""
    return _STATE


def _die_with_parent(parent_pid: int) -> None:
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0:  # 1 = PR_SET_PDEATHSIG
                if os.getppid() != parent_pid:  # the parent died before prctl took effect
                    os._exit(1)
                return

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="diplotrack-parent-watch", daemon=True).start()


def _init_worker(parent_pid: int, state: dict[str, Any], threads: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    _die_with_parent(parent_pid)
    # Each worker's numerical libraries get their share of the cores, not all of them:
    # two workers each running a BLAS pool as wide as the machine would fight over it.
    from threadpoolctl import threadpool_limits

    _STATE.clear()
    _STATE["_thread_limits"] = threadpool_limits(limits=threads)
    _STATE.update(state)


def _context() -> multiprocessing.context.BaseContext:
    # Forking a process that runs other threads can deadlock the child; fork only when alone.
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _stop(pool: ProcessPoolExecutor) -> None:
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            process.terminate()


def ordered_map(
    fn: Callable[..., Any],
    items: Iterable[Any],
    *,
    n_jobs: int,
    args: tuple = (),
    state: dict[str, Any] | None = None,
    in_flight: int = 2,
) -> Iterator[Any]:
    """``fn(item, *args)`` for each item in worker processes, yielded in input order.

    At most ``in_flight * n_jobs`` items are sent ahead, so memory stays bounded however
    many items there are. ``state`` is handed to each worker once (read it there with
    :func:`worker_state`); their numerical libraries use ``cores // n_jobs`` threads each.
    If the consumer stops early, an item fails, or Ctrl-C / SIGTERM
    arrive, the workers are stopped at once.

    Examples
    --------
    >>> list(ordered_map(abs, [-3, 1, -2], n_jobs=2))
    [3, 1, 2]
    """
    pool = ProcessPoolExecutor(
        max_workers=n_jobs,
        mp_context=_context(),
        initializer=_init_worker,
        initargs=(os.getpid(), dict(state or {}), max(1, (os.cpu_count() or 1) // n_jobs)),
    )
    pending: deque = deque()
    finished = False
    try:
        for item in items:
            pending.append(pool.submit(fn, item, *args))
            while len(pending) >= in_flight * n_jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
        finished = True
    except BrokenProcessPool as exc:
        raise WorkerStopped(
            "a worker process stopped unexpectedly (killed, or out of memory), so the run "
            "stopped. Run again with fewer jobs (--jobs, n_jobs=) or smaller chunks "
            "(--chunksize, chunksize=)"
        ) from exc
    finally:
        if not finished:
            for future in pending:
                future.cancel()
            _stop(pool)
        pool.shutdown(wait=True, cancel_futures=True)
