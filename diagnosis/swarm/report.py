"""What a swarm policy reports of one turn: every sub-agent call and the turn's three times.
Carried on CallInfo.swarm from the policy to turn_complete (diagnosis.swarm.services records it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from diagnosis.protocol import CallInfo

SubagentStatus = Literal["ok", "timeout", "invalid", "refused", "error"]


@dataclass(frozen=True)
class SubagentCall:
    """One sub-agent of a swarm turn: its role, what it returned, how long it was in flight.

    `started_ms`/`ended_ms` are offsets from the start of the turn's policy run."""

    stage: int
    role: str
    label: str
    status: SubagentStatus
    call: CallInfo
    started_ms: float
    ended_ms: float
    output: dict[str, Any] = field(default_factory=dict)
    error: str = ""

    @property
    def elapsed_ms(self) -> float:
        return round(self.ended_ms - self.started_ms, 2)


@dataclass(frozen=True)
class SwarmReport:
    """A swarm turn's plan and sub-agents, with its three times: the critical path (the
    orchestrator's own steps plus the slowest sub-agent of each stage), the sum of every call
    (what running them one after another would cost) and the wall time."""

    plan: str  # "deterministic" | "orchestrator"
    subagents: tuple[SubagentCall, ...]
    orchestrator_ms: float
    critical_path_ms: float
    sequential_ms: float
    wall_ms: float
    max_parallel: int = 0  # 0: every sub-agent of a stage at once

    def summary(self) -> dict[str, Any]:
        """What the event log and the page carry (no prompt text, no raw output)."""
        return {
            "plan": self.plan,
            "orchestrator_ms": self.orchestrator_ms,
            "critical_path_ms": self.critical_path_ms,
            "sequential_ms": self.sequential_ms,
            "wall_ms": self.wall_ms,
            "max_parallel": self.max_parallel,
            "lanes": [
                {
                    "stage": s.stage,
                    "role": s.role,
                    "label": s.label,
                    "status": s.status,
                    "ms": s.elapsed_ms,
                    "error": s.error[:300],
                    "output": s.output,
                }
                for s in self.subagents
            ],
        }
