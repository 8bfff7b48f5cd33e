"""The case environment: answers orders from the case's test menu, or says UNAVAILABLE.

Never an invented "normal": an order that matches no menu item is answered UNAVAILABLE (see
diagnosis.environment.oracle for the matching and diagnosis.environment.costs for prices).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from diagnosis.cases.snapshots import CaseSnapshot, as_snapshot
from diagnosis.environment import oracle
from diagnosis.environment.costs import CostTable, cost_table
from diagnosis.protocol import Observation


def answer_order(
    snapshot: CaseSnapshot | Mapping[str, Any], order: str, *, table: CostTable | None = None
) -> Observation:
    """`snapshot`: the session's CaseSnapshot (its stored JSON is read as one)."""
    table = table if table is not None else cost_table()
    found = oracle.match(order, as_snapshot(snapshot).oracle_menu)
    if found.status != "answered":
        return Observation(order=order, status="unavailable", score=found.score, cost=0.0)
    price = table.price_of_answer(found.item or "", found.items)
    return Observation(
        order=order,
        status="answered",
        item=found.item,
        category=found.category,
        result=found.result,
        score=found.score,
        cost=float(price),
    )


def answer_orders(
    snapshot: CaseSnapshot | Mapping[str, Any],
    orders: list[str],
    *,
    table: CostTable | None = None,
) -> list[Observation]:
    """Answer each order; a repeated order within one turn is answered once and then UNAVAILABLE
    would hide information, so it is answered again at no extra cost."""
    table = table if table is not None else cost_table()
    snapshot = as_snapshot(snapshot)
    seen: set[str] = set()
    answers = []
    for order in orders:
        obs = answer_order(snapshot, order, table=table)
        if obs.status == "answered" and obs.item in seen:
            obs = Observation(
                order=obs.order,
                status=obs.status,
                item=obs.item,
                category=obs.category,
                result=obs.result,
                score=obs.score,
                cost=0.0,
            )
        if obs.item:
            seen.add(obs.item)
        answers.append(obs)
    return answers
