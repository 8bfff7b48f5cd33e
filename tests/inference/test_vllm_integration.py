"""A simulated session through the production path against a REAL vLLM server.

Celery worker (subprocess, Redis broker) → vLLM (VLLM_TEST_ENDPOINT serving VLLM_TEST_MODEL,
SmolLM2-135M in CI: .ci/vllm-setup.sh, docker/vllm-serve.sh) → events in Postgres → channel layer →
Daphne → a WebSocket client. The 135M model's medicine is meaningless: this proves transport,
streaming, schema handling and token accounting.
"""

from __future__ import annotations

import json
import os
import time

import httpx
import pytest
from django.test import Client

from diagnosis.models import DiagnosticSession, SessionStatus
from diagnosis.protocol import TurnDecision
from diagnosis.sessions import services
from diagnosis.sessions.runner import context_for_turn
from inference.serving.pool import close_pools
from inference.serving.profiles import get_profile
from tests.workers import asgi_server, celery_worker, purge_broker

ENDPOINT = os.environ.get("VLLM_TEST_ENDPOINT", "").rstrip("/")
MODEL = os.environ.get("VLLM_TEST_MODEL", "smollm2-135m")

pytestmark = [
    pytest.mark.vllm,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not ENDPOINT,
        reason=(
            "needs VLLM_TEST_ENDPOINT "
            "(a vLLM server: .ci/vllm-setup.sh && docker/vllm-serve.sh --detach)"
        ),
    ),
]


def _env() -> dict[str, str]:
    # CPU inference is slow and the first request compiles the schema grammar: generous timeouts.
    return {
        "VLLM_ENDPOINTS": ENDPOINT,
        "VLLM_MODEL": MODEL,
        "VLLM_PROFILE": "smollm2",
        "VLLM_FIRST_TOKEN_TIMEOUT": "120",
        "VLLM_TOTAL_TIMEOUT": "300",
    }


def _read_until_done(
    ws, deadline: float, progress: list[tuple[float, dict]]
) -> list[tuple[float, dict]]:  # type: ignore[no-untyped-def]
    """Logged events (returned) and transient progress frames (appended to `progress`), timed."""
    received: list[tuple[float, dict]] = []
    while time.monotonic() < deadline:
        try:
            message = json.loads(ws.recv(timeout=max(0.1, deadline - time.monotonic())))
        except TimeoutError:
            break
        if message.get("type") == "progress":
            progress.append((time.monotonic(), message))
            continue
        assert message.get("type") == "events", message
        for event in message["events"]:
            received.append((time.monotonic(), event))
            if event["kind"] in ("session.completed", "turn.failed"):
                return received
    return received


