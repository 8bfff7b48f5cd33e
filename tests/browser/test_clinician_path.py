"""The clinician's path as a new user meets it (issue 11 §4): starting live from a case, empty
results, a bad turn budget, a paused session, the metrics' names, a phone-sized screen."""

from __future__ import annotations

import re

import pytest

from diagnosis.models import (
    DiagnosticSession,
    SessionEvent,
    SessionMode,
    SessionStatus,
    TestMenuItem,
    Turn,
    TurnStatus,
)
from diagnosis.sessions import services
from tests.browser.pages import start_simulated, wait_final
from tests.factories import CaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SCROLL_WIDTH = "() => document.documentElement.scrollWidth"
LIVE_CHOICE = "Live — you enter each result yourself"


def _start_live(page, presentation: str = "Tired for three months, breathless, pale.") -> None:  # type: ignore[no-untyped-def]
    page.goto("/sessions/new/")
    page.get_by_label("Presentation").fill(presentation)
    page.get_by_label("Policy").select_option(label="scripted")
    page.get_by_role("button", name="Start live session").click()
    page.locator("#turn-0-live form").wait_for(timeout=30_000)


def test_live_mode_started_from_a_case_page_uses_the_cases_presentation(open_page, people):
    case = CaseFactory(
        demographics="71-year-old man",
        initial_presentation="Two weeks of jaundice and itching, pale stools, weight loss.",
    )
    page = open_page(people["alice"])
    page.goto(f"/cases/{case.pk}/")
    page.get_by_label(LIVE_CHOICE).check()
    page.get_by_label("Policy").select_option(label="scripted")
    page.get_by_role("button", name="Start session").click()
    page.wait_for_load_state()
    assert page.locator(".alert-error").count() == 0, page.locator("main").inner_text()[:300]
    page.wait_for_url("**/sessions/*/")
    page.locator("#turn-0-live form").wait_for(timeout=30_000)  # the clinician enters results
    told = page.locator("details.presentation").inner_text()
    assert "Two weeks of jaundice and itching" in told and "71-year-old man" in told
    session = DiagnosticSession.objects.get()
    assert session.mode == SessionMode.LIVE and session.case_id == case.pk
    assert session.case_snapshot["menu"] == []  # the record does not answer a live patient


def test_an_out_of_range_turn_budget_from_a_case_page_keeps_the_case_and_the_choices(
    open_page, people
):
    case = CaseFactory(title="Jaundice in a 71-year-old")
    page = open_page(people["alice"])
    page.goto(f"/cases/{case.pk}/")
    page.get_by_label(LIVE_CHOICE).check()
    page.get_by_label("Policy").select_option(label="scripted")
    page.get_by_label("Pause after each turn (simulated)").check()
    # The browser's own range check is bypassed, as an old browser or a script would.
    page.locator("form.start-form").evaluate("form => { form.noValidate = true; }")
    page.get_by_label("Turn budget").fill("99")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Start session").click()
    assert navigation.value.status == 400
    assert page.get_by_role("heading", name="Jaundice in a 71-year-old").is_visible()
    assert page.get_by_role("heading", name="New live patient").count() == 0
    assert page.get_by_label(LIVE_CHOICE).is_checked()
    assert page.get_by_label("Policy").evaluate("el => el.selectedOptions[0].text") == "scripted"
    assert page.get_by_label("Pause after each turn (simulated)").is_checked()
    budget = page.get_by_label("Turn budget")
    assert budget.input_value() == "99"
    error = page.locator(".field:has(#id_max_turns) .field-error").inner_text()
    assert "50" in error
    assert page.locator('input[name="case"]').input_value() == str(case.pk)
    assert not DiagnosticSession.objects.exists()


def test_an_empty_submit_in_live_mode_changes_nothing_and_not_done_must_be_said(open_page, people):
    page = open_page(people["alice"])
    _start_live(page)
    form = page.locator("#turn-0-live form")
    session = DiagnosticSession.objects.get()
    events_before = SessionEvent.objects.filter(session=session).count()

    form.get_by_role("button", name="Submit results", exact=True).click()
    # Said beside the buttons, where a phone user is looking, not only at the top of the page.
    alert = form.locator("[data-error-slot]")
    alert.get_by_text("No result was entered").wait_for(timeout=10_000)
    assert alert.get_attribute("role") == "alert"
    page.wait_for_timeout(500)  # long enough for a turn the refusal failed to hold to appear
    assert page.locator("#turn-1").count() == 0
    assert form.is_visible()
    session.refresh_from_db()
    assert session.status == SessionStatus.AWAITING_CLINICIAN
    assert Turn.objects.filter(session=session).count() == 1
    assert Turn.objects.get(session=session, index=0).observations == []
    assert SessionEvent.objects.filter(session=session).count() == events_before

    # Saying so explicitly: each order "Not done".
    for row in form.locator("fieldset.order-row").all():
        row.get_by_label("Not done", exact=True).check()
        assert not row.locator("textarea").is_visible()
    form.get_by_role("button", name="Submit results", exact=True).click()
    page.wait_for_selector("#turn-1", timeout=30_000)
    observations = Turn.objects.get(session=session, index=0).observations
    assert [o["status"] for o in observations] == ["unavailable", "unavailable"]
    assert "not done" in page.locator("#turn-0-results").inner_text().lower()


