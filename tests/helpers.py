from __future__ import annotations

import time
from collections.abc import Callable


def wait_for(
    predicate: Callable[[], object], timeout: float = 15.0, interval: float = 0.05
) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s")


def awaiting_live_session(owner):  # type: ignore[no-untyped-def]
    """A live session whose first turn proposed two orders and now waits for the clinician."""
    from diagnosis.models import SessionStatus, Turn, TurnStatus
    from diagnosis.protocol import CallInfo
    from diagnosis.sessions import services, turns
    from tests.doubles import decision_order

    session = services.session_start(
        owner=owner, mode="live", policy="scripted", live_presentation="Tired, pale."
    )
    turn = session.turns.get(index=0)
    Turn.objects.filter(pk=turn.pk).update(status=TurnStatus.RUNNING, attempts=1)
    turn.refresh_from_db()
    turns.turn_complete(
        turn=turn, decision=decision_order(["Complete blood count", "Ferritin"]), call=CallInfo()
    )
    session.refresh_from_db()
    assert session.status == SessionStatus.AWAITING_CLINICIAN
    return session
