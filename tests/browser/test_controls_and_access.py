"""Pausing and resuming, a tablet-sized screen, labels and keyboard use, in a real browser."""

from __future__ import annotations

import pytest

from tests.browser.pages import UNLABELLED_CONTROLS, start_simulated, wait_final
from tests.factories import CaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

OVERFLOWS = "() => document.documentElement.scrollWidth > window.innerWidth + 1"


def test_pause_holds_the_next_turn_and_resume_runs_to_the_end(open_page, people):
    page = open_page(people["alice"])
    start_simulated(page, CaseFactory(), "slow-scripted")
    page.wait_for_selector('#turn-0-status[data-status="running"]', timeout=30_000)
    page.get_by_role("button", name="Pause").click()
    page.wait_for_selector('#session-status[data-status="paused"]', timeout=30_000)
    page.wait_for_selector('#turn-0-status[data-status="completed"]', timeout=30_000)
    page.wait_for_timeout(1500)  # long enough for a turn the pause failed to hold to start
    assert page.locator("#turn-1-status").get_attribute("data-status") == "pending"
    page.get_by_role("button", name="Resume").click()
    wait_final(page)
    assert page.locator("#turn-1-status").get_attribute("data-status") == "completed"
    # An action the session no longer allows (as from a stale tab) is refused with a visible reason.
    page.evaluate(
        "htmx.ajax('POST', location.pathname + 'pause/', {source: document.body, swap: 'none'})"
    )
    alert = page.locator("#action-alert")
    alert.get_by_text("Only an active session can be paused.").wait_for(timeout=10_000)
    assert alert.get_attribute("role") == "alert"


def test_on_a_tablet_nothing_scrolls_sideways_and_every_control_is_labelled(open_page, people):
    case = CaseFactory(
        title="A case with a rather long title that has to wrap on a narrow tablet screen"
    )
    page = open_page(people["alice"], width=768, height=1024)
    for path in ("/", "/cases/", f"/cases/{case.pk}/", "/sessions/new/"):
        page.goto(path)
        assert not page.evaluate(OVERFLOWS), path
        assert page.evaluate(UNLABELLED_CONTROLS) == [], path
    page.goto("/sessions/new/")
    page.get_by_label("Presentation").fill("Tired for three months, breathless on stairs, pale.")
    page.get_by_label("Policy").select_option(label="scripted")
    page.get_by_role("button", name="Start live session").click()
    page.locator("#turn-0-live form").wait_for(timeout=30_000)
    assert not page.evaluate(OVERFLOWS)
    assert page.evaluate(UNLABELLED_CONTROLS) == []
    # Touch-sized targets: every button is at least 44 px tall.
    heights = page.eval_on_selector_all(
        "#turn-0-live button, #turn-0-live label.choice",
        "els => els.map(e => e.getBoundingClientRect().height)",
    )
    assert heights and min(heights) >= 44


def test_the_keyboard_alone_starts_a_session_from_the_case_page(open_page, people):
    case = CaseFactory()
    page = open_page(people["alice"])
    page.goto(f"/cases/{case.pk}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.get_by_label("Policy").focus()
    page.keyboard.press("Home")  # the first policy: the KG engine
    assert page.get_by_label("Policy").evaluate("el => el.selectedOptions[0].text") == "KG engine"
    page.get_by_role("button", name="Start session").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/sessions/*/")
    wait_final(page)


def test_after_signing_out_elsewhere_the_page_says_so_instead_of_reconnecting_forever(
    open_page, people
):
    page = open_page(people["alice"])
    start_simulated(page, CaseFactory(), "scripted", step=True)
    page.wait_for_selector('#session-status[data-status="paused"]', timeout=30_000)
    assert page.locator("#connection").get_attribute("data-state") == "live"
    page.context.clear_cookies()  # signed out (another tab, an expired session)
    page.evaluate("window.medaction.socket.close()")
    error = page.locator("#ws-error")
    error.get_by_text("Your sign-in has expired").wait_for(timeout=30_000)
    assert page.locator("#connection").get_attribute("data-state") == "lost"
    assert page.locator("#session-socket").count() == 0
