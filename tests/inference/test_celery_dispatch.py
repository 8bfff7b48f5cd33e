"""Production dispatch: a real Celery worker (threads pool) takes turns from Redis and runs them
against Postgres; the session completes exactly as it does in-process."""

from __future__ import annotations

import pytest

from diagnosis.models import DiagnosticSession, SessionStatus
from diagnosis.sessions import services
from diagnosis.sessions.events import chain_verify
from tests.helpers import wait_for
from tests.workers import celery_worker

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_a_real_celery_worker_runs_a_simulated_session_against_redis(personas, case, settings):
    settings.MEDACTION_DISPATCHER = "inference.dispatch.CeleryDispatcher"
    with celery_worker(
        {"MEDACTION_EXTRA_POLICIES": "scripted=tests.doubles.ScriptedPolicy"}
    ) as worker:
        session = services.session_start(
            owner=personas["owner"], mode="simulated", policy="scripted", case=case
        )
        wait_for(
            lambda: DiagnosticSession.objects.get(pk=session.pk).status == SessionStatus.COMPLETED,
            timeout=60,
        )
        assert worker.poll() is None
    session.refresh_from_db()
    assert session.final_diagnosis == "Iron deficiency anaemia"
    kinds = list(session.events.order_by("seq").values_list("kind", flat=True))
    assert kinds.count("turn.started") == 2 and kinds.count("turn.completed") == 2
    assert chain_verify(session).ok
