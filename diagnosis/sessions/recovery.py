"""Taking over turns nobody is running: the domain half of the sweeper.

A worker (a Celery worker, or the web process with in-process dispatch) that dies mid-turn stops
renewing the turn's lease. The sweeper (`inference.dispatch.TurnSweeper`, a thread in every
worker and in an in-process web server) calls `turns_sweep` every MEDACTION_SWEEP_SECONDS:

- a **running** turn whose lease ran out goes back to pending (a `turn.retrying` event with
  `reason: "lease_expired"`) and, if its session is active, is dispatched again;
- a **pending** turn of an active session that nobody claimed within a lease (its dispatch was
  lost: the web process died before its thread took it, the broker was down) is dispatched again.

Each takeover is one conditional UPDATE under the session's row lock, so when several sweepers
run at once exactly one of them takes a turn over; the claim (`turns.turn_claim`) then lets
exactly one attempt run it, and an old attempt that comes back finds itself stale. A turn is
taken over within lease + sweep interval of its worker's death.

`turn_take_over` is also what Retry and Resume do with a turn stuck in `running`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from diagnosis.models import DiagnosticSession, SessionStatus, Turn, TurnStatus
from diagnosis.sessions.dispatching import dispatch_turn_on_commit
from diagnosis.sessions.events import events_stage

log = logging.getLogger(__name__)

OPEN = (SessionStatus.ACTIVE, SessionStatus.PAUSED)


@dataclass
class SweepResult:
    taken_over: list[int] = field(default_factory=list)  # running turns whose lease ran out
    redispatched: list[int] = field(default_factory=list)  # pending turns nobody claimed


def _lease() -> timedelta:
    return timedelta(seconds=settings.MEDACTION_TURN_LEASE_SECONDS)


def lease_expired(turn: Turn, now: datetime | None = None) -> bool:
    """A running turn whose worker stopped renewing its lease."""
    now = now or timezone.now()
    return turn.status == TurnStatus.RUNNING and (
        turn.lease_expires_at is None or turn.lease_expires_at < now
    )


def turn_take_over(
    *, session: DiagnosticSession, turn_id: int, now: datetime, save: Sequence[str] = ()
) -> bool:
    """Under the session's row lock (the caller holds it, inside its transaction): make a running
    turn whose lease ran out pending again, log it, and dispatch it on commit if the session is
    active; `save`: session fields the caller changed, written with the event. False when the
    turn is not (or no longer) running under an expired lease."""
    changed = Turn.objects.filter(
        Q(lease_expires_at__lt=now) | Q(lease_expires_at__isnull=True),
        pk=turn_id,
        status=TurnStatus.RUNNING,
    ).update(status=TurnStatus.PENDING, lease_expires_at=now + _lease())
    if not changed:
        return False
    turn = Turn.objects.only("index", "attempts").get(pk=turn_id)
    events_stage(
        session=session,
        items=[
            (
                "turn.retrying",
                {"turn": turn.index, "after_attempt": turn.attempts, "reason": "lease_expired"},
            )
        ],
        save=save,
    )
    log.warning("turn %s: lease of attempt %s expired; taken over", turn_id, turn.attempts)
    if session.status == SessionStatus.ACTIVE:
        dispatch_turn_on_commit(turn_id, batch=bool(session.batch_label))
    return True


def _take_over(turn_id: int, session_id: int, now: datetime) -> bool:
    with transaction.atomic():
        session = (
            DiagnosticSession.objects.select_for_update()
            .defer("case_snapshot", "metrics")
            .filter(pk=session_id, status__in=OPEN)
            .first()
        )
        return session is not None and turn_take_over(session=session, turn_id=turn_id, now=now)


def _redispatch(turn_id: int, now: datetime) -> bool:
    """A pending turn unclaimed for a lease: push its deadline on (so one sweeper of several wins,
    and the next sweep leaves it alone for a lease) and dispatch it again."""
    with transaction.atomic():
        batch = (
            Turn.objects.filter(pk=turn_id).values_list("session__batch_label", flat=True).first()
        )
        changed = (
            Turn.objects.filter(pk=turn_id, status=TurnStatus.PENDING)
            .filter(
                Q(lease_expires_at__lt=now)
                | Q(lease_expires_at__isnull=True, created_at__lt=now - _lease())
            )
            .update(lease_expires_at=now + _lease())
        )
        if changed:
            log.warning("turn %s: pending and unclaimed for a lease; dispatched again", turn_id)
            dispatch_turn_on_commit(turn_id, batch=bool(batch))
        return bool(changed)


def turns_sweep(*, limit: int = 200) -> SweepResult:
    """One round of the sweeper (see the module's docstring). Returns what it did."""
    now = timezone.now()
    result = SweepResult()
    expired = (
        Turn.objects.filter(status=TurnStatus.RUNNING, session__status__in=OPEN)
        .filter(Q(lease_expires_at__lt=now) | Q(lease_expires_at__isnull=True))
        .order_by("lease_expires_at")
        .values_list("pk", "session_id")[:limit]
    )
    for turn_id, session_id in list(expired):
        if _take_over(turn_id, session_id, now):
            result.taken_over.append(turn_id)
    unclaimed = (
        Turn.objects.filter(status=TurnStatus.PENDING, session__status=SessionStatus.ACTIVE)
        .filter(
            Q(lease_expires_at__lt=now)
            | Q(lease_expires_at__isnull=True, created_at__lt=now - _lease())
        )
        .exclude(pk__in=result.taken_over)
        .values_list("pk", flat=True)[:limit]
    )
    for turn_id in list(unclaimed):
        if _redispatch(turn_id, now):
            result.redispatched.append(turn_id)
    return result
