"""Script, img and svg payloads in case text, test results and model output stay inert on every
page that renders them (session page, case page, dashboard, case list), in Chromium."""

from __future__ import annotations

import pytest

from diagnosis.models import TestMenuItem
from tests.browser.pages import start_simulated, wait_final
from tests.factories import CaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PAYLOADS = (
    "<script>window.__xss=1</script>"
    "<img src=x onerror=\"window.__xss='img'\">"
    "<svg onload=\"window.__xss='svg'\"><circle r=1></circle></svg>"
)
INJECTED = "[onerror], [onload], main script, main img[src='x']"


def _inert(page) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("typeof window.__xss") == "undefined", page.url
    assert page.locator(INJECTED).count() == 0, page.url


def test_payloads_in_case_text_results_and_model_output_stay_inert_everywhere(open_page, people):
    case = CaseFactory(
        title=f"Fever {PAYLOADS} case",
        demographics=f"34-year-old {PAYLOADS}",
        initial_presentation=f"Fever and rash {PAYLOADS} since Monday.",
    )
    TestMenuItem.objects.create(
        case=case, category="Labs", name=f"Blood count {PAYLOADS}", result=f"Hb 92 {PAYLOADS}"
    )
    alice = open_page(people["alice"])
    dialogs: list[str] = []
    alice.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    start_simulated(alice, case, "echo")  # the policy writes the case text back as model output
    wait_final(alice)
    session_url = alice.url
    _inert(alice)
    assert "<svg onload=" in alice.locator("#turn-0-reasoning").inner_text()
    for path in ("/", "/cases/?q=Fever", f"/cases/{case.pk}/", session_url):
        alice.goto(path)
        _inert(alice)

    rita = open_page(people["rita"])  # a reviewer also sees the results and others' sessions
    rita.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in ("/", "/cases/?q=Fever", f"/cases/{case.pk}/", session_url):
        rita.goto(path)
        _inert(rita)
    rita.goto(f"/cases/{case.pk}/")
    assert "<svg onload=" in rita.locator("main").inner_text()
    assert dialogs == []
    assert alice.errors == [] and rita.errors == []
