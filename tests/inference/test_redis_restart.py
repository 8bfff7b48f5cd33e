"""Redis restarted mid-run: sessions resume and every WebSocket client gets every event once.

Its own redis-server (no persistence, a port from this run's range) carries the broker, the
channel layer and the cache of a Daphne server and a Celery worker; the test restarts it while
turns stream. Messages queued in Redis are lost with it: the sweeper dispatches again the turns
whose dispatch was lost. A client reconnects as the session page does (with `last_seq`).
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from django.test import Client

from diagnosis.models import DiagnosticSession, SessionEvent, SessionStatus
from diagnosis.sessions import services
from inference.jobs.bench.standin_server import StandinConfig, StandinServer
from inference.serving.pool import close_pools
from tests.helpers import wait_for
from tests.workers import asgi_server, celery_worker, free_port

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

SESSIONS = 3


class OwnRedis:
    def __init__(self, port: int, workdir: Path) -> None:
        self.port, self.workdir = port, workdir

    def start(self) -> None:
        subprocess.run(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "yes",
                "--dir",
                str(self.workdir),
                "--pidfile",
                str(self.workdir / "redis.pid"),
            ],
            check=True,
        )
        wait_for(lambda: self.cli("ping") == "PONG", timeout=10)

    def cli(self, *args: str) -> str:
        done = subprocess.run(
            ["redis-cli", "-p", str(self.port), *args], capture_output=True, text=True
        )
        return done.stdout.strip()

    def stop(self) -> None:
        self.cli("shutdown", "nosave")
        wait_for(lambda: self.cli("ping") != "PONG", timeout=10)


class Follower(threading.Thread):
    """A WebSocket client of one session, reconnecting with last_seq as the session page does."""

    def __init__(self, url: str, headers: dict[str, str], deadline: float) -> None:
        super().__init__(daemon=True)
        self.url, self.headers, self.deadline = url, headers, deadline
        self.seqs: list[int] = []
        self.reconnects = 0
        self.done = threading.Event()

    def run(self) -> None:
        from websockets.sync.client import connect

        while time.monotonic() < self.deadline and not self.done.is_set():
            last = self.seqs[-1] if self.seqs else 0
            try:
                with connect(f"{self.url}?last_seq={last}", additional_headers=self.headers) as ws:
                    while time.monotonic() < self.deadline:
                        try:
                            message = json.loads(ws.recv(timeout=1.0))
                        except TimeoutError:
                            continue
                        for event in message.get("events", []):
                            self.seqs.append(event["seq"])
                            if event["kind"] == "session.completed":
                                self.done.set()
                                return
            except Exception:  # the server dropped the socket: reconnect, as the page does
                self.reconnects += 1
                time.sleep(0.5)


@pytest.fixture
def redis(tmp_path):  # type: ignore[no-untyped-def]
    """This test's own redis-server (stopped whatever happens)."""
    own = OwnRedis(free_port(), tmp_path)
    own.start()
    yield own
    if own.cli("ping") == "PONG":
        own.stop()


@pytest.fixture
def server():  # type: ignore[no-untyped-def]
    standin = StandinServer(free_port(), StandinConfig(ttft_ms=50, tokens_per_s=10, tokens=30))
    standin.start()
    yield standin
    standin.stop()
    close_pools()


def test_a_redis_restart_mid_run_loses_no_session_and_no_event(
    personas, case, settings, redis, server
):
    env = {
        "REDIS_URL": f"redis://127.0.0.1:{redis.port}/0",
        "REDIS_BROKER_DB": "0",
        "REDIS_CHANNEL_DB": "1",
        "REDIS_CACHE_DB": "2",
        "VLLM_ENDPOINTS": server.url,
        "VLLM_MODEL": "standin",
        "VLLM_PROFILE": "json-schema",
        "MEDACTION_TURN_LEASE_SECONDS": "5",
        "MEDACTION_SWEEP_SECONDS": "1",
    }
    settings.VLLM_ENDPOINTS, settings.VLLM_MODEL = [server.url], "standin"
    # Created with no dispatch: the worker's sweeper sends them through its own (this) Redis.
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"
    owner = personas["owner"]
    sessions = [
        services.session_start(owner=owner, mode="simulated", policy="llm", case=case)
        for _ in range(SESSIONS)
    ]
    browser = Client()
    browser.force_login(owner)
    replaced = 0
    with contextlib.ExitStack() as stack:
        base = stack.enter_context(asgi_server(env))
        worker = stack.enter_context(celery_worker(env, purge=False))
        headers = {"Cookie": f"sessionid={browser.cookies['sessionid'].value}", "Origin": base}
        deadline = time.monotonic() + 120
        ws_base = base.replace("http", "ws")
        followers = [
            Follower(f"{ws_base}/ws/sessions/{s.public_id}/", headers, deadline) for s in sessions
        ]
        for follower in followers:
            follower.start()
        wait_for(
            lambda: SessionEvent.objects.filter(session__in=sessions, kind="turn.partial").exists(),
            timeout=60,
        )
        redis.stop()  # everything queued or published in Redis now is gone
        time.sleep(1.0)
        redis.start()
        restarted = time.monotonic()

        # Celery 5 / kombu exit on a broker that vanishes (an AttributeError closing the dead
        # channel, once the running turns are done); production restarts them
        # (docker/compose.yml: restart policy). Here, as there, a replacement comes up and
        # the sweeper dispatches again the turns whose message was lost with Redis.
        def all_completed() -> bool:
            return all(
                DiagnosticSession.objects.get(pk=s.pk).status == SessionStatus.COMPLETED
                for s in sessions
            )

        until = time.monotonic() + 60
        while not all_completed():
            if time.monotonic() > until:
                states = [
                    list(s.turns.values_list("index", "status", "attempts")) for s in sessions
                ]
                raise AssertionError(f"{states}\n{worker.output_tail(60)}")
            if worker.poll() is not None:
                worker = stack.enter_context(celery_worker(env, purge=False))
                replaced += 1
            time.sleep(0.2)
        resumed = time.monotonic() - restarted
        for follower in followers:
            follower.join(timeout=max(1.0, deadline - time.monotonic()))
        tail = worker.output_tail(60)
    print(
        f"\nredis restart: every session completed {resumed:.1f} s after Redis came back"
        f" (workers replaced: {replaced}); reconnects {[f.reconnects for f in followers]}"
    )
    for session, follower in zip(sessions, followers, strict=True):
        logged = list(session.events.order_by("seq").values_list("seq", flat=True))
        assert follower.seqs == logged, (follower.seqs, logged, follower.reconnects, tail)
