"""Turns through real Celery workers on Redis: a worker killed mid-turn, redelivery, batch queue.

The worker is a subprocess on the test database; the model is the stand-in server in this process.
"""

from __future__ import annotations

import collections
import time

import pytest

from diagnosis.models import DiagnosticSession, SessionEvent, SessionStatus, Turn
from diagnosis.sessions import services
from diagnosis.sessions.events import chain_verify
from inference.jobs.bench.standin_server import StandinConfig, StandinServer
from inference.serving.pool import close_pools
from tests.helpers import wait_for
from tests.workers import celery_worker, free_port, kill_hard

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

FAST_REDELIVERY = {
    "MEDACTION_TURN_LEASE_SECONDS": "5",
    "CELERY_VISIBILITY_TIMEOUT": "3",
    "CELERY_UNACKED_RESTORE_INTERVAL": "1",
}


@pytest.fixture
def standin(settings):  # type: ignore[no-untyped-def]
    # 30 pieces at 10 per second: a turn streams for about 3 s, long enough to kill its worker.
    server = StandinServer(
        free_port(), StandinConfig(ttft_ms=50, tokens_per_s=10, tokens=30)
    ).start()
    settings.VLLM_ENDPOINTS, settings.VLLM_MODEL, settings.VLLM_PROFILE = (
        [server.url],
        "standin",
        "json-schema",
    )
    settings.MEDACTION_DISPATCHER = "inference.dispatch.CeleryDispatcher"
    yield server
    server.stop()
    close_pools()


def _worker_env(server: StandinServer) -> dict[str, str]:
    return {
        "VLLM_ENDPOINTS": server.url,
        "VLLM_MODEL": "standin",
        "VLLM_PROFILE": "json-schema",
        **FAST_REDELIVERY,
    }


def _session(pk: int) -> DiagnosticSession:
    return DiagnosticSession.objects.get(pk=pk)


def test_a_worker_killed_mid_turn_is_replaced_and_the_turn_completes_exactly_once(
    personas, case, standin
):
    with celery_worker(_worker_env(standin)) as first_worker:
        session = services.session_start(
            owner=personas["owner"], mode="simulated", policy="llm", case=case
        )
        wait_for(
            lambda: SessionEvent.objects.filter(session=session, kind="turn.partial").exists(),
            timeout=30,
        )
        kill_hard(first_worker)  # SIGKILL mid-stream: no chance to ack, fail or clean up
    partial_before = SessionEvent.objects.filter(session=session, kind="turn.partial").count()
    assert Turn.objects.get(session=session, index=0).status == "running"

    with celery_worker(_worker_env(standin)):
        wait_for(lambda: _session(session.pk).status == SessionStatus.COMPLETED, timeout=60)

    session = _session(session.pk)
    turns = list(session.turns.order_by("index"))
    assert [t.attempts for t in turns] == [2, 1]
    assert [t.status for t in turns] == ["completed", "completed"]
    events = list(session.events.order_by("seq"))
    assert [e.seq for e in events] == list(range(1, len(events) + 1))  # nothing lost
    assert chain_verify(session).ok
    completed = [e.payload["turn"] for e in events if e.kind == "turn.completed"]
    assert completed == [0, 1]  # exactly once each
    started = [
        (e.payload["turn"], e.payload["attempt"]) for e in events if e.kind == "turn.started"
    ]
    assert started == [(0, 1), (0, 2), (1, 1)]
    # Nothing but streamed partials repeats, and every partial names the attempt that wrote it.
    keys = collections.Counter(
        (e.kind, e.payload.get("turn"), e.payload.get("attempt"))
        for e in events
        if e.kind != "turn.partial"
    )
    assert max(keys.values()) == 1
    partial_attempts = {
        e.payload["attempt"] for e in events if e.kind == "turn.partial" and e.payload["turn"] == 0
    }
    assert partial_attempts == {1, 2} and partial_before >= 1
    assert (
        standin.config.requests == 3
    )  # turn 0 twice (the killed attempt and its retry), turn 1 once


def test_a_duplicate_delivery_of_a_finished_turn_changes_nothing(personas, case, standin):
    from inference.tasks import generate_turn

    standin.config.tokens_per_s = 200
    with celery_worker(_worker_env(standin)) as worker:
        session = services.session_start(
            owner=personas["owner"], mode="simulated", policy="llm", case=case
        )
        wait_for(lambda: _session(session.pk).status == SessionStatus.COMPLETED, timeout=30)
        before = list(session.events.order_by("seq").values_list("seq", "hash"))
        requests = standin.config.requests
        turn0 = session.turns.get(index=0)
        for _ in range(3):
            generate_turn.apply_async(args=[turn0.pk], queue="turns")
        wait_for(
            lambda: sum("skipped" in line for line in worker.output_tail(200).splitlines()) >= 3,
            timeout=20,
        )
    assert list(session.events.order_by("seq").values_list("seq", "hash")) == before
    assert standin.config.requests == requests


def test_a_batch_session_runs_on_the_batch_queue(personas, case, settings):
    from inference.tasks import run_simulated_session

    settings.MEDACTION_DISPATCHER = "inference.dispatch.CeleryDispatcher"
    env = {"MEDACTION_EXTRA_POLICIES": "scripted=tests.doubles.ScriptedPolicy"}
    with celery_worker(env, queues="batch") as worker:  # a worker that serves only the batch queue
        session = services.session_start(
            owner=personas["owner"],
            mode="simulated",
            policy="scripted",
            case=case,
            batch_label="eval-1",
        )
        run_simulated_session.apply_async(args=[session.pk])
        wait_for(lambda: _session(session.pk).status == SessionStatus.COMPLETED, timeout=30)
        assert "medaction.run_simulated_session" in worker.output_tail(200)
    assert [t.attempts for t in _session(session.pk).turns.order_by("index")] == [1, 1]


def test_a_duplicate_delivery_during_a_long_turn_does_not_take_it_over(personas, case, standin):
    """The running turn renews its 5 s lease; a second delivery 6 s in finds it held, waits, and
    finds it done: one attempt, one model call, one completion."""
    from inference.tasks import generate_turn

    standin.config.tokens_per_s = 4  # 30 pieces: about 8 s of streaming
    with celery_worker(_worker_env(standin)):
        session = services.session_start(
            owner=personas["owner"], mode="simulated", policy="llm", case=case, max_turns=1
        )
        wait_for(
            lambda: SessionEvent.objects.filter(session=session, kind="turn.partial").exists(),
            timeout=30,
        )
        time.sleep(6)
        generate_turn.apply_async(args=[session.turns.get(index=0).pk], queue="turns")
        wait_for(lambda: _session(session.pk).status == SessionStatus.COMPLETED, timeout=60)
        time.sleep(2)  # let the duplicate look again after the lease
    turn = _session(session.pk).turns.get(index=0)
    assert turn.attempts == 1 and standin.config.requests == 1
    assert session.events.filter(kind="turn.completed").count() == 1
    assert chain_verify(_session(session.pk)).ok
