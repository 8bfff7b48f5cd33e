"""Command lines of the processes a benchmark starts: the stand-in server and Celery workers."""

from __future__ import annotations

import sys

from inference.jobs.bench.harness import BIN


def standin_argv(port: int, *extra: str) -> list[str]:
    """The stand-in server (a benchmark instrument) on `port`, never sending a final answer."""
    return [
        sys.executable, "-m", "inference.jobs.bench.standin_server", "--port", str(port),
        *extra, "--never-finalise",
    ]  # fmt: skip


def worker_argv(name: str, concurrency: int) -> list[str]:
    """A Celery worker on both queues, threads pool, no gossip or mingle (faster start)."""
    return [
        str(BIN / "celery"), "-A", "webapp", "worker", "-Q", "turns,batch", "-P", "threads",
        "-c", str(concurrency), "--loglevel", "INFO", "--without-gossip", "--without-mingle",
        "-n", f"{name}@%h",
    ]  # fmt: skip
