"""One swarm turn end to end against a REAL vLLM server (VLLM_TEST_ENDPOINT serving
VLLM_TEST_MODEL, SmolLM2-135M on CPU in CI): the panel's sub-agents are really in flight at the
same time, by the timings recorded for each call."""

from __future__ import annotations

import os

import pytest

from diagnosis.models import SubagentCall, SwarmRun
from diagnosis.sessions import services
from inference.serving.pool import close_pools

ENDPOINT = os.environ.get("VLLM_TEST_ENDPOINT", "").rstrip("/")
MODEL = os.environ.get("VLLM_TEST_MODEL", "smollm2-135m")

pytestmark = [
    pytest.mark.vllm,
    pytest.mark.postgres,
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


def test_a_swarm_turn_on_vllm_has_its_sub_agents_in_flight_at_once(personas, case, settings):
    settings.VLLM_ENDPOINTS, settings.VLLM_MODEL = [ENDPOINT], MODEL
    settings.VLLM_FIRST_TOKEN_TIMEOUT, settings.VLLM_TOTAL_TIMEOUT = 240.0, 300.0
    try:
        session = services.session_start(
            owner=personas["owner"],
            mode="simulated",
            policy="swarm:swarm-smollm2",
            case=case,
            max_turns=1,
        )
    finally:
        close_pools()
    turn = session.turns.get(index=0)
    assert turn.status == "completed", turn.error
    run = SwarmRun.objects.get(turn=turn)
    calls = list(SubagentCall.objects.filter(run=run, stage=1))
    assert len(calls) >= 4
    for c in calls:  # each recorded like a model call
        assert c.endpoint.rstrip("/").removesuffix("/v1") == ENDPOINT.removesuffix("/v1")
        assert c.model_name == MODEL and c.prompt_tokens > 0 and c.total_ms
        assert c.parameters["schema"].startswith("Swarm")
    # Every sub-agent was sent before any of them finished: one instant had them all in flight.
    assert max(c.started_ms for c in calls) < min(c.ended_ms for c in calls), [
        (c.role, c.started_ms, c.ended_ms) for c in calls
    ]
    # and the turn's critical path is shorter than the sum of its calls
    assert run.critical_path_ms < run.sequential_ms
    assert turn.parameters["critical_path_ms"] == run.critical_path_ms
