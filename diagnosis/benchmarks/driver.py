"""Running one benchmark item on a worker: claim it, run its session's turns here, one after
another, record the outcome.

Called by whichever launcher settings name (the Celery task `run_benchmark_item` on the batch
queue, or in-process threads). The turns the session sets off are not also dispatched
(dispatching.driven_here): this thread runs them, so a batch case never takes a slot of the
interactive turn workers. A turn left running by a dead worker is claimed again once its lease
has run out (turn_claim), so a resumed item continues its session where it stopped.
"""

from __future__ import annotations

import logging
import time

from django.utils import timezone

from diagnosis.benchmarks import services
from diagnosis.benchmarks.models import BenchmarkItem
from diagnosis.models import DiagnosticSession, SessionStatus, Turn, TurnStatus
from diagnosis.sessions import services as session_services
from diagnosis.sessions.dispatching import driven_here
from diagnosis.sessions.runner import turn_run

log = logging.getLogger(__name__)

MAX_WAIT_STEP = 1.0  # s between looks at a turn another worker holds


def item_run(item_id: int, *, allow_failed: bool = False) -> str:
    """Returns "skipped" (not to be run by us), "done", "failed" or "stale" (taken over)."""
    item = services.item_claim(item_id=item_id, allow_failed=allow_failed)
    if item is None:
        return "skipped"
    attempt = item.attempts
    try:
        with driven_here():
            session = _session_of(item)
            _drive(item, session)
    except Exception as exc:  # the runner records policy failures; this is the driver itself
        log.exception("benchmark item %s crashed", item_id)
        services.item_fail(
            item_id=item_id, attempt=attempt, error=f"The run crashed ({type(exc).__name__})."
        )
        return "failed"
    done = services.item_finish(item_id=item_id, attempt=attempt)
    return done.status if done is not None else "stale"


def _session_of(item: BenchmarkItem) -> DiagnosticSession:
    if item.session_id is not None:
        session = DiagnosticSession.objects.filter(pk=item.session_id).first()
        if session is not None:
            return session
    return services.item_session_start(item=item)


def _drive(item: BenchmarkItem, session: DiagnosticSession) -> None:
    budget = session.max_turns * 3 + 3  # turn runs, counting retries after a lost claim
    while budget > 0:
        status = DiagnosticSession.objects.filter(pk=session.pk).values_list("status", flat=True)
        current = status.first()
        if current != SessionStatus.ACTIVE:
            if current in (SessionStatus.PAUSED, SessionStatus.AWAITING_CLINICIAN):
                _stop(session, "the session stopped waiting for a person")
            return
        newest = Turn.objects.filter(session=session).order_by("-index").first()
        if newest is None or newest.status == TurnStatus.COMPLETED:
            _stop(session, "the session did not finish")
            return
        if newest.status == TurnStatus.FAILED:
            _stop(session, f"turn {newest.index} failed: {newest.error}")
            return
        services.item_lease_renew(item=item)
        outcome = turn_run(newest.pk)
        services.item_lease_renew(item=item)
        if outcome == "skipped":  # another worker holds the turn: look again when its lease ends
            wait = (
                (newest.lease_expires_at - timezone.now()).total_seconds()
                if newest.lease_expires_at
                else 0.2
            )
            time.sleep(min(max(wait, 0.05), MAX_WAIT_STEP))
            continue
        budget -= 1
    _stop(session, "the session ran more turns than its budget allows")


def _stop(session: DiagnosticSession, why: str) -> None:
    session_services.session_fail(session=session, error=f"Evaluation stopped this session: {why}")
