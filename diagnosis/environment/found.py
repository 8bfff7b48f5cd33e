"""What the oracle found for one order (diagnosis.environment.oracle, .history)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Answer:
    order: str
    status: str  # "answered" | "unavailable"
    item: str | None = None
    category: str | None = None
    result: str | None = None
    score: float = 0.0  # 0–1
    items: list[dict[str, Any]] = field(default_factory=list)  # the menu items behind the answer
    # "name" (a menu name), "mention" (a generic item's text), "clause" (a clause), "history"
    via: str = ""
