"""Turn dispatchers named by settings.MEDACTION_DISPATCHER.

InProcessDispatcher: worker threads inside the web process (embedded default). Not eager: the
request that asked for a turn returns at once; a thread runs it.
CeleryDispatcher: the generate_turn task on the `turns` queue, or `batch` for batch sessions
(production).
TurnSweeper: the thread that takes over turns whose worker died (diagnosis/sessions/recovery.py),
started in every Celery worker (webapp/celery.py) and in a web process that runs turns itself.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import close_old_connections, connections
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


class InProcessDispatcher:
    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(
            max_workers=settings.MEDACTION_INPROCESS_WORKERS, thread_name_prefix="medaction-turn"
        )
        start_sweeper()  # this process runs turns: it also takes over those a dead one left

    def dispatch_turn(self, turn_id: int, *, batch: bool | None = None) -> None:
        self._pool.submit(self._run, turn_id)

    def dispatch_job(self, path: str, object_id: int) -> None:
        """A long job (a distillation run): the function at `path`, given the row's id."""
        self._pool.submit(self._job, path, object_id)

    @staticmethod
    def _job(path: str, object_id: int) -> None:
        close_old_connections()
        try:
            import_string(path)(object_id)
        except Exception:
            log.exception("in-process job %s(%s) crashed", path, object_id)
        finally:
            connections.close_all()

    @staticmethod
    def _run(turn_id: int) -> None:
        from diagnosis.sessions.runner import turn_run

        close_old_connections()
        try:
            turn_run(turn_id)
        except Exception:
            log.exception("in-process turn %s crashed outside the policy", turn_id)
        finally:
            # This pool thread may sit idle for long: don't keep its connection open meanwhile.
            connections.close_all()


class CeleryDispatcher:
    """generate_turn on the `turns` queue; turns of batch sessions (batch_label set) on `batch`."""

    def dispatch_turn(self, turn_id: int, *, batch: bool | None = None) -> None:
        from diagnosis.models import Turn
        from inference.tasks import generate_turn

        if batch is None:  # the caller did not say: look it up (one query)
            batch = bool(
                Turn.objects.filter(pk=turn_id)
                .values_list("session__batch_label", flat=True)
                .first()
            )
        generate_turn.apply_async(args=[turn_id], queue="batch" if batch else "turns")

    def dispatch_job(self, path: str, object_id: int) -> None:
        """A long job on the `batch` queue: it never delays interactive turns."""
        from inference.tasks import run_job

        run_job.apply_async(args=[path, object_id], queue="batch")


class TurnSweeper:
    """Every MEDACTION_SWEEP_SECONDS, `turns_sweep`: running turns whose lease ran out are taken
    over, pending turns nobody claimed within a lease are dispatched again (through this
    process's dispatcher). The first round runs at start: a restarted process picks up at once
    what is already overdue."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.rounds = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="medaction-sweeper", daemon=True)

    def start(self) -> TurnSweeper:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.interval + 5)

    def _run(self) -> None:
        from diagnosis.sessions.recovery import turns_sweep

        while not self._stop.is_set():
            try:
                close_old_connections()
                done = turns_sweep()
                if done.taken_over or done.redispatched:
                    log.warning(
                        "sweeper: took over turns %s, dispatched again %s",
                        done.taken_over,
                        done.redispatched,
                    )
                close_old_connections()  # a pooled connection goes back while this waits
            except Exception:  # the database is away: try again next round
                log.exception("sweeping turns failed")
                connections.close_all()
            self.rounds += 1
            self._stop.wait(self.interval)
        connections.close_all()


_sweeper: TurnSweeper | None = None
_sweeper_lock = threading.Lock()


def start_sweeper() -> TurnSweeper | None:
    """Start this process's sweeper once (None when MEDACTION_SWEEP_SECONDS is 0: off)."""
    global _sweeper
    interval = float(settings.MEDACTION_SWEEP_SECONDS)
    if interval <= 0:
        return None
    with _sweeper_lock:
        if _sweeper is None:
            _sweeper = TurnSweeper(interval).start()
            log.info("turn sweeper started (every %.0f s)", interval)
        return _sweeper
