"""Labelling a root-to-leaf path: retained, truncated or pruned (docs/distillation.md, exactly).

A path is its turns 0..T (each a decision, its observations and its turn metrics) and how it
ended: a final diagnosis, the turn budget, or a policy failure. With the thresholds below:

1. retained: it ends with a final diagnosis that is the gold one (metrics.same_diagnosis), its
   session RAC is at least `min_rac` and its session DTC at least `min_dtc` (an unjudged value,
   None, passes).
2. Otherwise its consistent prefix is the longest run of leading turns that each order tests
   (no final diagnosis), keep the gold diagnosis at rank <= `max_gold_rank`, have a turn RAC
   (`rac_turn`) of at least `min_rac` (None passes) and are not flagged incoherent. The first
   turn that breaks the run is the cut; its reason names the rule it broke (a correct final on
   a path that missed the thresholds is cut as `ungrounded`).
3. truncated: the prefix has at least `min_prefix_turns` turns and its running RAC (the turn
   metric `rac` of its last turn) is at least `min_rac` (None passes): turns 0..L-1 are kept.
4. pruned: anything else; the rule is the cut's rule (`divergent`: gold fell out of the top
   ranks or a wrong final diagnosis; `ungrounded`; `incoherent`; `failed`: the policy failed;
   `budget`: the turn budget ended the path), `ungrounded` when the prefix's running RAC is too
   low, or `no_gold` when the case has no gold diagnosis to judge against.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from diagnosis.distillation.options import Thresholds
from diagnosis.protocol import FinalDiagnosisAction, TurnDecision

RETAINED, TRUNCATED, PRUNED = "retained", "truncated", "pruned"
LABELS = (RETAINED, TRUNCATED, PRUNED)
__all__ = ["LABELS", "PRUNED", "RETAINED", "TRUNCATED", "PathLabel", "PathTurn", "Thresholds"]


@dataclass(frozen=True)
class PathTurn:
    decision: TurnDecision
    metrics: dict[str, Any]  # compute_turn_metrics of the path up to this turn


@dataclass(frozen=True)
class PathLabel:
    label: str
    kept_turns: int  # turns written to the SFT file (0 when pruned)
    rule: str = ""  # pruned: the rule; truncated: the rule of the cut
    reason: str = ""  # in words: why it was cut or pruned
    details: dict[str, Any] = field(default_factory=dict)


def _cut(index: int, turn: PathTurn, t: Thresholds, *, correct: bool) -> tuple[str, str] | None:
    """(rule, reason) when turn `index` breaks the consistent run, else None."""
    m = turn.metrics
    action = turn.decision.action
    if isinstance(action, FinalDiagnosisAction):
        if correct:  # reached gold, but the path missed RAC or DTC: its final is not kept
            return "ungrounded", f"turn {index + 1}: reached gold on a path below the thresholds"
        return "divergent", f"turn {index + 1}: wrong final diagnosis {action.diagnosis!r}"
    rank = m.get("gold_rank")
    if rank is None or rank > t.max_gold_rank:
        where = "not in the differential" if rank is None else f"at rank {rank}"
        return "divergent", f"turn {index + 1}: the gold diagnosis is {where} (> {t.max_gold_rank})"
    rac_turn = m.get("rac_turn")
    if rac_turn is not None and rac_turn < t.min_rac:
        return "ungrounded", f"turn {index + 1}: turn RAC {rac_turn:.2f} < {t.min_rac:.2f}"
    flags = m.get("flags") or {}
    if flags.get("incoherent"):
        kinds = ", ".join(sorted({str(f.get("kind", "")) for f in m.get("incoherence") or []}))
        return "incoherent", f"turn {index + 1}: incoherent ({kinds or 'flagged'})"
    return None


def label_path(
    turns: list[PathTurn],
    session: dict[str, Any],
    *,
    ending: str,
    thresholds: Thresholds,
    failure: str = "",
) -> PathLabel:
    """`ending`: "final_diagnosis", "turn_budget" or "failed" (with `failure` saying why);
    `session`: compute_session_metrics of the whole path."""
    t = thresholds
    if session.get("correct") is None and session.get("dtc") is None:
        return PathLabel(PRUNED, 0, "no_gold", "the case has no gold diagnosis to judge against")
    rac, dtc = session.get("rac"), session.get("dtc")
    correct = ending == "final_diagnosis" and bool(session.get("correct"))
    if correct and (rac is None or rac >= t.min_rac) and (dtc is None or dtc >= t.min_dtc):
        return PathLabel(RETAINED, len(turns))
    length, cut = len(turns), None
    for i, turn in enumerate(turns):
        cut = _cut(i, turn, t, correct=correct)
        if cut is not None:
            length = i
            break
    if cut is None:  # every turn consistent: the path ended without a final diagnosis
        cut = (
            ("failed", f"turn {length + 1}: the policy failed ({failure[:200]})")
            if ending == "failed"
            else ("budget", f"the turn budget ({length}) ended the path before a final diagnosis")
        )
    rule, reason = cut
    if length < t.min_prefix_turns:
        return PathLabel(
            PRUNED,
            0,
            rule,
            f"{reason}; the consistent prefix ({length} turns) is shorter than "
            f"{t.min_prefix_turns}",
        )
    prefix_rac = turns[length - 1].metrics.get("rac")
    if prefix_rac is not None and prefix_rac < t.min_rac:
        return PathLabel(
            PRUNED,
            0,
            "ungrounded",
            f"{reason}; the prefix RAC {prefix_rac:.2f} < {t.min_rac:.2f}",
        )
    return PathLabel(
        TRUNCATED, length, rule, f"kept turns 1-{length}; cut at {reason}", {"cut_rule": rule}
    )
