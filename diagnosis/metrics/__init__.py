"""Per-turn and per-session metrics, stored on turns and sessions when a turn completes."""

from __future__ import annotations

from typing import Any

from diagnosis.protocol import Observation, TurnDecision


def _same(a: str, b: str) -> bool:
    return a.strip().lower() == b.strip().lower()


def gold_names(snapshot: dict[str, Any]) -> list[str]:
    gold = snapshot.get("gold") or {}
    return [n for n in [gold.get("name", ""), *gold.get("aliases", [])] if n]


def compute_turn_metrics(*, snapshot: dict[str, Any], decisions: list[TurnDecision],
                         observations: list[list[Observation]]) -> dict[str, Any]:
    """Metrics of the latest turn given all decisions so far (and what each turn revealed)."""
    decision = decisions[-1]
    names = gold_names(snapshot)
    ranked = [h.diagnosis for h in decision.ranked()]
    out: dict[str, Any] = {"cost": sum(o.cost for o in observations[-1]) if observations else 0.0}
    if names:
        out["top1"] = bool(ranked[:1]) and any(_same(ranked[0], n) for n in names)
        out["top3"] = any(_same(d, n) for d in ranked[:3] for n in names)
    return out


def compute_session_metrics(*, snapshot: dict[str, Any], decisions: list[TurnDecision],
                            observations: list[list[Observation]], final_diagnosis: str) -> dict[str, Any]:
    names = gold_names(snapshot)
    out: dict[str, Any] = {
        "turns": len(decisions),
        "tests": sum(len(obs) for obs in observations),
        "cost": sum(o.cost for obs in observations for o in obs),
    }
    if names:
        out["correct"] = any(_same(final_diagnosis, n) for n in names)
    return out
