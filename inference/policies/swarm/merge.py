"""The orchestrator's merge: the panel's outputs into one TurnDecision. Plain, deterministic code
(the same outputs always give the same decision, whatever order they arrived in).

- Differential: each planned hypothesis keeps its prior mass, reweighted by its advocate's
  support (p * (0.5 + support), renormalised to the same total); a failed advocate leaves its
  hypothesis at the prior. The challenger's can't-miss diagnoses not already listed join at
  CANT_MISS_PROBABILITY each, the others scaled down to make room.
- Orders: the test chooser's tests, then the advocates' decisive tests (in plan order), then the
  plan's candidates if nothing else is left; minus tests already ordered and the steward's
  vetoes; at most max_tests.
- Action: a final diagnosis on the last turn; or when the leader passed the stopping threshold
  after at least one round of tests and the challenger does not call it premature closure; or
  when no test is left to order. Otherwise the orders.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from diagnosis.kg.text import normalise_name
from diagnosis.protocol import PolicyContext, TurnDecision
from inference.policies.swarm.config import SwarmConfig
from inference.policies.swarm.plan import Plan

CANT_MISS_PROBABILITY = 0.03


@dataclass(frozen=True)
class LaneResult:
    """What one sub-agent gave the merge: its validated output, or None when it failed."""

    role: str
    label: str
    hypothesis: str
    output: dict[str, Any] | None
    status: str = "ok"
    error: str = ""


def _same(a: str, b: str) -> bool:
    return normalise_name(a) == normalise_name(b)


def merged_differential(plan: Plan, lanes: list[LaneResult]) -> list[dict[str, Any]]:
    advocates = {
        r.hypothesis: r.output for r in lanes if r.role == "advocate" and r.output is not None
    }
    mass = sum(p for _d, p in plan.hypotheses)
    weighted = []
    for diagnosis, prior in plan.hypotheses:
        out = advocates.get(diagnosis)
        weight = prior * (0.5 + float(out["support"])) if out else prior
        weighted.append((diagnosis, weight, out or {}))
    total = sum(w for _d, w, _o in weighted) or 1.0
    differential: list[dict[str, Any]] = [
        {
            "diagnosis": diagnosis[:200],
            "probability": round(weight / total * mass, 4),
            "evidence_for": [e[:300] for e in out.get("evidence_for", [])][:12],
            "evidence_against": [e[:300] for e in out.get("evidence_against", [])][:12],
        }
        for diagnosis, weight, out in weighted
    ]
    challenger = next((r.output for r in lanes if r.role == "challenger" and r.output), None)
    added: list[dict[str, Any]] = []
    for item in (challenger or {}).get("cant_miss", []):
        name = item["diagnosis"]
        if not any(_same(name, h["diagnosis"]) for h in differential + added):
            added.append(
                {
                    "diagnosis": name[:200],
                    "probability": CANT_MISS_PROBABILITY,
                    "evidence_for": [f"Can't miss: {item.get('why', '')}"[:300]],
                    "evidence_against": [],
                }
            )
    if added:
        room = max(0.0, 1.0 - CANT_MISS_PROBABILITY * len(added))
        scale = min(1.0, room / mass) if mass else 1.0
        for h in differential:
            h["probability"] = round(h["probability"] * scale, 4)
    differential += added
    differential.sort(key=lambda h: -h["probability"])
    return differential[:15]


def merged_orders(
    plan: Plan, lanes: list[LaneResult], context: PolicyContext, config: SwarmConfig
) -> list[dict[str, str]]:
    done = context.ordered_tests()
    steward = next((r.output for r in lanes if r.role == "steward" and r.output), None)
    vetoed = [v["test"] for v in (steward or {}).get("vetoes", [])]
    proposals: list[tuple[str, str]] = []
    chooser = next((r.output for r in lanes if r.role == "test_chooser" and r.output), None)
    for t in (chooser or {}).get("tests", []):
        why = t.get("rationale") or "Separates the leading hypotheses."
        proposals.append((t["test"], f"{why} (cost ${float(t.get('cost') or 0):.0f})"))
    for r in lanes:  # in plan order: the merge does not depend on arrival order
        if r.role == "advocate" and r.output and r.output.get("decisive_test"):
            proposals.append(
                (r.output["decisive_test"], f"Would confirm or exclude {r.hypothesis}.")
            )
    if not proposals:
        proposals = [(c.name, c.rationale) for c in plan.candidates]
    orders: list[dict[str, str]] = []
    for name, why in proposals:
        name = name.strip()
        if not name or any(_same(name, x) for x in done + vetoed + [o["test"] for o in orders]):
            continue
        orders.append({"test": name[:200], "rationale": why[:1000]})
        if len(orders) >= config.max_tests:
            break
    return orders


def merge(
    plan: Plan, lanes: list[LaneResult], context: PolicyContext, config: SwarmConfig
) -> TurnDecision:
    differential = merged_differential(plan, lanes)
    if not differential:
        differential = [{"diagnosis": "Undifferentiated presentation", "probability": 0.0}]
    top = differential[0]
    challenger = next((r.output for r in lanes if r.role == "challenger" and r.output), {})
    orders = merged_orders(plan, lanes, context, config)
    failed = [r for r in lanes if r.output is None]
    said = [
        f"The panel weighed {len(plan.hypotheses)} leading hypotheses with "
        f"{len(lanes)} sub-agents; leading: {top['diagnosis']} ({top['probability']:.0%})."
    ]
    if challenger.get("note"):
        said.append(f"Challenger: {challenger['note']}")
    if failed:
        said.append("Did not answer: " + "; ".join(f"{r.label} ({r.status})" for r in failed) + ".")
    premature = bool(challenger.get("premature_closure"))
    confident = top["probability"] >= config.stop_threshold and bool(context.past_turns)
    if context.must_finalise or (confident and not premature) or not orders:
        why = (
            "Budget reached"
            if context.must_finalise
            else "Past the stopping threshold"
            if confident and not premature
            else "No test is left to order"
        )
        said.append(f"{why}: committing to {top['diagnosis']}.")
        action: dict[str, Any] = {
            "type": "final_diagnosis",
            "diagnosis": top["diagnosis"],
            "confidence": top["probability"],
        }
    else:
        said.append("Ordering " + ", ".join(o["test"] for o in orders) + ".")
        action = {"type": "order_tests", "tests": orders}
    return TurnDecision.model_validate(
        {"reasoning": " ".join(said)[:8000], "differential": differential, "action": action}
    )
