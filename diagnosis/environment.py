"""The case environment: answers orders from the case's test menu, or says UNAVAILABLE.

Never an invented "normal": an order that matches no menu item is answered UNAVAILABLE.
"""

from __future__ import annotations

import re
from typing import Any

from diagnosis.protocol import Observation


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def answer_order(snapshot: dict[str, Any], order: str) -> Observation:
    wanted = _norm(order)
    for item in snapshot.get("menu", []):
        names = [item["name"], *item.get("aliases", [])]
        if any(_norm(n) == wanted for n in names):
            return Observation(order=order, status="answered", item=item["name"], category=item.get("category"),
                               result=item["result"], score=1.0, cost=float(item.get("cost") or 0.0))
    return Observation(order=order, status="unavailable", score=0.0, cost=0.0)


def answer_orders(snapshot: dict[str, Any], orders: list[str]) -> list[Observation]:
    return [answer_order(snapshot, order) for order in orders]
