"""The reviewer's workflow in Chromium: rating a turn on the session page and seeing it with the
agreement, comparing two runs of a case, and markup in review notes and case text staying inert
on the session page, the review queue and the compare view."""

from __future__ import annotations

import pytest

from diagnosis.models import DiagnosticSession
from diagnosis.reviews.models import TurnReview
from diagnosis.reviews.selectors import agreement_for_session
from tests.browser.pages import UNLABELLED_CONTROLS, start_simulated, wait_final
from tests.factories import CaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PAYLOADS = (
    "<script>window.__xss=1</script>"
    "<img src=x onerror=\"window.__xss='img'\">"
    "<svg onload=\"window.__xss='svg'\"><circle r=1></circle></svg>"
)
INJECTED = "[onerror], [onload], main script, main img[src='x']"


def _run(page, case, policy: str) -> DiagnosticSession:  # type: ignore[no-untyped-def]
    start_simulated(page, case, policy)
    wait_final(page)
    public_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    return DiagnosticSession.objects.get(public_id=public_id)


def _panel(page):  # type: ignore[no-untyped-def]
    """The review panel, once htmx has loaded it into the session page."""
    page.wait_for_selector('#reviews[data-loaded="true"]')
    return page.locator("#reviews")


def _inert(page) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("typeof window.__xss") == "undefined", page.url
    assert page.locator(INJECTED).count() == 0, page.url


def test_a_reviewer_rates_a_turn_and_sees_it_beside_the_machine_flags_with_agreement(
    open_page, people
):
    alice = open_page(people["alice"])
    session = _run(alice, CaseFactory(), "scripted")

    rita = open_page(people["rita"])
    rita.goto(f"/sessions/{session.public_id}/")
    panel = _panel(rita)
    turn = panel.locator("#review-turn-0")
    assert turn.locator(".review-machine").inner_text().strip() != ""
    assert rita.evaluate(UNLABELLED_CONTROLS) == []
    turn.get_by_label("Differential (1 poor – 5 excellent)").select_option("4")
    turn.get_by_label("Orders (1 poor – 5 excellent)").select_option("2")
    turn.get_by_label("Ungrounded order").check()
    turn.get_by_label("Premature closure").check()
    turn.get_by_label("Note").fill("Unobtainium is not a test; the CBC was right.")
    turn.get_by_role("button", name="Add review").click()

    review = rita.locator("#review-turn-0 .review").first
    review.wait_for(timeout=10_000)
    assert "Unobtainium is not a test" in review.inner_text()
    assert review.locator('[data-rating="differential"]').inner_text() == "4/5"
    assert review.locator('[data-tick="premature_closure"]').count() == 1
    stored = TurnReview.objects.get()
    assert (stored.author_id, stored.differential_rating) == (people["rita"].pk, 4)
    # The agreement the page shows is the one the selector computes.
    expected = agreement_for_session(session)["kinds"]["ungrounded_order"]
    row = rita.locator('#reviews tr[data-kind="ungrounded-order"]')
    assert row.locator(".agreement-percent").inner_text() == f"{expected['percent_agreement']}%"
    assert expected["n"] == 1
    assert rita.url.endswith(f"/sessions/{session.public_id}/")  # stayed on the session page

    # A second look supersedes the first for display; the first stays, folded away.
    turn = rita.locator("#review-turn-0")
    turn.get_by_label("Differential (1 poor – 5 excellent)").select_option("2")
    turn.get_by_role("button", name="Add review").click()
    rita.locator("#review-turn-0 .review-history").wait_for(timeout=10_000)
    assert TurnReview.objects.count() == 2

    # Bad input is refused with a reason in the form, and nothing is written.
    turn = rita.locator("#review-turn-0")
    turn.get_by_label("Differential (1 poor – 5 excellent)").select_option("3")
    rita.evaluate("document.querySelector('#review-0-note').removeAttribute('maxlength')")
    turn.get_by_label("Note").fill("x" * 2001)
    turn.get_by_role("button", name="Add review").click()
    turn.locator("[data-error-slot]").get_by_text("at most 2000").wait_for(timeout=10_000)
    assert TurnReview.objects.count() == 2

    # The clinician sees the review of her session, read-only.
    alice.goto(f"/sessions/{session.public_id}/")
    panel = _panel(alice)
    assert "Unobtainium is not a test" in (panel.text_content() or "")  # the earlier review
    assert panel.locator("form.review-form").count() == 0
    assert alice.errors == [] and rita.errors == []


