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


def scored_session(owner, flags_per_turn, case=None, policy="scripted"):  # type: ignore[no-untyped-def]
    """A simulated session whose turns completed with these machine flags, one dict a turn
    ({"ungrounded_order": bool, ...}; None for a turn that was never scored). Turns are written
    directly, as a worker would leave them, so agreement can be checked on known flags."""
    from diagnosis.models import Turn, TurnStatus
    from diagnosis.sessions import services
    from tests.doubles import decision_order
    from tests.factories import CaseFactory

    session = services.session_start(
        owner=owner, mode="simulated", policy=policy, case=case or CaseFactory()
    )
    for index, flags in enumerate(flags_per_turn):
        metrics = (
            {}
            if flags is None
            else {
                "flags": {
                    "ungrounded_order": bool(flags.get("ungrounded_order")),
                    "unsupported_update": bool(flags.get("unsupported_update")),
                    "incoherent": bool(flags.get("incoherence")),
                }
            }
        )
        decision = decision_order(["Ferritin"]).model_dump(mode="json")
        fields = {"status": TurnStatus.COMPLETED, "metrics": metrics, "decision": decision}
        updated = Turn.objects.filter(session=session, index=index).update(**fields)
        if not updated:
            Turn.objects.create(session=session, index=index, **fields)
    return session


def osce(case_id: str, history: str, gold: str, tests: dict) -> dict:
    """An AgentClinic OSCE record (a 60-year-old man with a cough) for importer-fed tests."""
    return {
        "id": case_id,
        "OSCE_Examination": {
            "Patient_Actor": {
                "Demographics": "60-year-old man",
                "History": history,
                "Symptoms": {"Primary_Symptom": "Cough", "Secondary_Symptoms": []},
            },
            "Physical_Examination_Findings": {"Vital_Signs": {"Temperature": "38.9 C"}},
            "Test_Results": tests,
            "Correct_Diagnosis": gold,
        },
    }
