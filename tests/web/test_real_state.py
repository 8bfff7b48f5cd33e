"""The product shows its real state: LLM policies are offered only while a model server answers
(else shown unavailable, with the reason), and a session whose only turn failed says so."""

from __future__ import annotations

import re
import socket

import pytest
from django.urls import reverse

from diagnosis.models import SessionEvent
from diagnosis.sessions import services
from diagnosis.web.fragments import render_events_html
from inference.jobs.bench.standin_server import StandinConfig, StandinServer
from inference.policies import registry
from inference.serving.pool import close_pools
from tests.workers import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinician(client, make_user, settings):
    client.force_login(make_user("alice", "clinician"))
    yield client
    registry.model_servers_forget()  # the next test may reuse the port for another server
    close_pools()


def _offered(page: str) -> set[str]:
    select = re.search(r'<select name="policy".*?</select>', page, re.S)
    assert select, page[:400]
    return set(re.findall(r'<option value="([^"]+)"', select.group(0)))


def _help_item(page: str, label_start: str) -> str:
    for item in re.findall(r"<li[^>]*>.*?</li>", page, re.S):
        if f"<strong>{label_start}" in item:
            return item
    raise AssertionError(f"no policy help for {label_start!r}")


def test_llm_policies_are_unavailable_with_the_reason_while_no_model_server_answers(
    clinician, settings
):
    settings.VLLM_ENDPOINTS = [f"http://127.0.0.1:{free_port()}"]  # nothing listens there
    page = clinician.get(reverse("session_new")).content.decode()
    offered = _offered(page)
    assert "kg" in offered
    assert not any(key.startswith("llm") for key in offered)
    item = _help_item(page, "LLM")
    assert "not available now" in item and "No model server answers" in item


def test_a_model_server_that_hangs_is_not_waited_for(clinician, settings):
    with socket.socket() as silent:  # accepts connections (backlog), never answers
        silent.bind(("127.0.0.1", free_port()))
        silent.listen(8)
        port = silent.getsockname()[1]
        settings.VLLM_ENDPOINTS = [f"http://127.0.0.1:{port}"]
        page = clinician.get(reverse("session_new")).content.decode()
    assert not any(key.startswith("llm") for key in _offered(page))
    assert "did not answer within 1 s" in _help_item(page, "LLM")


def test_llm_policies_are_offered_while_a_model_server_answers(clinician, settings, monkeypatch):
    monkeypatch.setattr(registry, "HEALTH_WAIT_SECONDS", 15.0)  # a loaded test machine is slow
    server = StandinServer(free_port(), StandinConfig(ttft_ms=5, tokens=5)).start()
    try:
        settings.VLLM_ENDPOINTS, settings.VLLM_MODEL = [server.url], "standin"
        page = clinician.get(reverse("session_new")).content.decode()
    finally:
        server.stop()
    assert "llm" in _offered(page)


def _badge(html: str) -> str:
    match = re.search(r'<span id="session-status"[^>]*>(.*?)</span>', html, re.S)
    assert match, html[:400]
    return match.group(1)


def test_a_session_whose_only_turn_failed_says_turn_failed_not_running(
    client, personas, case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the turn runs, and fails
        session = services.session_start(
            owner=personas["owner"], mode="simulated", policy="failing", case=case
        )
    session.refresh_from_db()
    assert session.status == "active"  # the row: the turn may be retried
    client.force_login(personas["owner"])
    page = client.get(reverse("session_detail", args=[session.public_id])).content.decode()
    assert _badge(page) == "Turn failed — retry?"

    failed = SessionEvent.objects.filter(session=session, kind="turn.failed").last()
    live = render_events_html(session, [failed.as_wire()])
    assert _badge(live) == "Turn failed — retry?"  # the live page changes its badge too
