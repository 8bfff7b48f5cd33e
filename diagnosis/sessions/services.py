"""Writes to sessions that a user asks for: start, pause, resume (and step), retry, fail.

Keyword-only, typed, transactional. Every write browsers must see appends an event
(diagnosis.sessions.events), which publishes on commit. Turn writes are in turns.py, the
clinician's results in live mode in live_mode.py.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from diagnosis.cases.snapshots import case_snapshot, live_snapshot
from diagnosis.models import (
    Case,
    DiagnosticSession,
    SessionMode,
    SessionStatus,
    Turn,
    TurnStatus,
)
from diagnosis.sessions.dispatching import dispatch_turn_on_commit, get_policy_registry
from diagnosis.sessions.events import events_append, events_stage
from diagnosis.sessions.recovery import lease_expired, turn_take_over
from diagnosis.sessions.turns import pending_turn_id

log = logging.getLogger(__name__)


class ServiceError(Exception):
    """A request that cannot be carried out; the message is safe to show to the user."""


# --- sessions ---------------------------------------------------------------------------------


def policy_validate(policy: str) -> None:
    known = {p.key: p for p in get_policy_registry().available_policies()}
    if policy not in known:
        raise ServiceError(f"Unknown policy {policy!r}.")
    if not known[policy].available:
        raise ServiceError(f"Policy {known[policy].label} is not available right now.")


@transaction.atomic
def session_start(
    *,
    owner: Any,
    mode: str,
    policy: str,
    case: Case | None = None,
    live_title: str = "",
    live_presentation: str = "",
    live_demographics: str = "",
    max_turns: int | None = None,
    step_mode: bool = False,
    batch_label: str = "",
) -> DiagnosticSession:
    if mode not in SessionMode.values:
        raise ServiceError(f"Unknown mode {mode!r}.")
    policy_validate(policy)
    max_turns = max_turns or settings.MEDACTION_MAX_TURNS
    if not 1 <= max_turns <= 50:
        raise ServiceError("Max turns must be between 1 and 50.")
    if mode == SessionMode.SIMULATED:
        if case is None:
            raise ServiceError("A simulated session needs a case.")
        snapshot = case_snapshot(case)
        title = case.title
    else:
        if not live_presentation.strip():
            raise ServiceError("A live session needs the patient's presentation.")
        if len(live_presentation) > 20000:
            raise ServiceError("The presentation is too long (20,000 characters at most).")
        snapshot = (
            case_snapshot(case)
            if case is not None
            else live_snapshot(
                title=live_title.strip() or "Live patient",
                presentation=live_presentation.strip(),
                demographics=live_demographics.strip(),
            )
        )
        if case is not None:
            snapshot = snapshot.without_menu()  # live: results come from the clinician
        title = snapshot.title
    session = DiagnosticSession.objects.create(
        owner=owner,
        case=case,
        case_version=case.version if case else None,
        case_snapshot=snapshot.stored(),
        title=title[:300],
        mode=mode,
        policy=policy,
        max_turns=max_turns,
        step_mode=step_mode,
        batch_label=batch_label,
    )
    turn = Turn.objects.create(session=session, index=0)
    events_append(
        session=session,
        items=[
            (
                "session.started",
                {
                    "title": session.title,
                    "mode": mode,
                    "policy": policy,
                    "max_turns": max_turns,
                    "presentation": snapshot.initial_presentation,
                    "demographics": snapshot.demographics,
                    "case_id": snapshot.id,
                    "case_version": snapshot.version,
                },
            ),
            ("turn.created", {"turn": 0}),
        ],
    )
    dispatch_turn_on_commit(turn.pk)
    return session


def session_locked(session: DiagnosticSession) -> DiagnosticSession:
    return DiagnosticSession.objects.select_for_update().get(pk=session.pk)


@transaction.atomic
def session_pause(*, session: DiagnosticSession) -> DiagnosticSession:
    session = session_locked(session)
    if session.status != SessionStatus.ACTIVE:
        raise ServiceError("Only an active session can be paused.")
    session.status = SessionStatus.PAUSED
    events_stage(session=session, items=[("session.paused", {})], save=["status", "updated_at"])
    return session


@transaction.atomic
def session_resume(*, session: DiagnosticSession, step: bool = False) -> DiagnosticSession:
    """Resume a paused session; with step=True run exactly one more turn, then pause again."""
    # The Step button's path: kept to a few round trips (lock, pending turn, event, update).
    session = (
        DiagnosticSession.objects.select_for_update()
        .defer("case_snapshot", "metrics")
        .get(pk=session.pk)
    )
    if session.status != SessionStatus.PAUSED:
        raise ServiceError("Only a paused session can be resumed.")
    session.status = SessionStatus.ACTIVE
    session.step_mode = step
    events_stage(
        session=session,
        items=[("session.resumed", {"step": step})],
        save=["status", "step_mode", "updated_at"],
    )
    now = timezone.now()
    newest = session.turns.order_by("-index").only("pk", "status", "lease_expires_at").first()
    if newest is not None and lease_expired(newest, now):
        # Its worker died while the session was paused (or before): take it over and run it.
        turn_take_over(session=session, turn_id=newest.pk, now=now)
        return session
    pending = pending_turn_id(session.pk)
    if pending is not None:
        _pending_deadline(pending, now)
        dispatch_turn_on_commit(pending, batch=bool(session.batch_label))
    return session


def _pending_deadline(turn_id: int, now: Any) -> None:
    """A pending turn just dispatched: the sweeper dispatches it again only if nobody claims it
    within a lease (diagnosis/sessions/recovery.py)."""
    lease = timedelta(seconds=settings.MEDACTION_TURN_LEASE_SECONDS)
    Turn.objects.filter(pk=turn_id).update(lease_expires_at=now + lease)


@transaction.atomic
def turn_retry(*, session: DiagnosticSession) -> Turn:
    """Run the session's failed turn again (the user pressed retry)."""
    session = session_locked(session)
    if not session.is_open:
        raise ServiceError("This session is closed.")
    turn = session.turns.order_by("-index").first()
    now = timezone.now()
    if turn is not None and lease_expired(turn, now):
        # Stuck in `running`: its worker died and its lease ran out. Take it over now.
        reopened = [] if session.status == SessionStatus.ACTIVE else ["status", "updated_at"]
        session.status = SessionStatus.ACTIVE
        turn_take_over(session=session, turn_id=turn.pk, now=now, save=reopened)
        return turn
    if turn is not None and turn.status == TurnStatus.RUNNING:
        raise ServiceError("The turn is still running; it can be retried if its worker stops.")
    if turn is None or turn.status != TurnStatus.FAILED:
        raise ServiceError("There is no failed turn to retry.")
    lease = timedelta(seconds=settings.MEDACTION_TURN_LEASE_SECONDS)
    Turn.objects.filter(pk=turn.pk).update(
        status=TurnStatus.PENDING, error="", retryable=False, lease_expires_at=now + lease
    )
    changed: list[str] = []
    if session.status != SessionStatus.ACTIVE:
        session.status = SessionStatus.ACTIVE
        changed = ["status", "updated_at"]
    events_stage(session=session, items=[("turn.retrying", {"turn": turn.index})], save=changed)
    dispatch_turn_on_commit(turn.pk)
    return turn


@transaction.atomic
def session_fail(*, session: DiagnosticSession, error: str) -> DiagnosticSession:
    session = session_locked(session)
    if not session.is_open:
        return session
    session.status = SessionStatus.FAILED
    session.error = error[:2000]
    session.finished_at = timezone.now()
    events_stage(
        session=session,
        items=[("session.failed", {"error": session.error})],
        save=["status", "error", "finished_at", "updated_at"],
    )
    return session
