# Over 400 lines: one turn on a worker (claim, lease, complete in steps, fail), one lock order.
"""A turn's life on a worker: claim it, renew its lease, stream progress, complete or fail it.

Every write locks the session row first, then the turn; a stale attempt (its lease was taken
over) is discarded.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from diagnosis.cases.snapshots import CaseSnapshot, snapshot_of
from diagnosis.environment import answers
from diagnosis.environment.costs import CostTable, cost_table, turn_cost
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
from diagnosis.swarm.services import swarm_run_record

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
   SET status = %(running)s, attempts = attempts + 1, lease_expires_at = %(lease)s,
       started_at = %(now)s
 WHERE id = %(turn)s
   AND (status = %(pending)s OR (status = %(running)s AND lease_expires_at < %(now)s))
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
    # Progress frames say which logged event they follow, so a consumer never shows a partial
    # decision for a turn its client has not been told has started.
    turn.started_seq = started[0].seq  # type: ignore[attr-defined]
    return turn


LeaseRenewal = Literal["renewed", "taken", "unseen"]


def turn_lease_renew(*, turn: Turn) -> LeaseRenewal:
    """Extend this attempt's lease. "taken" when the row shows the turn is no longer this
    attempt's (another attempt claimed it, or it ended); "unseen" when this connection cannot see
    the row at all (deleted, or written by a transaction still open elsewhere — a test's, an
    atomic block around a synchronous run): nobody else can have claimed a turn nobody else can
    see, so the attempt goes on."""
    lease = timezone.now() + timedelta(seconds=settings.MEDACTION_TURN_LEASE_SECONDS)
    if Turn.objects.filter(pk=turn.pk, status=TurnStatus.RUNNING, attempts=turn.attempts).update(
        lease_expires_at=lease
    ):
        return "renewed"
    return "taken" if Turn.objects.filter(pk=turn.pk).exists() else "unseen"


def turn_lease_give_up(*, turn: Turn) -> bool:
    """End this attempt's lease now (it hit a database error), so a new attempt may claim it."""
    return bool(
        Turn.objects.filter(pk=turn.pk, status=TurnStatus.RUNNING, attempts=turn.attempts).update(
            lease_expires_at=timezone.now() - timedelta(milliseconds=1)
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
    # (turn.session), instead of reading it again under the lock.
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
    if call.swarm is not None:
        swarm_run_record(turn=turn, report=call.swarm)


@dataclass
class _Completion:
    """A turn being completed, under the locks `_turn_locked_if_current` took; each step of
    turn_complete reads and adds to it, and the last one writes the session row."""

    turn: Turn
    session: DiagnosticSession
    snapshot: CaseSnapshot
    decision: TurnDecision
    now: datetime
    table: CostTable  # read once: the oracle's prices and the turn's fee come from it
    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    decisions: list[TurnDecision] = field(default_factory=list)  # turns 0..this one
    past_observations: list[list[Observation]] = field(default_factory=list)
    changed: list[str] = field(default_factory=lambda: ["total_cost", "status", "updated_at"])

    @property
    def orders(self) -> OrderTestsAction | None:
        action = self.decision.action
        return action if isinstance(action, OrderTestsAction) else None


@transaction.atomic
def turn_complete(
    *, turn: Turn, decision: TurnDecision, call: CallInfo, past: Sequence[PastTurn] | None = None
) -> Turn | None:
    """Store a decision; answer its orders (simulated) or wait for the clinician (live); go on.

    `past`: the completed turns before this one as the runner gave them to the policy (saves
    reading and validating them again); None reads them from the database. One transaction, in
    steps: record the call, answer (or propose) the orders, price, score, advance.
    """
    current = _turn_locked_if_current(turn)
    if current is None:
        return None
    done = _Completion(
        turn=current,
        session=current.session,
        # The case snapshot never changes after the session starts: the claim's copy, typed once.
        snapshot=snapshot_of(turn.session),
        decision=decision,
        now=timezone.now(),
        table=cost_table(),
    )
    _record(done, call)
    _answer_or_propose(done)
    _price(done)
    _score(done, past)
    _advance(done)
    events_stage(session=done.session, items=done.events, save=done.changed)
    return current


def _record(done: _Completion, call: CallInfo) -> None:
    """The model call and the decision, on the turn; the `turn.completed` event."""
    turn = done.turn
    _record_call(turn, call)
    turn.decision = done.decision.model_dump(mode="json")
    turn.status = TurnStatus.COMPLETED
    turn.finished_at = done.now
    turn.lease_expires_at = None
    turn.error = ""
    turn.retryable = False
    done.events.append(
        (
            "turn.completed",
            {
                "turn": turn.index,
                "attempt": turn.attempts,
                "decision": turn.decision,
                "model": turn.model_name,
                "prompt_tokens": turn.prompt_tokens,
                "completion_tokens": turn.completion_tokens,
                "latency_ms": turn.latency_ms,
                **({"swarm": call.swarm.summary()} if call.swarm is not None else {}),
            },
        )
    )


def _answer_or_propose(done: _Completion) -> None:
    """Orders: the case answers them (simulated), or they await the clinician (live)."""
    action = done.orders
    if action is None:
        return
    turn = done.turn
    if done.session.mode == SessionMode.SIMULATED:
        orders = [t.test for t in action.tests]
        done.observations = answers.answer_orders(done.snapshot, orders, table=done.table)
        turn.observations = [o.as_dict() for o in done.observations]
        done.events.append(("env.results", {"turn": turn.index, "observations": turn.observations}))
    else:
        turn.accepted_orders = []
        done.events.append(
            (
                "live.orders_proposed",
                {"turn": turn.index, "orders": [t.model_dump() for t in action.tests]},
            )
        )


def _price(done: _Completion) -> None:
    """The turn's cost (what the case answered, and the fee of a turn that ordered), added to
    the session's total."""
    done.turn.cost = turn_cost(
        observations_cost=sum(o.cost for o in done.observations),
        ordered=done.session.mode == SessionMode.SIMULATED and done.orders is not None,
        table=done.table,
    )
    done.session.total_cost += done.turn.cost  # the row is locked: no concurrent change to add to


def _score(done: _Completion, past: Sequence[PastTurn] | None) -> None:
    """The turn's metrics over the trajectory so far; the turn row is written."""
    turn = done.turn
    if past is None:  # the runner gives the turns before this one (they no longer change)
        past = past_turns(session_id=done.session.pk, before=turn.index)
    done.decisions = [*(p.decision for p in past), done.decision]
    done.past_observations = [*(list(p.observations) for p in past), done.observations]
    turn.metrics = compute_turn_metrics(
        snapshot=done.snapshot, decisions=done.decisions, observations=done.past_observations
    )
    turn.save()
    done.events.append(("turn.metrics", {"turn": turn.index, "metrics": turn.metrics}))


def _advance(done: _Completion) -> None:
    """Complete the session (a final diagnosis or the turn budget spent), wait for the
    clinician (live), or create and dispatch the next turn."""
    session, action = done.session, done.decision.action
    if isinstance(action, FinalDiagnosisAction):
        simulated = session.mode == SessionMode.SIMULATED
        _session_complete(
            done,
            final_diagnosis=action.diagnosis,
            confidence=action.confidence,
            gold=done.snapshot.gold_name if simulated else None,
            reason="final_diagnosis",
        )
    elif session.mode == SessionMode.LIVE:
        session.status = SessionStatus.AWAITING_CLINICIAN
        done.events.append(("session.awaiting", {"turn": done.turn.index}))
    elif done.turn.index + 1 >= session.max_turns:
        # The budget ran out while the policy still ordered tests: no final diagnosis (the leading
        # hypothesis is only reported as such, and the last differential still counts for top-3).
        ranked = done.decision.ranked()
        _session_complete(
            done,
            final_diagnosis="",
            confidence=None,
            gold=done.snapshot.gold_name,
            reason="turn_budget",
            leading=(
                {"diagnosis": ranked[0].diagnosis, "probability": ranked[0].probability}
                if ranked
                else None
            ),
        )
    else:
        _next_turn(session, done.turn, done.events)


def _session_complete(
    done: _Completion,
    *,
    final_diagnosis: str,
    confidence: float | None,
    gold: str | None,
    reason: str,
    leading: dict[str, Any] | None = None,
) -> None:
    """`reason`: "final_diagnosis", or "turn_budget" (no final diagnosis: `final_diagnosis` is
    empty and `leading` names the hypothesis that led when the budget ran out)."""
    session = done.session
    session.final_diagnosis = final_diagnosis[:500]
    session.status = SessionStatus.COMPLETED
    session.finished_at = done.now
    session.metrics = compute_session_metrics(
        snapshot=done.snapshot,
        decisions=done.decisions,
        observations=done.past_observations,
        final_diagnosis=final_diagnosis,
        end_reason=reason,
    )
    done.changed += ["final_diagnosis", "finished_at", "metrics"]
    payload: dict[str, Any] = {
        "final_diagnosis": final_diagnosis,
        "confidence": confidence,
        "gold": gold,
        "metrics": session.metrics,
        "reason": reason,
    }
    if reason == "turn_budget":
        payload["leading"] = leading
    done.events.append(("session.completed", payload))


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
    events_stage(
        session=current.session,
        items=[
            (
                "turn.failed",
                {
                    "turn": current.index,
                    "attempt": current.attempts,
                    "error": current.error,
                    "retryable": retryable,
                    **({"swarm": call.swarm.summary()} if call and call.swarm else {}),
                },
            )
        ],
        save=["updated_at"],
    )
    return current
