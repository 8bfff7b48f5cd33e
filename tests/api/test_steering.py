"""Steering a session through the API (pause, resume, step, retry, live results) and who may:
the owner acts; a reader who is not the owner (a reviewer) may read but gets 403 on steering;
another clinician gets 404 on everything. Refused requests write nothing."""

from __future__ import annotations

import pytest

from diagnosis.models import DiagnosticSession, SessionEvent, SessionStatus, Turn, TurnStatus
from diagnosis.sessions import services
from tests.api.conftest import assert_error
from tests.helpers import awaiting_live_session

pytestmark = pytest.mark.django_db

READ_ROUTES = ("", "/turns", "/events", "/metrics")
STEER_ROUTES = ("/pause", "/resume", "/step", "/retry", "/results")


@pytest.fixture(autouse=True)
def _no_turns_run(settings):  # type: ignore[no-untyped-def]
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"


@pytest.fixture
def session(personas, case):  # type: ignore[no-untyped-def]
    return services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )


def _written(session: DiagnosticSession) -> tuple:
    session.refresh_from_db()
    turns = list(session.turns.order_by("index").values_list("status", "attempts", "observations"))
    return (
        session.status,
        session.last_seq,
        SessionEvent.objects.filter(session=session).count(),
        turns,
    )


def test_the_owner_pauses_steps_and_resumes(api_as, session):
    api = api_as("owner")
    sid = session.public_id
    response = api.post(f"/sessions/{sid}/pause")
    assert response.status_code == 200 and response.json()["status"] == "paused"
    response = api.post(f"/sessions/{sid}/step")
    assert response.status_code == 200
    assert response.json()["status"] == "active" and response.json()["step_mode"] is True
    api.post(f"/sessions/{sid}/pause")
    response = api.post(f"/sessions/{sid}/resume")
    assert response.json()["status"] == "active" and response.json()["step_mode"] is False
    kinds = list(SessionEvent.objects.filter(session=session).values_list("kind", flat=True))
    assert kinds[-4:] == ["session.paused", "session.resumed", "session.paused", "session.resumed"]


def test_a_step_the_session_does_not_allow_is_a_409_and_writes_nothing(api_as, session):
    api = api_as("owner")
    before = _written(session)
    for action in ("/resume", "/step", "/retry"):  # active, nothing failed
        error = assert_error(api.post(f"/sessions/{session.public_id}{action}"), 409, "conflict")
        assert error["message"]
    assert _written(session) == before


def test_the_owner_retries_a_failed_turn(api_as, session):
    Turn.objects.filter(session=session, index=0).update(status=TurnStatus.FAILED, error="boom")
    response = api_as("owner").post(f"/sessions/{session.public_id}/retry")
    assert response.status_code == 200
    assert session.turns.get(index=0).status == TurnStatus.PENDING
    assert SessionEvent.objects.filter(session=session).last().kind == "turn.retrying"


def test_results_for_a_simulated_session_are_a_409(api_as, session):
    before = _written(session)
    body = {"results": [{"order": "Ferritin", "result": "6"}]}
    assert_error(api_as("owner").post(f"/sessions/{session.public_id}/results", body), 409)
    assert _written(session) == before


@pytest.mark.parametrize(
    "body, field",
    [
        ({"results": [{"order": "", "result": "x"}]}, "body.results.0.order"),
        ({"results": [{"order": "CBC", "result": "Hb\x00 90"}]}, "body.results.0.result"),
        ({"results": [{"order": "CBC", "result": "x" * 5001}]}, "body.results.0.result"),
        ({"results": "CBC"}, "body.results"),
        ({"turn": -1}, "body.turn"),
    ],
)
def test_bad_live_results_are_a_422_and_write_nothing(api_as, personas, body, field):
    live = awaiting_live_session(personas["owner"])
    before = _written(live)
    error = assert_error(api_as("owner").post(f"/sessions/{live.public_id}/results", body), 422)
    assert field in error["fields"], error
    assert _written(live) == before


def test_empty_or_stale_live_results_are_a_409_and_write_nothing(api_as, personas):
    live = awaiting_live_session(personas["owner"])
    api = api_as("owner")
    before = _written(live)
    assert_error(api.post(f"/sessions/{live.public_id}/results", {"results": []}), 409)
    stale = {"turn": 3, "results": [{"order": "CBC", "result": "normal"}]}
    error = assert_error(api.post(f"/sessions/{live.public_id}/results", stale), 409)
    assert "out of date" in error["message"]
    assert _written(live) == before


def test_the_owner_enters_live_results(api_as, personas):
    live = awaiting_live_session(personas["owner"])
    body = {"turn": 0, "results": [{"order": "Ferritin", "result": "6 ug/L"}]}
    response = api_as("owner").post(f"/sessions/{live.public_id}/results", body)
    assert response.status_code == 200 and response.json()["status"] == "active"
    assert live.turns.get(index=0).observations[0]["result"] == "6 ug/L"
    assert live.turns.filter(index=1).exists()


def test_another_clinician_can_neither_read_nor_steer_and_nothing_is_written(api_as, personas):
    live = awaiting_live_session(personas["owner"])
    bob = api_as("other_clinician")
    before = _written(live)
    for route in READ_ROUTES:
        error = assert_error(bob.get(f"/sessions/{live.public_id}{route}"), 404, "not_found")
        assert "live" not in error["message"].lower()
    body = {"turn": 0, "results": [{"order": "Ferritin", "result": "6"}], "request_final": True}
    for route in STEER_ROUTES:
        assert_error(bob.post(f"/sessions/{live.public_id}{route}", body), 404, "not_found")
    assert _written(live) == before
    assert bob.get("/sessions").json()["count"] == 0


def test_a_reviewer_reads_but_cannot_steer(api_as, personas):
    live = awaiting_live_session(personas["owner"])
    rita = api_as("reviewer")
    before = _written(live)
    for route in READ_ROUTES:
        assert rita.get(f"/sessions/{live.public_id}{route}").status_code == 200
    body = {"turn": 0, "results": [{"order": "Ferritin", "result": "6"}]}
    for route in STEER_ROUTES:
        error = assert_error(rita.post(f"/sessions/{live.public_id}{route}", body), 403)
        assert "owner" in error["message"]
    assert _written(live) == before
    assert live.status == SessionStatus.AWAITING_CLINICIAN


@pytest.mark.parametrize("sid", ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "%00"])
def test_an_unknown_session_is_a_404_everywhere(api_as, sid):
    api = api_as("owner")
    for route in READ_ROUTES:
        response = api.get(f"/sessions/{sid}{route}")
        assert response.status_code in (400, 404)
        assert_error(response, response.status_code)
    for route in STEER_ROUTES:
        response = api.post(f"/sessions/{sid}{route}")
        assert response.status_code in (400, 404, 422)
        assert_error(response, response.status_code)


def test_steering_takes_post_only(api_as, session):
    response = api_as("owner").get(f"/sessions/{session.public_id}/pause")
    assert_error(response, 405, "method_not_allowed")
    assert response["Allow"] == "POST"
    assert_error(api_as("owner").request("DELETE", f"/sessions/{session.public_id}"), 405)
