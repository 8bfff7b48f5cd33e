"""A turn's life on a worker: claim it, renew its lease, stream progress, complete or fail it.

Every write locks the session row first, then the turn; a stale attempt (its lease was taken
over) is discarded.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from diagnosis.environment import answers
from diagnosis.environment.costs import cost_table, turn_cost
from diagnosis.metrics import compute_session_metrics, compute_turn_metrics
from diagnosis.models import (
    DiagnosticSession,
    SessionMode,
    SessionStatus,
    Turn,
    TurnStatus,
)
from diagnosis.protocol import (
    CallInfo,
    FinalDiagnosisAction,
    Observation,
    OrderTestsAction,
    PastTurn,
    TurnDecision,
)
from diagnosis.sessions import publish
from diagnosis.sessions.dispatching import dispatch_turn_on_commit
from diagnosis.sessions.events import events_append, events_stage
from diagnosis.sessions.trajectory import past_turns

log = logging.getLogger(__name__)


def pending_turn_id(session_id: int) -> int | None:
    """The session's turn waiting to run, if any: only its newest turn can be (turns are created
    one after another, and a retry makes the newest failed turn pending again). Found by the
    (session, index) index alone: with a status condition and stale statistics the planner
    scanned the status index across all sessions (2 of this 3 ms query on a bench database)."""
    newest = (
        Turn.objects.filter(session_id=session_id)
        .order_by("-index")
        .values_list("pk", "status")[:1]
    )
    return next((pk for pk, status in newest if status == TurnStatus.PENDING), None)


_CLAIM_SQL = """
UPDATE diagnosis_turn
   SET status = %(running)s, attempts = attempts + 1, lease_expires_at = %(lease)s, started_at = %(now)s
 WHERE id = %(turn)s AND (status = %(pending)s OR (status = %(running)s AND lease_expires_at < %(now)s))
