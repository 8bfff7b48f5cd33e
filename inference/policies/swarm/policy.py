"""The swarm policies: an orchestrator plans the turn, a panel of sub-agents works on it at the
same time, and the orchestrator merges their outputs into one TurnDecision.

- "swarm" / "swarm:<profile>": model sub-agents through the endpoint pool (a profile with a
  `[swarm]` table, VLLM_SWARM_PROFILE by default);
- "swarm-kg": the same orchestration over knowledge-graph sub-agents (no model server).

Streams the lanes (one per sub-agent) as partial decisions under the key "swarm"; the final
decision's CallInfo carries the SwarmReport (every sub-agent call; critical path, sum of calls,
wall time), recorded beside the turn by diagnosis.swarm.
"""

from __future__ import annotations

import time
import tomllib
from collections.abc import Generator, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings

from diagnosis.protocol import (
    CallInfo,
    FinalDecision,
    PartialDecision,
    PolicyContext,
    PolicyError,
    PolicyUpdate,
)
from diagnosis.swarm.report import SubagentCall, SwarmReport
from inference.policies.swarm.config import SwarmConfig, swarm_config
from inference.policies.swarm.fanout import RunOne, run_stage
from inference.policies.swarm.merge import LaneResult, merge
from inference.policies.swarm.plan import Plan, deterministic_plan, orchestrated_plan
from inference.policies.swarm.roles import SubTask

KG_PANEL = Path(__file__).resolve().parent / "kg_panel.toml"

Stage = Generator[list[dict[str, Any]], None, list[SubagentCall]]


def _partial(plan: Plan | None, lanes: list[dict[str, Any]], note: str) -> PartialDecision:
    data: dict[str, Any] = {"reasoning": note, "swarm": {"lanes": lanes}}
    if plan is not None:
        data["differential"] = [{"diagnosis": d, "probability": p} for d, p in plan.hypotheses]
    return PartialDecision(data=data)


def _stream(stage: Stage, plan: Plan | None, note: str) -> Generator[PolicyUpdate, None, list]:
    try:
        while True:
            lanes = next(stage)
            yield _partial(plan, lanes, note)
    except StopIteration as done:
        return list(done.value)


def report_for(
    plan_kind: str, calls: list[SubagentCall], *, own_ms: float, wall_ms: float, parallel: int
) -> SwarmReport:
    stages: dict[int, float] = {}
    for c in calls:
        stages[c.stage] = max(stages.get(c.stage, 0.0), c.elapsed_ms)
    return SwarmReport(
        plan=plan_kind,
        subagents=tuple(calls),
        orchestrator_ms=round(own_ms, 2),
        critical_path_ms=round(own_ms + sum(stages.values()), 2),
        sequential_ms=round(own_ms + sum(c.elapsed_ms for c in calls), 2),
        wall_ms=round(wall_ms, 2),
        max_parallel=parallel,
    )


