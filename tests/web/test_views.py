"""Pages and actions over HTTP: access per role, htmx fragments, clear 4xx for bad input."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from diagnosis.models import DiagnosticSession, SessionStatus, Turn
from diagnosis.sessions import services
from tests.factories import CaseFactory
from tests.helpers import awaiting_live_session

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _no_turns_run(settings):  # type: ignore[no-untyped-def]
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"


def _as(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user)
    return client


def _session(owner, case=None, **kwargs):  # type: ignore[no-untyped-def]
    return services.session_start(
        owner=owner, mode="simulated", policy="scripted", case=case or CaseFactory(), **kwargs
    )


def test_the_session_page_is_404_for_another_clinician_and_readable_by_a_reviewer(client, personas):
    session = _session(personas["owner"])
    url = reverse("session_detail", args=[session.public_id])
    assert _as(client, personas["other_clinician"]).get(url).status_code == 404
    assert _as(client, personas["reviewer"]).get(url).status_code == 200
    page = _as(client, personas["owner"]).get(url)
    assert page.status_code == 200 and b'class="session is-owner"' in page.content
    assert (
        f'ws-connect="/ws/sessions/{session.public_id}/?format=html&amp;last_seq=2"'.encode()
        in page.content
    )


def test_the_session_page_names_the_case_version_the_run_used(client, personas):
    """A reviewer comparing runs must know which version of an edited case each one saw."""
    case = CaseFactory()
    first = _session(personas["owner"], case=case)
    case.version = 4
    case.save()
    second = _session(personas["owner"], case=case)
    reviewer = _as(client, personas["reviewer"])
    assert (
        b"(case version 1)"
        in reviewer.get(reverse("session_detail", args=[first.public_id])).content
    )
    assert (
        b"(case version 4)"
        in reviewer.get(reverse("session_detail", args=[second.public_id])).content
    )


def test_acting_on_a_session_is_404_for_strangers_and_403_for_readers(client, personas):
    session = _session(personas["owner"])
    url = reverse("session_pause", args=[session.public_id])
    assert _as(client, personas["other_clinician"]).post(url).status_code == 404
    assert _as(client, personas["reviewer"]).post(url).status_code == 403
    assert DiagnosticSession.objects.get(pk=session.pk).status == SessionStatus.ACTIVE


def test_an_htmx_action_answers_204_and_a_refused_one_409_with_the_reason(client, personas):
    session = _session(personas["owner"])
    client = _as(client, personas["owner"])
    assert (
        client.post(reverse("session_pause", args=[session.public_id]), **HTMX).status_code == 204
    )
    assert DiagnosticSession.objects.get(pk=session.pk).status == SessionStatus.PAUSED
    refused = client.post(reverse("session_pause", args=[session.public_id]), **HTMX)
    assert (
        refused.status_code == 409
        and refused.content.decode() == "Only an active session can be paused."
    )
    # Without htmx the same refusal is a message on the page it redirects to.
    plain = client.post(reverse("session_pause", args=[session.public_id]), follow=True)
    assert b"Only an active session can be paused." in plain.content


def test_the_htmx_session_request_gets_the_body_fragment_only(client, personas):
    session = _session(personas["owner"])
    response = _as(client, personas["owner"]).get(
        reverse("session_detail", args=[session.public_id]), **HTMX
    )
    body = response.content.decode()
    assert (
        body.lstrip().startswith('<div id="session-body"')
        and "<html" not in body
        and 'id="turn-0"' in body
    )


def test_live_results_keep_accepted_and_edited_orders_drop_rejected_ones_and_add_findings(
    client, personas
):
    session = awaiting_live_session(personas["owner"])
    response = _as(client, personas["owner"]).post(
        reverse("live_results", args=[session.public_id]),
        {
            "turn": "0",
            "proposed-0-test": "Complete blood count",
            "proposed-0-decision": "edit",
            "proposed-0-edited": "Full blood count",
            "proposed-0-result": "Hb 90 g/L",
            "proposed-1-test": "Ferritin",
            "proposed-1-decision": "reject",
            "proposed-1-result": "ignored",
            "extra-0-test": "Koilonychia",
            "extra-0-result": "present",
            "extra-1-test": "",
            "extra-1-result": "",
            "request_final": "1",
        },
        **HTMX,
    )
    assert response.status_code == 204
    observations = Turn.objects.get(session=session, index=0).observations
    assert [(o["order"], o["result"]) for o in observations] == [
        ("Full blood count", "Hb 90 g/L"),
        ("Koilonychia", "present"),
    ]
    assert Turn.objects.get(session=session, index=1).options == {"must_finalise": True}


def test_live_results_refuse_an_added_finding_without_a_result_and_write_nothing(client, personas):
    session = awaiting_live_session(personas["owner"])
    response = _as(client, personas["owner"]).post(
        reverse("live_results", args=[session.public_id]),
        {
            "turn": "0",
            "proposed-0-test": "Complete blood count",
            "proposed-0-decision": "accept",
            "proposed-0-result": "Hb 90",
            "extra-0-test": "Koilonychia",
            "extra-0-result": "",
        },
        **HTMX,
    )
    assert response.status_code == 400 and "Koilonychia" in response.content.decode()
    assert not Turn.objects.filter(session=session, index=1).exists()
    assert DiagnosticSession.objects.get(pk=session.pk).status == SessionStatus.AWAITING_CLINICIAN


def test_live_results_for_an_old_turn_are_refused(client, personas):
    session = awaiting_live_session(personas["owner"])
    response = _as(client, personas["owner"]).post(
        reverse("live_results", args=[session.public_id]),
        {"turn": "3", "proposed-0-test": "Complete blood count", "proposed-0-result": "Hb 90"},
        **HTMX,
    )
    assert response.status_code == 409 and "out of date" in response.content.decode()


def test_only_clinicians_start_sessions_and_a_bad_policy_is_a_400_not_a_500(client, personas):
    case = CaseFactory()
    data = {"mode": "simulated", "policy": "scripted", "case": case.pk}
    assert _as(client, personas["reviewer"]).post(reverse("session_start"), data).status_code == 403
    bad = _as(client, personas["owner"]).post(
        reverse("session_start"), {**data, "policy": "no-such-policy"}
    )
    assert bad.status_code == 400 and b"Select a valid choice" in bad.content
    assert not DiagnosticSession.objects.exists()
    good = client.post(reverse("session_start"), {**data, "max_turns": "3"})
    session = DiagnosticSession.objects.get()
    assert good.status_code == 302 and good.url == reverse(
        "session_detail", args=[session.public_id]
    )
    assert session.max_turns == 3


def test_a_live_session_needs_a_presentation(client, personas):
    response = _as(client, personas["owner"]).post(
        reverse("session_start"), {"mode": "live", "policy": "scripted"}
    )
    assert (
        response.status_code == 400 and b"Type the patient&#x27;s presentation" in response.content
    )
    assert not DiagnosticSession.objects.exists()


def test_the_case_page_shows_hidden_content_only_to_curators_and_reviewers(client, personas):
    case = CaseFactory(gold_diagnosis="Secret gold diagnosis")
    url = reverse("case_detail", args=[case.pk])
    clinician = _as(client, personas["owner"]).get(url).content.decode()
    assert "Hidden from the policy" not in clinician and "Secret gold diagnosis" not in clinician
    assert "Hb 92 g/L" not in clinician and case.initial_presentation in clinician
    for role in ("curator", "reviewer"):
        page = _as(client, personas[role]).get(url).content.decode()
        assert "Secret gold diagnosis" in page and "Hb 92 g/L" in page


def test_the_case_library_searches_and_filters_and_answers_htmx_with_the_results_only(
    client, personas
):
    CaseFactory(title="Chest pain at rest", source_dataset="native")
    CaseFactory(title="Tired and pale", source_dataset="medrbench")
    client = _as(client, personas["owner"])
    page = client.get(reverse("case_list"), {"q": "chest"}).content.decode()
    assert "Chest pain at rest" in page and "Tired and pale" not in page
    fragment = client.get(reverse("case_list"), {"dataset": "medrbench"}, **HTMX).content.decode()
    assert fragment.lstrip().startswith('<section id="case-results"')
    assert "Tired and pale" in fragment and "Chest pain at rest" not in fragment
    # A clinician cannot search by the hidden gold diagnosis.
    assert (
        "Tired and pale"
        not in client.get(reverse("case_list"), {"q": "iron deficiency"}).content.decode()
    )


def test_the_dashboard_lists_my_sessions_and_shows_reviewers_everyone_elses(client, personas):
    mine = _session(personas["owner"])
    theirs = _session(personas["other_clinician"])
    page = _as(client, personas["owner"]).get(reverse("dashboard")).content.decode()
    assert str(mine.public_id) in page and str(theirs.public_id) not in page
    review = _as(client, personas["reviewer"]).get(reverse("dashboard")).content.decode()
    assert str(mine.public_id) in review and str(theirs.public_id) in review


def test_live_from_a_case_page_takes_the_cases_presentation_and_demographics(client, personas):
    case = CaseFactory(demographics="71-year-old man", initial_presentation="Jaundice, itching.")
    response = _as(client, personas["owner"]).post(
        reverse("session_start"), {"mode": "live", "policy": "scripted", "case": case.pk}
    )
    session = DiagnosticSession.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "session_detail", args=[session.public_id]
    )
    assert session.mode == "live" and session.case_id == case.pk
    started = session.events.get(kind="session.started").payload
    assert started["presentation"] == "Jaundice, itching."
    assert started["demographics"] == "71-year-old man"
    assert session.case_snapshot["menu"] == []


def test_an_invalid_start_from_a_case_page_renders_the_case_page_with_the_choices_kept(
    client, personas
):
    case = CaseFactory(title="Jaundice in a 71-year-old")
    response = _as(client, personas["owner"]).post(
        reverse("session_start"),
        {"mode": "live", "policy": "scripted", "case": case.pk, "max_turns": "99"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Jaundice in a 71-year-old" in page and "New live patient" not in page
    assert re.search(r'value="live" checked', page) and not re.search(
        r'value="simulated" checked', page
    )
    budget_field = page[page.index('id="id_max_turns"') :].split("</div>")[0]
    assert 'value="99"' in budget_field and "less than or equal to 50" in budget_field
    assert not DiagnosticSession.objects.exists()


def test_an_all_empty_live_submit_is_refused_and_not_done_must_be_chosen(client, personas):
    session = awaiting_live_session(personas["owner"])
    url = reverse("live_results", args=[session.public_id])
    rows = {
        "turn": "0",
        "proposed-0-test": "Complete blood count",
        "proposed-0-decision": "accept",
        "proposed-0-result": "",
        "proposed-1-test": "Ferritin",
        "proposed-1-decision": "edit",
        "proposed-1-edited": "Serum ferritin",
        "proposed-1-result": "  ",
        "extra-0-test": "",
        "extra-0-result": "",
    }
    client = _as(client, personas["owner"])
    events = session.events.count()
    refused = client.post(url, rows, **HTMX)
    assert refused.status_code == 400 and "No result was entered" in refused.content.decode()
    assert not Turn.objects.filter(session=session, index=1).exists()
    assert Turn.objects.get(session=session, index=0).observations == []
    assert session.events.count() == events
    assert DiagnosticSession.objects.get(pk=session.pk).status == SessionStatus.AWAITING_CLINICIAN
    said = client.post(
        url, {**rows, "proposed-0-decision": "not_done", "proposed-1-decision": "reject"}, **HTMX
    )
    assert said.status_code == 204
    observations = Turn.objects.get(session=session, index=0).observations
    assert [(o["order"], o["status"]) for o in observations] == [
        ("Complete blood count", "unavailable")
    ]
    assert Turn.objects.filter(session=session, index=1).exists()


def test_the_case_menu_prices_each_item_as_the_ledger_does(client, personas):
    from diagnosis.models import TestMenuItem

    case = CaseFactory()
    TestMenuItem.objects.create(case=case, category="Haematology", name="ESR", position=8)
    page = _as(client, personas["reviewer"]).get(reverse("case_detail", args=[case.pk]))
    html = page.content.decode()
    assert ">$10.00<" in html  # the case's own price for the blood count
    assert ">$2.73<" in html  # ESR from the price table
    assert ">table<" not in html
