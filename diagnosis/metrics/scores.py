"""Gold standing and DTC (MedAction's definitions; formulas in docs/metrics.md)."""

from __future__ import annotations

from typing import Any

from diagnosis.kg.text import normalise_name
from diagnosis.protocol import TurnDecision


def rate(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def same_diagnosis(kg: Any, a: str, b: str) -> bool:
    """Equal by normalised name, or the same KG concept."""
    if normalise_name(a) == normalise_name(b):
        return True
    return bool(kg.equivalent(a, b))


def gold_standing(kg: Any, decision: TurnDecision, gold: list[str]) -> dict[str, Any]:
    """Rank (1-based) and probability of the gold diagnosis in a differential, and the standing
    score s = 1/rank, or 0 when gold is not in the list (a parent, sibling or look-alike at the
    top earns nothing: it is not the gold diagnosis)."""
    ranked = decision.ranked()
    rank = None
    probability = 0.0
    for i, h in enumerate(ranked):
        if any(same_diagnosis(kg, h.diagnosis, g) for g in gold):
            rank = rank or i + 1
            probability += h.probability
    gold_in_kg = any(kg.resolve(g) for g in gold)
    score = 1.0 / rank if rank is not None else 0.0
    return {
        "rank": rank,
        "probability": round(probability, 4),
        "score": round(score, 4),
        "gold_in_kg": gold_in_kg,
    }


def dtc(scores: list[float], *, ended_on_gold: bool) -> float:
    """DTC = 0.5 x (share of turn-to-turn steps after which the gold diagnosis is in the
    differential and its standing held or improved) + 0.5 x (1 if the session ends on the gold
    diagnosis). A one-turn session: just the end term.

    `scores`: the standings s_0..s_T of gold_standing, 0 exactly when gold is not in the
    differential; so a gold never in the differential scores 0 whatever else leads."""
    end = 1.0 if ended_on_gold else 0.0
    steps = [
        1.0 if (b > 0 and b >= a) else 0.0  # b > 0: gold is in D_t
        for a, b in zip(scores, scores[1:], strict=False)
    ]
    if not steps:
        return end
    return round(0.5 * sum(steps) / len(steps) + 0.5 * end, 4)
