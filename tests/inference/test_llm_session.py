"""Sessions on the LLM policy (the suite's synchronous dispatch): accounting, and a model server
that goes away."""

from __future__ import annotations

import pytest

from diagnosis.models import DiagnosticSession, SessionStatus, TurnStatus
from diagnosis.sessions import services
from diagnosis.sessions.events import chain_verify
from inference.jobs.bench.standin_server import StandinConfig, StandinServer
from inference.serving.pool import close_pools
from tests.workers import free_port

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def standin(settings):  # type: ignore[no-untyped-def]
    server = StandinServer(
        free_port(), StandinConfig(ttft_ms=20, tokens_per_s=150, tokens=30)
    ).start()
    settings.VLLM_ENDPOINTS, settings.VLLM_MODEL, settings.VLLM_PROFILE = (
        [server.url],
        "standin",
        "json-schema",
    )
    settings.VLLM_RETRY_BACKOFF = 0.01
    settings.VLLM_MAX_ATTEMPTS = 2
    yield server
    server.stop()
    close_pools()


def _status(session: DiagnosticSession) -> str:
    return DiagnosticSession.objects.get(pk=session.pk).status


def test_a_simulated_session_runs_on_the_llm_policy_and_records_each_call(
    personas, case, standin, settings
):
    settings.MEDACTION_PARTIAL_PERSIST_MS = 0  # log every streamed partial, to see how they grow
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="llm", case=case
    )
    assert _status(session) == SessionStatus.COMPLETED
    first, second = session.turns.order_by("index")
    assert (
        first.decision["action"]["type"] == "order_tests"
        and second.decision["action"]["type"] == "final_diagnosis"
    )
    assert first.observations[0]["status"] == "answered"  # the orders were answered from the case
    for turn, sent in zip((first, second), standin.config.usage_sent, strict=True):
        assert turn.model_name == "standin" and turn.endpoint == standin.url
        assert turn.prompt_tokens == 50 and turn.completion_tokens == sent
        assert (
            turn.parameters["constraint"] == "response_format" and turn.parameters["attempts"] == 1
        )
        assert 20 <= turn.ttft_ms < turn.latency_ms
    partials = [e.payload["partial"] for e in session.events.filter(kind="turn.partial")]
    assert any(len(p.get("differential", [])) == 1 for p in partials)
    assert chain_verify(session).ok


def test_a_model_server_that_is_down_fails_the_turn_retryably_and_a_retry_succeeds_once_it_is_back(
    personas, case, standin
):
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="llm", case=case, step_mode=True
    )
    assert _status(session) == SessionStatus.PAUSED
    port = int(standin.url.rsplit(":", 1)[1])
    standin.stop()  # the server goes away between turns
    services.session_resume(session=session, step=True)
    assert session.turns.get(index=1).status == TurnStatus.FAILED
    failed = session.turns.get(index=1)
    assert failed.retryable and "cannot be reached" in failed.error and "retry" in failed.error
    assert _status(session) == SessionStatus.ACTIVE  # the session is intact
    assert session.turns.get(index=0).status == TurnStatus.COMPLETED  # and so are earlier turns
    assert session.events.filter(kind="turn.failed", payload__retryable=True).count() == 1

    back = StandinServer(port, StandinConfig(ttft_ms=20, tokens_per_s=150, tokens=30)).start()
    try:
        services.turn_retry(session=DiagnosticSession.objects.get(pk=session.pk))
        assert _status(session) == SessionStatus.COMPLETED
    finally:
        back.stop()
    retried = session.turns.get(index=1)
    assert retried.status == TurnStatus.COMPLETED and retried.attempts == 2 and retried.error == ""
    assert chain_verify(DiagnosticSession.objects.get(pk=session.pk)).ok


def test_a_model_server_that_does_not_answer_in_time_fails_the_turn_retryably(
    personas, case, standin, settings
):
    settings.VLLM_FIRST_TOKEN_TIMEOUT = 0.3
    standin.config.default_mode = "stall"
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="llm", case=case
    )
    assert session.turns.get(index=0).status == TurnStatus.FAILED
    turn = session.turns.get(index=0)
    assert turn.retryable and "no first token within 0.3 s" in turn.error
    assert turn.parameters["attempts"] == 2  # retried once before giving up
    standin.config.default_mode = "ok"
    services.turn_retry(session=DiagnosticSession.objects.get(pk=session.pk))
    assert _status(session) == SessionStatus.COMPLETED


def test_a_cut_off_answer_is_shown_as_a_failed_turn_with_its_raw_text(personas, case, standin):
    standin.config.script.append("truncate")
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="llm", case=case
    )
    assert session.turns.get(index=0).status == TurnStatus.FAILED
    turn = session.turns.get(index=0)
    assert "cut off" in turn.error and turn.raw_output.startswith('{"reasoning"')
    assert turn.completion_tokens > 0 and turn.model_name == "standin"
    assert _status(session) == SessionStatus.ACTIVE
