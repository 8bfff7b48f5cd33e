"""bench_inference's figures: the arithmetic of its ratios, percentiles, floors and CPU per turn
(CPU read from /proc of real child processes that burn a known amount of CPU), and one short real
run of the bare chain (a Celery worker, the Redis channel layer, an ASGI server, a few WebSocket
clients). Speed is never asserted here: only that the figures are there and make sense."""

from __future__ import annotations

import asyncio
import math
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.test import Client

from diagnosis.web.routing import websocket_urlpatterns
from inference.jobs.bench.cpu import (
    Meter,
    per_turn,
    process_cpu_seconds,
    read_components,
    window_ms,
)
from inference.jobs.bench.figures import (
    cpu_over_levels,
    floor_marks,
    headline,
    ratio,
    report_lines,
)
from inference.jobs.bench.floor import Floor
from inference.jobs.bench.harness import percentile
from inference.jobs.bench.run import floor_level

CPU_S = 0.3
BURN = (
    "import time\nstart = time.process_time()\n"
    f"while time.process_time() - start < {CPU_S}:\n    pass\n"
)
# A child that says "ready", waits for a line, burns CPU_S of its own CPU time, says "done" and
# waits to be told to exit (so it can still be read after the burn).
BURNER = f"import sys\nprint('ready', flush=True)\nsys.stdin.readline()\n{BURN}" + (
    "print('done', flush=True)\nsys.stdin.readline()\n"
)
# The same, but the burn happens in a child of its own that it waits for.
PARENT = (
    "import subprocess, sys\nprint('ready', flush=True)\nsys.stdin.readline()\n"
    f"subprocess.run([sys.executable, '-c', {BURN!r}], check=True)\n"
    "print('done', flush=True)\nsys.stdin.readline()\n"
)


def _spawn(code: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def _step(proc: subprocess.Popen[str], expect: str) -> None:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("\n")
    proc.stdin.flush()
    assert proc.stdout.readline().strip() == expect


def test_ratio_is_p1_over_the_floor_and_none_without_a_usable_floor():
    assert ratio(270.0, 7.8) == 34.615
    assert ratio(10.0, 10.0) == 1.0
    assert ratio(5.0, 0.0) is None and ratio(5.0, None) is None
    assert ratio(float("nan"), 3.0) is None and ratio(None, 3.0) is None


def test_percentile_interpolates_between_the_nearest_ranks():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.5) == pytest.approx(50.5)
    assert percentile(values, 0.99) == pytest.approx(99.01)
    assert percentile([7.0], 0.99) == 7.0
    assert math.isnan(percentile([], 0.5))


def test_headline_puts_the_floor_beside_p1_and_marks_each_floor():
    p1 = {16: {"p50": 30.0, "p99": 90.0}, 64: {"p50": 50.0, "p99": 200.0}}
    floor = {16: {"p50": 20.0, "p99": 40.0}, 64: {"p50": 20.0, "p99": 80.0}}
    figures = headline(p1, floor)
    assert figures["floor_p50_ms_16"] == 20.0 and figures["floor_p99_ms_64"] == 80.0
    assert figures["p1_ratio_p50_16"] == 1.5 and figures["p1_ratio_p50_64"] == 2.5
    figures.update(cpu_ms_per_turn=15.01, p2_ratio_64=1.3)
    assert floor_marks(figures) == {
        "cpu_ms_per_turn": "missed",
        "p1_ratio_p50_16": "met",  # at the floor is met
        "p1_ratio_p50_64": "missed",
        "p2_ratio_64": "met",
    }
    assert floor_marks({})["p2_ratio_64"] == "not measured"
    figures.update(cpu_ms_per_turn_split={"web_ms": 5.0, "workers_ms": 10.01})
    rounds = {
        n: {**v, "completed_turns": 10, "turns_per_s": 1.0, "failed_turns": 0}
        for n, v in p1.items()
    }
    figures["floors"] = floor_marks(figures)
    lines = report_lines(figures, rounds, floor)
    assert lines[2].split()[:6] == ["64", "50.0", "200.0", "20.0", "80.0", "2.5"]
    assert "cpu_ms_per_turn 15.01 (web 5.0, workers 10.01)" in lines
    assert "floor p1_ratio_p50_64 <= 2: 2.5 missed" in lines


