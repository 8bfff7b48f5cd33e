"""Writes of the swarm room: a swarm turn's sub-agent calls, in the caller's transaction (the
turn's completion or failure, under its locks)."""

from __future__ import annotations

from diagnosis.models import Turn
from diagnosis.swarm.models import SubagentCall, SwarmRun
from diagnosis.swarm.report import SwarmReport


def swarm_run_record(*, turn: Turn, report: SwarmReport) -> SwarmRun:
    """Record one attempt's plan, times and every sub-agent call (a retried attempt replaces
    nothing: each attempt has its own run)."""
    run, _ = SwarmRun.objects.update_or_create(
        turn=turn,
        attempt=turn.attempts,
        defaults={
            "plan": report.plan[:20],
            "max_parallel": report.max_parallel,
            "orchestrator_ms": report.orchestrator_ms,
            "critical_path_ms": report.critical_path_ms,
            "sequential_ms": report.sequential_ms,
            "wall_ms": report.wall_ms,
            "failures": sum(1 for s in report.subagents if s.status != "ok"),
        },
    )
    run.calls.all().delete()
    SubagentCall.objects.bulk_create(
        SubagentCall(
            run=run,
            turn=turn,
            stage=s.stage,
            position=position,
            role=s.role[:40],
            label=s.label[:300],
            status=s.status,
            error=s.error[:2000],
            output=s.output,
            model_name=s.call.model[:200],
            endpoint=s.call.endpoint[:300],
            parameters=s.call.parameters,
            prompt_tokens=s.call.prompt_tokens,
            completion_tokens=s.call.completion_tokens,
            ttft_ms=s.call.ttft_ms,
            total_ms=s.call.total_ms,
            started_ms=s.started_ms,
            ended_ms=s.ended_ms,
            raw_output=s.call.raw_output,
        )
        for position, s in enumerate(report.subagents)
    )
    return run
