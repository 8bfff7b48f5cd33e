"""Celery tasks: thin. They take ids (JSON only), load, and call the runner or a service.

Reliability: acks_late + reject_on_worker_lost give a dead worker's turn back to the broker; the
Turn row's claim (pending -> running with a lease) makes every delivery after the first harmless.
A delivery that finds the turn running under a live lease (its worker may still be alive, or may
have died a moment ago) looks again when the lease ends instead of dropping the message, so a
turn whose worker died is always picked up again.

Time limits: Celery enforces soft/hard time limits only in the prefork pool. In the threads pool
used for turns the bounds are the model pool's total timeout (VLLM_TOTAL_TIMEOUT) and the lease.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from diagnosis.benchmarks import driver as benchmark_driver
from diagnosis.benchmarks.services import item_lease_wait
from diagnosis.models import DiagnosticSession, SessionStatus, Turn, TurnStatus
from diagnosis.sessions.runner import turn_run
from diagnosis.sessions.turns import pending_turn_id

log = logging.getLogger(__name__)

LEASE_RECHECK_MARGIN = 0.5  # s after the lease ends


def _lease_wait(turn_id: int) -> float | None:
    """Seconds until the running turn's lease ends, or None when there is nothing to wait for."""
    row = (
        Turn.objects.filter(pk=turn_id, status=TurnStatus.RUNNING)
        .values_list("lease_expires_at", "session__status")
        .first()
    )
    if row is None or row[0] is None or row[1] != SessionStatus.ACTIVE:
        return None
    return max((row[0] - timezone.now()).total_seconds(), 0.0) + LEASE_RECHECK_MARGIN


@shared_task(
    bind=True,
    name="medaction.generate_turn",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    max_retries=None,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def generate_turn(self, turn_id: int) -> str:  # type: ignore[no-untyped-def]
    """Run one turn. The claim inside turn_run makes redelivery harmless."""
    # Reuse this thread's connection unless it is old or broken (webapp/celery.py).
    close_old_connections()
    outcome = turn_run(int(turn_id))
    if outcome == "skipped":
        wait = _lease_wait(int(turn_id))
        if wait is not None:
            log.info(
                "turn %s is held by a lease for %.1f s more; looking again then", turn_id, wait
            )
            raise self.retry(countdown=wait)
    log.info("turn %s: %s", turn_id, outcome)
    return outcome


@shared_task(
    bind=True,
    name="medaction.run_simulated_session",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT * 10,
    time_limit=settings.CELERY_TASK_TIME_LIMIT * 10,
)
def run_simulated_session(self, session_id: int) -> str:  # type: ignore[no-untyped-def]
    """Drive a simulated session (batch queue): run its pending turns here, one after another.

    Each turn is claimed like any other, so a turn another worker already took is left to it
    (that worker carries the session on); this task then stops. Returns the session's status.
    """
    close_old_connections()
    for _ in range(100):
        session = (
            DiagnosticSession.objects.filter(pk=int(session_id)).only("status", "mode").first()
        )
        if session is None:
            return "missing"
        if session.status != SessionStatus.ACTIVE or session.mode != "simulated":
            return session.status
        turn_id = pending_turn_id(session.pk)
        if turn_id is None:
            return session.status
        outcome = turn_run(turn_id)
        log.info("session %s turn %s: %s", session_id, turn_id, outcome)
        if outcome != "completed":
            return outcome
    return "turn budget exhausted"


@shared_task(
    bind=True,
    name="medaction.run_benchmark_item",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    max_retries=None,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT * 10,
    time_limit=settings.CELERY_TASK_TIME_LIMIT * 10,
)
def run_benchmark_item(self, item_id: int, allow_failed: bool = False) -> str:  # type: ignore[no-untyped-def]
    """Run one case of a benchmark (batch queue). The item's claim makes redelivery harmless; a
    delivery that finds the item running under a live lease (its worker may have just died)
    looks again when the lease ends, so a case whose worker died is picked up again."""
    close_old_connections()
    outcome = benchmark_driver.item_run(int(item_id), allow_failed=bool(allow_failed))
    if outcome == "skipped":
        wait = item_lease_wait(int(item_id))
        if wait is not None:
            raise self.retry(countdown=wait)
    log.info("benchmark item %s: %s", item_id, outcome)
    return outcome


@shared_task(name="medaction.run_job", acks_late=True, ignore_result=True)
def run_job(path: str, object_id: int) -> None:
    """A long job named by its dotted path (settings.MEDACTION_DISTILLATION_JOB): it claims its
    row, so a redelivery is harmless."""
    from django.utils.module_loading import import_string

    close_old_connections()
    import_string(path)(int(object_id))
