"""Out-of-process helpers for tests: a real Celery worker, an ASGI server, free ports.

    policies = {"MEDACTION_EXTRA_POLICIES": "scripted=tests.doubles.ScriptedPolicy"}
    with celery_worker(policies) as worker:
        ...  # worker is the Popen; it consumes the turns and batch queues of REDIS_URL's broker db

The subprocesses see the pytest-django TEST database (use transactional_db /
django_db(transaction=True) so they see committed rows) and the same REDIS_URL, REDIS_BROKER_DB
and REDIS_CHANNEL_DB as the test. They run on webapp.settings, not the suite's settings.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PORT_RANGE = range(
    int(os.environ.get("MEDACTION_TEST_PORT_MIN", "8210")),
    int(os.environ.get("MEDACTION_TEST_PORT_MAX", "8269")),
)


def free_port() -> int:
    """A free TCP port from MEDACTION_TEST_PORT_MIN..MAX (each engineer/CI job has its own
    range)."""
    start = os.getpid() % len(PORT_RANGE)
    for i in range(len(PORT_RANGE)):
        port = PORT_RANGE[(start + i) % len(PORT_RANGE)]
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORT_RANGE}")


def database_url_for_subprocess() -> str:
    """DATABASE_URL of the database this test runs on (pytest-django's test_<name>)."""
    s = connection.settings_dict
    if not s["ENGINE"].endswith("postgresql"):
        raise RuntimeError("out-of-process workers need PostgreSQL (DATABASE_URL)")
    auth = quote(s["USER"] or "")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"])
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def subprocess_env(env_overrides: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url_for_subprocess(),
            "MEDACTION_DISPATCH": "celery",
            "PYTHONUNBUFFERED": "1",
            # Not the suite's webapp.settings_test (inherited from pytest): a child runs the real
            # dispatchers, configured by this environment as in production.
            "DJANGO_SETTINGS_MODULE": "webapp.settings",
        }
    )
    env.update(env_overrides or {})
    return env


class _OutputWatcher:
    """Reads a child's output in a thread; keeps the tail for error messages; signals a marker."""

    def __init__(self, proc: subprocess.Popen[str], marker: str) -> None:
        self.lines: list[str] = []
        self.ready = threading.Event()
        self._marker = marker
        self._thread = threading.Thread(target=self._read, args=(proc,), daemon=True)
        self._thread.start()

    def _read(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            self.lines.append(line.rstrip())
            del self.lines[:-200]
            if self._marker in line:
                self.ready.set()

    def tail(self, n: int = 40) -> str:
        return "\n".join(self.lines[-n:])

    def join(self, timeout: float) -> None:
        """Wait for the child's output to end (after it exited), so tail() holds all of it."""
        self._thread.join(timeout)


def spawn(
    cmd: list[str], env: dict[str, str], *, marker: str = ""
) -> tuple[subprocess.Popen[str], _OutputWatcher]:
    """A child process of the project (its own process group, output read in a thread)."""
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    return proc, _OutputWatcher(proc, marker)


def _stop(proc: subprocess.Popen[str], timeout: float = 10.0) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=timeout)
    except (subprocess.TimeoutExpired, ProcessLookupError):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=5)


def kill_hard(proc: subprocess.Popen[str]) -> None:
    """SIGKILL the child and everything in its process group (a worker lost mid-turn)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=10)


def purge_broker() -> None:
    """Drop messages left in the turns and batch queues by an earlier test run."""
    from webapp.celery import app

    with app.connection_for_write() as conn:
        for queue in ("turns", "batch"):
            try:
                conn.default_channel.queue_purge(queue)
            except Exception:  # a queue that was never declared has nothing to purge
                pass


@contextmanager
def celery_worker(
    env_overrides: dict[str, str] | None = None,
    *,
    concurrency: int = 8,
    queues: str = "turns,batch",
    ready_timeout: float = 60.0,
    purge: bool = True,
) -> Iterator[subprocess.Popen[str]]:
    """A real Celery worker subprocess (threads pool), ready to consume when the block starts."""
    if purge:
        purge_broker()
    env = subprocess_env(env_overrides)
    name = f"medaction-test-{os.getpid()}-{time.monotonic_ns()}@%h"
    cmd = [
        str(BIN / "celery"),
        "-A",
        "webapp",
        "worker",
        "-Q",
        queues,
        "-P",
        "threads",
        "-c",
        str(concurrency),
        "-n",
        name,
        "--loglevel",
        "INFO",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    proc, watcher = spawn(cmd, env, marker=" ready.")
    try:
        if not watcher.ready.wait(ready_timeout):
            raise RuntimeError(f"Celery worker not ready after {ready_timeout}s:\n{watcher.tail()}")
        proc.output_tail = watcher.tail  # type: ignore[attr-defined]  # for assertion messages
        yield proc
    finally:
        _stop(proc)


@contextmanager
def asgi_server(
    env_overrides: dict[str, str] | None = None,
    *,
    port: int | None = None,
    ready_timeout: float = 30.0,
) -> Iterator[str]:
    """Daphne serving webapp.asgi on a free port; yields its base URL (http://127.0.0.1:PORT)."""
    with asgi_server_process(env_overrides, port=port, ready_timeout=ready_timeout) as (base, _):
        yield base


@contextmanager
def asgi_server_process(
    env_overrides: dict[str, str] | None = None,
    *,
    port: int | None = None,
    ready_timeout: float = 30.0,
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """asgi_server, yielding (base URL, the Daphne process) for a test that kills it."""
    port = port or free_port()
    env = subprocess_env(env_overrides)
    cmd = [str(BIN / "daphne"), "-b", "127.0.0.1", "-p", str(port), "webapp.asgi:application"]
    proc, watcher = spawn(cmd, env)
    try:
        deadline = time.monotonic() + ready_timeout
        while True:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"ASGI server did not start on port {port}:\n{watcher.tail()}")
            time.sleep(0.1)
        proc.output_tail = watcher.tail  # type: ignore[attr-defined]  # for assertion messages
        yield f"http://127.0.0.1:{port}", proc
    finally:
        _stop(proc)