def test_cpu_per_turn_from_two_proc_readings_of_a_child_that_burns_cpu():
    proc = _spawn(BURNER)
    try:
        before = read_components({"workers": [proc.pid]})
        _step(proc, "done")
        after = read_components({"workers": [proc.pid]})
    finally:
        proc.kill()
        proc.wait()
    ms = window_ms(before, after)["workers"]
    # It burned CPU_S of its own CPU time between the readings (clock ticks of 10 ms, and a little
    # for its reading and printing).
    assert CPU_S * 1000 - 20 <= ms <= CPU_S * 1000 + 150, ms
    figures = per_turn({"workers": ms, "web": 0.0}, 3)
    assert figures["cpu_ms_per_turn"] == pytest.approx(ms / 3, abs=0.01)
    assert figures["workers_ms"] == figures["cpu_ms_per_turn"] and figures["web_ms"] == 0.0
    assert per_turn({"workers": ms}, 0)["cpu_ms_per_turn"] is None
    # A process that is gone reads as nothing, not as an error.
    assert process_cpu_seconds(proc.pid) is None


def test_a_waited_for_childs_cpu_counts_only_when_children_are_included():
    parent = _spawn(PARENT)
    try:
        components = {"web": [parent.pid], "workers": [parent.pid]}
        before = read_components(components, children=("web",))
        _step(parent, "done")
        after = read_components(components, children=("web",))
    finally:
        parent.kill()
        parent.wait()
    ms = window_ms(before, after)
    assert ms["web"] >= CPU_S * 1000 - 20, ms  # the child's burn, through cutime/cstime
    assert ms["workers"] < CPU_S * 1000 / 2, ms  # the parent itself only waited


def test_cpu_over_levels_divides_all_the_components_cpu_by_all_the_turns():
    levels = {
        1: {"turns": 10, "ms": {"web": 100.0, "workers": 900.0}},
        16: {"turns": 30, "ms": {"web": 300.0, "workers": 1700.0}},
    }
    assert cpu_over_levels(levels) == {
        "cpu_ms_per_turn": 75.0,
        "web_ms": 10.0,
        "workers_ms": 65.0,
    }


def test_the_bare_chain_route_is_not_served_by_default():
    assert not any("ws/bench/echo" in str(p.pattern) for p in websocket_urlpatterns)


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_short_real_run_of_the_bare_chain_reports_positive_floor_figures(personas, settings):
    from tests.workers import asgi_server_process, celery_worker

    browser = Client()
    browser.force_login(personas["owner"])
    cookie = f"{settings.SESSION_COOKIE_NAME}={browser.cookies[settings.SESSION_COOKIE_NAME].value}"
    env = {"MEDACTION_BENCH_ROUTES": "true"}
    with (
        celery_worker(env, concurrency=4) as worker,
        asgi_server_process(env) as (base, web),
        ThreadPoolExecutor(max_workers=4) as executor,
    ):
        meter = Meter(
            web=[web.pid],
            workers=[worker.pid],
            database=str(settings.DATABASES["default"]["NAME"]),
            redis_url=settings.REDIS_URL,
        )

        async def run() -> dict:
            floor = Floor(
                ws_base=base.replace("http", "ws"), origin=base, cookie=cookie, executor=executor
            )
            try:
                return await floor_level(floor, meter, 3, 3.0)
            finally:
                floor.close()

        figures = asyncio.run(run())
    assert figures["lost"] == 0, worker.output_tail()  # type: ignore[attr-defined]
    assert figures["n"] >= 6 and figures["requests"] == figures["n"]
    assert 0 < figures["p50"] <= figures["p99"]
    # Over the timed window the web server, the worker, Postgres and Redis used some CPU.
    assert figures["cpu"]["cpu_ms_per_turn"] > 0
