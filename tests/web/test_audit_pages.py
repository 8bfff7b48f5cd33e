"""Auditor pages: export from the session page, the verify page, the audit log, and the PDF."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse

from diagnosis.audit.models import AuditLogEntry
from tests.audit.conftest import finished_session, signing_key  # noqa: F401

PAYLOADS = (
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(2)>",
)


# The audit room's fixtures: the graph loaded first, a key of the test's own, a finished session.
finished = finished_session


def export_url(session, fmt: str) -> str:  # type: ignore[no-untyped-def]
    return reverse("session_export", args=[session.public_id, fmt])


@pytest.mark.django_db
def test_the_session_page_offers_exports_to_auditors_only(client, personas, finished):
    url = reverse("session_detail", args=[finished.public_id])
    client.force_login(personas["auditor"])
    page = client.get(url).content.decode()
    assert export_url(finished, "json") in page and export_url(finished, "pdf") in page
    for persona in ("owner", "reviewer"):
        client.force_login(personas[persona])
        assert export_url(finished, "json") not in client.get(url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["owner", "other_clinician", "reviewer", "curator"])
def test_non_auditors_get_403_and_nothing_is_logged(client, personas, finished, persona):
    client.force_login(personas[persona])
    for fmt in ("json", "jsonl", "pdf"):
        assert client.get(export_url(finished, fmt)).status_code == 403
    assert client.get(reverse("audit_verify")).status_code == 403
    assert client.post(reverse("audit_verify")).status_code == 403
    response = client.get(reverse("audit_log"))
    assert response.status_code == 403 and str(finished.public_id) not in response.content.decode()
    assert not AuditLogEntry.objects.exists()


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_sign_in(client, finished):
    response = client.get(export_url(finished, "json"))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.django_db
def test_an_auditor_exports_and_verifies_on_the_page(client, personas, finished):
    client.force_login(personas["auditor"])
    response = client.get(export_url(finished, "jsonl"))
    assert response.status_code == 200 and response["Content-Type"] == "application/x-ndjson"
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    upload = io.BytesIO(body)
    upload.name = "t.jsonl"
    page = client.post(reverse("audit_verify"), {"transcript": upload})
    assert page.status_code == 200
    text = page.content.decode()
    assert f"intact, {finished.last_seq} events, head {finished.last_hash}" in text
    lines = body.decode().splitlines()
    event = json.loads(lines[3])
    event["payload"] = {"changed": True}
    lines[3] = json.dumps(event)
    upload = io.BytesIO("\n".join(lines).encode())
    upload.name = "t.jsonl"
    text = client.post(reverse("audit_verify"), {"transcript": upload}).content.decode()
    assert "TAMPERED at seq 3" in text
    actions = list(AuditLogEntry.objects.order_by("id").values_list("action", "ok", "via"))
    assert actions == [("export", True, "web"), ("verify", True, "web"), ("verify", False, "web")]
    log = client.get(reverse("audit_log")).content.decode()
    assert "TAMPERED at seq 3" in log and personas["auditor"].username in log


@pytest.mark.django_db
def test_the_verify_page_pins_an_uploaded_public_key(client, personas, finished, signing_key):  # noqa: F811
    client.force_login(personas["auditor"])
    body = b"".join(client.get(export_url(finished, "json")).streaming_content)
    upload, key = io.BytesIO(body), io.BytesIO(open(f"{signing_key}.pub", "rb").read())
    upload.name, key.name = "t.json", "k.pub"
    text = client.post(reverse("audit_verify"), {"transcript": upload, "public_key": key})
    assert "key" in text.content.decode() and "not pinned" not in text.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\xff\xfe junk",
        b"not json at all",
        b'{"format": "something else"}',
        b"[1,2]",
        b"[" * 100000,
    ],
)
def test_junk_on_the_verify_page_is_a_clear_400(client, personas, content):
    client.force_login(personas["auditor"])
    upload = io.BytesIO(content)
    upload.name = "junk.json"
    response = client.post(reverse("audit_verify"), {"transcript": upload})
    assert response.status_code == 400
    assert 'id="verify-error"' in response.content.decode()


@pytest.mark.django_db
def test_the_verify_page_refuses_a_file_over_the_limit(client, personas, settings):
    settings.MEDACTION_VERIFY_MAX_BYTES = 1024
    client.force_login(personas["auditor"])
    upload = io.BytesIO(b" " * 4096)
    upload.name = "big.json"
    response = client.post(reverse("audit_verify"), {"transcript": upload})
    assert response.status_code == 400 and "limit" in response.content.decode()


@pytest.mark.django_db
def test_the_pdf_is_a_transcript_with_the_signed_head_on_every_page(
    client, personas, django_capture_on_commit_callbacks
):
    from pypdf import PdfReader

    from diagnosis.sessions import services
    from tests.factories import CaseFactory

    long_story = " ".join(f"Day {i}: tired, breathless on the stairs, pale." for i in range(300))
    case = CaseFactory(initial_presentation=long_story)  # several pages of presentation
    with django_capture_on_commit_callbacks(execute=True):
        finished = services.session_start(
            owner=personas["owner"], mode="simulated", policy="scripted", case=case
        )
    finished.refresh_from_db()
    client.force_login(personas["auditor"])
    response = client.get(export_url(finished, "pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 3
    full = " ".join(pages)
    assert finished.title in full and "Complete blood count" in full
    assert finished.final_diagnosis in full and "Differential" in full
    for text in pages:
        flat = text.replace("\n", " ")
        assert "Chain head" in flat and "verify_transcript" in flat
        assert finished.last_hash[:16] in flat.replace(" ", "")
    assert AuditLogEntry.objects.get().format == "pdf"


@pytest.mark.django_db
def test_script_img_and_svg_payloads_are_escaped_in_the_pdf_html(
    personas, django_capture_on_commit_callbacks
):
    from diagnosis.models import TestMenuItem
    from diagnosis.sessions import services
    from diagnosis.web.audit_pdf import transcript_html
    from tests.factories import CaseFactory

    case = CaseFactory(title="XSS " + PAYLOADS[2], initial_presentation=" ".join(PAYLOADS))
    TestMenuItem.objects.filter(case=case, name="Complete blood count").update(
        result="Hb 92 " + " ".join(PAYLOADS)
    )
    with django_capture_on_commit_callbacks(execute=True):
        session = services.session_start(
            owner=personas["owner"], mode="simulated", policy="scripted", case=case
        )
    html = transcript_html(session, exported_by="audrey")
    for payload in PAYLOADS:
        assert payload not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;svg onload=alert(2)&gt;" in html
    assert html.count("Hb 92 &lt;script&gt;") >= 1  # the result, escaped, is there


@pytest.mark.django_db
def test_a_superuser_may_export_and_verify(client, django_user_model, finished):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 12)
    client.force_login(admin)
    response = client.get(export_url(finished, "json"))
    assert response.status_code == 200
    upload = io.BytesIO(b"".join(response.streaming_content))
    upload.name = "t.json"
    text = client.post(reverse("audit_verify"), {"transcript": upload}).content.decode()
    assert f"intact, {finished.last_seq} events" in text
    assert AuditLogEntry.objects.filter(actor="root").count() == 2
