"""/api/v1/sessions: start (simulated from a case, live with a presentation), read the session,
its turns, events (incrementally, with after=) and metrics; bad input is a 4xx in JSON that
writes nothing."""

from __future__ import annotations

import pytest

from diagnosis.models import CaseStatus, DiagnosticSession, SessionEvent
from diagnosis.sessions import services
from tests.api.conftest import API, ApiClient, assert_error, token_for
from tests.factories import CaseFactory


@pytest.fixture
def no_turns_run(settings):  # type: ignore[no-untyped-def]
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"


def _start(api: ApiClient, **body):  # type: ignore[no-untyped-def]
    return api.post("/sessions", {"policy": "scripted", **body})


@pytest.mark.django_db(transaction=True)
def test_a_simulated_session_runs_to_its_end_and_reads_back_turn_by_turn(roles, make_user):
    alice = make_user("alice", "clinician")
    api = ApiClient(token_for(alice))
    case = CaseFactory()
    response = _start(api, mode="simulated", case_id=case.pk)
    assert response.status_code == 201, response.content
    started = response.json()
    assert started["mode"] == "simulated" and started["case_id"] == case.pk
    assert started["is_owner"] and started["owner"] == "alice"
    sid = started["id"]
    session = api.get(f"/sessions/{sid}").json()
    assert session["status"] == "completed"
    assert session["final_diagnosis"] == "Iron deficiency anaemia"
    turns = api.get(f"/sessions/{sid}/turns").json()["turns"]
    assert [t["index"] for t in turns] == [0, 1]
    assert turns[0]["decision"]["action"]["type"] == "order_tests"
    assert {o["order"] for o in turns[0]["observations"]} >= {"Complete blood count"}
    assert [t["index"] for t in api.get(f"/sessions/{sid}/turns", after=0).json()["turns"]] == [1]
    # Events: the whole log, then incrementally from a seq, in pages.
    log = api.get(f"/sessions/{sid}/events").json()
    seqs = [e["seq"] for e in log["events"]]
    assert seqs == list(range(1, log["last_seq"] + 1)) and not log["more"]
    assert log["events"][0]["kind"] == "session.started"
    assert log["events"][1]["prev_hash"] == log["events"][0]["hash"]
    tail = api.get(f"/sessions/{sid}/events", after=seqs[-3]).json()
    assert [e["seq"] for e in tail["events"]] == seqs[-2:]
    page = api.get(f"/sessions/{sid}/events", after=0, limit=2).json()
    assert [e["seq"] for e in page["events"]] == [1, 2] and page["more"]
    metrics = api.get(f"/sessions/{sid}/metrics").json()
    assert metrics["status"] == "completed" and metrics["metrics"]
    assert [t["turn"] for t in metrics["turns"]] == [0, 1]
    assert float(metrics["total_cost"]) > 0


@pytest.mark.django_db(transaction=True)
def test_a_live_session_takes_the_clinicians_results_then_finishes(roles, make_user):
    alice = make_user("alice", "clinician")
    api = ApiClient(token_for(alice))
    response = _start(api, mode="live", presentation="Tired for months, pale.", title="bed 4")
    assert response.status_code == 201, response.content
    sid = response.json()["id"]
    assert api.get(f"/sessions/{sid}").json()["status"] == "awaiting"
    body = {
        "turn": 0,
        "results": [
            {"order": "Complete blood count", "result": "Hb 90 g/L, MCV 70 fL"},
            {"order": "Unobtainium level", "not_done": True},
        ],
    }
    response = api.post(f"/sessions/{sid}/results", body)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "completed"
    turns = api.get(f"/sessions/{sid}/turns").json()["turns"]
    assert turns[0]["observations"][0]["result"] == "Hb 90 g/L, MCV 70 fL"
    assert turns[0]["observations"][1]["status"] == "unavailable"
    kinds = [e["kind"] for e in api.get(f"/sessions/{sid}/events").json()["events"]]
    assert "live.results_entered" in kinds and kinds[-1] == "session.completed"


@pytest.mark.django_db
def test_live_from_a_case_starts_from_the_cases_presentation(api_as, no_turns_run):
    case = CaseFactory(initial_presentation="Pale and tired since spring.")
    sid = _start(api_as("owner"), mode="live", case_id=case.pk).json()["id"]
    started = SessionEvent.objects.get(session__public_id=sid, seq=1)
    assert started.payload["presentation"] == "Pale and tired since spring."


