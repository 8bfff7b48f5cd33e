"""Benchmark fan-out on real Celery workers (Redis broker, Postgres): one task per case on the
`batch` queue, and an interactive turn is not held up by a backlog of cases."""

from __future__ import annotations

import pytest

from diagnosis.benchmarks import services
from diagnosis.benchmarks.models import BenchmarkItem, ItemStatus, RunStatus
from diagnosis.models import DiagnosticSession, SessionStatus
from diagnosis.sessions import services as session_services
from tests.factories import CaseFactory
from tests.helpers import wait_for
from tests.workers import celery_worker

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

POLICIES = {
    "MEDACTION_EXTRA_POLICIES": (
        "scripted=tests.doubles.ScriptedPolicy,slow-scripted=tests.doubles.SlowScriptedPolicy"
    )
}


@pytest.fixture
def on_celery(settings):  # type: ignore[no-untyped-def]
    settings.TURN_DISPATCH = "celery"
    settings.MEDACTION_DISPATCHER = "inference.dispatch.CeleryDispatcher"
    settings.MEDACTION_BENCHMARK_LAUNCHER = "inference.jobs.runs.launch"


def test_an_interactive_turn_completes_while_a_batch_backlog_waits(personas, on_celery):
    cases = [CaseFactory() for _ in range(4)]
    run = services.benchmark_create(name="backlog", cases=cases, policy="slow-scripted")
    with (
        celery_worker(POLICIES, queues="batch", concurrency=1) as batch_worker,
        celery_worker(POLICIES, queues="turns", concurrency=2, purge=False) as turns_worker,
    ):
        services.benchmark_launch(run=run)
        items = BenchmarkItem.objects.filter(run=run)
        wait_for(lambda: items.filter(status=ItemStatus.RUNNING).exists(), timeout=60)
        # The batch queue is saturated: one case running, three queued behind it (~3.6 s each).
        session = session_services.session_start(
            owner=personas["owner"], mode="simulated", policy="scripted", case=cases[0]
        )
        wait_for(
            lambda: DiagnosticSession.objects.get(pk=session.pk).status == SessionStatus.COMPLETED,
            timeout=30,
        )
        # The interactive session (two turns) finished before the backlog drained.
        settled_when_interactive_done = items.filter(
            status__in=[ItemStatus.DONE, ItemStatus.FAILED]
        ).count()
        assert settled_when_interactive_done <= 2, settled_when_interactive_done
        wait_for(lambda: not items.exclude(status=ItemStatus.DONE).exists(), timeout=90)
        batch_log, turns_log = batch_worker.output_tail(400), turns_worker.output_tail(400)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert [i.attempts for i in items] == [1, 1, 1, 1]
    # Task lines ("Task medaction.x[id] received"), not the workers' banners listing every task.
    assert batch_log.count("medaction.run_benchmark_item[") >= 4
    assert "run_benchmark_item[" not in turns_log
    # The cases' turns ran inside their item tasks: none went to the turns queue.
    assert "generate_turn[" in turns_log and "generate_turn[" not in batch_log
    assert DiagnosticSession.objects.filter(batch_label="backlog").count() == 4
