"""python manage.py bench_swarm [--json]: what running a turn's sub-agents at the same time saves
(a benchmark, not a test).

Through the production path (a Celery worker on Redis, Postgres) against the stand-in model server
with a fixed latency per call (inference/jobs/bench/standin_server.py): simulated sessions on the
swarm policy (profile swarm-panel: an advocate per leading hypothesis, a test chooser, a
challenger, a steward) run to their end, first with each stage's sub-agents all in flight at once,
then with a worker that runs them one after another (MEDACTION_SWARM_MAX_PARALLEL=1). Reports
P3 (the median turn's wall time one after another over in parallel, floor 3.0), whether every
merged decision is identical between the two runs, and the recorded critical path and sum of
calls per turn. Creates sessions in the configured database: point DATABASE_URL at a scratch one.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from inference.jobs.bench.argv import standin_argv, worker_argv
from inference.jobs.bench.harness import (
    Stack,
    bench_case,
    bench_user,
    log_says,
    port_open,
)

P3_FLOOR = 3.0


class Command(BaseCommand):
    help = "Measure the swarm's parallel speed-up (P3) through the production path."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--json", action="store_true", help="print one JSON object as the last line"
        )
        parser.add_argument("--sessions", type=int, default=3, help="sessions per run")
        parser.add_argument("--turns", type=int, default=3, help="turns per session")
        parser.add_argument("--ttft-ms", type=float, default=250.0, help="stand-in TTFT")
        parser.add_argument("--tokens", type=int, default=16, help="stand-in tokens per answer")
        parser.add_argument("--tokens-per-s", type=float, default=64.0)
        parser.add_argument(
            "--port", type=int, default=int(os.environ.get("MEDACTION_BENCH_PORT", "8280"))
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if (
            not str(settings.DATABASES["default"]["ENGINE"]).endswith("postgresql")
            or not settings.REDIS_URL
        ):
            raise CommandError(
                "bench_swarm measures the production path: set DATABASE_URL (PostgreSQL) "
                "and REDIS_URL."
            )
        if not 1 <= opts["sessions"] <= 20 or not 1 <= opts["turns"] <= 8:
            raise CommandError("--sessions must be 1..20 and --turns 1..8")
        say = (lambda m: self.stderr.write(m)) if opts["json"] else (lambda m: self.stdout.write(m))
        port = opts["port"]
        endpoint = f"http://127.0.0.1:{port}"
        env = dict(os.environ)
        env.update(
            {
                "VLLM_ENDPOINTS": endpoint,
                "VLLM_MODEL": "standin",
                "VLLM_SWARM_PROFILE": "swarm-panel",
                "MEDACTION_DISPATCH": "celery",
                "LOG_LEVEL": "WARNING",
                "DEBUG": "false",
                "SECURE_SSL_REDIRECT": "false",
                "SECRET_KEY": settings.SECRET_KEY,
            }
        )
        settings.VLLM_ENDPOINTS, settings.VLLM_MODEL = [endpoint], "standin"
        settings.MEDACTION_DISPATCHER = "inference.dispatch.CeleryDispatcher"
        log_dir = Path(tempfile.mkdtemp(prefix="bench-swarm-", dir=settings.VAR_DIR))
        per_call = opts["ttft_ms"] + opts["tokens"] / opts["tokens_per_s"] * 1000
        stack = Stack(env, log_dir)
        runs: dict[str, list[dict[str, Any]]] = {}
        try:
            stack.start(
                "standin",
                standin_argv(
                    port,
                    *("--ttft-ms", str(opts["ttft_ms"])),
                    *("--tokens-per-s", str(opts["tokens_per_s"])),
                    *("--tokens", str(opts["tokens"])),
                ),
                lambda: port_open(port),
            )
            for name, parallel in (("parallel", ""), ("sequential", "1")):
                worker_env = {**env, "MEDACTION_SWARM_MAX_PARALLEL": parallel}
                if not parallel:
                    worker_env.pop("MEDACTION_SWARM_MAX_PARALLEL")
                worker = Stack(worker_env, log_dir)
                log = log_dir / f"worker-{name}.log"
                worker.start(
                    f"worker-{name}",
                    worker_argv(f"swarm-{name}-{os.getpid()}", 2),
                    lambda log=log: log_says(log, "worker warm-up done"),
                    timeout=120,
                )
                try:
                    say(f"{name}: {opts['sessions']} session(s) x {opts['turns']} turns …")
                    runs[name] = self._run(opts["sessions"], opts["turns"])
                finally:
                    worker.stop()
        finally:
            stack.stop()
        self._report(runs, opts, per_call, say)

    @staticmethod
    def _run(sessions: int, turns: int) -> list[dict[str, Any]]:
        """Each session in turn, to its end; then its turns as recorded."""
        from diagnosis.models import DiagnosticSession, SessionStatus, Turn
        from diagnosis.sessions import services

        user, case = bench_user(), bench_case()
        rows: list[dict[str, Any]] = []
        for _ in range(sessions):
            session = services.session_start(
                owner=user, mode="simulated", policy="swarm", case=case, max_turns=turns
            )
            deadline = time.monotonic() + 300
            while True:
                status = DiagnosticSession.objects.values_list("status", flat=True).get(
                    pk=session.pk
                )
                if status in (SessionStatus.COMPLETED, SessionStatus.FAILED):
                    break
                if time.monotonic() > deadline:
                    raise CommandError(f"session {session.pk} did not finish in 300 s")
                time.sleep(0.05)
            for turn in Turn.objects.filter(session=session).order_by("index"):
                run = turn.swarm_runs.order_by("-attempt").first()
                if turn.status != "completed" or run is None:
                    raise CommandError(f"turn {turn.index} of session {session.pk}: {turn.error}")
                rows.append(
                    {
                        "turn": turn.index,
                        "decision": turn.decision,
                        "subagents": run.calls.count(),
                        "failed": run.failures,
                        "wall_ms": run.wall_ms,
                        "critical_path_ms": run.critical_path_ms,
                        "sequential_ms": run.sequential_ms,
                    }
                )
        return rows

    def _report(
        self, runs: dict[str, list[dict[str, Any]]], opts: dict[str, Any], per_call: float, say: Any
    ) -> None:
        par, seq = runs["parallel"], runs["sequential"]

        def median(rows: list[dict[str, Any]], key: str) -> float:
            return round(statistics.median(r[key] for r in rows), 1)

        identical = len(par) == len(seq) and all(
            a["decision"] == b["decision"] for a, b in zip(par, seq, strict=True)
        )
        speedup = round(median(seq, "wall_ms") / median(par, "wall_ms"), 2)
        summary = {
            "p3_speedup": speedup,
            "p3_floor": P3_FLOOR,
            "p3_ok": speedup >= P3_FLOOR and identical,
            "decisions_identical": identical,
            "subagents": min(r["subagents"] for r in par),
            "failed_subagents": sum(r["failed"] for r in par + seq),
            "turns": len(par),
            "wall_ms_parallel": median(par, "wall_ms"),
            "wall_ms_sequential": median(seq, "wall_ms"),
            "critical_path_ms_parallel": median(par, "critical_path_ms"),
            "sum_of_calls_ms_parallel": median(par, "sequential_ms"),
            "per_call_ms": round(per_call, 1),
            "load_shape": (
                f"stand-in answers after {opts['ttft_ms']:g} ms TTFT with {opts['tokens']} tokens "
                f"at {opts['tokens_per_s']:g}/s; {opts['sessions']} session(s) of "
                f"{opts['turns']} turns per run, one at a time; Celery worker, Redis, Postgres"
            ),
            "cpus": os.cpu_count(),
        }
        say(
            f"per turn (median): parallel wall {summary['wall_ms_parallel']} ms "
            f"(critical path {summary['critical_path_ms_parallel']} ms, sum of calls "
            f"{summary['sum_of_calls_ms_parallel']} ms); one after another "
            f"{summary['wall_ms_sequential']} ms"
        )
        say(
            f"P3 speed-up {speedup} (floor {P3_FLOOR}) with {summary['subagents']} sub-agents "
            f"per turn; merged decisions identical: {identical}"
        )
        if opts["json"]:
            self.stdout.write(json.dumps(summary))