@pytest.mark.django_db
def test_only_clinicians_start_sessions(api_as, no_turns_run, case):
    for who in ("reviewer", "curator", "auditor"):
        assert_error(_start(api_as(who), mode="simulated", case_id=case.pk), 403, "forbidden")
    assert not DiagnosticSession.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body, status, field",
    [
        ({"mode": "simulated"}, 422, None),  # a simulated session needs a case
        ({"mode": "live"}, 422, None),  # a live session needs a presentation
        ({"mode": "live", "presentation": "a\x00b"}, 422, "body.presentation"),
        ({"mode": "sideways", "presentation": "x"}, 422, "body.mode"),
        ({"mode": "live", "presentation": "x", "max_turns": 51}, 422, "body.max_turns"),
        ({"mode": "live", "presentation": "x", "policy": "no-such"}, 422, None),
        ({"mode": "live", "presentation": "x" * 20001}, 422, "body.presentation"),
        ({"mode": "live", "presentation": "x", "colour": "blue"}, 422, "body.colour"),
        ({"mode": "simulated", "case_id": 999999}, 404, None),
        ({"mode": "simulated", "case_id": 0}, 422, "body.case_id"),
    ],
)
def test_a_bad_start_is_a_4xx_naming_the_problem_and_writes_nothing(
    api_as, no_turns_run, body, status, field
):
    error = assert_error(api_as("owner").post("/sessions", {"policy": "scripted", **body}), status)
    if field:
        assert field in error["fields"], error
    assert not DiagnosticSession.objects.exists()


@pytest.mark.django_db
def test_a_draft_case_cannot_be_started_by_a_clinician(api_as, no_turns_run):
    draft = CaseFactory(status=CaseStatus.DRAFT)
    assert_error(_start(api_as("owner"), mode="simulated", case_id=draft.pk), 404)
    assert not DiagnosticSession.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "raw", ["{not json", "[1, 2", '"just a string"', "\x00", '{"mode": "live"\x00}', "null"]
)
def test_a_body_that_is_not_a_json_object_is_a_4xx(api_as, no_turns_run, raw):
    response = api_as("owner").post("/sessions", raw=raw)
    assert response.status_code in (400, 422)
    assert_error(response, response.status_code)
    assert not DiagnosticSession.objects.exists()


@pytest.mark.django_db
def test_a_body_over_the_upload_limit_is_a_413(api_as, no_turns_run, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = {"mode": "live", "presentation": "x" * 15_000}
    assert_error(api_as("owner").post("/sessions", body), 413, "too_large")
    assert not DiagnosticSession.objects.exists()


@pytest.mark.django_db
def test_sessions_lists_what_the_dashboard_shows(personas, api_as, no_turns_run, case):
    mine = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )
    services.session_start(
        owner=personas["other_clinician"], mode="simulated", policy="scripted", case=case
    )
    assert [s["id"] for s in api_as("owner").get("/sessions").json()["items"]] == [
        str(mine.public_id)
    ]
    assert api_as("reviewer").get("/sessions").json()["count"] == 2
    assert api_as("reviewer").get("/sessions", mine="true").json()["count"] == 0


@pytest.mark.django_db
def test_events_and_turns_refuse_bad_positions(api_as, personas, no_turns_run, case):
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )
    api = api_as("owner")
    for query in ({"after": "-1"}, {"after": "x"}, {"limit": "0"}, {"limit": "1001"}):
        assert_error(api.get(f"/sessions/{session.public_id}/events", **query), 422)
    assert_error(api.get(f"/sessions/{session.public_id}/turns", after="-2"), 422)


@pytest.mark.django_db
def test_policies_and_me(api_as):
    policies = {p["key"]: p for p in api_as("owner").get("/policies").json()}
    assert policies["kg"]["available"] and "scripted" in policies
    me = api_as("reviewer").get("/me").json()
    assert me["roles"] == ["reviewer"] and me["sees_hidden_case_content"]
    assert not me["can_start_sessions"] and me["auth"] == "token"


def test_the_api_lives_under_v1():
    assert API == "/api/v1"
