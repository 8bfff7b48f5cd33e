"""Live mode, hostile case text and other clinicians' sessions, in a real browser."""

from __future__ import annotations

import pytest

from diagnosis.models import DiagnosticSession, SessionStatus, Turn
from diagnosis.sessions import services
from tests.browser.pages import start_simulated, wait_final
from tests.factories import CaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

HOSTILE_TITLE = "Fever <script>window.__xss = 'title'</script> case"
HOSTILE_TEXT = (
    "Fever and rash <img src=x onerror=\"window.__xss='img'\"> "
    "<script>window.__xss='text'</script> since Monday."
)


def test_live_mode_accepting_an_order_and_entering_a_result_moves_the_differential(
    open_page, people
):
    page = open_page(people["alice"])
    page.get_by_role("link", name="Live patient", exact=True).click()
    page.get_by_label("Presentation").fill("Tired for three months, breathless on stairs, pale.")
    page.get_by_label("Policy").select_option(label="scripted")
    page.get_by_role("button", name="Start live session").click()
    form = page.locator("#turn-0-live form")
    form.wait_for(timeout=30_000)
    before = page.locator("#turn-0-differential .hyp").first.inner_text()

    cbc = form.locator("fieldset.order-row", has_text="Complete blood count")
    cbc.get_by_label("Accept").check()
    cbc.get_by_label("Result for Complete blood count").fill("Hb 90 g/L, MCV 70 fL")
    other = form.locator("fieldset.order-row", has_text="Unobtainium level")
    other.get_by_label("Reject").check()
    assert not other.get_by_label("Result for Unobtainium level").is_visible()
    form.get_by_role("button", name="Add another finding").click()
    form.locator('input[name="extra-1-test"]').fill("Koilonychia")
    form.locator('input[name="extra-1-result"]').fill("present on both hands")
    # Nothing has gone to the policy yet.
    assert page.locator("#turn-1").count() == 0
    assert not Turn.objects.filter(index=1).exists()

    form.get_by_role("button", name="Submit results").click()
    page.wait_for_selector('#turn-1-differential[data-stage="final"] .hyp', timeout=30_000)
    after = page.locator("#turn-1-differential .hyp").first.inner_text()
    assert before != after  # the leading hypothesis' probability moved
    results = page.locator("#turn-0-results").inner_text()
    assert "Hb 90 g/L, MCV 70 fL" in results and "Koilonychia" in results
    assert "Unobtainium" not in results  # rejected: never sent
    assert page.locator("#turn-0-live form").count() == 0
    wait_final(page)
    turn = Turn.objects.get(index=0)
    assert [o["order"] for o in turn.observations] == ["Complete blood count", "Koilonychia"]
    assert {o["source"] for o in turn.observations} == {"clinician"}


def test_hostile_case_text_stays_inert_on_every_page(open_page, people):
    case = CaseFactory(title=HOSTILE_TITLE, initial_presentation=HOSTILE_TEXT)
    page = open_page(people["alice"])
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto("/cases/?q=Fever")
    assert page.get_by_text(
        "<script>window.__xss = 'title'</script>", exact=False
    ).first.is_visible()
    start_simulated(page, case, "echo")  # the policy writes the same text back as model output
    wait_final(page)
    assert page.evaluate("window.__xss") is None
    assert page.locator("img").count() == 0
    assert page.locator("#turns script, #final script, #session-body script").count() == 0
    assert "<img src=x onerror=" in page.locator("#turn-0-reasoning").inner_text()
    assert "<img src=x onerror=" in page.locator("#turn-0-differential").inner_text()
    assert "<img src=x onerror=" in page.locator("#final").inner_text()
    for path in ("/", f"/cases/{case.pk}/", page.url):
        page.goto(path)
        assert page.evaluate("window.__xss") is None
        assert page.locator("img").count() == 0
    assert dialogs == []
    assert page.errors == []


def test_a_clinician_opening_another_clinicians_session_gets_404(open_page, people, no_local_turns):
    session = services.session_start(
        owner=people["bob"], mode="simulated", policy="scripted", case=CaseFactory()
    )
    page = open_page(people["alice"])
    response = page.goto(f"/sessions/{session.public_id}/")
    assert response.status == 404
    assert session.title not in page.content()
    # The socket is refused at the handshake (the browser reports 1006) and carries nothing.
    refused = page.evaluate(
        """(id) => new Promise(resolve => {
        const ws = new WebSocket(`ws://${location.host}/ws/sessions/${id}/?format=html&last_seq=0`);
        let frames = 0;
        ws.onmessage = () => { frames += 1; };
        ws.onclose = e => resolve({code: e.code, frames: frames});
    })""",
        str(session.public_id),
    )
    assert refused["frames"] == 0 and refused["code"] != 1000
    # A reviewer may read it, and gets no buttons to act on it.
    reviewer = open_page(people["rita"])
    assert reviewer.goto(f"/sessions/{session.public_id}/").status == 200
    assert reviewer.locator("#session-controls button:visible").count() == 0
    assert DiagnosticSession.objects.get(pk=session.pk).status == SessionStatus.ACTIVE
