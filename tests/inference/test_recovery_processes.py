"""Real processes killed mid-turn, and a database connection dropped mid-turn: the turn is taken
over (by the sweeper of another process, or of the restarted one) within lease + sweep interval,
and completes exactly once.

The model is the stand-in server in this process, streaming slowly enough to kill a process
while it streams. The workers and servers are subprocesses on the test database
(tests/workers.py). Recovery times are printed (pytest -s) as well as asserted.
"""

from __future__ import annotations

import collections
import time

import pytest
from django.db import connection

from diagnosis.models import DiagnosticSession, SessionEvent, SessionStatus
from diagnosis.sessions import services
from diagnosis.sessions.events import chain_verify
from inference.jobs.bench.standin_server import StandinConfig, StandinServer
from inference.serving.pool import close_pools
from tests.helpers import wait_for
from tests.workers import asgi_server_process, celery_worker, free_port, kill_hard

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

LEASE, SWEEP = 5, 1  # seconds: the bound is LEASE + SWEEP (+ the new attempt's claim)
SLACK = 2.0  # dispatch, a worker picking the message up, the claim, on a loaded 2-core box


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
    yield server
    server.stop()
    close_pools()


def _env(server: StandinServer, **extra: str) -> dict[str, str]:
    return {
        "VLLM_ENDPOINTS": server.url,
        "VLLM_MODEL": "standin",
        "VLLM_PROFILE": "json-schema",
        "MEDACTION_TURN_LEASE_SECONDS": str(LEASE),
        "MEDACTION_SWEEP_SECONDS": str(SWEEP),
        # The broker's redelivery is not what recovers the turn: keep the production default.
        "CELERY_VISIBILITY_TIMEOUT": "900",
        **extra,
    }


def _session(pk: int) -> DiagnosticSession:
    return DiagnosticSession.objects.get(pk=pk)


def _streaming(session: DiagnosticSession) -> None:
    wait_for(
        lambda: SessionEvent.objects.filter(session=session, kind="turn.partial").exists(),
        timeout=60,
    )


def _started_at(session: DiagnosticSession, turn: int, attempt: int) -> float:
    for event in session.events.filter(kind="turn.started").order_by("seq"):
        if (event.payload["turn"], event.payload["attempt"]) == (turn, attempt):
            return event.created_at.timestamp()
    raise AssertionError(f"turn {turn} attempt {attempt} never started")


def _assert_exactly_once(session: DiagnosticSession, attempts: list[int]) -> None:
    session = _session(session.pk)
    assert session.status == SessionStatus.COMPLETED
    turns = list(session.turns.order_by("index"))
    assert [t.attempts for t in turns] == attempts
    events = list(session.events.order_by("seq"))
    assert [e.seq for e in events] == list(range(1, len(events) + 1))  # nothing lost
    assert chain_verify(session).ok
    assert [e.payload["turn"] for e in events if e.kind == "turn.completed"] == list(
        range(len(turns))
    )  # exactly one completion per turn
    keys = collections.Counter(
        (e.kind, e.payload.get("turn"), e.payload.get("attempt"))
        for e in events
        if e.kind != "turn.partial"
    )
    assert max(keys.values()) == 1, keys


def test_an_in_process_web_server_killed_mid_turn_finishes_the_turn_after_its_restart(
    personas, case, standin, settings
):
    # The session is created here with no dispatcher, as if the request's dispatch had been lost:
    # the server's sweeper also picks up a pending turn nobody claimed within a lease.
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"
    env = _env(standin, MEDACTION_DISPATCH="inprocess")
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="llm", case=case
    )
    with asgi_server_process(env) as (_, server):
        _streaming(session)
        kill_hard(server)  # SIGKILL: its threads, its lease renewer and its sweeper die with it
        killed = time.time()
    assert _session(session.pk).turns.get(index=0).status == "running"
    with asgi_server_process(env) as (_, restarted):
        wait_for(lambda: _session(session.pk).status == SessionStatus.COMPLETED, timeout=60)
        tail = restarted.output_tail(60)  # type: ignore[attr-defined]
    recovery = _started_at(session, 0, 2) - killed
    print(f"\nin-process: turn taken over {recovery:.1f} s after the kill (lease {LEASE} s)")
    assert recovery <= LEASE + SWEEP + SLACK, tail
    _assert_exactly_once(session, [2, 1])
    assert [e.payload for e in session.events.filter(kind="turn.retrying")] == [
        {"turn": 0, "after_attempt": 1, "reason": "lease_expired"}
    ]


