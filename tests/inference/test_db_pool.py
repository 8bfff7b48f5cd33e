"""Postgres connections come from each worker's pool, and a turn gives its connection back while
it waits on its model: many streaming turns in one worker hold a few connections, not one each.

A real Celery worker (threads pool) on the test database; each turn streams for about 4.5 s.
Connections are counted in pg_stat_activity by the application name the worker connects with.
"""

from __future__ import annotations

import time
import uuid

import pytest
from django.db import connection

from diagnosis.models import DiagnosticSession, SessionStatus, Turn, TurnStatus
from diagnosis.sessions import services
from tests.workers import celery_worker, database_url_for_subprocess

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

SESSIONS = 8


def _connections_of(app_name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [app_name]
        )
        return int(cursor.fetchone()[0])


def _run_sessions(personas, case, settings, pool_max: int) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Run SESSIONS sessions at once on one worker; the peaks of connections and running turns."""
    settings.MEDACTION_DISPATCHER = "inference.dispatch.CeleryDispatcher"
    app_name = f"pooltest-{uuid.uuid4().hex[:8]}"
    env = {
        "DATABASE_URL": f"{database_url_for_subprocess()}?application_name={app_name}",
        "MEDACTION_DB_POOL_MAX": str(pool_max),
        "MEDACTION_EXTRA_POLICIES": "patient=tests.doubles.PatientScriptedPolicy",
    }
    peaks = {"connections": 0, "running": 0}
    with celery_worker(env, concurrency=SESSIONS) as worker:
        sessions = [
            services.session_start(
                owner=personas["owner"], mode="simulated", policy="patient", case=case
            )
            for _ in range(SESSIONS)
        ]
        ids = [s.pk for s in sessions]
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            running = Turn.objects.filter(session_id__in=ids, status=TurnStatus.RUNNING).count()
            peaks["running"] = max(peaks["running"], running)
            peaks["connections"] = max(peaks["connections"], _connections_of(app_name))
            done = DiagnosticSession.objects.filter(
                pk__in=ids, status=SessionStatus.COMPLETED
            ).count()
            if done == SESSIONS:
                break
            time.sleep(0.05)
        assert worker.poll() is None, worker.output_tail()  # type: ignore[attr-defined]
        statuses = list(
            DiagnosticSession.objects.filter(pk__in=ids).values_list("status", flat=True)
        )
        tail = worker.output_tail()  # type: ignore[attr-defined]
        assert statuses == [SessionStatus.COMPLETED] * SESSIONS, tail
    for session in sessions:  # exactly once: two turns, each started and completed once
        kinds = list(session.events.values_list("kind", flat=True))
        assert kinds.count("turn.started") == 2 and kinds.count("turn.completed") == 2
    return peaks


def test_streaming_turns_share_a_few_pooled_connections(personas, case, settings):
    peaks = _run_sessions(personas, case, settings, pool_max=3)
    # All eight turns streamed at once on three connections: a waiting turn holds none.
    assert peaks["running"] >= SESSIONS - 2, peaks
    assert 1 <= peaks["connections"] <= 3, peaks


def test_without_the_pool_each_streaming_turn_keeps_its_own_connection(personas, case, settings):
    """What the pool changes: with it off, the same load holds a connection per worker thread."""
    peaks = _run_sessions(personas, case, settings, pool_max=0)
    assert peaks["running"] >= SESSIONS - 2, peaks
    assert peaks["connections"] >= SESSIONS - 2, peaks
