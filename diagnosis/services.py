"""All writes to sessions, turns and events. Keyword-only, typed, transactional.

Every write browsers must see appends an event (diagnosis.events), which publishes on commit.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from diagnosis import environment, live
from diagnosis.cases import case_snapshot, live_snapshot
from diagnosis.costs import cost_table, turn_cost
from diagnosis.dispatching import dispatch_turn_on_commit, get_policy_registry
from diagnosis.events import events_append, events_stage
from diagnosis.metrics import compute_session_metrics, compute_turn_metrics
from diagnosis.models import (
    Case,
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
from diagnosis.trajectory import past_turns

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
        snapshot = case_snapshot(case) if case is not None else live_snapshot(
            title=live_title.strip() or "Live patient", presentation=live_presentation.strip(), demographics=live_demographics.strip()
        )
        if case is not None:
            snapshot["menu"] = []  # live: results come from the clinician, not the record
        title = snapshot["title"]
    session = DiagnosticSession.objects.create(
        owner=owner, case=case, case_version=case.version if case else None, case_snapshot=snapshot,
        title=title[:300], mode=mode, policy=policy, max_turns=max_turns, step_mode=step_mode, batch_label=batch_label,
    )
    turn = Turn.objects.create(session=session, index=0)
    events_append(session=session, items=[
        ("session.started", {
            "title": session.title, "mode": mode, "policy": policy, "max_turns": max_turns,
            "presentation": snapshot["initial_presentation"], "demographics": snapshot.get("demographics", ""),
            "case_id": snapshot.get("id"), "case_version": snapshot.get("version"),
        }),
        ("turn.created", {"turn": 0}),
    ])
    dispatch_turn_on_commit(turn.pk)
    return session


def _session_locked(session: DiagnosticSession) -> DiagnosticSession:
    return DiagnosticSession.objects.select_for_update().get(pk=session.pk)


@transaction.atomic
def session_pause(*, session: DiagnosticSession) -> DiagnosticSession:
    session = _session_locked(session)
    if session.status != SessionStatus.ACTIVE:
        raise ServiceError("Only an active session can be paused.")
    session.status = SessionStatus.PAUSED
    session.save(update_fields=["status", "updated_at"])
    events_append(session=session, items=[("session.paused", {})])
    return session


@transaction.atomic
def session_resume(*, session: DiagnosticSession, step: bool = False) -> DiagnosticSession:
    """Resume a paused session; with step=True run exactly one more turn, then pause again."""
    # The Step button's path: kept to a few round trips (lock, pending turn, event, update).
    session = DiagnosticSession.objects.select_for_update().defer("case_snapshot", "metrics").get(pk=session.pk)
    if session.status != SessionStatus.PAUSED:
        raise ServiceError("Only a paused session can be resumed.")
    session.status = SessionStatus.ACTIVE
    session.step_mode = step
    events_stage(session=session, items=[("session.resumed", {"step": step})])
    session.save(update_fields=["status", "step_mode", "updated_at", "last_seq", "last_hash"])
    pending = pending_turn_id(session.pk)
    if pending is not None:
        dispatch_turn_on_commit(pending, batch=bool(session.batch_label))
    return session


# --- turns ---------------------------------------------------------------------------------------


def pending_turn_id(session_id: int) -> int | None:
    """The session's turn waiting to run, if any: only its newest turn can be (turns are created
    one after another, and a retry makes the newest failed turn pending again). Found by the
    (session, index) index alone: with a status condition and stale statistics the planner
    scanned the status index across all sessions (2 of this 3 ms query on a bench database)."""
    newest = Turn.objects.filter(session_id=session_id).order_by("-index").values_list("pk", "status")[:1]
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
        locked = DiagnosticSession.objects.select_for_update().defer("metrics").filter(pk=session_id).order_by()[:1]
        session = locked[0] if locked else None
        if session is None or session.status != SessionStatus.ACTIVE:
            return None
        claimed = list(Turn.objects.raw(_CLAIM_SQL, {
            "running": TurnStatus.RUNNING, "pending": TurnStatus.PENDING, "lease": lease, "now": now, "turn": turn_id}))
        if not claimed:
            return None
        turn = claimed[0]
        turn.session = session
        started = events_stage(session=session, items=[("turn.started", {"turn": turn.index, "attempt": turn.attempts})])
        DiagnosticSession.objects.filter(pk=session.pk).update(last_seq=session.last_seq, last_hash=session.last_hash)
    # Progress frames say which logged event they follow, so a consumer never shows a partial
    # decision for a turn its client has not been told has started.
    turn.started_seq = started[0].seq  # type: ignore[attr-defined]
    return turn


def turn_lease_renew(*, turn: Turn) -> bool:
    lease = timezone.now() + timedelta(seconds=settings.MEDACTION_TURN_LEASE_SECONDS)
    return bool(Turn.objects.filter(pk=turn.pk, status=TurnStatus.RUNNING, attempts=turn.attempts).update(lease_expires_at=lease))


def turn_progress(*, turn: Turn, partial: dict[str, Any], text: str = "", persist: bool = True) -> None:
    """A streamed partial decision (the runner calls this every ~75 ms, not per token).

    It is pushed to browsers at once as a transient progress frame; with persist=True it is also
    appended to the log as a `turn.partial` event (the runner does that about once a second), so a
    reload or an auditor sees the stream sampled, and the hot path stays off the database.
    """
    payload: dict[str, Any] = {"turn": turn.index, "attempt": turn.attempts, "partial": partial}
    if text:
        payload["text"] = text[-4000:]
    public_id = str(turn.session.public_id)
    live.publish_progress(public_id, {**payload, "after_seq": getattr(turn, "started_seq", 0)})
    if persist:
        events_append(session=turn.session, items=[("turn.partial", payload)])


# Fields turn_complete and turn_fail need from the locked session row (not the case snapshot,
# which never changes after the session starts, nor the session metrics).
_SESSION_LOCK_FIELDS = ("id", "public_id", "status", "mode", "max_turns", "step_mode", "batch_label", "total_cost",
                        "last_seq", "last_hash", "updated_at")


def _turn_locked_if_current(turn: Turn) -> Turn | None:
    """The turn with its session, both locked (the session first, as every write here does), if
    this attempt still owns the turn; None when another attempt took over."""
    session = DiagnosticSession.objects.select_for_update().only(*_SESSION_LOCK_FIELDS).get(pk=turn.session_id)
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


def _trajectory(session: DiagnosticSession, upto: Turn,
                past: Sequence[PastTurn] | None = None) -> tuple[list[TurnDecision], list[list[Observation]]]:
    """Decisions and observations of the completed turns before `upto`: from `past` when the
    runner already read them (turns before the running one no longer change), else from the rows."""
    if past is None:
        past = past_turns(session_id=session.pk, before=upto.index)
    return [p.decision for p in past], [list(p.observations) for p in past]


@transaction.atomic
def turn_complete(*, turn: Turn, decision: TurnDecision, call: CallInfo,
                  past: Sequence[PastTurn] | None = None) -> Turn | None:
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
    events: list[tuple[str, dict[str, Any]]] = [("turn.completed", {
        "turn": current.index, "attempt": current.attempts, "decision": current.decision,
        "model": current.model_name, "prompt_tokens": current.prompt_tokens,
        "completion_tokens": current.completion_tokens, "latency_ms": current.latency_ms,
    })]
    observations: list[Observation] = []
    action = decision.action
    is_last_turn = current.index + 1 >= session.max_turns
    table = cost_table()  # read once: the oracle's prices and the turn's fee come from it
    if isinstance(action, OrderTestsAction):
        orders = [t.test for t in action.tests]
        if session.mode == SessionMode.SIMULATED:
            observations = environment.answer_orders(snapshot, orders, table=table)
            current.observations = [o.as_dict() for o in observations]
            events.append(("env.results", {"turn": current.index, "observations": current.observations}))
        else:
            current.accepted_orders = []
            events.append(("live.orders_proposed", {"turn": current.index, "orders": [t.model_dump() for t in action.tests]}))
    current.cost = turn_cost(observations_cost=sum(o.cost for o in observations),
                             ordered=session.mode == SessionMode.SIMULATED and isinstance(action, OrderTestsAction),
                             table=table)
    decisions, past_obs = _trajectory(session, current, past)
    decisions.append(decision)
    past_obs.append(observations)
    current.metrics = compute_turn_metrics(snapshot=snapshot, decisions=decisions, observations=past_obs)
    current.save()
    events.append(("turn.metrics", {"turn": current.index, "metrics": current.metrics}))
    session.total_cost += current.cost  # the row is locked: no concurrent change to add to
    changed = ["total_cost", "status", "updated_at", "last_seq", "last_hash"]

    if isinstance(action, FinalDiagnosisAction):
        session.final_diagnosis = action.diagnosis[:500]
        session.status = SessionStatus.COMPLETED
        session.finished_at = now
        session.metrics = compute_session_metrics(snapshot=snapshot, decisions=decisions, observations=past_obs,
                                                  final_diagnosis=action.diagnosis)
        changed += ["final_diagnosis", "finished_at", "metrics"]
        gold = (snapshot.get("gold") or {}).get("name") if session.mode == SessionMode.SIMULATED else None
        events.append(("session.completed", {
            "final_diagnosis": action.diagnosis, "confidence": action.confidence, "gold": gold,
            "metrics": session.metrics, "reason": "final_diagnosis",
        }))
    elif session.mode == SessionMode.LIVE:
        session.status = SessionStatus.AWAITING_CLINICIAN
        events.append(("session.awaiting", {"turn": current.index}))
    elif is_last_turn:
        session.status = SessionStatus.COMPLETED
        session.finished_at = now
        leading = decision.ranked()[0].diagnosis if decision.differential else ""
        session.final_diagnosis = leading[:500]
        session.metrics = compute_session_metrics(snapshot=snapshot, decisions=decisions, observations=past_obs,
                                                  final_diagnosis=leading)
        changed += ["final_diagnosis", "finished_at", "metrics"]
        events.append(("session.completed", {
            "final_diagnosis": leading, "confidence": None,
            "gold": (snapshot.get("gold") or {}).get("name"), "metrics": session.metrics, "reason": "turn_budget",
        }))
    else:
        _next_turn(session, current, events)
    events_stage(session=session, items=events)
    session.save(update_fields=changed)
    return current


def _next_turn(session: DiagnosticSession, after: Turn, events: list[tuple[str, dict[str, Any]]]) -> Turn:
    turn = Turn.objects.create(session=session, index=after.index + 1)
    events.append(("turn.created", {"turn": turn.index}))
    if session.step_mode and session.status == SessionStatus.ACTIVE:
        session.status = SessionStatus.PAUSED
        events.append(("session.paused", {"after_turn": after.index}))
    if session.status == SessionStatus.ACTIVE:
        dispatch_turn_on_commit(turn.pk, batch=bool(session.batch_label))
    return turn


@transaction.atomic
def turn_fail(*, turn: Turn, error: str, retryable: bool, call: CallInfo | None = None, raw_output: str = "") -> Turn | None:
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
    events_stage(session=session, items=[(
        "turn.failed", {"turn": current.index, "attempt": current.attempts, "error": current.error, "retryable": retryable},
    )])
    session.save(update_fields=["last_seq", "last_hash", "updated_at"])
    return current


@transaction.atomic
def turn_retry(*, session: DiagnosticSession) -> Turn:
    """Run the session's failed turn again (the user pressed retry)."""
    session = _session_locked(session)
    if not session.is_open:
        raise ServiceError("This session is closed.")
    turn = session.turns.order_by("-index").first()
    if turn is None or turn.status != TurnStatus.FAILED:
        raise ServiceError("There is no failed turn to retry.")
    Turn.objects.filter(pk=turn.pk).update(status=TurnStatus.PENDING, error="", retryable=False)
    if session.status != SessionStatus.ACTIVE:
        session.status = SessionStatus.ACTIVE
        session.save(update_fields=["status", "updated_at"])
    events_append(session=session, items=[("turn.retrying", {"turn": turn.index})])
    dispatch_turn_on_commit(turn.pk)
    return turn