def _holder(workers: list, timeout: float = 30) -> int:  # type: ignore[type-arg]
    """Index of the worker that received the turn's task."""

    def find() -> int | None:
        for i, worker in enumerate(workers):
            if any(
                "Task medaction.generate_turn[" in line and "received" in line
                for line in worker.output_tail(200).splitlines()
            ):
                return i + 1
        return None

    return int(wait_for(find, timeout=timeout)) - 1  # type: ignore[arg-type]


def test_a_celery_worker_killed_mid_turn_is_taken_over_by_another_within_the_lease(
    personas, case, standin, settings
):
    settings.MEDACTION_DISPATCHER = "inference.dispatch.CeleryDispatcher"
    env = _env(standin)
    with celery_worker(env) as first, celery_worker(env, purge=False) as second:
        session = services.session_start(
            owner=personas["owner"], mode="simulated", policy="llm", case=case
        )
        _streaming(session)
        workers = [first, second]
        holder = _holder(workers)
        kill_hard(workers[holder])
        killed = time.time()
        survivor = workers[1 - holder]
        wait_for(lambda: _session(session.pk).status == SessionStatus.COMPLETED, timeout=60)
        tail = survivor.output_tail(80)
    recovery = _started_at(session, 0, 2) - killed
    print(f"\ncelery: turn taken over {recovery:.1f} s after the kill (lease {LEASE} s)")
    assert recovery <= LEASE + SWEEP + SLACK, tail
    assert "took over turns" in tail  # by the survivor's sweeper, not the broker (900 s)
    _assert_exactly_once(session, [2, 1])
    assert standin.config.requests == 3  # turn 0 twice (the killed attempt and its takeover)


def _drop_connections_mid_turn(personas, case, standin, pool_max: str):  # type: ignore[no-untyped-def]
    """Run a session on a worker (pool of `pool_max`; a 30 s lease, so a recovery through the
    sweeper would show) and terminate every other connection to this test database (Postgres
    restarted, a failover) while its first turn streams. (session, terminated, when, log tail)."""
    env = _env(standin, MEDACTION_TURN_LEASE_SECONDS="30", MEDACTION_DB_POOL_MAX=pool_max)
    with celery_worker(env) as worker:
        session = services.session_start(
            owner=personas["owner"], mode="simulated", policy="llm", case=case
        )
        _streaming(session)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            (terminated,) = cursor.fetchone()
        dropped = time.time()
        wait_for(lambda: _session(session.pk).status == SessionStatus.COMPLETED, timeout=25)
        return session, int(terminated), dropped, worker.output_tail(80)


def test_a_database_connection_dropped_mid_turn_runs_the_turn_again_once(
    personas, case, standin, settings
):
    """Without the connection pool, the streaming turn holds its connection: the drop breaks it
    and the turn runs again at once."""
    settings.MEDACTION_DISPATCHER = "inference.dispatch.CeleryDispatcher"
    session, terminated, dropped, tail = _drop_connections_mid_turn(personas, case, standin, "0")
    assert terminated >= 1
    assert "database error mid-turn; running it again" in tail
    print(f"\npostgres drop: turn 0 ran again {_started_at(session, 0, 2) - dropped:.1f} s after")
    assert _started_at(session, 0, 2) - dropped < 10  # not the 30 s lease
    _assert_exactly_once(session, [2, 1])


def test_with_the_pool_a_connection_dropped_while_the_model_streams_costs_the_turn_nothing(
    personas, case, standin, settings
):
    """With the pool (MEDACTION_DB_POOL_MAX), a streaming turn holds no connection: the dropped
    ones are idle in the pool, discarded by its health check, and the turn completes at once."""
    settings.MEDACTION_DISPATCHER = "inference.dispatch.CeleryDispatcher"
    session, terminated, _, tail = _drop_connections_mid_turn(personas, case, standin, "16")
    assert terminated >= 1  # the pool's idle connections (and the sweeper's, if it held one)
    assert "database error mid-turn" not in tail
    _assert_exactly_once(session, [1, 1])
