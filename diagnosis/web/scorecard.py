"""Turn metrics as the session page shows them: failure flags per turn, running DTC / RAC / cost.

The keys come from diagnosis.metrics (definitions in docs/metrics.md) and are read through its
typed models (diagnosis.metrics.models): a missing key is left out, None (or a value of the wrong
type) is shown as "unknown" (the KG knows nothing there — never counted as a pass or a failure),
and an unexpected shape never breaks the page. Each function takes the stored dict or its model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from diagnosis.metrics import rac_self_judged
from diagnosis.metrics.models import Incoherence, Judgement, SessionMetrics, TurnMetrics

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


def _judged(items: list[Judgement] | None, status: str) -> tuple[str, ...]:
    out = []
    for item in items or []:
        if item.status == status and item.subject:
            because = f" — {item.because}" if item.because else ""
            out.append(f"{item.subject[:200]}{because[:200]}")
    return tuple(out)


def _incoherence_text(item: Incoherence) -> str:
    kind = item.kind or "incoherent"
    return f"{INCOHERENCE_KINDS.get(kind, kind)}: {(item.detail or '')[:200]}"


def _turn(metrics: TurnMetrics | dict[str, Any] | None) -> TurnMetrics:
    return metrics if isinstance(metrics, TurnMetrics) else TurnMetrics.read(metrics)


def turn_flags(metrics: TurnMetrics | dict[str, Any] | None) -> list[Flag]:
    """Failure flags raised on one turn: ungrounded order, unsupported update, incoherence."""
    m = _turn(metrics)
    flags = m.flags
    details = m.details
    out = []
    if flags and flags.ungrounded_order:
        out.append(
            Flag(
                "ungrounded_order",
                "Ungrounded order",
                _judged(details.orders if details else None, "ungrounded"),
            )
        )
    if flags and flags.unsupported_update:
        out.append(
            Flag(
                "unsupported_update",
                "Unsupported update",
                _judged(details.updates if details else None, "unsupported"),
            )
        )
    if (flags and flags.incoherent) or m.incoherence:
        texts = tuple(_incoherence_text(i) for i in m.incoherence)
        out.append(Flag("incoherent", "Incoherence", texts))
    return out


def kg_check(metrics: TurnMetrics | dict[str, Any] | None) -> str:
    """One line on what the KG could judge this turn: 'orders 2 grounded · 1 unknown; …'."""
    m = _turn(metrics)
    parts = []
    for group, counts, keys in (
        ("orders", m.orders, ("grounded", "ungrounded", "unknown")),
        ("updates", m.updates, ("supported", "unsupported", "unknown")),
    ):
        numbers = [(k, getattr(counts, k)) for k in keys] if counts else []
        bits = [f"{n} {k}" for k, n in numbers if n]
        if bits:
            parts.append(f"{group}: {', '.join(bits)}")
    return "; ".join(parts)


def share(value: float | None) -> str:
    return "unknown" if value is None else f"{value:.0%}"


def score(value: float | None) -> str:
    return "unknown" if value is None else f"{value:.2f}"


def rank(metrics: TurnMetrics) -> str:
    if metrics.gold_rank is not None:
        return f"#{metrics.gold_rank}"
    return "not listed" if metrics.top3 is not None else "unknown"


SELF_JUDGED_NOTE = "self-judged: this policy picks its tests with the same KG judge"
INFORMATIVE_NOTE = "answered orders whose results moved the KG's leading hypotheses"


def _rac_note(metrics: TurnMetrics | SessionMetrics, policy: str) -> str:
    """KG coverage beside RAC, and the caveat when the policy chose its tests with the judge
    that scores RAC (docs/metrics.md)."""
    notes = []
    if "kg_coverage" in metrics.model_fields_set:
        notes.append(f"KG coverage {share(metrics.kg_coverage)}")
    if rac_self_judged(policy):
        notes.append(SELF_JUDGED_NOTE)
    return " · ".join(notes)


def _informative(metrics: TurnMetrics | SessionMetrics) -> list[Stat]:
    if "informative_order_rate" not in metrics.model_fields_set:
        return []
    value = share(metrics.informative_order_rate)
    return [Stat("informative_order_rate", "Informative orders", value, INFORMATIVE_NOTE)]


def running_stats(metrics: TurnMetrics | dict[str, Any] | None, *, policy: str = "") -> list[Stat]:
    """The latest completed turn's running numbers (the metrics are computed over turns 0..T).
    `policy`: the session's, for the self-judged RAC caveat."""
    m = _turn(metrics)
    present = m.model_fields_set
    out = []
    has_gold = m.top3 is not None
    if "dtc" in present and has_gold:
        out.append(Stat("dtc", "DTC", score(m.dtc), "0–1, higher is better"))
    if "rac" in present:
        out.append(Stat("rac", "RAC", share(m.rac), _rac_note(m, policy)))
    out += _informative(m)
    if "gold_rank" in present and has_gold:
        out.append(Stat("gold_rank", "Gold rank", rank(m)))
    return out


def final_stats(metrics: SessionMetrics | dict[str, Any] | None, *, policy: str = "") -> list[Stat]:
    m = metrics if isinstance(metrics, SessionMetrics) else SessionMetrics.read(metrics)
    present = m.model_fields_set
    out = []
    has_gold = m.correct is not None
    if "dtc" in present and has_gold:
        out.append(Stat("dtc", "DTC", score(m.dtc)))
    if "rac" in present:
        out.append(Stat("rac", "RAC", share(m.rac), _rac_note(m, policy)))
    out += _informative(m)
    if "grounded_order_rate" in present:
        out.append(Stat("grounded_order_rate", "Grounded orders", share(m.grounded_order_rate)))
    if "supported_update_rate" in present:
        out.append(
            Stat("supported_update_rate", "Supported updates", share(m.supported_update_rate))
        )
    if "tests" in present:
        value = f"{m.tests_answered} of {m.tests}" if m.tests_answered is not None else str(m.tests)
        out.append(Stat("tests", "Tests answered", value))
    if "incoherent_turns" in present:
        out.append(Stat("incoherent_turns", "Incoherent turns", str(m.incoherent_turns)))
    return out


def budget_line(completed: dict[str, Any] | None) -> str:
    """For a session that ran out of turns (the `session.completed` payload, reason
    "turn_budget"): the plain sentence the page shows instead of a final diagnosis; else ""."""
    if not isinstance(completed, dict) or completed.get("reason") != "turn_budget":
        return ""
    line = "Turn budget used up without a final diagnosis"
    leading = completed.get("leading")
    leading = leading if isinstance(leading, dict) else {}
    name, p = leading.get("diagnosis"), leading.get("probability")
    if isinstance(name, str) and name.strip():
        line += f" — leading hypothesis: {name.strip()[:200]}"
        if isinstance(p, int | float) and not isinstance(p, bool):
            line += f" ({round(p * 100)} %)"  # as final.html writes it
    return line


def money(amount: float | None) -> str:
    return f"${amount:,.2f}" if amount is not None else "—"
