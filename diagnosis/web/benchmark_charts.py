"""Server-rendered SVG geometry for a benchmark run's results page.

Numbers only, as in charts.py: the template (benchmarks/partials/plot.html) draws every Plot the
same way (axes, ticks, bars, points, lines), and each plot has a table of its numbers beside it.
Colours from the Okabe–Ito palette; correct and wrong cases differ by marker shape too.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from diagnosis.web.charts import PALETTE

WIDTH, HEIGHT = 520, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 24, 36
GOOD, BAD, LINE = PALETTE[2], PALETTE[1], PALETTE[0]


@dataclass
class Tick:
    x: float
    y: float
    value: str


@dataclass
class Mark:
    """A point (`shape` circle or square) or a bar (`w`, `h` > 0)."""

    x: float
    y: float
    title: str
    colour: str = LINE
    shape: str = "circle"
    w: float = 0.0
    h: float = 0.0


@dataclass
class Plot:
    key: str
    title: str
    description: str
    x_label: str
    y_label: str
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    line: str = ""
    table_head: tuple[str, ...] = ()
    table: list[tuple[str, ...]] = field(default_factory=list)
    empty: str = ""
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


class _Scale:
    def __init__(self, lo: float, hi: float, a: float, b: float) -> None:
        self.lo, self.hi, self.a, self.b = lo, hi if hi > lo else lo + 1, a, b

    def __call__(self, v: float) -> float:
        return round(self.a + (v - self.lo) / (self.hi - self.lo) * (self.b - self.a), 1)


def _fmt(v: float) -> str:
    return f"{v:.0f}" if abs(v - round(v)) < 1e-9 else f"{v:.2f}".rstrip("0").rstrip(".")


def nice_ceiling(v: float) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten at or above v (round axis ends)."""
    if v <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(v))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= v - 1e-9)


def _axes(
    plot: Plot,
    xs: tuple[float, float],
    ys: tuple[float, float],
    n: int = 5,
    *,
    y_down: bool = False,
) -> Any:
    """Scales and ticks; y_down puts ys[0] at the top (ranks: 1 is best)."""
    sx = _Scale(xs[0], xs[1], plot.left, plot.right)
    sy = (
        _Scale(ys[0], ys[1], plot.top, plot.bottom)
        if y_down
        else _Scale(ys[0], ys[1], plot.bottom, plot.top)
    )
    for i in range(n + 1):
        vx = sx.lo + (sx.hi - sx.lo) * i / n
        vy = sy.lo + (sy.hi - sy.lo) * i / n
        plot.x_ticks.append(Tick(sx(vx), plot.bottom + 16, _fmt(vx)))
        plot.y_ticks.append(Tick(plot.left - 6, sy(vy), _fmt(vy)))
    return sx, sy


def accuracy_vs_cost(rows: list[dict[str, Any]]) -> Plot:
    """Each case at its cost, up (correct@1) or down (wrong); the line: accuracy@1 of the cases
    that cost at most this much."""
    plot = Plot(
        "cost",
        "Accuracy against cost",
        "Each case at its test cost: correct at 1 drawn at the top, wrong at the bottom; the line "
        "is the accuracy of the cases costing at most that much.",
        "cost per case ($)",
        "accuracy@1",
        table_head=("Case", "Cost", "Correct@1"),
    )
    cases = sorted(
        (float(r["cost"]), bool(r.get("correct")), str(r["case_key"]))
        for r in rows
        if r.get("cost") is not None
    )
    if not cases:
        plot.empty = "No case has finished yet."
        return plot
    sx, sy = _axes(plot, (0.0, nice_ceiling(max(c[0] for c in cases))), (0.0, 1.0))
    right = 0
    points = []
    for i, (cost, correct, key) in enumerate(cases, start=1):
        right += correct
        points.append(f"{sx(cost)},{sy(right / i)}")
        plot.marks.append(
            Mark(
                sx(cost),
                sy(1.0 if correct else 0.0),
                f"{key}: ${cost:.2f}, {'correct' if correct else 'wrong'}",
                GOOD if correct else BAD,
                "circle" if correct else "square",
            )
        )
        plot.table.append((key, f"{cost:.2f}", "yes" if correct else "no"))
    plot.line = "M" + " L".join(points)
    return plot


