"""The role × route access matrix: anonymous, owner, other clinician, reviewer, curator, auditor.

A stranger gets 404 for a session: no hint that it exists.
"""

from __future__ import annotations

import uuid

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from diagnosis.models import CaseStatus, SessionStatus
from diagnosis.sessions import services
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "owner", "other_clinician", "reviewer", "curator", "auditor"]


@pytest.fixture
def world(personas, django_capture_on_commit_callbacks):
    case = CaseFactory()
    draft = CaseFactory(status=CaseStatus.DRAFT, title="Unpublished draft")
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )
    return {"case": case, "draft": draft, "session": session, **personas}


def client_for(client, world, persona):
    if persona != "anonymous":
        client.force_login(world[persona])
    return client


def status_of(client, method, url):
    return (client.get(url) if method == "get" else client.post(url)).status_code


READ_ROUTES = {
    # persona: expected status for GET dashboard / case list / published case detail
    "anonymous": 302,
    "owner": 200,
    "other_clinician": 200,
    "reviewer": 200,
    "curator": 200,
    "auditor": 200,
}
SESSION_READ = {
    "anonymous": 302,
    "owner": 200,
    "other_clinician": 404,
    "reviewer": 200,
    "curator": 404,
    "auditor": 200,
}
SESSION_ACT = {  # the owner's column is the effect of the action: OWNER_ACTS
    "anonymous": 302,
    "other_clinician": 404,
    "reviewer": 403,
    "curator": 404,
    "auditor": 403,
}
OWNER_ACTS = {
    # route: (the session's status before, its status after the owner's POST, the event appended)
    "session_pause": (SessionStatus.ACTIVE, SessionStatus.PAUSED, "session.paused"),
    "session_resume": (SessionStatus.PAUSED, SessionStatus.ACTIVE, "session.resumed"),
    "session_step": (SessionStatus.PAUSED, SessionStatus.ACTIVE, "session.resumed"),
    "turn_retry": (SessionStatus.ACTIVE, SessionStatus.ACTIVE, None),  # refused: nothing failed
    "live_results": (SessionStatus.ACTIVE, SessionStatus.ACTIVE, None),  # refused: not live
}
DRAFT_CASE = {
    "anonymous": 302,
    "owner": 404,
    "other_clinician": 404,
    "reviewer": 200,
    "curator": 200,
    "auditor": 404,
}
START = {
    "anonymous": 302,
    "owner": 200,
    "other_clinician": 200,
    "reviewer": 403,
    "curator": 403,
    "auditor": 403,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_pages_need_login_and_everyone_signed_in_can_browse(client, world, persona):
    c = client_for(client, world, persona)
    for url in (
        reverse("dashboard"),
        reverse("case_list"),
        reverse("case_detail", args=[world["case"].pk]),
    ):
        assert status_of(c, "get", url) == READ_ROUTES[persona], url


@pytest.mark.parametrize("persona", PERSONAS)
def test_drafts_are_visible_to_curators_and_reviewers_only(client, world, persona):
    c = client_for(client, world, persona)
    assert (
        status_of(c, "get", reverse("case_detail", args=[world["draft"].pk])) == DRAFT_CASE[persona]
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_session_pages_are_for_the_owner_reviewers_and_auditors(client, world, persona):
    c = client_for(client, world, persona)
    public_id = world["session"].public_id
    assert status_of(c, "get", reverse("session_detail", args=[public_id])) == SESSION_READ[persona]
    assert status_of(c, "get", reverse("session_events", args=[public_id])) == SESSION_READ[persona]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", list(OWNER_ACTS))
def test_only_the_owner_acts_on_a_session(client, world, persona, route):
    """The owner's action takes effect (or is refused with a message, the session unchanged);
    anyone else is refused and the session is untouched."""
    session = world["session"]
    before, after, event = OWNER_ACTS[route]
    if before == SessionStatus.PAUSED:
        services.session_pause(session=session)
    seen = session.events.count()
    c = client_for(client, world, persona)
    response = c.post(reverse(route, args=[session.public_id]))
    session.refresh_from_db()
    appended = list(session.events.filter(seq__gt=seen).values_list("kind", flat=True))
    if persona != "owner":
        assert response.status_code == SESSION_ACT[persona]
        assert (session.status, appended) == (before, [])
        return
    assert session.status == after
    assert appended == ([event] if event else [])
    if route == "session_step":
        assert session.step_mode  # one more turn, then it pauses again
    if event is None:  # a refusal says why
        assert [str(m) for m in get_messages(response.wsgi_request)], route


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_clinicians_start_sessions(client, world, persona):
    c = client_for(client, world, persona)
    assert status_of(c, "get", reverse("session_new")) == START[persona]


def test_it_answers_404_for_unknown_and_malformed_session_ids(client, world):
    client.force_login(world["owner"])
    assert client.get(reverse("session_detail", args=[uuid.uuid4()])).status_code == 404
    assert client.get(reverse("session_detail", args=["not-a-uuid"])).status_code == 404
    assert (
        client.get(
            reverse("session_events", args=[world["session"].public_id]) + "?after=x"
        ).status_code
        == 400
    )


def test_the_hidden_menu_and_gold_are_shown_to_curators_and_reviewers_only(client, world):
    url = reverse("case_detail", args=[world["case"].pk])
    for persona, sees in [
        ("owner", False),
        ("auditor", False),
        ("curator", True),
        ("reviewer", True),
    ]:
        client.force_login(world[persona])
        body = client.get(url).content.decode()
        assert ("Hb 92 g/L" in body) is sees, persona
        assert world["case"].initial_presentation[:40] in body
        client.logout()


def test_a_bad_start_request_is_a_400_with_a_message_and_creates_nothing(client, world):
    client.force_login(world["owner"])
    before = world["owner"].diagnostic_sessions.count()
    response = client.post(
        reverse("session_start"), {"mode": "live", "policy": "scripted", "live_presentation": "  "}
    )
    assert response.status_code == 400
    assert "presentation" in response.content.decode().lower()
    response = client.post(
        reverse("session_start"),
        {"mode": "simulated", "policy": "no-such-policy", "case": world["case"].pk},
    )
    assert response.status_code == 400
    assert world["owner"].diagnostic_sessions.count() == before


def test_admin_needs_staff_and_sign_in(client, world):
    assert client.get("/admin/").status_code == 302
    client.force_login(world["other_clinician"])
    response = client.get("/admin/", follow=False)
    assert response.status_code == 302  # not staff: sent to the admin login, never shown the index


def test_only_those_who_see_hidden_content_find_a_case_by_its_gold_diagnosis(client, world):
    """The gold diagnosis is hidden content: searching for it must not reveal which case it is."""
    from diagnosis.sessions import selectors

    assert "anaemia" not in (world["case"].title + world["case"].initial_presentation).lower()
    for persona, finds in [("owner", False), ("auditor", False), ("reviewer", True)]:
        user = world[persona]
        found = selectors.cases_search(user=user, query="anaemia")
        assert (world["case"] in found) is finds, persona
        client.force_login(user)
        body = client.get(reverse("case_list"), {"q": "anaemia"}).content.decode()
        assert (world["case"].title in body) is finds, persona
        client.logout()
    # Words everyone sees still match for everyone.
    assert world["case"] in selectors.cases_search(user=world["owner"], query="conjunctivae")


def test_status_filters_apply_only_for_those_who_see_drafts(world):
    from diagnosis.sessions import selectors

    drafts = selectors.cases_search(user=world["curator"], status=CaseStatus.DRAFT)
    assert list(drafts) == [world["draft"]]
    published_only = selectors.cases_search(user=world["owner"], status=CaseStatus.DRAFT)
    assert world["draft"] not in published_only and world["case"] in published_only


def test_my_sessions_are_the_users_own_even_for_a_reviewer(world, make_user):
    from diagnosis.sessions import selectors

    reviewer = world["reviewer"]
    assert list(selectors.sessions_of(user=world["owner"])) == [world["session"]]
    assert list(selectors.sessions_of(user=world["owner"], case=world["draft"])) == []
    assert list(selectors.sessions_of(user=reviewer)) == []
    assert list(selectors.sessions_of_others(user=reviewer)) == [world["session"]]
    assert list(selectors.sessions_of_others(user=world["other_clinician"])) == []
