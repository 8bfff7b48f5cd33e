"""Turn dispatchers named by settings.MEDACTION_DISPATCHER.

InProcessDispatcher: worker threads inside the web process (embedded default). Not eager: the
request that asked for a turn returns at once; a thread runs it.
CeleryDispatcher: the generate_turn task on the `turns` queue, or `batch` for batch sessions
(production).
"""

from __future__ import annotations

import logging
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
