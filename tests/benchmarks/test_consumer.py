"""The run's progress WebSocket: access on connect, a progress card at once, a fresh one when a
worker reports, the results when the run finishes."""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync, sync_to_async

from diagnosis.benchmarks import services
from diagnosis.benchmarks.models import BenchmarkRun
from tests.factories import CaseFactory
from tests.web.test_websocket import communicator, cookie_for, refused_with

pytestmark = pytest.mark.django_db(transaction=True)


def _run() -> BenchmarkRun:
    return services.benchmark_create(
        name="live", cases=[CaseFactory() for _ in range(2)], policy="scripted"
    )


def test_strangers_are_refused_and_a_reviewer_watches_the_run_finish(personas):
    run = _run()
    async_to_sync(_scenario)(run, personas)


async def _scenario(run: BenchmarkRun, personas: dict) -> None:
    path = f"/ws/benchmarks/{run.pk}/"
    assert await refused_with(communicator(path)) == 4401
    clinician = await sync_to_async(cookie_for)(personas["owner"])
    assert await refused_with(communicator(path, clinician)) == 4404
    reviewer = await sync_to_async(cookie_for)(personas["reviewer"])
    assert await refused_with(communicator("/ws/benchmarks/99999/", reviewer)) == 4404

    comm = communicator(path, reviewer)
    connected, _ = await comm.connect()
    assert connected
    first = await comm.receive_from(timeout=5)
    assert 'id="benchmark-progress"' in first and 'hx-swap-oob="true"' in first
    assert '<span class="p-pending">2</span>' in first and "benchmark-results" not in first
    await sync_to_async(services.benchmark_launch)(run=run)  # runs both cases (test launcher)
    html = ""
    while 'class="p-done">2<' not in html:
        html = await comm.receive_from(timeout=10)
    assert 'id="benchmark-results"' in html and 'id="plot-cost"' in html
    await comm.disconnect()