def accuracy_vs_turns(rows: list[dict[str, Any]]) -> Plot:
    plot = Plot(
        "turns",
        "Accuracy against turns",
        "Accuracy@1 of the cases that ended after each number of turns (bar label: cases).",
        "turns taken",
        "accuracy@1",
        table_head=("Turns", "Cases", "Accuracy@1"),
    )
    groups: dict[int, list[bool]] = defaultdict(list)
    for r in rows:
        if r.get("turns") is not None:
            groups[int(r["turns"])].append(bool(r.get("correct")))
    if not groups:
        plot.empty = "No case has finished yet."
        return plot
    hi = max(groups)
    sx, sy = _axes(plot, (0.5, hi + 0.5), (0.0, 1.0), n=5)
    plot.x_ticks = [Tick(sx(t), plot.bottom + 16, str(t)) for t in range(1, hi + 1)]
    width = max((sx(1.5) - sx(0.5)) * 0.7, 2)
    for t, outcomes in sorted(groups.items()):
        acc = sum(outcomes) / len(outcomes)
        plot.marks.append(
            Mark(
                sx(t) - width / 2,
                sy(acc),
                f"{t} turns: {len(outcomes)} cases, accuracy {acc:.2f}",
                w=width,
                h=round(plot.bottom - sy(acc), 1),
            )
        )
        plot.table.append((str(t), str(len(outcomes)), f"{acc:.2f}"))
    return plot


def distribution(rows: list[dict[str, Any]], key: str, label: str, bins: int = 10) -> Plot:
    plot = Plot(
        key,
        f"{label} distribution",
        f"How many cases scored each {label} (bins of {1 / bins:.1f} from 0 to 1).",
        label,
        "cases",
        table_head=("Bin", "Cases"),
    )
    values = [float(r[key]) for r in rows if r.get(key) is not None]
    if not values:
        plot.empty = f"No case has a {label} yet."
        return plot
    counts = [0] * bins
    for v in values:
        counts[min(max(int(v * bins), 0), bins - 1)] += 1
    top = max(counts)
    sx, sy = _axes(plot, (0.0, 1.0), (0.0, float(top if top <= 5 else nice_ceiling(top))), n=5)
    plot.y_ticks = [t for t in plot.y_ticks if float(t.value).is_integer()]
    for i, count in enumerate(counts):
        lo, hi = i / bins, (i + 1) / bins
        plot.marks.append(
            Mark(
                sx(lo) + 1,
                sy(count),
                f"{label} {lo:.1f}–{hi:.1f}: {count} cases",
                PALETTE[3] if key == "rac" else LINE,
                w=round(sx(hi) - sx(lo) - 2, 1),
                h=round(plot.bottom - sy(count), 1),
            )
        )
        plot.table.append((f"{lo:.1f}–{hi:.1f}", str(count)))
    return plot


def gold_rank_curve(ranks_by_turn: dict[int, list[int | None]]) -> Plot:
    """Mean rank of the gold diagnosis in the differential at each turn (1 = leading), over the
    cases where it is in the differential; the table also gives how many cases that is."""
    plot = Plot(
        "gold-rank",
        "Gold diagnosis rank per turn",
        "Mean rank of the gold diagnosis in the differential after each turn (1 is the top), over "
        "the cases that reached the turn and had it in the differential.",
        "turn",
        "mean gold rank",
        table_head=("Turn", "Cases at turn", "Gold in differential", "Mean rank"),
    )
    means = {
        t: sum(r for r in ranks if r is not None) / len([r for r in ranks if r is not None])
        for t, ranks in ranks_by_turn.items()
        if any(r is not None for r in ranks)
    }
    if not means:
        plot.empty = "No turn has ranked the gold diagnosis yet."
        return plot
    turns = sorted(ranks_by_turn)
    worst = float(math.ceil(max(means.values())))
    sx, sy = _axes(
        plot,
        (1.0, float(max(turns[-1] + 1, 2))),
        (1.0, max(worst, 2.0)),
        n=int(max(worst, 2.0)) - 1 if worst <= 6 else 5,
        y_down=True,
    )
    plot.x_ticks = [Tick(sx(t + 1), plot.bottom + 16, str(t + 1)) for t in turns]
    points = []
    for t in turns:
        ranks = ranks_by_turn[t]
        ranked = [r for r in ranks if r is not None]
        mean = means.get(t)
        plot.table.append(
            (str(t + 1), str(len(ranks)), str(len(ranked)), "—" if mean is None else f"{mean:.2f}")
        )
        if mean is None:
            continue
        points.append(f"{sx(t + 1)},{sy(mean)}")
        plot.marks.append(
            Mark(sx(t + 1), sy(mean), f"turn {t + 1}: mean rank {mean:.2f} ({len(ranked)} cases)")
        )
    plot.line = "M" + " L".join(points)
    return plot


def run_plots(rows: list[dict[str, Any]], ranks_by_turn: dict[int, list[int | None]]) -> list[Plot]:
    finished = [r for r in rows if r.get("session")]
    return [
        accuracy_vs_cost(finished),
        accuracy_vs_turns(finished),
        distribution(finished, "dtc", "DTC"),
        distribution(finished, "rac", "RAC"),
        gold_rank_curve(ranks_by_turn),
    ]
