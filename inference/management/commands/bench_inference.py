"""python manage.py bench_inference [--json]: latency of the model-serving path (a benchmark, not
a test).

Runs the production path (Celery on Redis, channels-redis pubsub, Postgres, uvicorn/daphne, a
WebSocket client per session) against the stand-in model server
(inference/jobs/bench/standin_server.py) or, with --endpoint, a real OpenAI-compatible server. See
inference/jobs/bench/harness.py for what P1 and P2 measure, floor.py for the bare chain measured
beside each level, cpu.py for cpu_ms_per_turn, figures.py for the floors (met / missed), run.py
for the rounds (open loop, or --closed-loop). It creates sessions (titled
"bench_inference") in the configured database: point DATABASE_URL at a scratch database.
"""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from inference.jobs.bench.argv import standin_argv, worker_argv
from inference.jobs.bench.cpu import Meter
from inference.jobs.bench.figures import cpu_over_levels, floor_marks, headline, report_lines
from inference.jobs.bench.floor import Floor
from inference.jobs.bench.harness import BIN, Bench, Stack, log_says, port_open
from inference.jobs.bench.run import closed_loop, open_loop
from inference.jobs.bench.sessions import login_cookie, make_sessions

BENCH_REQUEST_THREADS = (
    16  # threads playing the users' Step requests (each with a database connection)
)


