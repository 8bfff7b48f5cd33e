"""bench_inference's headline figures and its floors (issue 15): each floor is a ratio to the bare
chain measured in the same run, or a CPU budget per turn, so it holds on any machine.

    cpu_ms_per_turn  <= 15   CPU of web + workers + Postgres + Redis per completed turn
    p1_ratio_p50_16  <= 1.5  P1 p50 / bare-chain p50, 16 sessions
    p1_ratio_p50_64  <= 2.0  the same at 64 sessions
    p2_ratio_64      <= 1.3  64 turns at once / one turn alone (wall time)
"""

from __future__ import annotations

import math
from typing import Any

from inference.jobs.bench.cpu import per_turn

FLOORS: dict[str, float] = {
    "cpu_ms_per_turn": 15.0,
    "p1_ratio_p50_16": 1.5,
    "p1_ratio_p50_64": 2.0,
    "p2_ratio_64": 1.3,
}


def ratio(value: float | None, floor: float | None) -> float | None:
    """value / floor, rounded; None when either is missing, not a number, or floor is not > 0."""
    if value is None or floor is None or math.isnan(value) or math.isnan(floor) or floor <= 0:
        return None
    return round(value / floor, 3)


def floor_marks(figures: dict[str, Any]) -> dict[str, str]:
    """Each floor "met" / "missed" (or "not measured" when its figure is missing)."""
    marks = {}
    for key, limit in FLOORS.items():
        value = figures.get(key)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            marks[key] = "not measured"
        else:
            marks[key] = "met" if value <= limit else "missed"
    return marks


def headline(p1: dict[int, dict[str, Any]], floor: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """floor_p50_ms_N / floor_p99_ms_N beside p1_p50_ms_N / p1_p99_ms_N for each level measured,
    and p1_ratio_p50_N = P1 p50 / floor p50."""
    out: dict[str, Any] = {}
    for n in sorted(p1):
        out[f"p1_p50_ms_{n}"], out[f"p1_p99_ms_{n}"] = p1[n]["p50"], p1[n]["p99"]
        if n in floor:
            out[f"floor_p50_ms_{n}"], out[f"floor_p99_ms_{n}"] = floor[n]["p50"], floor[n]["p99"]
            out[f"p1_ratio_p50_{n}"] = ratio(p1[n]["p50"], floor[n]["p50"])
    return out


def cpu_over_levels(levels: dict[int, dict[str, Any]]) -> dict[str, float | None]:
    """CPU per turn over every level's timed window together: the components' milliseconds summed,
    divided by all the turns completed in them (each level: {"turns": n, "ms": {component: ms}})."""
    turns = sum(v["turns"] for v in levels.values())
    totals: dict[str, float] = {}
    for v in levels.values():
        for name, ms in v["ms"].items():
            totals[name] = totals.get(name, 0.0) + ms
    return per_turn(totals, turns)


def report_lines(
    summary: dict[str, Any], rounds: dict[int, dict[str, Any]], floor: dict[int, dict[str, Any]]
) -> list[str]:
    """The printed report: a row per level (P1 beside the bare chain), the CPU per turn and its
    split, and each floor met or missed."""
    lines = [
        "level  p1 p50  p1 p99  floor p50  floor p99  ratio p50  turns  turns/s  "
        "cpu ms/turn  failed"
    ]
    for n, v in rounds.items():
        f = floor.get(n, {})
        cpu = (v.get("cpu") or {}).get("cpu_ms_per_turn")
        lines.append(
            f"{n:>5}  {v['p50']:>6}  {v['p99']:>6}  {f.get('p50', '-'):>9}  "
            f"{f.get('p99', '-'):>9}  {str(ratio(v['p50'], f.get('p50'))):>9}  "
            f"{v['completed_turns']:>5}  {v['turns_per_s']:>7}  {str(cpu):>11}  "
            f"{v['failed_turns']:>6}"
        )
    split = ", ".join(f"{k[:-3]} {ms}" for k, ms in summary["cpu_ms_per_turn_split"].items())
    lines.append(f"cpu_ms_per_turn {summary['cpu_ms_per_turn']} ({split})")
    for key, mark in summary["floors"].items():
        lines.append(f"floor {key} <= {FLOORS[key]:g}: {summary.get(key)} {mark}")
    return lines
