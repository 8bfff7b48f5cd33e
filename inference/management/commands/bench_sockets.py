"""python manage.py bench_sockets [--sockets 200] [--turns 2] [--deadline 180] [--json]: a
WebSocket load test of the production processes (a benchmark, not a test).

Starts the stand-in model server, Celery worker(s) and Daphne (channels-redis pubsub, Postgres),
opens one WebSocket per session (each session's turns stream to it), runs `--turns` turns per
session (the first on start, the rest through the Step service), and reports: sockets held to the
end, events lost (in the log but never received; must be 0) and repeated, and the latency of each
pushed event (its `created` time in the log to its arrival at the client) p50/p99/max. Bounded:
at most 500 sockets and `--deadline` seconds in all. Creates sessions titled "bench_inference":
point DATABASE_URL at a scratch database.
"""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from inference.jobs.bench.argv import standin_argv, worker_argv
from inference.jobs.bench.cpu import cpu_seconds
from inference.jobs.bench.harness import (
    BIN,
    Stack,
    log_says,
    percentile,
    port_open,
)
from inference.jobs.bench.sessions import login_cookie, make_sessions


@dataclass
class Socket:
    pk: int
    public_id: str
    seqs: list[int] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    connected_at: float = 0.0
    open: bool = False
    paused: asyncio.Event = field(default_factory=asyncio.Event)
    error: str = ""


