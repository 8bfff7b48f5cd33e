"""Agreement between reviewers' ticks and the machine's failure flags, per kind.

The unit compared is one reviewer's current (latest) review of one turn beside the machine's flag
on that turn. A turn the machine has no reading for (no metrics, or the flag unknown) is left out
of that kind: "unknown" is never counted as agreement or disagreement. Several reviewers of one
turn give several units (each reviewer against the machine).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from diagnosis.metrics.models import TurnMetrics
from diagnosis.reviews.models import MACHINE_KINDS


def machine_flags(metrics: Any) -> dict[str, bool | None]:
    """The machine's three flags on one turn, from its stored metrics: True, False, or None when
    it has no reading (the turn was not scored, or the flag is missing)."""
    m = TurnMetrics.read(metrics)
    flags = m.flags
    if flags is None:
        return dict.fromkeys(MACHINE_KINDS)
    incoherent = flags.incoherent
    if m.incoherence:
        incoherent = True
    return {
        "ungrounded_order": flags.ungrounded_order,
        "unsupported_update": flags.unsupported_update,
        "incoherence": incoherent,
    }


def kappa(both: int, machine_only: int, reviewer_only: int, neither: int) -> float | None:
    """Cohen's kappa of two raters on one yes/no question; None when undefined (no units, or
    both raters gave one answer throughout so chance agreement is 1)."""
    n = both + machine_only + reviewer_only + neither
    if n == 0:
        return None
    observed = (both + neither) / n
    machine_yes, reviewer_yes = (both + machine_only) / n, (both + reviewer_only) / n
    chance = machine_yes * reviewer_yes + (1 - machine_yes) * (1 - reviewer_yes)
    if chance >= 1:
        return None
    return round((observed - chance) / (1 - chance), 4)


def kind_summary(both: int, machine_only: int, reviewer_only: int, neither: int) -> dict[str, Any]:
    n = both + machine_only + reviewer_only + neither
    return {
        "both": both,
        "machine_only": machine_only,
        "reviewer_only": reviewer_only,
        "neither": neither,
        "n": n,
        "percent_agreement": round(100 * (both + neither) / n, 1) if n else None,
        "kappa": kappa(both, machine_only, reviewer_only, neither),
    }


def agreement(units: Iterable[tuple[dict[str, bool | None], dict[str, bool]]]) -> dict[str, Any]:
    """units: (machine flags of a turn, one reviewer's ticks on it). Returns
    {"units": int, "kinds": {kind: kind_summary}} for the three machine kinds."""
    cells = {kind: [0, 0, 0, 0] for kind in MACHINE_KINDS}
    count = 0
    for machine, ticks in units:
        count += 1
        for kind in MACHINE_KINDS:
            flagged = machine.get(kind)
            if flagged is None:
                continue
            ticked = bool(ticks.get(kind))
            cell = 0 if flagged and ticked else 1 if flagged else 2 if ticked else 3
            cells[kind][cell] += 1
    return {"units": count, "kinds": {kind: kind_summary(*c) for kind, c in cells.items()}}