@transaction.atomic
def session_fail(*, session: DiagnosticSession, error: str) -> DiagnosticSession:
    session = _session_locked(session)
    if not session.is_open:
        return session
    session.status = SessionStatus.FAILED
    session.error = error[:2000]
    session.finished_at = timezone.now()
    session.save()
    events_append(session=session, items=[("session.failed", {"error": session.error})])
    return session


# --- live mode -----------------------------------------------------------------------------------


@transaction.atomic
def live_results_submit(
    *,
    session: DiagnosticSession,
    results: list[dict[str, str]],
    request_final: bool = False,
) -> Turn:
    """The clinician's results for the latest turn's orders (accepted, edited or added), then the
    next turn. `results` items: {"order": str, "result": str}; an empty result means not done.
    Nothing goes to the policy until this is submitted."""
    session = _session_locked(session)
    if session.mode != SessionMode.LIVE:
        raise ServiceError("Results are entered only in live sessions.")
    if session.status != SessionStatus.AWAITING_CLINICIAN:
        raise ServiceError("The session is not waiting for results.")
    turn = session.turns.select_for_update().filter(status=TurnStatus.COMPLETED).order_by("-index").first()
    if turn is None:
        raise ServiceError("There is no turn to attach results to.")
    observations = []
    table = cost_table()
    for row in results:
        order = (row.get("order") or "").strip()
        result = (row.get("result") or "").strip()
        if not order:
            continue
        if len(order) > 200 or len(result) > 5000:
            raise ServiceError("An order name is limited to 200 characters and a result to 5,000.")
        # A test the clinician did is priced like the same test ordered from a case menu.
        cost = float(table.price_of({"name": order, "category": ""})) if result else 0.0
        observations.append(Observation(order=order, status="answered" if result else "unavailable",
                                        item=order if result else None, result=result or None, cost=cost,
                                        source="clinician"))
    if not observations and not request_final:
        raise ServiceError("Enter at least one result, or ask for the final diagnosis.")
    turn.observations = [o.as_dict() for o in observations]
    turn.accepted_orders = [o.order for o in observations]
    added = turn_cost(observations_cost=sum(o.cost for o in observations), ordered=bool(observations), table=table)
    turn.cost += added
    turn.save(update_fields=["observations", "accepted_orders", "cost"])
    session.status = SessionStatus.ACTIVE
    session.total_cost += added
    session.save(update_fields=["status", "total_cost", "updated_at"])
    events: list[tuple[str, dict[str, Any]]] = [("live.results_entered", {"turn": turn.index, "observations": turn.observations,
                                                                          "request_final": request_final})]
    if turn.index + 1 >= session.max_turns:
        session.max_turns = turn.index + 2
        session.save(update_fields=["max_turns"])
    nxt = Turn.objects.create(session=session, index=turn.index + 1,
                              options={"must_finalise": True} if request_final else {})
    events.append(("turn.created", {"turn": nxt.index, "must_finalise": request_final}))
    events_append(session=session, items=events)
    dispatch_turn_on_commit(nxt.pk)
    return nxt
