"""Per-turn and per-session metrics, stored on turns and sessions when a turn completes.

MedAction's own definitions (DTC, RAC, grounded-order and supported-update rates, incoherence
flags, KG coverage): see docs/metrics.md. The keys below are stable; the UI reads them through
the typed models in diagnosis.metrics.models (keep those in step when a key is added).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from diagnosis.cases.snapshots import CaseSnapshot, as_snapshot
from diagnosis.metrics.judge import (
    case_findings,
    incoherence,
    judge_informative,
    judge_orders,
    judge_updates,
    observation_findings,
)
from diagnosis.metrics.scores import dtc, gold_standing, rate, same_diagnosis
from diagnosis.protocol import Observation, TurnDecision

__all__ = [
    "SELF_JUDGED_POLICIES",
    "compute_session_metrics",
    "compute_turn_metrics",
    "gold_names",
    "rac_self_judged",
]

# Policies that choose their tests with this package's order judge (inference/policies/kg.py
# prefers the tests judge_orders calls grounded): their RAC is partly self-graded. The
# informative-order rate is the check that does not share the judge.
SELF_JUDGED_POLICIES = frozenset({"kg", "prior"})


def rac_self_judged(policy: str) -> bool:
    return policy in SELF_JUDGED_POLICIES


# A snapshot is the session's CaseSnapshot; its stored JSON is accepted too (read as one).
Snapshot = CaseSnapshot | Mapping[str, Any]


def gold_names(snapshot: Snapshot) -> list[str]:
    return as_snapshot(snapshot).gold_names


def _kg(kg: Any) -> Any:
    if kg is not None:
        return kg
    from diagnosis.kg import get_kg

    return get_kg()


def _counts(items: list[Any], statuses: tuple[str, str]) -> dict[str, int]:
    good, bad = statuses
    return {
        good: sum(j.status == good for j in items),
        bad: sum(j.status == bad for j in items),
        "unknown": sum(j.status == "unknown" for j in items),
    }


def _trajectory(
    kg: Any,
    snapshot: CaseSnapshot,
    decisions: list[TurnDecision],
    observations: list[list[Observation]],
) -> dict[str, Any]:
    """Everything both turn and session metrics need, over turns 0..T."""
    names = snapshot.gold_names
    standings = [gold_standing(kg, d, names) for d in decisions] if names else []
    orders = [judge_orders(kg, d) for d in decisions]
    updates: list[list[Any]] = [[]] + [
        judge_updates(
            kg,
            decisions[t - 1],
            decisions[t],
            observations[t - 1] if t - 1 < len(observations) else [],
        )
        for t in range(1, len(decisions))
    ]
    known = case_findings(
        kg,
        snapshot.initial_presentation,
        snapshot.demographics,
        [f"{h.question}: {h.answer}" for h in snapshot.history],
    )
    informative: list[list[Any]] = []
    for obs in observations[: len(decisions)]:
        informative.append(judge_informative(kg, known, obs))
        for fid, present in observation_findings(kg, obs).items():
            known[fid] = known.get(fid, False) or present
    return {
        "names": names,
        "standings": standings,
        "orders": orders,
        "updates": updates,
        "informative": informative,
    }


def _informative(judged: list[Any]) -> dict[str, Any]:
    counts = _counts(judged, ("informative", "uninformative"))
    return {
        "counts": counts,
        "rate": rate(counts["informative"], counts["informative"] + counts["uninformative"]),
    }


def _rac(orders: list[Any], updates: list[Any]) -> dict[str, Any]:
    o = _counts(orders, ("grounded", "ungrounded"))
    u = _counts(updates, ("supported", "unsupported"))
    judged = o["grounded"] + o["ungrounded"] + u["supported"] + u["unsupported"]
    total = judged + o["unknown"] + u["unknown"]
    return {
        "orders": o,
        "updates": u,
        "rac": rate(o["grounded"] + u["supported"], judged),
        "grounded_order_rate": rate(o["grounded"], o["grounded"] + o["ungrounded"]),
        "supported_update_rate": rate(u["supported"], u["supported"] + u["unsupported"]),
        "kg_coverage": rate(judged, total),
    }


def compute_turn_metrics(
    *,
    snapshot: Snapshot,
    decisions: list[TurnDecision],
    observations: list[list[Observation]],
    kg: Any = None,
) -> dict[str, Any]:
    """Metrics of the latest turn given all decisions so far (and what each turn revealed)."""
    kg = _kg(kg)
    snapshot = as_snapshot(snapshot)
    t = len(decisions) - 1
    tr = _trajectory(kg, snapshot, decisions, observations)
    cost_turn = sum(o.cost for o in observations[t]) if t < len(observations) else 0.0
    out: dict[str, Any] = {
        "cost": round(cost_turn, 2),
        "cost_total": round(sum(o.cost for obs in observations[: t + 1] for o in obs), 2),
        "tests": len(observations[t]) if t < len(observations) else 0,
    }
    if tr["names"]:
        standing = tr["standings"][t]
        out.update(
            top1=standing["rank"] == 1,
            top3=standing["rank"] is not None and standing["rank"] <= 3,
            gold_rank=standing["rank"],
            gold_probability=standing["probability"],
            standing=standing["score"],
            gold_in_kg=standing["gold_in_kg"],
            dtc=dtc([s["score"] for s in tr["standings"]], ended_on_gold=standing["rank"] == 1),
        )
    else:
        out.update(
            top1=None,
            top3=None,
            gold_rank=None,
            gold_probability=None,
            standing=None,
            gold_in_kg=None,
            dtc=None,
        )
    turn_rac = _rac(tr["orders"][t], tr["updates"][t])
    running = _rac([j for js in tr["orders"] for j in js], [j for js in tr["updates"] for j in js])
    flags = incoherence(kg, decisions, observations, snapshot.initial_presentation)
    turn_informative = tr["informative"][t] if t < len(tr["informative"]) else []
    informative_turn = _informative(turn_informative)
    informative_running = _informative([j for js in tr["informative"] for j in js])
    out.update(
        informative_orders=informative_turn["counts"],
        informative_order_rate=informative_running["rate"],
        informative_order_rate_turn=informative_turn["rate"],
        rac=running["rac"],
        rac_turn=turn_rac["rac"],
        kg_coverage=running["kg_coverage"],
        kg_coverage_turn=turn_rac["kg_coverage"],
        orders=turn_rac["orders"],
        updates=turn_rac["updates"],
        incoherence=flags,
        flags={
            "ungrounded_order": turn_rac["orders"]["ungrounded"] > 0,
            "unsupported_update": turn_rac["updates"]["unsupported"] > 0,
            "incoherent": bool(flags),
        },
        details={
            "orders": [j.as_dict() for j in tr["orders"][t]],
            "updates": [j.as_dict() for j in tr["updates"][t]],
            "informative": [j.as_dict() for j in turn_informative],
        },
    )
    return out


def compute_session_metrics(
    *,
    snapshot: Snapshot,
    decisions: list[TurnDecision],
    observations: list[list[Observation]],
    final_diagnosis: str,
    end_reason: str = "final_diagnosis",
    kg: Any = None,
) -> dict[str, Any]:
    """`end_reason`: "final_diagnosis", or "turn_budget" when the budget ran out with tests still
    being ordered: then there is no final diagnosis (`final_diagnosis` is empty, not correct),
    and top-3 and the gold rank are read from the last differential."""
    kg = _kg(kg)
    snapshot = as_snapshot(snapshot)
    tr = _trajectory(kg, snapshot, decisions, observations)
    orders = [j for js in tr["orders"] for j in js]
    updates = [j for js in tr["updates"] for j in js]
    rac = _rac(orders, updates)
    informative = _informative([j for js in tr["informative"] for j in js])
    out: dict[str, Any] = {
        "end_reason": end_reason,
        "turns": len(decisions),
        "tests": sum(len(obs) for obs in observations),
        "tests_answered": sum(o.status == "answered" for obs in observations for o in obs),
        "cost": round(sum(o.cost for obs in observations for o in obs), 2),
        "rac": rac["rac"],
        "grounded_order_rate": rac["grounded_order_rate"],
        "supported_update_rate": rac["supported_update_rate"],
        "kg_coverage": rac["kg_coverage"],
        "orders": rac["orders"],
        "updates": rac["updates"],
        "informative_orders": informative["counts"],
        "informative_order_rate": informative["rate"],
        "incoherent_turns": sum(
            bool(incoherence(kg, decisions[: t + 1], observations, snapshot.initial_presentation))
            for t in range(len(decisions))
        ),
    }
    names = tr["names"]
    if names:
        final = tr["standings"][-1]
        correct = bool(final_diagnosis.strip()) and any(
            same_diagnosis(kg, final_diagnosis, n) for n in names
        )
        out.update(
            correct=correct,
            top1=correct,
            top3=correct or (final["rank"] is not None and final["rank"] <= 3),
            gold_in_kg=final["gold_in_kg"],
            gold_rank=final["rank"],
            dtc=dtc([s["score"] for s in tr["standings"]], ended_on_gold=correct),
        )
    else:
        out.update(correct=None, top1=None, top3=None, gold_in_kg=None, gold_rank=None, dtc=None)
    return out
