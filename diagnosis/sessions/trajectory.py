"""The completed turns before a given one, as the policy and the metrics see them.

Read on every turn (the policy's context) for a trajectory that only grows, so each completed
turn's decision is validated once per process and kept: a completed turn's decision never
changes (a retry runs a failed turn, never a completed one), and the cache key includes the time
it was completed, so a reused row id (a test database flushed) cannot return a stale decision.
Observations are read every time: in live mode the clinician's results are added to a turn
after it completed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import datetime

from django.db.models import TextField
from django.db.models.functions import Cast

from diagnosis.models import Turn, TurnStatus
from diagnosis.protocol import Observation, PastTurn, TurnDecision

_CACHE_SIZE = 8192
_decisions: OrderedDict[tuple[int, datetime | None], TurnDecision] = OrderedDict()
_lock = threading.Lock()


def _decision(pk: int, finished_at: datetime | None, text: str) -> TurnDecision:
    key = (pk, finished_at)
    with _lock:
        hit = _decisions.get(key)
        if hit is not None:
            _decisions.move_to_end(key)
            return hit
    decision = TurnDecision.model_validate_json(text)
    with _lock:
        _decisions[key] = decision
        while len(_decisions) > _CACHE_SIZE:
            _decisions.popitem(last=False)
    return decision


def past_turns(*, session_id: int, before: int) -> tuple[PastTurn, ...]:
    """Completed turns of the session with index < `before`, oldest first."""
    # Status is checked here, not in SQL: on (session, index) the unique index finds the few rows,
    # and a status condition tempted the planner into scanning the status index, which holds
    # every completed turn of every session (0.9 of a 1.7 ms query on a bench database).
    rows = (
        Turn.objects.filter(session_id=session_id, index__lt=before)
        .order_by("index")
        .annotate(decision_text=Cast("decision", TextField()))
        .values_list("pk", "finished_at", "index", "status", "decision_text", "observations")
    )
    return tuple(
        PastTurn(
            index=index,
            decision=_decision(pk, finished_at, text),
            observations=tuple(Observation.from_dict(o) for o in observations or ()),
        )
        for pk, finished_at, index, status, text, observations in rows
        if status == TurnStatus.COMPLETED
    )
