"""The Celery app. Workers: celery -A webapp worker -Q turns -P threads -c 64, and for the batch
queue a worker of its own: celery -A webapp worker -Q batch -P threads -c 8.

Two queues: `turns` (a user is watching: generate_turn) and `batch` (benchmark cases:
run_benchmark_item; run_simulated_session), so interactive turns never wait behind a batch. A
worker that serves both queues shares its threads between them: a backlog of cases would hold
them all, hence the separate batch workers. Turns are I/O-bound (they
wait on a model server's stream), so the pool is threads: one process holds N turns and puts N
requests in flight; prefork with a process per turn cannot hold 64 streams on 2 cores
(../shared/notes/stack-latency.md). Settings: the CELERY_ block of webapp/settings.py.

Every worker runs a turn sweeper thread (MEDACTION_SWEEP_SECONDS): a turn whose worker was killed
is taken over by another worker's sweeper within lease + sweep interval, not after the broker's
visibility timeout (docs/model-serving.md, "Recovery").
"""

import logging
import os

from celery import Celery
from celery.signals import task_postrun, worker_init
from kombu import Exchange, Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "webapp.settings")

app = Celery("medaction")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each queue on its own exchange and key: a turn is never also delivered to the batch queue.
app.conf.task_queues = (
    Queue("turns", Exchange("turns", type="direct"), routing_key="turns"),
    Queue("batch", Exchange("batch", type="direct"), routing_key="batch"),
)
# Celery's Django fixup closes the database connection before and after every task unless this
# is set; with threads that is a new Postgres connection per turn, ~10 ms on the path to the first
# event. Tasks call close_old_connections() instead, as Django does per request: connections past
# CONN_MAX_AGE or broken by an error are replaced, healthy ones reused.
app.conf["CELERY_DB_REUSE_MAX"] = 1_000_000
app.autodiscover_tasks()
# bench_inference's bare-chain task (a benchmark instrument: no application work).
app.autodiscover_tasks(["inference.jobs.bench"], related_name="echo")


@task_postrun.connect(weak=False)
def _give_back_connections(**kwargs):  # type: ignore[no-untyped-def]
    """After each task, as Django does after each request: a pooled connection goes back to the
    pool (MEDACTION_DB_POOL_MAX: an idle thread must not hold one), an unpooled one is kept for
    CONN_MAX_AGE."""
    from django.db import close_old_connections

    close_old_connections()


@app.on_after_finalize.connect
def _connect_warmup(sender, **kwargs):  # type: ignore[no-untyped-def]
    from celery.signals import worker_ready

    worker_ready.connect(_warm_up, weak=False)


@worker_init.connect(weak=False)
def _set_switch_interval(**kwargs):  # type: ignore[no-untyped-def]
    """Shorter GIL hand-offs for a worker whose threads mostly wait on I/O (settings)."""
    import sys

    from django.conf import settings

    profile_to = os.environ.get("MEDACTION_BENCH_CPROFILE", "")
    if profile_to:  # a benchmark's instrument: where a worker's time per task goes
        from inference.jobs.bench.profiling import install

        install(profile_to)
    interval_ms = float(getattr(settings, "MEDACTION_WORKER_SWITCH_INTERVAL_MS", 0) or 0)
    if interval_ms > 0:  # (logging is not set up yet at worker_init: nothing to say here)
        sys.setswitchinterval(interval_ms / 1000)


def _warm_up(**kwargs):  # type: ignore[no-untyped-def]
    """Start this worker's turn sweeper (takes over turns a dead worker left: their lease ran out;
    inference/dispatch.py), then warm up in the background when a worker starts, not in its
    first turns: load the knowledge graph (~2 s) and, when a model server is configured,
    import the LLM client (openai, aiohttp: about half a second) and open the endpoint pool."""
    import threading
    import time

    def load() -> None:
        from django.conf import settings

        from diagnosis.kg import get_kg

        began = time.monotonic()
        get_kg()
        if settings.VLLM_ENDPOINTS:
            from inference.serving.pool import get_pool

            get_pool()
        logging.getLogger(__name__).info("worker warm-up done in %.1f s", time.monotonic() - began)

    from inference.dispatch import start_sweeper

    start_sweeper()
    threading.Thread(target=load, name="medaction-warmup", daemon=True).start()
