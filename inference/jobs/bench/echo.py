"""The bare chain's task, a BENCHMARK INSTRUMENT: bench_inference measures apply_async -> this
task -> channel layer group_send -> a WebSocket client (diagnosis/web/bench_consumer.py, routed
only when MEDACTION_BENCH_ROUTES is true) in the same run and load shape as the turns, so a turn's
latency can be read against what the stack alone costs (its "floor").

No application work: no database, no model, no rendering. The message goes out on the same
publishing loop the turns' events use (diagnosis.sessions.publish). Registered with the Celery app
in webapp/celery.py; delivered with the turns' options (acks_late, the `turns` queue).
"""

from __future__ import annotations

from celery import shared_task

from diagnosis.sessions.publish import publish_to_group

GROUP_PREFIX = "benchecho."


def echo_group(token: str) -> str:
    """The group a bench client joins (a token of letters and digits chosen by the client)."""
    return GROUP_PREFIX + token


@shared_task(name="inference.bench_echo", acks_late=True, ignore_result=True)
def bench_echo(group: str, n: int) -> None:
    """Send {"n": n} to the group's clients, nothing else."""
    publish_to_group(str(group), {"type": "bench.echo", "n": int(n)})