class Command(BaseCommand):
    help = (
        "Measure P1 (added latency to the first streamed event) and P2 (no serialisation) "
        "through the production path."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--json", action="store_true", help="print one JSON object as the last line"
        )
        parser.add_argument(
            "--sessions", default="1,16,64", help="concurrency levels for P1 (default 1,16,64)"
        )
        parser.add_argument(
            "--duration", type=float, default=10.0, help="seconds of load per level (default 10)"
        )
        parser.add_argument("--p2-sessions", type=int, default=64)
        parser.add_argument(
            "--no-floor",
            action="store_true",
            help="skip the bare chain (apply_async -> empty task -> group_send -> WebSocket)",
        )
        parser.add_argument(
            "--closed-loop",
            action="store_true",
            help=(
                "instead of the open-loop levels and P2: each session asks for its next turn "
                "when the previous one ends (model turns of --closed-loop-turn-s)"
            ),
        )
        parser.add_argument("--closed-loop-sessions", default="64,256")
        parser.add_argument(
            "--closed-loop-duration", type=float, default=20.0, help="seconds per level"
        )
        parser.add_argument(
            "--closed-loop-turn-s",
            type=float,
            default=2.0,
            help="the stand-in's turn length in the closed loop (TTFT + streaming)",
        )
        parser.add_argument(
            "--ttft-ms", type=float, default=100.0, help="stand-in time to first token"
        )
        parser.add_argument(
            "--tokens-per-s", type=float, default=40.0, help="stand-in token rate per stream"
        )
        parser.add_argument("--tokens", type=int, default=32, help="stand-in tokens per answer")
        parser.add_argument(
            "--stream-interval-ms",
            type=int,
            default=50,
            help="partial-event batching in the worker",
        )
        parser.add_argument(
            "--endpoint",
            default="",
            help="use this OpenAI-compatible server instead of the stand-in",
        )
        parser.add_argument("--model", default="", help="served model name with --endpoint")
        parser.add_argument(
            "--profile",
            default="json-schema",
            help="model profile (smollm2 for the CPU demo model)",
        )
        parser.add_argument(
            "--port-base", type=int, default=int(os.environ.get("MEDACTION_BENCH_PORT", "8280"))
        )
        parser.add_argument("--server", choices=("uvicorn", "daphne"), default="uvicorn")
        parser.add_argument(
            "--worker-concurrency",
            type=int,
            default=0,
            help=(
                "threads per worker process (default: the largest level's sessions spread over "
                "the workers, plus 2)"
            ),
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=min(os.cpu_count() or 1, 4),
            help=(
                "Celery worker processes, as in production: one per core "
                "(default: cores, at most 4)"
            ),
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if (
            not str(settings.DATABASES["default"]["ENGINE"]).endswith("postgresql")
            or not settings.REDIS_URL
        ):
            raise CommandError(
                "bench_inference measures the production path: set DATABASE_URL (PostgreSQL) "
                "and REDIS_URL."
            )
        if (
            settings.CHANNEL_LAYERS["default"]["BACKEND"]
            != "channels_redis.pubsub.RedisPubSubChannelLayer"
        ):
            raise CommandError(
                "bench_inference expects the pubsub channel layer (MEDACTION_CHANNEL_LAYER=pubsub)."
            )
        key = "closed_loop_sessions" if opts["closed_loop"] else "sessions"
        flag = "--" + key.replace("_", "-")
        try:
            levels = [int(x) for x in opts[key].split(",") if x.strip()]
        except ValueError:
            raise CommandError(
                f"{flag} must be comma-separated whole numbers, e.g. 1,16,64"
            ) from None
        top = 300 if opts["closed_loop"] else 200
        if not levels or min(levels) < 1 or max(levels) > top:
            raise CommandError(f"{flag} levels must be between 1 and {top}")
        if opts["closed_loop"]:
            if not opts["ttft_ms"] / 1000 < opts["closed_loop_turn_s"] <= 60:
                raise CommandError("--closed-loop-turn-s must be above the TTFT and at most 60")
            if not 1 <= opts["closed_loop_duration"] <= 600:
                raise CommandError("--closed-loop-duration must be 1..600 s")
            # The stand-in streams its tokens over the rest of the turn.
            opts["tokens_per_s"] = opts["tokens"] / (
                opts["closed_loop_turn_s"] - opts["ttft_ms"] / 1000
            )
        if opts["endpoint"] and not opts["model"]:
            raise CommandError("--endpoint needs --model (the served model name)")

        if opts["workers"] < 1:
            raise CommandError("--workers must be at least 1")
        self._check_connections(opts, max(max(levels), opts["p2_sessions"]))
        standin_port, web_port = opts["port_base"], opts["port_base"] + 1
        endpoint = opts["endpoint"].rstrip("/") or f"http://127.0.0.1:{standin_port}"
        model = opts["model"] or "standin"
        env = dict(os.environ)
        env.update(
            {
                "VLLM_ENDPOINTS": endpoint,
                "VLLM_MODEL": model,
                "VLLM_PROFILE": opts["profile"],
                "MEDACTION_DISPATCH": "celery",
                "MEDACTION_STREAM_INTERVAL_MS": str(opts["stream_interval_ms"]),
                "LOG_LEVEL": "WARNING",
                "VLLM_FIRST_TOKEN_TIMEOUT": "120",
                "VLLM_TOTAL_TIMEOUT": "300",
                "CELERY_WORKER_CONCURRENCY": str(opts["worker_concurrency"]),
                # As in production: no per-query debug recording in the worker and the web server.
                "DEBUG": "false",
                "SECURE_SSL_REDIRECT": "false",
                "SECRET_KEY": settings.SECRET_KEY,  # the login cookie made here must verify there
                # the bare chain's WebSocket route (diagnosis/web/bench_consumer.py)
                "MEDACTION_BENCH_ROUTES": "false" if opts["no_floor"] else "true",
            }
        )
        settings.VLLM_ENDPOINTS, settings.VLLM_MODEL, settings.VLLM_PROFILE = (
            [endpoint],
            model,
            opts["profile"],
        )
        settings.MEDACTION_DISPATCHER = "inference.dispatch.CeleryDispatcher"
        log_dir = Path(tempfile.mkdtemp(prefix="bench-inference-", dir=settings.VAR_DIR))
        stack = Stack(env, log_dir)
        say = (lambda m: self.stderr.write(m)) if opts["json"] else (lambda m: self.stdout.write(m))
        timings: dict[str, float] = {}
        try:
            t0 = time.monotonic()
            if not opts["endpoint"]:
                stack.start(
                    "standin",
                    standin_argv(
                        standin_port,
                        *("--ttft-ms", str(opts["ttft_ms"])),
                        *("--tokens-per-s", str(opts["tokens_per_s"])),
                        *("--tokens", str(opts["tokens"])),
                    ),
                    lambda: port_open(standin_port),
                )
            for w in range(opts["workers"]):
                worker_log = log_dir / f"worker{w}.log"
                stack.start(
                    f"worker{w}",
                    worker_argv(f"bench{w}-{os.getpid()}", opts["worker_concurrency"]),
                    # ready and warm (knowledge graph, model client), so no measured turn waits
                    # for that
                    lambda log=worker_log: log_says(log, "worker warm-up done"),
                )
            server_cmd = (
                [
                    str(BIN / "uvicorn"),
                    "webapp.asgi:application",
                    "--port",
                    str(web_port),
                    "--log-level",
                    "warning",
                    "--no-access-log",
                ]
                if opts["server"] == "uvicorn"
                else [
                    str(BIN / "daphne"),
                    "-b",
                    "127.0.0.1",
                    "-p",
                    str(web_port),
                    "webapp.asgi:application",
                ]
            )
            stack.start("web", server_cmd, lambda: port_open(web_port))
            timings["stack_start_s"] = round(time.monotonic() - t0, 1)
            say(
                f"stack up in {timings['stack_start_s']} s (logs in {log_dir}); "
                f"model {model} at {endpoint}; "
                f"{opts['workers']} worker process(es) x {opts['worker_concurrency']} threads"
            )
            load_before = os.getloadavg()[0]
            meter = Meter(
                web=[p.pid for name, p in stack.procs if name == "web"],
                workers=[p.pid for name, p in stack.procs if name.startswith("worker")],
                database=str(settings.DATABASES["default"]["NAME"]),
                redis_url=settings.REDIS_URL,
            )
            result = asyncio.run(self._measure(levels, opts, web_port, say, meter))
            # Other work on the same cores inflates every figure: say how busy the machine was.
            result["load_avg_1m"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
        finally:
            stack.stop()
        result.update(timings)
        model_shape = (
            f"turns stream {opts['tokens']} tokens at {opts['tokens_per_s']}/s "
            f"after {opts['ttft_ms']} ms TTFT"
            if not opts["endpoint"]
            else f"turns are generated by {model} at {endpoint}"
        )
        result["workers"] = {
            "processes": opts["workers"],
            "threads_each": opts["worker_concurrency"],
            "pool": "threads",
        }
        result["load_shape"] = (
            "closed loop: each session requests its next turn as soon as the previous one ends"
            if opts["closed_loop"]
            else "each session requests one turn per second (the next as soon as the previous "
            "ends if it takes longer)"
        ) + f"; {model_shape}; partial events every {opts['stream_interval_ms']} ms"
        self._report(result, opts, say)

    @staticmethod
    def _check_connections(opts: dict[str, Any], sessions: int) -> None:
        """Refuse to start a run that would exhaust max_connections (turns would fail with "too
        many clients" half-way through, as one did before this check). A worker process holds at
        most MEDACTION_DB_POOL_MAX connections (its pool; the workers inherit this environment),
        or, with the pool off, one per thread; so do the request threads here, and the web
        server. Without --worker-concurrency: a thread for every session, spread over the
        workers, and a few spare, as far as the connections allow (the rest wait in the broker)."""
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('max_connections')::int, "
                "(SELECT count(*) FROM pg_stat_activity)"
            )
            limit, in_use = cursor.fetchone()
        pool = settings.MEDACTION_DB_POOL_MAX
        wanted = -(-sessions // opts["workers"]) + 2
        if not opts["worker_concurrency"]:
            room = (limit - in_use - BENCH_REQUEST_THREADS - 4) // opts["workers"]
            opts["worker_concurrency"] = max(
                1, wanted if pool and pool <= room else min(wanted, room)
            )
        per_worker = min(opts["worker_concurrency"], pool) if pool else opts["worker_concurrency"]
        needed = opts["workers"] * per_worker + BENCH_REQUEST_THREADS + 4  # + web server, here
        if in_use + needed > limit:
            raise CommandError(
                f"This run may open {needed} Postgres connections ({opts['workers']} workers x "
                f"{per_worker}, {BENCH_REQUEST_THREADS} request threads, "
                f"the web server); {in_use} of max_connections={limit} "
                "are in use. Lower --worker-concurrency, --workers or MEDACTION_DB_POOL_MAX, "
                "or raise max_connections."
            )

    async def _measure(
        self, levels: list[int], opts: dict[str, Any], web_port: int, say: Any, meter: Meter
    ) -> dict[str, Any]:
        from asgiref.sync import sync_to_async

        cookie = await sync_to_async(login_cookie)()
        ttft_s = None if opts["endpoint"] else opts["ttft_ms"] / 1000
        duration = opts["closed_loop_duration"] if opts["closed_loop"] else opts["duration"]
        # a closed-loop session may run a turn every closed_loop_turn_s
        max_turns = int(duration / min(1.0, opts["closed_loop_turn_s"])) + 8
        base_url = f"http://127.0.0.1:{web_port}"
        bench = Bench(
            base_url=base_url,
            cookie=cookie,
            ttft_s=ttft_s,
            create_sessions=lambda k: make_sessions(k, max_turns),
            executor_threads=BENCH_REQUEST_THREADS,
        )
        floor = (
            None
            if opts["no_floor"] or opts["closed_loop"]
            else Floor(
                ws_base=bench.ws_base, origin=base_url, cookie=cookie, executor=bench.executor
            )
        )
        try:
            if opts["closed_loop"]:
                return {"closed": await closed_loop(bench, meter, levels, opts, say)}
            return await open_loop(bench, floor, meter, levels, opts, say)
        finally:
            bench.close()
            if floor is not None:
                floor.close()

    def _report(self, result: dict[str, Any], opts: dict[str, Any], say: Any) -> None:
        rounds = result.get("closed") or result["p1"]
        summary: dict[str, Any] = {}
        if "closed" in result:
            for n, v in rounds.items():
                summary[f"closed_p1_p50_ms_{n}"] = v["p50"]
                summary[f"closed_p1_p99_ms_{n}"] = v["p99"]
                summary[f"closed_turns_per_s_{n}"] = v["turns_per_s"]
            summary["closed_levels"] = {str(k): v for k, v in rounds.items()}
        else:
            p1_64 = rounds.get(64) or rounds[max(rounds)]
            summary.update(
                {
                    "p1_p50_ms_64": p1_64["p50"],
                    "p1_p99_ms_64": p1_64["p99"],
                    **headline(rounds, result["floor"]),
                    "p2_ratio_64": result["p2"]["ratio"],
                    "p1_levels": {str(k): v for k, v in rounds.items()},
                    "floor_levels": {str(k): v for k, v in result["floor"].items()},
                    "p2": result["p2"],
                }
            )
            if 64 not in rounds:
                summary["note"] = (
                    f"64 sessions not measured; p1_*_64 keys hold the {max(rounds)}-session level"
                )
        cpu = cpu_over_levels({n: v["cpu"] for n, v in rounds.items()})
        summary["cpu_ms_per_turn"] = cpu.pop("cpu_ms_per_turn")
        summary["cpu_ms_per_turn_split"] = cpu  # web_ms, workers_ms, postgres_ms, redis_ms
        summary["floors"] = floor_marks(summary)
        summary.update(
            {
                "load_shape": result["load_shape"],
                "workers": result["workers"],
                "stack_start_s": result.get("stack_start_s"),
                "load_avg_1m_before_after": result.get("load_avg_1m"),
                "cpus": os.cpu_count(),
                "endpoint": "standin" if not opts["endpoint"] else opts["endpoint"],
            }
        )
        for line in report_lines(summary, rounds, result.get("floor", {})):
            say(line)
        if opts["json"]:
            self.stdout.write(json.dumps(summary))
