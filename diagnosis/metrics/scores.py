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


def proximity(kg: Any, a: str, b: str) -> float | None:
    """Jaccard overlap of the KG findings of two diagnoses (explicit links), None when unknown."""
    fa, fb = _findings(kg, a), _findings(kg, b)
    if not fa or not fb:
        return None
    return len(fa & fb) / len(fa | fb)


def _findings(kg: Any, name: str) -> set[str]:
    out: set[str] = set()
    for did in kg.resolve(name):
        for member in kg.concept_members(did):
            out |= set(kg.links.get(member, {}))
    return out


def gold_standing(kg: Any, decision: TurnDecision, gold: list[str]) -> dict[str, Any]:
    """Rank (1-based) and probability of the gold diagnosis in a differential, and the standing
    score s = 1/rank, or 0.5 x proximity(top hypothesis, gold) when gold is not in the list."""
    ranked = decision.ranked()
    rank = None
    probability = 0.0
    for i, h in enumerate(ranked):
        if any(same_diagnosis(kg, h.diagnosis, g) for g in gold):
            rank = rank or i + 1
            probability += h.probability
    gold_in_kg = any(kg.resolve(g) for g in gold)
    if rank is not None:
        score = 1.0 / rank
    elif ranked:
        prox = proximity(kg, ranked[0].diagnosis, gold[0])
        score = 0.5 * prox if prox is not None else 0.0
    else:
        score = 0.0
    return {
        "rank": rank,
        "probability": round(probability, 4),
        "score": round(score, 4),
        "gold_in_kg": gold_in_kg,
    }


def dtc(scores: list[float], *, ended_on_gold: bool) -> float:
    """DTC = 0.5 x (share of turn-to-turn steps whose standing held or improved while above zero)
    + 0.5 x (1 if the session ends on the gold diagnosis). A one-turn session: just the end term."""
    end = 1.0 if ended_on_gold else 0.0
    steps = [1.0 if (b >= a and b > 0) else 0.0 for a, b in zip(scores, scores[1:], strict=False)]
    if not steps:
        return end
    return round(0.5 * sum(steps) / len(steps) + 0.5 * end, 4)
