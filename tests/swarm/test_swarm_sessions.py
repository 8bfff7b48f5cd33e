"""Swarm sessions end to end (the suite's synchronous dispatch): the embedded KG swarm, and model
sub-agents on the stand-in server with failures staged per role."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from diagnosis.models import DiagnosticSession, SessionStatus, SubagentCall, SwarmRun
from diagnosis.sessions import services
from diagnosis.sessions.events import chain_verify
from inference.jobs.bench.standin_server import StandinConfig, StandinServer
from inference.serving.pool import close_pools
from inference.serving.profiles import BUILTIN_DIR, _load
from tests.workers import free_port

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_kg_swarm_session_records_every_sub_agent_and_shows_the_lanes(personas, case):
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="swarm-kg", case=case, max_turns=3
    )
    session.refresh_from_db()
    assert session.status == SessionStatus.COMPLETED
    first = session.turns.get(index=0)
    run = SwarmRun.objects.get(turn=first)
    calls = list(SubagentCall.objects.filter(run=run))
    roles = [c.role for c in calls]
    assert roles.count("advocate") >= 1 and {"test_chooser", "challenger", "steward"} <= set(roles)
    assert all(c.status == "ok" and c.model_name == "kg-swarm" for c in calls)
    assert run.critical_path_ms <= run.sequential_ms and run.wall_ms > 0
    assert first.parameters["subagents"] == len(calls)
    completed = session.events.get(kind="turn.completed", payload__turn=0).payload
    assert len(completed["swarm"]["lanes"]) == len(calls)
    assert chain_verify(session).ok

    client = Client()
    client.force_login(personas["owner"])
    page = client.get(f"/sessions/{session.public_id}/").content.decode()
    assert 'id="turn-0-swarm"' in page and page.count('class="swarm-lane"') >= len(calls)
    assert "Critical path" in page and "one after another" in page


@pytest.fixture
def standin(settings, tmp_path: Path):  # type: ignore[no-untyped-def]
    server = StandinServer(
        free_port(),
        StandinConfig(ttft_ms=30, tokens_per_s=400, tokens=8, finalise_after_first=False),
    ).start()
    # A profile like swarm-panel with a short sub-agent deadline (the stall must not take a minute).
    text = (BUILTIN_DIR / "swarm-panel.toml").read_text().replace("timeout_s = 60", "timeout_s = 2")
    (tmp_path / "swarm-fast.toml").write_text(text)
    settings.VLLM_PROFILE_DIRS = [tmp_path]
    settings.VLLM_ENDPOINTS, settings.VLLM_MODEL = [server.url], "standin"
    settings.VLLM_SWARM_PROFILE = "swarm-fast"
    settings.VLLM_RETRY_BACKOFF, settings.VLLM_MAX_ATTEMPTS = 0.01, 1
    _load.cache_clear()
    yield server
    server.stop()
    close_pools()
    _load.cache_clear()


def test_failing_sub_agents_are_recorded_and_shown_while_the_turn_goes_on(personas, case, standin):
    standin.config.schema_modes = {
        "SwarmTestChooser": "stall",  # never answers: dropped at its deadline
        "SwarmChallenger": "invalid",  # not JSON
        "SwarmSteward": "refuse",
    }
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="swarm", case=case, max_turns=1
    )
    turn = session.turns.get(index=0)
    assert turn.status == "completed", turn.error
    status = dict(SubagentCall.objects.filter(turn=turn).values_list("role", "status"))
    assert status == {
        "advocate": "ok",
        "test_chooser": "timeout",
        "challenger": "invalid",
        "steward": "refused",
    }
    advocates = SubagentCall.objects.filter(turn=turn, role="advocate")
    assert all(a.endpoint == standin.url and a.completion_tokens > 0 for a in advocates)
    assert "Did not answer" in turn.decision["reasoning"]
    assert SwarmRun.objects.get(turn=turn).failures == 3

    client = Client()
    client.force_login(personas["owner"])
    page = client.get(f"/sessions/{session.public_id}/").content.decode()
    assert 'data-status="timeout"' in page and 'data-status="refused"' in page
    assert 'data-status="invalid"' in page and "does not fit its schema" in page


def test_the_turn_fails_only_when_the_orchestrator_cannot_plan(personas, case, standin, settings):
    path = settings.VLLM_PROFILE_DIRS[0] / "swarm-fast.toml"
    path.write_text(path.read_text().replace('plan = "deterministic"', 'plan = "orchestrator"'))
    _load.cache_clear()
    standin.config.schema_modes = {"SwarmPlanner": "invalid"}
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="swarm", case=case, max_turns=1
    )
    turn = session.turns.get(index=0)
    assert turn.status == "failed" and turn.retryable
    assert "orchestrator could not plan" in turn.error
    assert SubagentCall.objects.get(turn=turn).status == "invalid"
    standin.config.schema_modes = {}
    services.turn_retry(session=DiagnosticSession.objects.get(pk=session.pk))
    turn.refresh_from_db()
    assert turn.status == "completed"
    stages = set(
        SubagentCall.objects.filter(turn=turn, run__attempt=2).values_list("stage", flat=True)
    )
    assert stages == {0, 1}