def test_a_paused_session_says_what_the_waiting_turn_needs_and_the_socket_is_not_live_mode(
    open_page, people
):
    page = open_page(people["alice"])
    start_simulated(page, CaseFactory(), "scripted", step=True)
    page.wait_for_selector('#session-status[data-status="paused"]', timeout=30_000)
    page.wait_for_selector('#turn-1-status[data-status="pending"]', timeout=30_000)
    waiting = page.locator("#turn-1-status").inner_text()
    assert "Paused" in waiting and "Resume" in waiting, waiting
    assert "QUEUED" not in waiting.upper()
    connection = page.locator("#connection").inner_text()
    assert "Connected" in connection and "Live" not in connection, connection
    page.get_by_role("button", name="Run one turn").click()
    wait_final(page)
    assert "Paused" not in page.locator("#turn-1-status").inner_text()


def _session_with_flags_and_metrics(owner) -> DiagnosticSession:  # type: ignore[no-untyped-def]
    """A finished two-turn session written straight into the rows: turn 1 raised two ungrounded
    orders, turn 2 one more and two incoherences."""
    session = services.session_start(
        owner=owner, mode="simulated", policy="scripted", case=CaseFactory()
    )
    ungrounded = {"subject": "Urinalysis", "status": "ungrounded", "because": "no live link"}
    first = {
        "flags": {"ungrounded_order": True, "unsupported_update": False, "incoherent": False},
        "orders": {"grounded": 1, "ungrounded": 2, "unknown": 0},
        "details": {"orders": [ungrounded, {**ungrounded, "subject": "Lipase"}]},
        "dtc": 1.0,
        "rac": 0.33,
        "top3": True,
        "gold_rank": 1,
        "kg_coverage": 1.0,
    }
    second = {
        **first,
        "orders": {"grounded": 0, "ungrounded": 1, "unknown": 0},
        "details": {"orders": [{**ungrounded, "subject": "ESR"}]},
        "flags": {"ungrounded_order": True, "unsupported_update": False, "incoherent": True},
        "incoherence": [
            {"kind": "repeated_test", "detail": "Urinalysis"},
            {"kind": "dropped_leader", "detail": "Iron deficiency anaemia"},
        ],
        "dtc": 0.75,
        "rac": 0.25,
    }
    Turn.objects.filter(session=session, index=0).update(status=TurnStatus.COMPLETED, metrics=first)
    Turn.objects.create(session=session, index=1, status=TurnStatus.COMPLETED, metrics=second)
    DiagnosticSession.objects.filter(pk=session.pk).update(
        status=SessionStatus.COMPLETED,
        metrics={"dtc": 0.75, "rac": 0.25, "correct": True, "kg_coverage": 1.0},
    )
    return session


def test_the_sidebar_counts_flags_not_turns_and_explains_dtc_and_rac(
    open_page, people, no_local_turns
):
    session = _session_with_flags_and_metrics(people["alice"])
    page = open_page(people["alice"])
    page.goto(f"/sessions/{session.public_id}/")
    stats = page.locator("#stats")
    ungrounded = stats.locator(".flag-counts li", has_text="Ungrounded order").inner_text()
    incoherent = stats.locator(".flag-counts li", has_text="Incoherence").inner_text()
    assert re.search(r"\b3\b", ungrounded) and "2 turns" in ungrounded, ungrounded
    assert re.search(r"\b2\b", incoherent) and "1 turn" in incoherent, incoherent
    text = stats.inner_text()
    assert "how steadily the differential converged on the correct diagnosis" in text.lower()
    assert "backed by the evidence" in text.lower()
    for name, full in (
        ("DTC", "Diagnostic trajectory convergence"),
        ("RAC", "Reasoning–action consistency"),
    ):
        abbr = stats.locator("abbr", has_text=name).first
        assert abbr.get_attribute("title") == full


def test_at_390_px_the_session_page_the_case_page_and_the_dashboard_fit(open_page, people):
    case = CaseFactory(
        title="A case with a rather long title that has to wrap on a narrow phone screen"
    )
    page = open_page(people["alice"], **PHONE)
    start_simulated(page, case, "scripted")
    wait_final(page)
    assert page.evaluate(SCROLL_WIDTH) <= 390, "session page"
    page.reload()
    assert page.evaluate(SCROLL_WIDTH) <= 390, "session page, reloaded"
    page.goto(f"/cases/{case.pk}/")
    assert page.evaluate(SCROLL_WIDTH) <= 390, "case page"
    page.goto("/")
    assert page.evaluate(SCROLL_WIDTH) <= 390, "dashboard"
    reviewer = open_page(people["rita"], **PHONE)
    reviewer.goto(f"/cases/{case.pk}/")
    assert reviewer.evaluate(SCROLL_WIDTH) <= 390, "case page with the test menu"
    live = open_page(people["bob"], **PHONE)
    _start_live(live)
    assert live.evaluate(SCROLL_WIDTH) <= 390, "live session page"


def test_the_case_menu_shows_what_the_ledger_charges_for_each_item(open_page, people):
    case = CaseFactory()
    TestMenuItem.objects.create(
        case=case, category="Haematology", name="ESR", result="40 mm/h", cost=None, position=8
    )
    TestMenuItem.objects.create(
        case=case, category="Biochemistry", name="Zinc level", result="low", cost=None, position=9
    )
    page = open_page(people["rita"])
    page.goto(f"/cases/{case.pk}/")
    menu = page.locator("table", has_text="Category")

    def cost(name: str) -> str:
        return menu.locator("tr", has_text=name).locator("td.num").inner_text().strip()

    assert cost("Complete blood count") == "$10.00"  # the case's own price
    assert cost("ESR") == "$2.73"  # the price table's
    assert cost("Zinc level") == "$25.00"  # the table's default for an unknown test
    assert "table" not in menu.inner_text()
