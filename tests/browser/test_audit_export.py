"""An auditor exports a transcript from the session page and verifies the file on the verify
page, in a real browser; a tampered copy is caught there too."""

from __future__ import annotations

import json

import pytest

from diagnosis.audit.models import AuditLogEntry
from tests.factories import CaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_an_auditor_exports_from_the_session_page_and_verifies_the_file(
    open_page, people, make_user, settings, server_signing_key, tmp_path
):
    from diagnosis.sessions import services

    settings.MEDACTION_SIGNING_KEY_FILE = server_signing_key  # checkpoints signed as the server
    settings.MEDACTION_SIGNING_KEY_GENERATE = False
    auditor = make_user("audrey", "auditor")
    session = services.session_start(  # runs to its end here (the suite's SyncDispatcher)
        owner=people["alice"], mode="simulated", policy="scripted", case=CaseFactory()
    )
    session.refresh_from_db()
    assert session.status == "completed"

    page = open_page(auditor)
    page.goto(f"/sessions/{session.public_id}/")
    links = page.locator("#export-links")
    assert links.is_visible()
    with page.expect_download() as download:
        links.get_by_role("link", name="JSON", exact=True).click()
    path = tmp_path / "transcript.json"
    download.value.save_as(path)
    doc = json.loads(path.read_text())
    assert doc["chain"]["head"] == session.last_hash

    links.get_by_role("link", name="Verify a file").click()
    page.wait_for_url("**/audit/verify/")
    page.set_input_files("#id_transcript", str(path))
    page.get_by_role("button", name="Verify").click()
    summary = page.locator("#verify-summary")
    summary.wait_for()
    assert f"intact, {session.last_seq} events, head {session.last_hash}" in summary.inner_text()

    doc["events"][2]["payload"] = {"edited": True}
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(doc))
    page.set_input_files("#id_transcript", str(tampered))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_selector("#verify-result.verify-bad")
    assert "TAMPERED at seq 3" in page.locator("#verify-summary").inner_text()

    page.get_by_role("link", name="Audit log").first.click()
    rows = page.locator("#audit-log tbody tr")
    assert rows.count() == 3
    assert list(AuditLogEntry.objects.order_by("id").values_list("action", "ok")) == [
        ("export", True),
        ("verify", True),
        ("verify", False),
    ]
    assert page.errors == []  # type: ignore[attr-defined]


def test_a_clinician_sees_no_export_and_is_refused(open_page, people, no_local_turns):
    from diagnosis.sessions import services

    session = services.session_start(
        owner=people["alice"], mode="simulated", policy="scripted", case=CaseFactory()
    )
    page = open_page(people["alice"])
    page.goto(f"/sessions/{session.public_id}/")
    assert page.locator("#export-links").count() == 0
    response = page.goto(f"/sessions/{session.public_id}/export.json")
    assert response is not None and response.status == 403
