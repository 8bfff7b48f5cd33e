"""live_mode.live_results_submit: an empty submit is a slip, not a turn."""

from __future__ import annotations

import pytest

from diagnosis.models import SessionStatus
from diagnosis.sessions import live_mode, services
from tests.helpers import awaiting_live_session

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_turns_run(settings):  # type: ignore[no-untyped-def]
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"


EMPTY = [
    {"order": "Complete blood count", "result": ""},
    {"order": "Ferritin", "result": "   "},
]


def test_every_result_empty_changes_nothing(personas):
    session = awaiting_live_session(personas["owner"])
    events = session.events.count()
    with pytest.raises(services.ServiceError, match="No result was entered"):
        live_mode.live_results_submit(session=session, results=EMPTY)
    session.refresh_from_db()
    assert session.status == SessionStatus.AWAITING_CLINICIAN
    assert session.events.count() == events
    assert list(session.turns.values_list("index", flat=True)) == [0]
    first = session.turns.get(index=0)
    assert first.observations == [] and first.accepted_orders == []


def test_orders_said_not_done_or_a_final_asked_for_are_a_turn(personas):
    session = awaiting_live_session(personas["owner"])
    said = [
        {**EMPTY[0], "not_done": "1"},
        {"order": "Ferritin", "result": "typed", "not_done": "1"},
    ]
    nxt = live_mode.live_results_submit(session=session, results=said)
    first = session.turns.get(index=0)
    assert [(o["status"], o["result"]) for o in first.observations] == [
        ("unavailable", None),
        ("unavailable", None),
    ]
    assert nxt.index == 1 and first.cost == 0

    other = awaiting_live_session(personas["other_clinician"])
    final = live_mode.live_results_submit(session=other, results=EMPTY, request_final=True)
    assert final.options == {"must_finalise": True}
