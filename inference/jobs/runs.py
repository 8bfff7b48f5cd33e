"""Benchmark fan-out: one task per case.

`launch` is the launcher settings name (MEDACTION_BENCHMARK_LAUNCHER), called on commit by
diagnosis.benchmarks.services.benchmark_launch: with MEDACTION_DISPATCH=celery each case is a
`run_benchmark_item` task on the `batch` queue (interactive turns have the `turns` queue to
themselves); on the embedded defaults each case goes to this process's batch thread pool
(MEDACTION_BATCH_WORKERS threads, apart from the interactive turn pool).

`execute` is what `manage.py evaluate` calls: launch or resume a run and wait for it, with its own
pool of N threads when it runs in-process, reporting progress as it goes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait

from django.conf import settings
from django.db import close_old_connections, connections

from diagnosis.benchmarks import selectors, services
from diagnosis.benchmarks.driver import item_run
from diagnosis.benchmarks.models import BenchmarkRun
from inference.tasks import run_benchmark_item

log = logging.getLogger(__name__)

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _batch_pool() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(
                max_workers=settings.MEDACTION_BATCH_WORKERS, thread_name_prefix="medaction-batch"
            )
        return _pool


def on_celery() -> bool:
    return getattr(settings, "TURN_DISPATCH", "inprocess") == "celery"


def _run_item(item_id: int, allow_failed: bool) -> str:
    close_old_connections()
    try:
        return item_run(item_id, allow_failed=allow_failed)
    except Exception:
        log.exception("benchmark item %s crashed outside the driver", item_id)
        return "crashed"
    finally:
        connections.close_all()  # this pool thread's own connection


def launch(run_id: int, item_ids: list[int], allow_failed: bool) -> None:
    if on_celery():
        for item_id in item_ids:
            run_benchmark_item.apply_async(args=[item_id, allow_failed], queue="batch")
        return
    pool = _batch_pool()
    for item_id in item_ids:
        pool.submit(_run_item, item_id, allow_failed)


Progress = Callable[[selectors.Progress], None]


def execute(
    *,
    run: BenchmarkRun,
    resume: bool,
    workers: int,
    progress: Progress | None = None,
    poll: float = 0.25,
) -> selectors.Progress:
    """Launch (or resume) the run and return when every case sent has finished. In-process, the
    cases run on `workers` threads of this call; on Celery, on the batch workers."""
    if on_celery():
        services.benchmark_launch(run=run, resume=resume)
        return _watch(run, progress, poll, lambda: False)
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="evaluate")
    futures: list[Future[str]] = []

    def here(run_id: int, item_ids: list[int], allow_failed: bool) -> None:
        futures.extend(pool.submit(_run_item, pk, allow_failed) for pk in item_ids)

    try:
        services.benchmark_launch(run=run, resume=resume, launcher=here)
        return _watch(run, progress, poll, lambda: all(f.done() for f in futures))
    finally:
        wait(futures)
        pool.shutdown()


def _watch(
    run: BenchmarkRun, progress: Progress | None, poll: float, ours_done: Callable[[], bool]
) -> selectors.Progress:
    while True:
        # Read before asking whether our threads are done: a final reading is always reported.
        finished = ours_done()
        state = selectors.run_progress(run)
        if progress is not None:
            progress(state)
        if finished or state.finished:
            return state
        time.sleep(poll)
