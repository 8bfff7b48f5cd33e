"""The session page in a real browser: streaming, the end state, reloads and dropped sockets."""

from __future__ import annotations

import time

import pytest
from django.core.management import call_command

from diagnosis.models import Case, DiagnosticSession, SessionStatus
from tests.browser.conftest import login
from tests.browser.pages import (
    DUPLICATE_IDS,
    RECORD_DIFFERENTIALS,
    start_simulated,
    transcript,
    turn_ids,
    wait_final,
)
from tests.factories import CaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_it_signs_in_with_email_and_password_and_refuses_a_wrong_one(
    browser, live_server_url, people
):
    page = browser.new_context(base_url=live_server_url).new_page()
    page.goto("/cases/")
    assert "/accounts/login/" in page.url  # every page needs a sign-in
    page.get_by_label("Email").fill("alice@example.org")
    page.get_by_label("Password").fill("wrong-password-here")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").is_visible()
    login(page, "alice@example.org")
    assert page.get_by_role("heading", name="Dashboard").is_visible()
    assert page.get_by_text("alice@example.org").is_visible()


def test_a_kg_session_on_a_demo_case_streams_its_differential_and_ends_on_a_final_diagnosis(
    open_page, people
):
    call_command("load_demo_cases", verbosity=0)
    case = Case.objects.get(source_id="demo-iron-deficiency-anaemia")
    page = open_page(people["alice"])
    page.add_init_script(RECORD_DIFFERENTIALS)
    clicked = start_simulated(page, case, "KG engine")
    page.wait_for_selector("#turn-0-differential .hyp", timeout=60_000)
    first_differential_s = time.monotonic() - clicked
    wait_final(page)

    # The differential arrived while the turn was still running, before its completion.
    seen = page.evaluate("window.__ddx")
    streamed = [d for d in seen if d["stage"] == "partial" and d["count"] > 0 and d["onPage"]]
    assert streamed, f"no partial differential was on the page before its turn completed: {seen}"
    assert all(d["turnStatus"] == "running" for d in streamed)

    banner = page.locator("#final")
    assert "session complete" in banner.inner_text().lower()
    assert banner.locator("[data-final-diagnosis]").inner_text().strip()
    assert banner.locator("[data-verdict]").is_visible()  # compared with the gold diagnosis
    assert page.locator("#session-status").get_attribute("data-status") == "completed"
    assert "end of session" in page.locator("#session-end").inner_text().lower()
    assert page.locator("#connection").get_attribute("data-state") == "closed"
    assert page.locator("#chart svg path").count() > 0
    assert page.locator("#session-controls button").count() == 0  # nothing left to pause or resume
    # Each turn shows its orders and the environment's answers; an unknown test is UNAVAILABLE.
    assert page.locator("#turn-0-action .orders li").count() >= 1
    assert page.locator("#turn-0-results tbody tr").count() >= 1
    session = DiagnosticSession.objects.get()
    assert session.status == SessionStatus.COMPLETED
    assert page.errors == []
    print(
        "\n[measure] KG engine: click start → first differential on screen "
        f"{first_differential_s:.2f} s"
    )


def test_an_order_the_case_cannot_answer_is_shown_unavailable(open_page, people):
    case = CaseFactory()
    page = open_page(people["alice"])
    start_simulated(page, case, "scripted")
    wait_final(page)
    unavailable = page.locator("#turn-0-results tr.answer-unavailable")
    assert unavailable.count() == 1
    assert "Unobtainium level" in unavailable.inner_text()
    assert unavailable.locator(".badge-unavailable").inner_text().upper() == "UNAVAILABLE"
    answered = page.locator("#turn-0-results tr.answer:not(.answer-unavailable)")
    assert "Hb 92 g/L" in answered.inner_text()


def test_a_reload_mid_session_shows_the_same_transcript_without_duplicates(open_page, people):
    case = CaseFactory()
    page = open_page(people["alice"])
    start_simulated(page, case, "slow-scripted")
    page.wait_for_selector('#turn-0-differential[data-stage="partial"] .hyp', timeout=30_000)
    page.reload()
    assert turn_ids(page) == ["turn-0"]
    wait_final(page)
    assert turn_ids(page) == ["turn-0", "turn-1"]
    assert page.evaluate(DUPLICATE_IDS) == []
    streamed = transcript(page)
    page.reload()  # a fresh, fully server-rendered page is the reference
    assert transcript(page) == streamed
    assert page.locator("#turns .hyp").count() == 4  # two hypotheses per turn, none repeated


def test_a_dropped_websocket_mid_turn_resumes_and_the_page_completes(open_page, people):
    case = CaseFactory()
    page = open_page(people["alice"])
    sockets = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    start_simulated(page, case, "slow-scripted")
    page.wait_for_selector('#turn-0-status[data-status="running"]', timeout=30_000)
    page.wait_for_selector('#turn-0-differential[data-stage="partial"] .hyp', timeout=30_000)
    page.evaluate("window.medaction.socket.close()")
    wait_final(page)
    assert len(sockets) >= 2, "the page never reconnected"
    assert "last_seq=0" not in sockets[-1]  # it resumed from what it had, not from the start
    assert turn_ids(page) == ["turn-0", "turn-1"]
    assert page.evaluate(DUPLICATE_IDS) == []
    streamed = transcript(page)
    page.reload()
    assert transcript(page) == streamed


def test_step_mode_pauses_after_a_turn_and_runs_one_more_on_request(open_page, people):
    case = CaseFactory()
    page = open_page(people["alice"])
    start_simulated(page, case, "scripted", step=True)
    page.wait_for_selector('#session-status[data-status="paused"]', timeout=30_000)
    assert page.locator('#turn-1-status[data-status="pending"]').is_visible()
    page.get_by_role("button", name="Run one turn").click()
    wait_final(page)
    assert page.locator('#turn-1-status[data-status="completed"]').is_visible()


def test_a_failed_turn_is_visible_and_the_retry_button_runs_it_again(open_page, people):
    case = CaseFactory()
    page = open_page(people["alice"])
    start_simulated(page, case, "flaky")
    alert = page.locator("#turn-0-error [role=alert]")
    alert.wait_for(timeout=30_000)
    assert "Model server unavailable" in alert.inner_text()
    page.get_by_role("button", name="Retry turn 1").click()
    wait_final(page)
    assert page.locator("#turn-0-error").inner_text().strip() == ""
    assert "attempt 2" in page.locator("#turn-0-status").inner_text()