class Command(BaseCommand):
    help = "Hold N WebSockets on the production processes: events lost, p99 event latency."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sockets", type=int, default=200)
        parser.add_argument("--turns", type=int, default=2, help="turns per session (>= 1)")
        parser.add_argument("--deadline", type=float, default=180.0, help="seconds, in all")
        parser.add_argument("--workers", type=int, default=1)
        parser.add_argument("--worker-concurrency", type=int, default=48)
        parser.add_argument(
            "--port-base", type=int, default=int(os.environ.get("MEDACTION_BENCH_PORT", "8760"))
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        if not settings.REDIS_URL or not str(settings.DATABASES["default"]["ENGINE"]).endswith(
            "postgresql"
        ):
            raise CommandError("bench_sockets needs DATABASE_URL (PostgreSQL) and REDIS_URL.")
        if not 1 <= opts["sockets"] <= 500 or not 1 <= opts["turns"] <= 10:
            raise CommandError("--sockets must be 1..500 and --turns 1..10")
        standin_port, web_port = opts["port_base"], opts["port_base"] + 1
        env = dict(os.environ)
        env.update(
            {
                "VLLM_ENDPOINTS": f"http://127.0.0.1:{standin_port}",
                "VLLM_MODEL": "standin",
                "VLLM_PROFILE": "json-schema",
                "MEDACTION_DISPATCH": "celery",
                "DEBUG": "false",
                "SECURE_SSL_REDIRECT": "false",
                "LOG_LEVEL": "WARNING",
                "SECRET_KEY": settings.SECRET_KEY,  # the login cookie made here must verify there
                "CELERY_WORKER_CONCURRENCY": str(opts["worker_concurrency"]),
            }
        )
        settings.VLLM_ENDPOINTS = [f"http://127.0.0.1:{standin_port}"]
        settings.VLLM_MODEL, settings.VLLM_PROFILE = "standin", "json-schema"
        settings.MEDACTION_DISPATCHER = "inference.dispatch.CeleryDispatcher"
        log_dir = Path(tempfile.mkdtemp(prefix="bench-sockets-", dir=settings.VAR_DIR))
        stack = Stack(env, log_dir)
        say = (lambda m: self.stderr.write(m)) if opts["json"] else (lambda m: self.stdout.write(m))
        try:
            stack.start(
                "standin",
                standin_argv(standin_port),
                lambda: port_open(standin_port),
            )
            for w in range(opts["workers"]):
                wlog = log_dir / f"worker{w}.log"
                stack.start(
                    f"worker{w}",
                    worker_argv(f"sockets{w}-{os.getpid()}", opts["worker_concurrency"]),
                    lambda log=wlog: log_says(log, "worker warm-up done"),
                )
            daphne = [str(BIN / "daphne"), "-b", "127.0.0.1", "-p", str(web_port)]
            stack.start("web", [*daphne, "webapp.asgi:application"], lambda: port_open(web_port))
            say(f"stack up (logs in {log_dir}); {opts['sockets']} sockets, {opts['turns']} turns")
            load_before = os.getloadavg()[0]
            # The web server's and workers' CPU (not the stand-in's, not this load generator's).
            pids = [proc.pid for name, proc in stack.procs if name != "standin"]
            result = asyncio.run(self._run(opts, web_port, say, pids))
            result["load_avg_1m"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
        finally:
            stack.stop()
        if opts["json"]:
            self.stdout.write(json.dumps(result))
        else:
            for key, value in result.items():
                self.stdout.write(f"{key}: {value}")

    async def _run(
        self, opts: dict[str, Any], web_port: int, say: Any, pids: list[int]
    ) -> dict[str, Any]:
        from asgiref.sync import sync_to_async

        began = time.monotonic()
        deadline = began + opts["deadline"]
        cookie = await sync_to_async(login_cookie)()
        base = f"http://127.0.0.1:{web_port}"
        rows = await sync_to_async(make_sessions)(opts["sockets"], opts["turns"] + 2)
        sockets = [Socket(pk, pid) for pk, pid in rows]
        tasks = [asyncio.create_task(self._watch(s, base, cookie, deadline)) for s in sockets]
        await asyncio.sleep(0)
        held_at_start = await self._wait(lambda: sum(s.open for s in sockets) == len(sockets), 30)
        say(f"{sum(s.open for s in sockets)} sockets open after {time.monotonic() - began:.1f} s")
        cpu_before = 0.0
        for turn in range(opts["turns"]):
            if turn == 1:
                cpu_before = cpu_seconds(pids)
            if turn:  # the first turn runs on start; the next ones are Step requests
                for s in sockets:
                    s.paused.clear()
                await asyncio.gather(*(sync_to_async(self._step)(s.pk) for s in sockets))
            budget = max(1.0, deadline - time.monotonic())
            await self._wait(lambda: all(s.paused.is_set() for s in sockets), budget)
            say(f"turn {turn} done at {time.monotonic() - began:.1f} s")
        stepped_turns = len(sockets) * (opts["turns"] - 1)
        cpu_ms = (cpu_seconds(pids) - cpu_before) * 1000 if stepped_turns else float("nan")
        await asyncio.sleep(1.0)  # the last pushes
        held = sum(s.open for s in sockets)
        for task in tasks:
            task.cancel()
        logged = await sync_to_async(self._logged)([s.pk for s in sockets])
        lost = sum(len(set(logged[s.pk]) - set(s.seqs)) for s in sockets)
        repeated = sum(len(s.seqs) - len(set(s.seqs)) for s in sockets)
        latencies = [ms for s in sockets for ms in s.latencies_ms]
        return {
            "sockets": len(sockets),
            "sockets_open_at_start": held_at_start,
            "sockets_held": held,
            "events_logged": sum(len(v) for v in logged.values()),
            "events_received": sum(len(s.seqs) for s in sockets),
            "events_lost": lost,
            "events_repeated": repeated,
            "pushed_events_timed": len(latencies),
            "event_latency_p50_ms": round(percentile(latencies, 0.5), 1),
            "event_latency_p99_ms": round(percentile(latencies, 0.99), 1),
            "event_latency_max_ms": round(max(latencies, default=float("nan")), 1),
            "turns_per_session": opts["turns"],
            # Over the Step rounds (turn 1 on): web server + workers, from /proc. Postgres and
            # Redis are shared with other runs on this machine and left out.
            "cpu_ms_per_turn_web_workers": round(cpu_ms / stepped_turns, 2)
            if stepped_turns
            else None,
            "seconds": round(time.monotonic() - began, 1),
            "errors": sorted({s.error for s in sockets if s.error})[:5],
        }

    @staticmethod
    async def _wait(predicate: Any, timeout: float) -> bool:
        until = time.monotonic() + timeout
        while time.monotonic() < until:
            if predicate():
                return True
            await asyncio.sleep(0.1)
        return bool(predicate())

    @staticmethod
    def _step(pk: int) -> None:
        from diagnosis.models import DiagnosticSession
        from diagnosis.sessions import services

        services.session_resume(session=DiagnosticSession(pk=pk), step=True)

    @staticmethod
    def _logged(pks: list[int]) -> dict[int, list[int]]:
        from diagnosis.models import SessionEvent

        out: dict[int, list[int]] = {pk: [] for pk in pks}
        rows = SessionEvent.objects.filter(session_id__in=pks).values_list("session_id", "seq")
        for pk, seq in rows:
            out[pk].append(seq)
        return out

    @staticmethod
    async def _watch(s: Socket, base: str, cookie: str, deadline: float) -> None:
        """One client: reconnects with last_seq as the session page does, if dropped."""
        import websockets

        url = f"{base.replace('http', 'ws')}/ws/sessions/{s.public_id}/"
        while time.monotonic() < deadline:
            last = max(s.seqs, default=0)
            try:
                async with websockets.connect(
                    f"{url}?last_seq={last}",
                    additional_headers={"Cookie": cookie, "Origin": base},
                    open_timeout=30,
                    max_size=None,
                ) as ws:
                    s.open, s.connected_at = True, time.time()
                    async for raw in ws:
                        message = json.loads(raw)
                        now = time.time()
                        for event in message.get("events", []):
                            s.seqs.append(event["seq"])
                            created = datetime.fromisoformat(event["created"]).timestamp()
                            if created >= s.connected_at:  # pushed live, not the backlog
                                s.latencies_ms.append((now - created) * 1000)
                            if event["kind"] in ("session.paused", "session.completed"):
                                s.paused.set()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # dropped: count it, reconnect
                s.error = f"{type(exc).__name__}: {exc}"[:200]
            s.open = False
            await asyncio.sleep(0.5)
