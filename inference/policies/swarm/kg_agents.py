"""Sub-agents over the knowledge graph (the embedded swarm, no GPU): an advocate per leading
hypothesis (its posterior, the findings that moved it, the test that would best settle it), a
test chooser on information gain per cost, a challenger from the profile's can't-miss list, a
steward that vetoes costly or redundant candidates."""

from __future__ import annotations

import time
from typing import Any

from diagnosis.kg import KnowledgeGraph, get_kg
from diagnosis.kg.bayes import GainModel, posterior
from diagnosis.kg.text import normalise_name
from diagnosis.metrics.judge import disease_ids, linked
from diagnosis.protocol import CallInfo, PolicyContext
from inference.policies.swarm.config import SwarmConfig
from inference.policies.swarm.fanout import OnCancel, Report, SubagentFailure
from inference.policies.swarm.plan import Plan
from inference.policies.swarm.roles import SubTask, role_validate

MODEL = "kg-swarm"
STEWARD_MAX_COST = 400.0  # a candidate dearer than this is vetoed unless nothing cheaper is left
CANT_MISS_MIN = 0.001  # a can't-miss diagnosis the findings leave at least this likely


class KGAgents:
    def __init__(self, plan: Plan, config: SwarmConfig, context: PolicyContext) -> None:
        self.plan, self.config, self.context = plan, config, context
        self.kg: KnowledgeGraph = get_kg()

    def run_one(
        self, task: SubTask, report: Report, on_cancel: OnCancel
    ) -> tuple[dict[str, Any], CallInfo]:
        started = time.perf_counter()
        work = {
            "advocate": self.advocate,
            "test_chooser": self.test_chooser,
            "challenger": self.challenger,
            "steward": self.steward,
        }.get(task.role)
        if work is None:
            raise SubagentFailure("error", f"no KG sub-agent for the {task.role} role")
        output = role_validate(task.role, _json(work(task)))
        elapsed = round((time.perf_counter() - started) * 1000, 2)
        return output, CallInfo(
            model=MODEL,
            parameters={"role": task.role},
            ttft_ms=elapsed,
            total_ms=elapsed,
        )

    def advocate(self, task: SubTask) -> dict[str, Any]:
        kg, plan = self.kg, self.plan
        ranked = next((h for h in plan.ranked if h.name[:120] == task.hypothesis), None)
        if ranked is None:
            return {"support": 0.0}
        ev_for = [kg.finding_name(f) for f, present, lr in ranked.moved_by if present and lr > 0]
        ev_against = [
            f"{kg.finding_name(f)} {'present' if present else 'absent'}"
            for f, present, lr in ranked.moved_by
            if lr < 0
        ]
        ids = disease_ids(kg, ranked.name)
        done = {normalise_name(o) for o in self.context.ordered_tests()}
        model = GainModel(kg, plan.ranked)
        best, best_gain = "", 0.0
        for test in kg.tests:
            if normalise_name(test.name) in done or not any(
                linked(kg, ids, f) for f in test.reveals
            ):
                continue
            gain, _ = model.test_value(test, set(plan.findings))
            if gain > best_gain:
                best, best_gain = test.name, gain
        return {
            "support": round(ranked.probability, 4),
            "evidence_for": [e[:160] for e in ev_for[:3]],
            "evidence_against": [e[:160] for e in ev_against[:3]],
            "decisive_test": best[:120],
        }

    def test_chooser(self, task: SubTask) -> dict[str, Any]:
        return {
            "tests": [
                {"test": c.name[:120], "cost": c.cost, "rationale": c.rationale[:300]}
                for c in self.plan.candidates[:3]
            ]
        }

    def challenger(self, task: SubTask) -> dict[str, Any]:
        kg, plan = self.kg, self.plan
        leading = {normalise_name(d) for d, _p in plan.hypotheses}
        wide = {h.concept: h.probability for h in posterior(kg, plan.findings, top=200)}
        found = []
        for name in self.config.cant_miss:
            if normalise_name(name) in leading:
                continue
            ids = disease_ids(kg, name)
            p = max((wide.get(kg.concept(i), 0.0) for i in ids), default=0.0)
            if p >= CANT_MISS_MIN:
                found.append((p, name))
        found.sort(key=lambda x: -x[0])
        top = plan.hypotheses[0] if plan.hypotheses else ("", 0.0)
        premature = top[1] >= self.config.stop_threshold and not self.context.past_turns
        previous = self.context.past_turns[-1].decision.ranked() if self.context.past_turns else []
        anchoring = bool(
            previous
            and normalise_name(previous[0].diagnosis) == normalise_name(top[0])
            and top[1] < previous[0].probability
        )
        note = []
        if premature:
            note.append("Confident before any test: confirm first.")
        if anchoring:
            note.append(f"{top[0]} still leads although its probability fell.")
        return {
            "anchoring": anchoring,
            "premature_closure": premature,
            "cant_miss": [
                {"diagnosis": name[:120], "why": f"dangerous if missed ({p:.1%})"}
                for p, name in found[:2]
            ],
            "note": " ".join(note)[:300],
        }

    def steward(self, task: SubTask) -> dict[str, Any]:
        known = set(self.plan.findings)
        vetoes = []
        cheaper = [c for c in self.plan.candidates if c.cost <= STEWARD_MAX_COST]
        for c in self.plan.candidates:
            spec = self.kg.test_for(c.name)
            if spec is not None and spec.reveals and set(spec.reveals) <= known:
                vetoes.append({"test": c.name[:120], "reason": "redundant: its findings are known"})
            elif c.cost > STEWARD_MAX_COST and cheaper:
                vetoes.append(
                    {"test": c.name[:120], "reason": f"costly (${c.cost:.0f}) while cheaper remain"}
                )
        spent = sum(o.cost for t in self.context.past_turns for o in t.observations)
        return {"vetoes": vetoes[:5], "note": f"Spent so far: ${spent:.0f}."}


def _json(value: dict[str, Any]) -> str:
    import json

    return json.dumps(value)
