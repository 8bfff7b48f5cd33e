"""Turn metrics as the session page shows them: failure flags per turn, running DTC / RAC / cost.

The keys come from diagnosis.metrics (definitions in docs/metrics.md). They are read defensively:
a missing key is left out, None is shown as "unknown" (the KG knows nothing there — never counted
as a pass or a failure), and an unexpected shape never breaks the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

INCOHERENCE_KINDS = {
    "repeated_test": "repeats a test",
    "contradicts_finding": "contradicts a revealed finding",
    "dropped_leader": "dropped the leading hypothesis without evidence",
}


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


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _judged(details: dict[str, Any], group: str, status: str) -> tuple[str, ...]:
    out = []
    for item in _list(details.get(group)):
        if isinstance(item, dict) and item.get("status") == status and item.get("subject"):
            because = f" — {item['because']}" if item.get("because") else ""
            out.append(f"{str(item['subject'])[:200]}{str(because)[:200]}")
    return tuple(out)


def turn_flags(metrics: dict[str, Any] | None) -> list[Flag]:
    """Failure flags raised on one turn: ungrounded order, unsupported update, incoherence."""
    metrics = _dict(metrics)
    flags = _dict(metrics.get("flags"))
    details = _dict(metrics.get("details"))
    incoherence = [i for i in _list(metrics.get("incoherence")) if isinstance(i, dict)]
    out = []
    if flags.get("ungrounded_order"):
        out.append(
            Flag("ungrounded_order", "Ungrounded order", _judged(details, "orders", "ungrounded"))
        )
    if flags.get("unsupported_update"):
        out.append(
            Flag(
                "unsupported_update",
                "Unsupported update",
                _judged(details, "updates", "unsupported"),
            )
        )
    if flags.get("incoherent") or incoherence:
        texts = tuple(
            f"{INCOHERENCE_KINDS.get(str(i.get('kind')), str(i.get('kind', 'incoherent')))}: {str(i.get('detail', ''))[:200]}"
            for i in incoherence
        )
        out.append(Flag("incoherent", "Incoherence", texts))
    return out


def kg_check(metrics: dict[str, Any] | None) -> str:
    """One line on what the KG could judge this turn: 'orders 2 grounded · 1 unknown; …'."""
    metrics = _dict(metrics)
    parts = []
    for group, good, bad in (
        ("orders", "grounded", "ungrounded"),
        ("updates", "supported", "unsupported"),
    ):
        counts = _dict(metrics.get(group))
        if not counts or not any(isinstance(v, int) and v for v in counts.values()):
            continue
        bits = [
            f"{counts[k]} {k}"
            for k in (good, bad, "unknown")
            if isinstance(counts.get(k), int) and counts[k]
        ]
        parts.append(f"{group}: {', '.join(bits)}")
    return "; ".join(parts)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def share(value: Any) -> str:
    number = _number(value)
    return "unknown" if number is None else f"{number:.0%}"


def score(value: Any) -> str:
    number = _number(value)
    return "unknown" if number is None else f"{number:.2f}"


def rank(metrics: dict[str, Any]) -> str:
    value = metrics.get("gold_rank")
    if isinstance(value, int) and not isinstance(value, bool):
        return f"#{value}"
    return "not listed" if metrics.get("top3") is not None else "unknown"


def _coverage_note(metrics: dict[str, Any]) -> str:
    return f"KG coverage {share(metrics['kg_coverage'])}" if "kg_coverage" in metrics else ""


def running_stats(metrics: dict[str, Any] | None) -> list[Stat]:
    """The latest completed turn's running numbers (the metrics are computed over turns 0..T)."""
    metrics = _dict(metrics)
    out = []
    has_gold = metrics.get("top3") is not None
    if "dtc" in metrics and has_gold:
        out.append(Stat("dtc", "DTC", score(metrics["dtc"]), "0–1, higher is better"))
    if "rac" in metrics:
        out.append(Stat("rac", "RAC", share(metrics["rac"]), _coverage_note(metrics)))
    if "gold_rank" in metrics and has_gold:
        out.append(Stat("gold_rank", "Gold rank", rank(metrics)))
    return out


def final_stats(metrics: dict[str, Any] | None) -> list[Stat]:
    metrics = _dict(metrics)
    if not metrics:
        return []
    out = []
    has_gold = metrics.get("correct") is not None
    if "dtc" in metrics and has_gold:
        out.append(Stat("dtc", "DTC", score(metrics["dtc"])))
    if "rac" in metrics:
        out.append(Stat("rac", "RAC", share(metrics["rac"]), _coverage_note(metrics)))
    if "grounded_order_rate" in metrics:
        out.append(
            Stat("grounded_order_rate", "Grounded orders", share(metrics["grounded_order_rate"]))
        )
    if "supported_update_rate" in metrics:
        out.append(
            Stat(
                "supported_update_rate",
                "Supported updates",
                share(metrics["supported_update_rate"]),
            )
        )
    if "tests" in metrics:
        answered = metrics.get("tests_answered")
        value = (
            f"{answered} of {metrics['tests']}"
            if isinstance(answered, int)
            else str(metrics["tests"])
        )
        out.append(Stat("tests", "Tests answered", value))
    if "incoherent_turns" in metrics:
        out.append(Stat("incoherent_turns", "Incoherent turns", str(metrics["incoherent_turns"])))
    return out


def money(amount: float | None) -> str:
    return f"${amount:,.2f}" if amount is not None else "—"
