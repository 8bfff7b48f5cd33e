"""The orchestrator's plan for one turn: the leading hypotheses, the candidate tests, and the
sub-tasks of the panel (stage 1), each with only the context its role needs.

The deterministic plan reads the leading hypotheses off the knowledge graph's posterior; the
orchestrator plan asks a model (the planner role) and keeps the KG's candidate tests for the
steward to weigh.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from diagnosis.kg import KnowledgeGraph, get_kg
from diagnosis.kg.bayes import Ranked, posterior
from diagnosis.protocol import PolicyContext
from inference.policies.kg import LEADING, KGPolicy, observed_findings
from inference.policies.swarm.config import SwarmConfig
from inference.policies.swarm.roles import SubTask


@dataclass(frozen=True)
class CandidateTest:
    name: str
    cost: float
    rationale: str = ""


@dataclass
class Plan:
    kind: str  # deterministic | orchestrator
    hypotheses: list[tuple[str, float]]  # (diagnosis, prior probability), highest first
    candidates: list[CandidateTest] = field(default_factory=list)
    tasks: list[SubTask] = field(default_factory=list)
    # The KG's reading of the case (KG sub-agents and the reasoning use it)
    ranked: list[Ranked] = field(default_factory=list)
    findings: dict[str, bool] = field(default_factory=dict)


def kg_reading(context: PolicyContext) -> tuple[KnowledgeGraph, list[Ranked], dict[str, bool]]:
    kg = get_kg()
    findings, _origin = observed_findings(kg, context)
    return kg, posterior(kg, findings, top=LEADING), findings


def kg_candidates(
    kg: KnowledgeGraph, context: PolicyContext, ranked: list[Ranked], findings: dict[str, bool]
) -> list[CandidateTest]:
    picked = KGPolicy.pick_tests(kg, context, ranked, findings)
    out = []
    for name, why in picked:
        spec = kg.test_for(name)
        out.append(CandidateTest(name=name, cost=spec.cost if spec else 0.0, rationale=why))
    return out


def deterministic_plan(context: PolicyContext, config: SwarmConfig) -> Plan:
    kg, ranked, findings = kg_reading(context)
    hypotheses = [(h.name[:120], round(h.probability, 4)) for h in ranked[: config.leading]]
    plan = Plan(
        kind="deterministic",
        hypotheses=hypotheses,
        candidates=kg_candidates(kg, context, ranked, findings),
        ranked=ranked,
        findings=findings,
    )
    plan.tasks = panel_tasks(plan, context, config)
    return plan


def orchestrated_plan(
    context: PolicyContext, config: SwarmConfig, planned: list[tuple[str, float]]
) -> Plan:
    kg, ranked, findings = kg_reading(context)
    plan = Plan(
        kind="orchestrator",
        hypotheses=planned[: config.leading],
        candidates=kg_candidates(kg, context, ranked, findings),
        ranked=ranked,
        findings=findings,
    )
    plan.tasks = panel_tasks(plan, context, config)
    return plan


def _lines(items: list[str]) -> str:
    return "\n".join(f"- {i}" for i in items) or "(none)"


def panel_tasks(plan: Plan, context: PolicyContext, config: SwarmConfig) -> list[SubTask]:
    """Stage 1: one advocate per leading hypothesis, the test chooser, challenger and steward."""
    hypotheses = _lines([f"{d} ({p:.2f})" for d, p in plan.hypotheses])
    candidates = _lines([f"{c.name} (${c.cost:.0f})" for c in plan.candidates])
    shared = {"hypotheses": hypotheses, "candidate_tests": candidates}
    tasks: list[SubTask] = []
    if config.enabled("advocate"):
        tasks += [
            SubTask(
                stage=1,
                role="advocate",
                label=f"Advocate: {diagnosis}",
                values={**shared, "hypothesis": diagnosis},
                hypothesis=diagnosis,
            )
            for diagnosis, _p in plan.hypotheses
        ]
    labels = {
        "test_chooser": "Test chooser",
        "challenger": "Challenger",
        "steward": "Steward",
    }
    tasks += [
        SubTask(stage=1, role=role, label=label, values=dict(shared))
        for role, label in labels.items()
        if config.enabled(role)
    ]
    return tasks
