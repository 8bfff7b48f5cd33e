"""bench_inference's machinery: the production stack in subprocesses, a WebSocket client per
session; and the user and case the bench sessions run as and on.

Stack: the stand-in model server (or a given endpoint), a Celery worker (threads pool, Redis
broker), an ASGI server (uvicorn or daphne) with the channels-redis pubsub layer, Postgres. This
process plays the users: it asks for turns through the same service the Step button calls
(services.session_resume(step=True): a transaction, dispatch on commit) and watches each session
over its WebSocket.

Measured:
- P1: turn request → first turn.partial of that turn at the session's WebSocket client, minus the
  model server's own time to first token (the stand-in's configured TTFT: its first token already
  makes a partial; for a real server, whose first tokens are often just `{"`, the time from the
  model call to the first answer text that parses into something to show, first_partial_ms).
- P2: 64 sessions ask at the same instant: wall time until the last turn.completed reaches its
  client, divided by one request's latency alone (request → turn.completed, median of 5).
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent


@dataclass
class SessionProbe:
    """One simulated user: a session, its WebSocket, and timings per turn index."""

    pk: int
    public_id: str
    requested: dict[int, float] = field(default_factory=dict)
    first_partial: dict[int, float] = field(default_factory=dict)
    completed: dict[int, float] = field(default_factory=dict)
    events: int = 0
    frames: int = 0  # transient progress frames (streamed partial decisions)
    seqs_ok: bool = True
    last_seq: int = 0
    pending: int | None = None  # the turn the session waits to run (from its turn.created events)
    paused: asyncio.Event = field(default_factory=asyncio.Event)  # the requested turn has ended
    closed: bool = False  # completed (a real model may give its final diagnosis) or failed
    failed: list[str] = field(default_factory=list)
    watcher: asyncio.Task[None] | None = None


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


BENCH_USERNAME = "bench_inference"


def bench_user() -> Any:
    """The clinician the load generator plays (made through the accounts service)."""
    from diagnosis.accounts.services import user_ensure

    return user_ensure(username=BENCH_USERNAME, email="bench@example.invalid", roles=["clinician"])


def bench_case() -> Any:
    """The case every bench session runs on: imported once through the case service (published,
    with its first version recorded); later runs find it unchanged."""
    from diagnosis.cases.schema import Gold, MenuItem, NativeCase, Source
    from diagnosis.cases.services import case_upsert

    native = NativeCase(
        title="bench_inference",
        initial_presentation="Fatigue and pallor for three months.",
        menu=[MenuItem(name="Complete blood count", result="Hb 92 g/L")],
        gold=Gold(name="Iron deficiency anaemia"),
        source=Source(dataset="native", id="bench-inference"),
    )
    case, _outcome = case_upsert(native=native, publish=True)
    return case


class Stack:
    """Subprocesses of the production path; stopped in reverse order."""

    def __init__(self, env: dict[str, str], log_dir: Path) -> None:
        self.env = env
        self.log_dir = log_dir
        self.procs: list[tuple[str, subprocess.Popen[bytes]]] = []

    def start(self, name: str, cmd: list[str], ready: Any, timeout: float = 60.0) -> None:
        log = open(self.log_dir / f"{name}.log", "wb")  # noqa: SIM115  (kept open for the child)
        proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.procs.append((name, proc))
        deadline = time.monotonic() + timeout
        while not ready():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not start; see {self.log_dir / (name + '.log')}")
            time.sleep(0.1)

    def stop(self) -> None:
        import signal

        for _, proc in reversed(self.procs):
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        for _, proc in reversed(self.procs):
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def port_open(port: int) -> bool:
    import socket

    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def log_says(path: Path, marker: str) -> bool:
    try:
        return marker in path.read_text(errors="replace")
    except OSError:
        return False


class Bench:
    def __init__(
        self,
        *,
        base_url: str,
        cookie: str,
        ttft_s: float | None,
        create_sessions: Any,
        executor_threads: int = 16,
    ) -> None:
        self.create_sessions = create_sessions  # (n) -> [(pk, public_id)], sync, step-mode sessions
        self.probes: list[SessionProbe] = []  # every session used, for the samples
        self.ws_base = base_url.replace("http://", "ws://")
        self.origin = base_url
        self.cookie = cookie
        self.ttft_s = ttft_s  # None: subtract the TTFT measured on each turn
        self.executor = ThreadPoolExecutor(
            max_workers=executor_threads, thread_name_prefix="bench-user"
        )
        self._connect_all(executor_threads)

    def _connect_all(self, threads: int) -> None:
        """Open and warm every request thread's database connection now. A web server keeps its
        connections (CONN_MAX_AGE), warm; a new one connects and its Postgres backend loads the
        tables' catalog entries on first use, which must not be timed as part of a user's
        request."""
        import threading

        from django.db import transaction

        from diagnosis.models import DiagnosticSession, SessionEvent
        from diagnosis.sessions.turns import pending_turn_id
        from webapp.celery import app as celery_app

        barrier = threading.Barrier(threads)

        def connect() -> None:
            with transaction.atomic():
                DiagnosticSession.objects.select_for_update().filter(pk=0).first()
                pending_turn_id(0)  # the Step service's own read of the turns table
                SessionEvent.objects.filter(session_id=0).exists()
            # And a broker connection for each (the Step service's dispatch publishes on one).
            with celery_app.producer_or_acquire() as producer:
                producer.connection.ensure_connection(max_retries=3)
                barrier.wait(timeout=30)  # every thread holds one task (and one connection) at once

        for future in [self.executor.submit(connect) for _ in range(threads)]:
            future.result(timeout=60)

    # --- the user side -------------------------------------------------------------------------

    @staticmethod
    def _request_turn(probe: SessionProbe) -> tuple[int, float]:
        """Step one turn through the service the Step button calls.

        Returns (turn index, request time)."""
        from diagnosis.models import DiagnosticSession
        from diagnosis.sessions import services

        # The pending turn's index is known from the socket (turn.created): the load generator
        # itself asks the database nothing more than the Step button's service does.
        if probe.pending is None:
            raise RuntimeError(f"session {probe.pk} has no pending turn")
        index = probe.pending
        started = time.perf_counter()
        services.session_resume(
            session=DiagnosticSession(pk=probe.pk), step=True
        )  # locks and reads the row itself
        return index, started

    async def request_turn(self, probe: SessionProbe) -> int:
        probe.paused.clear()
        index, started = await asyncio.get_running_loop().run_in_executor(
            self.executor, self._request_turn, probe
        )
        probe.requested[index] = started
        return index

    async def watch(self, probe: SessionProbe, connected: asyncio.Event) -> None:
        import websockets

        url = f"{self.ws_base}/ws/sessions/{probe.public_id}/"
        async with websockets.connect(
            url, additional_headers={"Cookie": self.cookie, "Origin": self.origin}, max_size=None
        ) as ws:
            connected.set()
            async for raw in ws:
                now = time.perf_counter()
                message = json.loads(raw)
                if message.get("type") == "progress":  # a streamed partial decision (not logged)
                    probe.frames += 1
                    probe.first_partial.setdefault(message["turn"], now)
                    continue
                for event in message.get("events", []):
                    probe.events += 1
                    if event["seq"] != probe.last_seq + 1:
                        probe.seqs_ok = False
                    probe.last_seq = event["seq"]
                    kind, payload = event["kind"], event["payload"]
                    if kind == "turn.partial":
                        probe.first_partial.setdefault(payload["turn"], now)
                    elif kind == "turn.completed":
                        probe.completed.setdefault(payload["turn"], now)
                    elif kind == "turn.created":
                        probe.pending = payload["turn"]
                    elif kind == "turn.failed":
                        probe.failed.append(payload.get("error", ""))
                        probe.closed = True
                        probe.paused.set()
                    elif kind in ("session.completed", "session.failed"):
                        probe.closed = True
                        probe.paused.set()
                    elif kind == "session.paused":
                        probe.paused.set()

    async def open_sessions(self, n: int) -> list[SessionProbe]:
        """n sessions with their sockets connected and their warm-up turn 0 done, each still open
        (one that a real model closed with a final diagnosis is replaced)."""
        ready: list[SessionProbe] = []
        for _attempt in range(5):
            rows = await asyncio.get_running_loop().run_in_executor(
                self.executor, self.create_sessions, n - len(ready)
            )
            fresh = [SessionProbe(pk=pk, public_id=pid) for pk, pid in rows]
            for probe in fresh:
                connected = asyncio.Event()
                probe.watcher = asyncio.create_task(self.watch(probe, connected))
                await asyncio.wait_for(connected.wait(), timeout=30)
            await asyncio.wait_for(asyncio.gather(*(p.paused.wait() for p in fresh)), timeout=300)
            ready += [p for p in fresh if not p.closed]
            self.probes += fresh
            if len(ready) == n:
                return ready
        raise RuntimeError(f"could not open {n} sessions that stay open after their first turn")

    def close(self) -> None:
        for probe in self.probes:
            if probe.watcher is not None:
                probe.watcher.cancel()

    # --- measurements ----------------------------------------------------------------------------

    def p1_samples(
        self, probes: list[SessionProbe], turn_ttft: dict[tuple[int, int], float]
    ) -> list[float]:
        out = []
        for p in probes:  # turn 0 (the warm-up) has no request time and is left out
            for index, requested in p.requested.items():
                if index in p.first_partial:
                    ttft = (
                        self.ttft_s
                        if self.ttft_s is not None
                        else turn_ttft.get((p.pk, index), 0.0)
                    )
                    out.append((p.first_partial[index] - requested - ttft) * 1000)
        return out

    async def run_load(
        self,
        probes: list[SessionProbe],
        duration: float,
        interval: float = 1.0,
        stagger: float | None = None,
    ) -> dict[str, Any]:
        """Each session asks for a turn every `interval` s (or as soon as its previous one ends,
        if later; interval 0 is the closed loop). Their first requests are spread over `stagger`
        s (default: the interval)."""
        stop_at = time.perf_counter() + duration
        late = 0

        async def user(probe: SessionProbe, offset: float) -> None:
            nonlocal late
            await asyncio.sleep(offset)
            while time.perf_counter() < stop_at:
                if probe.closed:
                    probe = (await self.open_sessions(1))[0]
                    used.append(probe)
                tick = time.perf_counter()
                await self.request_turn(probe)
                await asyncio.wait_for(probe.paused.wait(), timeout=300)
                rest = interval - (time.perf_counter() - tick)
                if rest < 0:
                    late += 1
                await asyncio.sleep(max(0.0, rest))

        used = list(probes)
        began = time.perf_counter()
        spread = interval if stagger is None else stagger
        await asyncio.gather(*(user(p, i * spread / len(probes)) for i, p in enumerate(probes)))
        elapsed = time.perf_counter() - began
        probes[:] = used  # the caller reads samples from every session used
        turns = sum(len(p.requested) for p in used)
        return {
            "turns": turns,
            "seconds": round(elapsed, 2),
            "turns_per_s_per_session": round(turns / elapsed / len(probes), 2),
            "late_ticks": late,
        }

    async def one_turn_latency(self, probe: SessionProbe) -> float:
        index = await self.request_turn(probe)
        await asyncio.wait_for(probe.paused.wait(), timeout=300)
        if index not in probe.completed:
            raise RuntimeError(f"the measured turn failed: {probe.failed[-1:]}")
        return probe.completed[index] - probe.requested[index]

    async def all_at_once(self, probes: list[SessionProbe]) -> float:
        indices = await asyncio.gather(*(self.request_turn(p) for p in probes))
        await asyncio.wait_for(asyncio.gather(*(p.paused.wait() for p in probes)), timeout=600)
        if any(i not in p.completed for p, i in zip(probes, indices, strict=True)):
            raise RuntimeError("a turn of the all-at-once round failed")
        start = min(p.requested[i] for p, i in zip(probes, indices, strict=True))
        end = max(p.completed[i] for p, i in zip(probes, indices, strict=True))
        return end - start


class LoopLag:
    """How late this process's event loop wakes from a 10 ms sleep while the load runs: the load
    generator (WebSocket clients, request threads) shares the cores it measures, and a lagging
    generator would inflate P1 by its own delay."""

    def __init__(self, period: float = 0.01) -> None:
        self.period = period
        self.samples: list[float] = []
        self._task: asyncio.Task[None] | None = None

    def start(self) -> LoopLag:
        self._task = asyncio.get_running_loop().create_task(self._run())
        return self

    async def _run(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(self.period)
            self.samples.append((time.perf_counter() - before - self.period) * 1000)

    def stop(self) -> dict[str, float]:
        if self._task is not None:
            self._task.cancel()
        return {k: v for k, v in summarise(self.samples).items() if k in ("p50", "p99")}


def summarise(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50": round(percentile(values, 0.5), 2),
        "p99": round(percentile(values, 0.99), 2),
        "mean": round(statistics.fmean(values), 2) if values else float("nan"),
    }
