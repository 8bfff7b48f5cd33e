"""Turn metrics as the session page shows them: failure flags per turn, running DTC / RAC / cost.

The metric dicts are written by diagnosis.metrics (docs/metrics.md); this module reads them
defensively so that a key added, renamed or missing never breaks the page: what it knows gets a
label, "unknown" stays "unknown", and anything else is listed as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FLAG_LABELS = {
    "ungrounded_order": "Ungrounded order",
    "ungrounded_orders": "Ungrounded order",
    "unsupported_update": "Unsupported update",
    "unsupported_updates": "Unsupported update",
    "incoherence": "Incoherence",
    "incoherent": "Incoherence",
    "repeated_test": "Repeated test",
    "repeated_tests": "Repeated test",
    "contradiction": "Contradicts a revealed finding",
    "contradicts_finding": "Contradicts a revealed finding",
    "dropped_leader": "Dropped the leading hypothesis without evidence",
    "dropped_leading_hypothesis": "Dropped the leading hypothesis without evidence",
}
STAT_LABELS = {
    "dtc": "DTC",
    "rac": "RAC",
    "kg_coverage": "KG coverage",
    "coverage": "KG coverage",
    "top1": "Gold ranked first",
    "top3": "Gold in top 3",
    "gold_rank": "Gold rank",
    "gold_probability": "Gold probability",
}
# Keys shown elsewhere on the page, or too internal for it.
HIDDEN_KEYS = {"flags", "cost", "details", "detail", "version", "notes"}


@dataclass(frozen=True)
class Flag:
    key: str
    label: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stat:
    key: str
    label: str
    value: str
    note: str = ""


def _detail_texts(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value[:300],) if value.strip() else ()
    if isinstance(value, dict):
        text = value.get("detail") or value.get("reason") or value.get("test") or value.get("diagnosis") or value.get("item")
        return (str(text)[:300],) if text else ()
    if isinstance(value, list | tuple):
        return tuple(t for v in value for t in _detail_texts(v))
    return ()


def _raised(value: Any) -> bool:
    if isinstance(value, dict):
        if "flagged" in value:
            return bool(value["flagged"])
        if "value" in value:
            return bool(value["value"])
    return bool(value) and value != "unknown"


def turn_flags(metrics: dict[str, Any] | None) -> list[Flag]:
    """The failure flags raised on a turn, from `metrics["flags"]` (dict or list) or top-level keys."""
    if not isinstance(metrics, dict):
        return []
    found: dict[str, Flag] = {}

    def add(key: str, value: Any) -> None:
        key = str(key)
        if not _raised(value):
            return
        label = FLAG_LABELS.get(key, key.replace("_", " ").capitalize())
        details = _detail_texts(value if not isinstance(value, dict) else value.get("details", value))
        prior = found.get(label)
        found[label] = Flag(key=key, label=label, details=(prior.details if prior else ()) + details)

    raw = metrics.get("flags")
    if isinstance(raw, dict):
        for key, value in raw.items():
            add(key, value)
    elif isinstance(raw, list):
        for item in raw:
            if isinstance(item, str):
                add(item, True)
            elif isinstance(item, dict):
                key = item.get("flag") or item.get("kind") or item.get("type") or item.get("name")
                if key:
                    add(key, item.get("details") or item.get("detail") or item.get("reason") or True)
    for key in FLAG_LABELS:
        if key in metrics and key not in ("flags",):
            add(key, metrics[key])
    return list(found.values())


def format_value(value: Any) -> str:
    if value is None or value == "unknown":
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.0%}" if 0.0 <= value <= 1.0 else f"{value:.2f}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        for key in ("value", "score", "status", "label"):
            if key in value:
                return format_value(value[key])
        return "—"
    if isinstance(value, list):
        return ", ".join(format_value(v) for v in value[:5])
    return str(value)[:80]


def _note(value: Any) -> str:
    if isinstance(value, dict):
        coverage = value.get("coverage", value.get("kg_coverage"))
        if coverage is not None:
            return f"KG coverage {format_value(coverage)}"
        if value.get("note"):
            return str(value["note"])[:120]
    return ""


def stats_from(metrics: dict[str, Any] | None, *, extra: bool = True) -> list[Stat]:
    """Labelled numbers from a metrics dict: known keys first, in a fixed order, then the rest."""
    if not isinstance(metrics, dict):
        return []
    out = []
    for key, label in STAT_LABELS.items():
        if key in metrics and label not in {s.label for s in out}:
            out.append(Stat(key=key, label=label, value=format_value(metrics[key]), note=_note(metrics[key])))
    if extra:
        for key, value in metrics.items():
            if key in STAT_LABELS or key in HIDDEN_KEYS or key in FLAG_LABELS or isinstance(value, list | dict):
                continue
            out.append(Stat(key=key, label=key.replace("_", " ").capitalize(), value=format_value(value)))
    return out


def money(amount: float | None) -> str:
    return f"${amount:,.2f}" if amount is not None else "—"
