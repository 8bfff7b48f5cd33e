"""Labelling a root-to-leaf path: retained, truncated or pruned (docs/distillation.md, exactly).

A path is its turns 0..T (each a decision, its observations and its turn metrics) and how it
ended: a final diagnosis, the turn budget, or a policy failure. With the thresholds below:

1. retained: it ends with a final diagnosis that is the gold one (metrics.same_diagnosis), its
   session RAC is at least `min_rac` (an unjudged RAC, None, passes) and its session DTC at least
   `min_dtc`. A correct path that misses RAC or DTC is pruned with rule `ungrounded`/`low_dtc`.
2. Otherwise its consistent prefix is the longest run of leading turns t that each order tests
   (no final diagnosis), keep the gold diagnosis at rank <= `max_gold_rank`, order nothing the
   judge calls ungrounded and are not flagged incoherent. The first turn that breaks the run is
   the cut, and its reason names the rule it broke.
3. truncated: the prefix has at least `min_prefix_turns` turns and its running RAC (the turn
   metric `rac` of its last turn) is at least `min_rac` (None passes): turns 0..L-1 are kept.
4. pruned: anything else; the rule is the cut's rule (`divergent`: gold fell out of the top
   ranks or a wrong final diagnosis; `ungrounded`; `incoherent`; `failed`: the policy failed;
   `budget`: the turn budget ended the path), or `ungrounded` when the prefix RAC is too low,
   or `no_gold` when the case has no gold diagnosis to judge against.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from diagnosis.protocol import FinalDiagnosisAction, TurnDecision

RETAINED, TRUNCATED, PRUNED = "retained", "truncated", "pruned"
LABELS = (RETAINED, TRUNCATED, PRUNED)


@dataclass(frozen=True)
class Thresholds:
    min_rac: float = 0.5
    min_dtc: float = 0.5
    max_gold_rank: int = 3
    min_prefix_turns: int = 2

    def __post_init__(self) -> None:
        for name in ("min_rac", "min_dtc"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {value}")
        if not 1 <= self.max_gold_rank <= 15:
            raise ValueError(f"max_gold_rank must be between 1 and 15, got {self.max_gold_rank}")
        if not 1 <= self.min_prefix_turns <= 12:
            raise ValueError(
                f"min_prefix_turns must be between 1 and 12, got {self.min_prefix_turns}"
            )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


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


def _cut(index: int, turn: PathTurn, max_rank: int) -> tuple[str, str] | None:
    """(rule, reason) when turn `index` breaks the consistent run, else None."""
    m = turn.metrics
    action = turn.decision.action
    if isinstance(action, FinalDiagnosisAction):
        return "divergent", f"turn {index + 1}: wrong final diagnosis {action.diagnosis!r}"
    rank = m.get("gold_rank")
    if rank is None or rank > max_rank:
        where = "not in the differential" if rank is None else f"at rank {rank}"
        return "divergent", f"turn {index + 1}: the gold diagnosis is {where} (> {max_rank})"
    flags = m.get("flags") or {}
    if flags.get("ungrounded_order"):
        return "ungrounded", f"turn {index + 1}: an order the judge calls ungrounded"
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
    if ending == "final_diagnosis" and session.get("correct"):
        if rac is not None and rac < t.min_rac:
            return PathLabel(
                PRUNED, 0, "ungrounded", f"reached gold with RAC {rac:.2f} < {t.min_rac:.2f}"
            )
        if dtc is not None and dtc < t.min_dtc:
            return PathLabel(
                PRUNED, 0, "low_dtc", f"reached gold with DTC {dtc:.2f} < {t.min_dtc:.2f}"
            )
        return PathLabel(RETAINED, len(turns))
    length, cut = len(turns), None
    for i, turn in enumerate(turns):
        cut = _cut(i, turn, t.max_gold_rank)
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