RETURNING *
"""


def turn_claim(*, turn_id: int) -> Turn | None:
    """Take a turn for running: pending → running, or a running turn whose worker's lease ran out.

    Under the session's row lock (taken first, as every write here does: session, then turn), a
    conditional UPDATE of the turn row alone, so two workers never both win. (A Django UPDATE
    filtered through a join becomes `WHERE id IN (subquery)`, which Postgres does not re-check
    on a row it waited for: both racers won.) A paused, closed or missing session leaves the turn
    waiting (or moot). Returns the claimed turn with its session loaded, or None.

    This is on the path from a turn request to its first streamed event: one transaction, and the
    session row read here (with the case snapshot) is what the runner and turn_complete use.
    """
    found = Turn.objects.filter(pk=turn_id).order_by().values_list("session_id", flat=True)[:1]
    if not found:
        return None
    session_id = found[0]
    now = timezone.now()
    lease = now + timedelta(seconds=settings.MEDACTION_TURN_LEASE_SECONDS)
    with transaction.atomic():
        locked = (
            DiagnosticSession.objects.select_for_update()
            .defer("metrics")
            .filter(pk=session_id)
            .order_by()[:1]
        )
        session = locked[0] if locked else None
        if session is None or session.status != SessionStatus.ACTIVE:
            return None
        claimed = list(
            Turn.objects.raw(
                _CLAIM_SQL,
                {
                    "running": TurnStatus.RUNNING,
                    "pending": TurnStatus.PENDING,
                    "lease": lease,
                    "now": now,
                    "turn": turn_id,
                },
            )
        )
        if not claimed:
            return None
        turn = claimed[0]
        turn.session = session
        started = events_stage(
            session=session,
            items=[("turn.started", {"turn": turn.index, "attempt": turn.attempts})],
        )
        DiagnosticSession.objects.filter(pk=session.pk).update(
            last_seq=session.last_seq, last_hash=session.last_hash
        )
    # Progress frames say which logged event they follow, so a consumer never shows a partial
    # decision for a turn its client has not been told has started.
    turn.started_seq = started[0].seq  # type: ignore[attr-defined]
    return turn


def turn_lease_renew(*, turn: Turn) -> bool:
    lease = timezone.now() + timedelta(seconds=settings.MEDACTION_TURN_LEASE_SECONDS)
    return bool(
        Turn.objects.filter(pk=turn.pk, status=TurnStatus.RUNNING, attempts=turn.attempts).update(
            lease_expires_at=lease
        )
    )


def turn_progress(
    *, turn: Turn, partial: dict[str, Any], text: str = "", persist: bool = True
) -> None:
    """A streamed partial decision (the runner calls this every ~75 ms, not per token).

    It is pushed to browsers at once as a transient progress frame; with persist=True it is also
    appended to the log as a `turn.partial` event (the runner does that about once a second), so a
    reload or an auditor sees the stream sampled, and the hot path stays off the database.
    """
    payload: dict[str, Any] = {"turn": turn.index, "attempt": turn.attempts, "partial": partial}
    if text:
        payload["text"] = text[-4000:]
    public_id = str(turn.session.public_id)
    publish.publish_progress(public_id, {**payload, "after_seq": getattr(turn, "started_seq", 0)})
    if persist:
        events_append(session=turn.session, items=[("turn.partial", payload)])


# Fields turn_complete and turn_fail need from the locked session row (not the case snapshot,
# which never changes after the session starts, nor the session metrics).
_SESSION_LOCK_FIELDS = (
    "id",
    "public_id",
    "status",
    "mode",
    "max_turns",
    "step_mode",
    "batch_label",
    "total_cost",
    "last_seq",
    "last_hash",
    "updated_at",
)


def _turn_locked_if_current(turn: Turn) -> Turn | None:
    """The turn with its session, both locked (the session first, as every write here does), if
    this attempt still owns the turn; None when another attempt took over."""
    session = (
        DiagnosticSession.objects.select_for_update()
        .only(*_SESSION_LOCK_FIELDS)
        .get(pk=turn.session_id)
    )
    current = Turn.objects.select_for_update().get(pk=turn.pk)
    if current.status != TurnStatus.RUNNING or current.attempts != turn.attempts:
        log.info("turn %s attempt %s is stale; result discarded", turn.pk, turn.attempts)
        return None
    # The case snapshot never changes after the session starts: use the copy the claim read
    # (turn.session), instead of decoding it again under the lock.
    session.case_snapshot = turn.session.case_snapshot
    current.session = session
    return current


def _record_call(turn: Turn, call: CallInfo) -> None:
    turn.model_name = call.model[:200]
    turn.endpoint = call.endpoint[:300]
    turn.parameters = call.parameters
    turn.prompt_tokens = call.prompt_tokens
    turn.completion_tokens = call.completion_tokens
    turn.ttft_ms = call.ttft_ms
    turn.latency_ms = call.total_ms
    turn.raw_output = call.raw_output


def _trajectory(
    session: DiagnosticSession, upto: Turn, past: Sequence[PastTurn] | None = None
) -> tuple[list[TurnDecision], list[list[Observation]]]:
    """Decisions and observations of the completed turns before `upto`: from `past` when the
    runner already read them (turns before the running one no longer change), else from the rows."""
    if past is None:
        past = past_turns(session_id=session.pk, before=upto.index)
    return [p.decision for p in past], [list(p.observations) for p in past]


@transaction.atomic
def turn_complete(
    *, turn: Turn, decision: TurnDecision, call: CallInfo, past: Sequence[PastTurn] | None = None
) -> Turn | None:
    """Store a decision; answer its orders (simulated) or wait for the clinician (live); go on.

    `past`: the completed turns before this one as the runner gave them to the policy (saves
    reading and validating them again); None reads them from the database.
    """
    current = _turn_locked_if_current(turn)
    if current is None:
        return None
    session = current.session
    now = timezone.now()
    _record_call(current, call)
    current.decision = decision.model_dump(mode="json")
    current.status = TurnStatus.COMPLETED
    current.finished_at = now
    current.lease_expires_at = None
    current.error = ""
    current.retryable = False
    snapshot = session.case_snapshot
    events: list[tuple[str, dict[str, Any]]] = [
        (
            "turn.completed",
            {
                "turn": current.index,
                "attempt": current.attempts,
                "decision": current.decision,
                "model": current.model_name,
                "prompt_tokens": current.prompt_tokens,
                "completion_tokens": current.completion_tokens,
                "latency_ms": current.latency_ms,
            },
        )
    ]
    observations: list[Observation] = []
    action = decision.action
    is_last_turn = current.index + 1 >= session.max_turns
    table = cost_table()  # read once: the oracle's prices and the turn's fee come from it
    if isinstance(action, OrderTestsAction):
        orders = [t.test for t in action.tests]
        if session.mode == SessionMode.SIMULATED:
            observations = answers.answer_orders(snapshot, orders, table=table)
            current.observations = [o.as_dict() for o in observations]
            events.append(
                ("env.results", {"turn": current.index, "observations": current.observations})
            )
        else:
            current.accepted_orders = []
            events.append(
                (
                    "live.orders_proposed",
                    {"turn": current.index, "orders": [t.model_dump() for t in action.tests]},
                )
            )
    current.cost = turn_cost(
        observations_cost=sum(o.cost for o in observations),
        ordered=session.mode == SessionMode.SIMULATED and isinstance(action, OrderTestsAction),
        table=table,
    )
    decisions, past_obs = _trajectory(session, current, past)
    decisions.append(decision)
    past_obs.append(observations)
    current.metrics = compute_turn_metrics(
        snapshot=snapshot, decisions=decisions, observations=past_obs
    )
    current.save()
    events.append(("turn.metrics", {"turn": current.index, "metrics": current.metrics}))
    session.total_cost += current.cost  # the row is locked: no concurrent change to add to
    changed = ["total_cost", "status", "updated_at", "last_seq", "last_hash"]

    if isinstance(action, FinalDiagnosisAction):
        session.final_diagnosis = action.diagnosis[:500]
        session.status = SessionStatus.COMPLETED
        session.finished_at = now
        session.metrics = compute_session_metrics(
            snapshot=snapshot,
            decisions=decisions,
            observations=past_obs,
            final_diagnosis=action.diagnosis,
        )
        changed += ["final_diagnosis", "finished_at", "metrics"]
        gold = (
            (snapshot.get("gold") or {}).get("name")
            if session.mode == SessionMode.SIMULATED
            else None
        )
        events.append(
            (
                "session.completed",
                {
                    "final_diagnosis": action.diagnosis,
                    "confidence": action.confidence,
                    "gold": gold,
                    "metrics": session.metrics,
                    "reason": "final_diagnosis",
                },
            )
        )
    elif session.mode == SessionMode.LIVE:
        session.status = SessionStatus.AWAITING_CLINICIAN
        events.append(("session.awaiting", {"turn": current.index}))
    elif is_last_turn:
        session.status = SessionStatus.COMPLETED
        session.finished_at = now
        leading = decision.ranked()[0].diagnosis if decision.differential else ""
        session.final_diagnosis = leading[:500]
        session.metrics = compute_session_metrics(
            snapshot=snapshot, decisions=decisions, observations=past_obs, final_diagnosis=leading
        )
        changed += ["final_diagnosis", "finished_at", "metrics"]
        events.append(
            (
                "session.completed",
                {
                    "final_diagnosis": leading,
                    "confidence": None,
                    "gold": (snapshot.get("gold") or {}).get("name"),
                    "metrics": session.metrics,
                    "reason": "turn_budget",
                },
            )
        )
    else:
        _next_turn(session, current, events)
    events_stage(session=session, items=events)
    session.save(update_fields=changed)
    return current


def _next_turn(
    session: DiagnosticSession, after: Turn, events: list[tuple[str, dict[str, Any]]]
) -> Turn:
    turn = Turn.objects.create(session=session, index=after.index + 1)
    events.append(("turn.created", {"turn": turn.index}))
    if session.step_mode and session.status == SessionStatus.ACTIVE:
        session.status = SessionStatus.PAUSED
        events.append(("session.paused", {"after_turn": after.index}))
    if session.status == SessionStatus.ACTIVE:
        dispatch_turn_on_commit(turn.pk, batch=bool(session.batch_label))
    return turn


@transaction.atomic
def turn_fail(
    *, turn: Turn, error: str, retryable: bool, call: CallInfo | None = None, raw_output: str = ""
) -> Turn | None:
    """A turn that could not produce a decision: visible, recorded, the session intact."""
    current = _turn_locked_if_current(turn)
    if current is None:
        return None
    if call is not None:
        _record_call(current, call)
    if raw_output:
        current.raw_output = raw_output
    current.status = TurnStatus.FAILED
    current.error = error[:2000]
    current.retryable = retryable
    current.finished_at = timezone.now()
    current.lease_expires_at = None
    current.save()
    session = current.session
    events_stage(
        session=session,
        items=[
            (
                "turn.failed",
                {
                    "turn": current.index,
                    "attempt": current.attempts,
                    "error": current.error,
                    "retryable": retryable,
                },
            )
        ],
    )
    session.save(update_fields=["last_seq", "last_hash", "updated_at"])
    return current