class SwarmBase:
    key = "swarm"
    model = "swarm"

    def setup(self, context: PolicyContext) -> tuple[SwarmConfig, str]:
        raise NotImplementedError

    def runner(self, context: PolicyContext, plan: Plan | None) -> RunOne:
        raise NotImplementedError

    def run(self, context: PolicyContext) -> Iterator[PolicyUpdate]:
        t0 = time.monotonic()
        config, model = self.setup(context)
        parallel = config.parallelism()
        calls: list[SubagentCall] = []
        if config.plan == "orchestrator":
            planner = SubTask(stage=0, role="planner", label="Orchestrator: plan", values={})
            stage0 = run_stage(
                [planner],
                self.runner(context, None),
                t0=t0,
                max_parallel=1,
                timeout_for=config.timeout_for,
            )
            calls += yield from _stream(stage0, None, "The orchestrator is planning the turn.")
            if calls[0].status != "ok":
                wall = (time.monotonic() - t0) * 1000
                report = report_for(
                    "orchestrator", calls, own_ms=0.0, wall_ms=wall, parallel=parallel
                )
                raise PolicyError(
                    f"The orchestrator could not plan this turn ({calls[0].status}: "
                    f"{calls[0].error}). You can retry the turn.",
                    retryable=True,
                    call=self._call(model, config, report, calls),
                )
            planned = [(h["diagnosis"], h["probability"]) for h in calls[0].output["hypotheses"]]
            planned.sort(key=lambda h: -h[1])
            plan = orchestrated_plan(context, config, planned)
        else:
            plan = deterministic_plan(context, config)
        before = [
            {
                "stage": c.stage,
                "role": c.role,
                "label": c.label,
                "status": c.status,
                "ms": c.elapsed_ms,
                "error": c.error,
                "output": c.output,
            }
            for c in calls
        ]
        stage1 = run_stage(
            plan.tasks,
            self.runner(context, plan),
            t0=t0,
            max_parallel=parallel,
            timeout_for=config.timeout_for,
            lanes_before=before,
        )
        panel = yield from _stream(stage1, plan, "The panel is working on the leading hypotheses.")
        calls += panel
        lanes = [
            LaneResult(
                role=c.role,
                label=c.label,
                hypothesis=t.hypothesis,
                output=c.output if c.status == "ok" else None,
                status=c.status,
                error=c.error,
            )
            for c, t in zip(panel, plan.tasks, strict=True)
        ]
        decision = merge(plan, lanes, context, config)
        done = time.monotonic()
        wall = (done - t0) * 1000
        # The orchestrator's own steps: everything outside the stages (plan, merge).
        stage_spans = sum(
            max((c.ended_ms for c in calls if c.stage == s), default=0.0)
            - min((c.started_ms for c in calls if c.stage == s), default=0.0)
            for s in {c.stage for c in calls}
        )
        own = max(0.0, wall - stage_spans)
        report = report_for(plan.kind, calls, own_ms=own, wall_ms=wall, parallel=parallel)
        final_lanes = report.summary()["lanes"]
        yield PartialDecision(
            data={**decision.model_dump(mode="json"), "swarm": {"lanes": final_lanes}}
        )
        yield FinalDecision(decision=decision, call=self._call(model, config, report, calls))

    def _call(
        self, model: str, config: SwarmConfig, report: SwarmReport, calls: list[SubagentCall]
    ) -> CallInfo:
        endpoints = sorted({c.call.endpoint for c in calls if c.call.endpoint})
        ttfts = [c.call.ttft_ms for c in calls if c.call.ttft_ms is not None]
        return CallInfo(
            model=model,
            endpoint=",".join(endpoints),
            parameters={
                "policy": self.key,
                "plan": report.plan,
                "subagents": len(calls),
                "failed_subagents": sum(1 for c in calls if c.status != "ok"),
                "max_parallel": report.max_parallel,
                "critical_path_ms": report.critical_path_ms,
                "sequential_ms": report.sequential_ms,
                "wall_ms": report.wall_ms,
            },
            prompt_tokens=sum(c.call.prompt_tokens for c in calls),
            completion_tokens=sum(c.call.completion_tokens for c in calls),
            ttft_ms=min(ttfts) if ttfts else None,
            total_ms=report.wall_ms,
            swarm=report,
        )


class SwarmPolicy(SwarmBase):
    """Model sub-agents: the roles and prompts of a swarm profile."""

    def __init__(self, profile: str | None = None) -> None:
        self.profile_key: str = profile or str(
            getattr(settings, "VLLM_SWARM_PROFILE", "swarm-panel")
        )
        self.key = f"swarm:{profile}" if profile else "swarm"

    def setup(self, context: PolicyContext) -> tuple[SwarmConfig, str]:
        from inference.serving.profiles import get_profile

        if not settings.VLLM_ENDPOINTS:
            raise PolicyError(
                "No model server is configured (VLLM_ENDPOINTS is empty).", retryable=True
            )
        try:
            self.profile = get_profile(self.profile_key)
        except KeyError as exc:
            raise PolicyError(f"This session's swarm profile is gone: {exc.args[0]}") from None
        if not self.profile.swarm:
            raise PolicyError(f"The profile {self.profile_key!r} has no [swarm] panel.")
        config = swarm_config(self.profile.swarm, source=self.profile_key)
        return config, self.profile.model_name

    def runner(self, context: PolicyContext, plan: Plan | None) -> RunOne:
        from inference.policies.swarm.llm_agents import LLMAgents

        return LLMAgents(self.profile, self._config_cache(), context).run_one

    def _config_cache(self) -> SwarmConfig:
        return swarm_config(self.profile.swarm, source=self.profile_key)


@lru_cache(maxsize=1)
def kg_panel() -> SwarmConfig:
    data = tomllib.loads(KG_PANEL.read_text(encoding="utf-8"))
    return swarm_config(data["swarm"], source=str(KG_PANEL))


class KGSwarmPolicy(SwarmBase):
    """The embedded swarm: knowledge-graph sub-agents, no model server."""

    key = "swarm-kg"
    model = "kg-swarm"

    def setup(self, context: PolicyContext) -> tuple[SwarmConfig, str]:
        return kg_panel(), self.model

    def runner(self, context: PolicyContext, plan: Plan | None) -> RunOne:
        from inference.policies.swarm.kg_agents import KGAgents

        if plan is None:
            raise PolicyError("The KG swarm plans deterministically (plan = deterministic).")
        return KGAgents(plan, kg_panel(), context).run_one
