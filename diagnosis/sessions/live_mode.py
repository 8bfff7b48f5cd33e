"""Live-patient mode: the clinician's results for the proposed orders, then the next turn."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

from diagnosis.environment.costs import cost_table, live_result_price, turn_cost
from diagnosis.models import (
    DiagnosticSession,
    SessionMode,
    SessionStatus,
    Turn,
    TurnStatus,
)
from diagnosis.protocol import (
    Observation,
)
from diagnosis.sessions.dispatching import dispatch_turn_on_commit
from diagnosis.sessions.events import events_stage
from diagnosis.sessions.services import ServiceError, session_locked

log = logging.getLogger(__name__)


@transaction.atomic
def live_results_submit(
    *,
    session: DiagnosticSession,
    results: list[dict[str, str]],
    request_final: bool = False,
    turn_index: int | None = None,
) -> Turn:
    """The clinician's results for the latest turn's orders (accepted, edited or added), then the
    next turn. `results` items: {"order": str, "result": str, "not_done": "1" (optional)}; an
    empty result means not done. A submit without any result changes nothing unless it says so
    (some row marked not_done, or request_final): an empty form is a slip, not a turn.
    Nothing goes to the policy until this is submitted.

    `turn_index`: the turn whose proposed orders the clinician answered (the page's form says);
    results for any other turn are refused, checked under the session's lock."""
    session = session_locked(session)
    if session.mode != SessionMode.LIVE:
        raise ServiceError("Results are entered only in live sessions.")
    turn = (
        session.turns.select_for_update()
        .filter(status=TurnStatus.COMPLETED)
        .order_by("-index")
        .first()
    )
    # Checked first: a page left open on an old turn is told so, whatever the session does now.
    if turn_index is not None and (turn is None or turn.index != turn_index):
        raise ServiceError("These orders are out of date (a later turn exists): reload the page.")
    if session.status != SessionStatus.AWAITING_CLINICIAN:
        raise ServiceError("The session is not waiting for results.")
    if turn is None:
        raise ServiceError("There is no turn to attach results to.")
    observations = []
    table = cost_table()
    for row in results:
        order = (row.get("order") or "").strip()
        result = "" if row.get("not_done") else (row.get("result") or "").strip()
        if not order:
            continue
        if len(order) > 200 or len(result) > 5000:
            raise ServiceError("An order name is limited to 200 characters and a result to 5,000.")
        # A test the clinician did is priced like the same test answered from a case menu (an
        # examination or a vital sign is part of the visit in both).
        cost = float(live_result_price(table, order)) if result else 0.0
        observations.append(
            Observation(
                order=order,
                status="answered" if result else "unavailable",
                item=order if result else None,
                result=result or None,
                cost=cost,
                source="clinician",
            )
        )
    if not observations and not request_final:
        raise ServiceError("Enter at least one result, or ask for the final diagnosis.")
    said_not_done = any(row.get("not_done") for row in results)
    if not request_final and not said_not_done and all(o.result is None for o in observations):
        raise ServiceError(
            "No result was entered: enter at least one, mark the orders not done,"
            " or ask for the final diagnosis."
        )
    turn.observations = [o.as_dict() for o in observations]
    turn.accepted_orders = [o.order for o in observations]
    added = turn_cost(
        observations_cost=sum(o.cost for o in observations), ordered=bool(observations), table=table
    )
    turn.cost += added
    turn.save(update_fields=["observations", "accepted_orders", "cost"])
    session.status = SessionStatus.ACTIVE
    session.total_cost += added
    changed = ["status", "total_cost", "updated_at"]
    events: list[tuple[str, dict[str, Any]]] = [
        (
            "live.results_entered",
            {"turn": turn.index, "observations": turn.observations, "request_final": request_final},
        )
    ]
    if turn.index + 1 >= session.max_turns:
        session.max_turns = turn.index + 2
        changed.append("max_turns")
    nxt = Turn.objects.create(
        session=session,
        index=turn.index + 1,
        options={"must_finalise": True} if request_final else {},
    )
    events.append(("turn.created", {"turn": nxt.index, "must_finalise": request_final}))
    events_stage(session=session, items=events, save=changed)
    dispatch_turn_on_commit(nxt.pk)
    return nxt