def test_a_simulated_session_streams_from_vllm_through_celery_to_a_websocket(
    personas, case, settings
):
    from websockets.sync.client import connect

    settings.VLLM_ENDPOINTS, settings.VLLM_MODEL, settings.VLLM_PROFILE = (
        [ENDPOINT],
        MODEL,
        "smollm2",
    )
    settings.MEDACTION_DISPATCHER = "inference.dispatch.CeleryDispatcher"
    owner = personas["owner"]
    browser = Client()
    browser.force_login(owner)
    cookie = f"sessionid={browser.cookies['sessionid'].value}"
    try:
        purge_broker()
        with asgi_server(_env()) as base:
            # The turn is queued before any worker runs, so the socket sees it stream live.
            session = services.session_start(
                owner=owner, mode="simulated", policy="llm:smollm2", case=case, max_turns=2
            )
            url = base.replace("http", "ws") + f"/ws/sessions/{session.public_id}/"
            with connect(url, additional_headers={"Cookie": cookie, "Origin": base}) as ws:
                with celery_worker(_env(), purge=False) as worker:
                    progress: list[tuple[float, dict]] = []
                    received = _read_until_done(ws, time.monotonic() + 240, progress)
                    log_tail = worker.output_tail(60)
    finally:
        close_pools()

    session = DiagnosticSession.objects.get(pk=session.pk)
    events = [e for _, e in received]
    kinds = [e["kind"] for e in events]
    failed = [e["payload"] for e in events if e["kind"] == "turn.failed"]
    assert not failed, f"a turn failed: {failed}\n{log_tail}"
    turns = list(session.turns.values("index", "status", "error", "attempts"))
    assert session.status == SessionStatus.COMPLETED and kinds[-1] == "session.completed", (
        kinds,
        turns,
        log_tail,
    )

    # The socket got every event of the log, once, in order.
    assert [e["seq"] for e in events] == list(
        session.events.order_by("seq").values_list("seq", flat=True)
    )

    # Partial decisions streamed while the model generated: several, spread over time, growing
    # (pushed as progress frames; about one a second of them is also in the log).
    turn0 = [(t, f) for t, f in progress if f["turn"] == 0]
    assert len(turn0) >= 3
    assert turn0[-1][0] - turn0[0][0] > 0.3
    completed_at = next(t for t, e in received if e["kind"] == "turn.completed")
    assert any(f["partial"].get("differential") for t, f in turn0 if t < completed_at)
    sizes = [len(json.dumps(f["partial"])) for _, f in turn0]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]
    logged = [e for _, e in received if e["kind"] == "turn.partial" and e["payload"]["turn"] == 0]
    assert 1 <= len(logged) <= len(turn0)

    for turn in session.turns.order_by("index"):
        # The stored decision is a TurnDecision and fits the (narrowed) schema vLLM was given.
        decision = TurnDecision.model_validate(turn.decision)
        assert len(decision.reasoning) <= 120 and 1 <= len(decision.differential) <= 2
        # Token accounting: the server's usage, consistent with the model's own tokenizer.
        assert turn.model_name == MODEL and turn.endpoint == ENDPOINT
        assert (
            "usage_estimated" not in turn.parameters
            and turn.parameters["constraint"] == "response_format"
        )
        assert 0 < turn.completion_tokens <= turn.parameters["max_tokens"]
        assert 0 < turn.ttft_ms < turn.latency_ms
        messages = get_profile("smollm2").messages(
            context_for_turn(turn), None
        )  # the template shows no schema
        counted = httpx.post(
            f"{ENDPOINT.removesuffix('/v1')}/tokenize",
            json={"model": MODEL, "messages": list(messages), "add_generation_prompt": True},
            timeout=30,
        ).json()["count"]
        assert turn.prompt_tokens == counted
        wire = next(
            e
            for e in events
            if e["kind"] == "turn.completed" and e["payload"]["turn"] == turn.index
        )
        assert wire["payload"]["prompt_tokens"] == turn.prompt_tokens
        assert wire["payload"]["completion_tokens"] == turn.completion_tokens


def test_an_answer_vllm_cuts_off_at_max_tokens_is_a_visible_failure_with_the_raw_text(settings):
    """finish_reason == "length" from the real server: a clear, recorded failure, never a
    decision."""
    from diagnosis.protocol import PolicyContext, PolicyError
    from inference.policies.llm import LLMPolicy

    settings.VLLM_ENDPOINTS, settings.VLLM_MODEL, settings.VLLM_PROFILE = (
        [ENDPOINT],
        MODEL,
        "smollm2",
    )
    settings.VLLM_MAX_TOKENS, settings.VLLM_FIRST_TOKEN_TIMEOUT, settings.VLLM_TOTAL_TIMEOUT = (
        16,
        120,
        300,
    )
    context = PolicyContext(
        session_id="vllm-truncation",
        turn_index=0,
        mode="simulated",
        presentation="Three months of fatigue and breathlessness; pale conjunctivae.",
    )
    try:
        with pytest.raises(PolicyError) as info:
            for _update in LLMPolicy().run(context):
                pass
    finally:
        close_pools()
    assert "cut off" in str(info.value) and "16 tokens" in str(info.value)
    assert info.value.raw_output.startswith("{")  # the schema-constrained text, kept as it came
    assert info.value.call is not None and info.value.call.completion_tokens == 16
