"""Bad input from outside gets a short, clear 4xx, never a 500 or a dropped connection: a NUL
character in any text a user sends, and a query string of hundreds of kilobytes (through Django
and through a real daphne server)."""

from __future__ import annotations

import socket

import pytest
from django.urls import reverse

from diagnosis.models import DiagnosticSession, SessionStatus, Turn
from diagnosis.web.forms import LiveResultsError, parse_live_results
from tests.factories import CaseFactory
from tests.helpers import awaiting_live_session
from tests.web.test_views import HTMX, _as

NUL = "\x00"


@pytest.fixture(autouse=True)
def _no_turns_run(settings):  # type: ignore[no-untyped-def]
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"


LIVE_FIELDS = ["extra-0-test", "extra-0-result", "proposed-0-result", "proposed-0-edited"]


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
@pytest.mark.parametrize("field", LIVE_FIELDS)
def test_a_nul_in_live_results_is_a_400_and_writes_nothing(client, personas, field, htmx):
    session = awaiting_live_session(personas["owner"])
    data = {
        "turn": "0",
        "proposed-0-test": "Complete blood count",
        "proposed-0-decision": "edit" if field == "proposed-0-edited" else "accept",
        "proposed-0-edited": "Full blood count",
        "proposed-0-result": "Hb 90 g/L",
        "extra-0-test": "Koilonychia",
        "extra-0-result": "present",
    }
    data[field] = f"{data[field][:3]}{NUL}{data[field][3:]}"
    response = _as(client, personas["owner"]).post(
        reverse("live_results", args=[session.public_id]), data, **(HTMX if htmx else {})
    )
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()
    assert not Turn.objects.filter(session=session, index=1).exists()
    assert DiagnosticSession.objects.get(pk=session.pk).status == SessionStatus.AWAITING_CLINICIAN


def test_the_live_results_parser_refuses_a_nul_itself():
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data.update({"extra-0-test": f"Koil{NUL}onychia", "extra-0-result": "present"})
    with pytest.raises(LiveResultsError, match="NUL character"):
        parse_live_results(data)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field", ["live_title", "live_demographics", "live_presentation", "policy", "mode"]
)
def test_a_nul_in_the_start_form_is_a_400_and_starts_nothing(client, personas, field):
    data = {
        "mode": "live",
        "policy": "scripted",
        "live_title": "Bed 4",
        "live_demographics": "58-year-old man",
        "live_presentation": "Chest pain for two hours.",
    }
    data[field] += NUL
    response = _as(client, personas["owner"]).post(reverse("session_start"), data)
    assert response.status_code == 400
    assert not DiagnosticSession.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/cases/", "/", "/admin/diagnosis/case/", "/accounts/login/", "/healthz"]
)
def test_a_nul_in_a_query_is_a_400(client, personas, path):
    CaseFactory(title="Pale and tired")
    client.force_login(personas["curator"])
    response = client.get(path, {"q": f"pale{NUL}"})
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()
    assert client.get("/cases/", {"q": "pale"}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/cases/", "/admin/", "/accounts/login/", "/healthz", "/no-such-page"]
)
def test_a_query_string_over_8_kb_is_a_short_414_on_every_page(client, personas, path):
    client.force_login(personas["owner"])
    response = client.get(f"{path}?q={'a' * 300_000}")
    assert response.status_code == 414
    assert response["Content-Type"].startswith("text/plain")
    assert len(response.content) < 200 and b"too long" in response.content
    assert client.get(f"/healthz?q={'a' * 8000}").status_code == 200


def _raw_get(base: str, target: str) -> bytes:
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=20) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_real_server_answers_a_huge_query_string_with_414():
    """Daphne's Twisted drops a request line over 16 KB unanswered unless told otherwise."""
    from tests.workers import asgi_server

    with asgi_server() as base:
        assert _raw_get(base, "/healthz").startswith(b"HTTP/1.1 200")
        for size in (9_000, 20_000, 300_000):
            answer = _raw_get(base, f"/healthz?q={'a' * size}")
            assert answer.startswith(b"HTTP/1.1 414"), (size, answer[:200])
            assert b"too long" in answer.split(b"\r\n\r\n", 1)[1]
        assert _raw_get(base, f"/healthz?q=a{'%00'}").startswith(b"HTTP/1.1 400")