def test_compare_from_the_session_page_highlights_the_turn_that_differs(open_page, people):
    case = CaseFactory()
    alice = open_page(people["alice"])
    first = _run(alice, case, "scripted")
    second = _run(alice, case, "echo")  # another policy: another differential from turn 1

    alice.goto(f"/sessions/{first.public_id}/")
    panel = _panel(alice)
    panel.get_by_label("Compare with…").select_option(str(second.public_id))
    panel.get_by_role("button", name="Compare").click()
    alice.wait_for_url("**/compare/?with=*")
    differing = alice.locator("#compare-turn-0")
    assert differing.get_attribute("data-differs") == "true"
    cell = differing.locator('tr[data-aspect="differential"] td').first
    colour = cell.evaluate("el => getComputedStyle(el).backgroundColor")
    same = alice.locator('tr[data-summary="case_version"]')
    assert same.get_attribute("data-differs") == "false"  # one case version on both sides
    assert colour != same.locator("td").first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert "Iron deficiency anaemia" in differing.inner_text()
    assert alice.locator('tr[data-summary="policy"]').get_attribute("data-differs") == "true"
    alice.set_viewport_size({"width": 768, "height": 1024})  # a tablet: nothing scrolls sideways
    assert not alice.evaluate("() => document.documentElement.scrollWidth > innerWidth + 1")
    assert alice.evaluate(UNLABELLED_CONTROLS) == []

    other_case = _run(alice, CaseFactory(), "scripted")
    response = alice.goto(f"/sessions/{first.public_id}/compare/?with={other_case.public_id}")
    assert response is not None and response.status == 400
    assert "ran different cases" in alice.locator("#compare-error").inner_text()
    assert alice.errors == []


def test_markup_in_review_notes_and_case_text_stays_inert_on_session_queue_and_compare(
    open_page, people
):
    case = CaseFactory(
        title=f"Rash {PAYLOADS} case",
        initial_presentation=f"Fever and rash {PAYLOADS} since Monday.",
    )
    alice = open_page(people["alice"])
    dialogs: list[str] = []
    alice.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    first = _run(alice, case, "echo")  # the policy writes the case text back as model output
    second = _run(alice, case, "scripted")

    rita = open_page(people["rita"])
    rita.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    rita.goto(f"/sessions/{first.public_id}/")
    turn = _panel(rita).locator("#review-turn-0")
    turn.get_by_label("Differential (1 poor – 5 excellent)").select_option("1")
    turn.get_by_label("Note").fill(f"Look: {PAYLOADS}")
    turn.get_by_role("button", name="Add review").click()
    note = rita.locator("#review-turn-0 .review-note")
    note.wait_for(timeout=10_000)
    assert "<svg onload=" in note.inner_text()  # shown as text
    _inert(rita)

    pages = (
        f"/sessions/{first.public_id}/",
        f"/sessions/{first.public_id}/reviews/",
        "/reviews/queue/?reviewed=on",
        f"/sessions/{first.public_id}/compare/?with={second.public_id}",
        f"/sessions/{second.public_id}/compare/?with={first.public_id}",
    )
    for who in (rita, alice):
        for path in pages:
            if path.startswith("/reviews/") and who is alice:
                continue  # the queue is for reviewers
            who.goto(path)
            if "/compare/" not in path and "/queue/" not in path:
                _panel(who)
            _inert(who)
    rita.goto("/reviews/queue/?reviewed=on")
    assert "<svg onload=" in rita.locator("table.queue").inner_text()
    rita.goto(f"/sessions/{first.public_id}/compare/?with={second.public_id}")
    assert "<svg onload=" in rita.locator("#compare-turn-0").inner_text()
    assert dialogs == []
    assert alice.errors == [] and rita.errors == []
