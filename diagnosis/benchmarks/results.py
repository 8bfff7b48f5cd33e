"""What a benchmark reports: one row per case session and the run's aggregate.

Shared by `manage.py evaluate` (its report.json and CSV), the results page and the exports, so the
numbers are the same wherever they are read. Definitions: docs/metrics.md, docs/benchmarks.md.
"""

from __future__ import annotations

from typing import Any

from diagnosis.models import DiagnosticSession, SessionStatus

AGGREGATE_KEYS = (
    "n",
    "completed",
    "turn_budget",
    "accuracy_at_1",
    "accuracy_at_3",
    "dtc_mean",
    "rac_mean",
    "informative_order_rate",
    "cost_mean",
    "turns_mean",
    "kg_coverage",
)
ROW_KEYS = (
    "case",
    "source_id",
    "session",
    "status",
    "end_reason",
    "gold",
    "final_diagnosis",
    "correct",
    "top3",
    "dtc",
    "rac",
    "grounded_order_rate",
    "supported_update_rate",
    "informative_order_rate",
    "cost",
    "turns",
    "tests",
    "kg_coverage",
    "gold_in_kg",
    "incoherent_turns",
    "error",
)


def case_row(session: DiagnosticSession) -> dict[str, Any]:
    m = session.metrics or {}
    snapshot = session.case_snapshot or {}
    failed = session.status == SessionStatus.FAILED
    return {
        "case": snapshot.get("id"),
        "source_id": (snapshot.get("source") or {}).get("id"),
        "session": str(session.public_id),
        "status": session.status,
        "end_reason": m.get("end_reason"),
        "gold": (snapshot.get("gold") or {}).get("name"),
        "final_diagnosis": session.final_diagnosis,
        "correct": False if failed else m.get("correct"),
        "top3": False if failed else m.get("top3"),
        "dtc": m.get("dtc"),
        "rac": m.get("rac"),
        "grounded_order_rate": m.get("grounded_order_rate"),
        "supported_update_rate": m.get("supported_update_rate"),
        "informative_order_rate": m.get("informative_order_rate"),
        "cost": m.get("cost"),
        "turns": m.get("turns"),
        "tests": m.get("tests"),
        "kg_coverage": m.get("kg_coverage"),
        "gold_in_kg": m.get("gold_in_kg"),
        "incoherent_turns": m.get("incoherent_turns"),
        "error": session.error,
    }


def _mean(values: list[Any]) -> float | None:
    nums = [float(v) for v in values if v is not None]
    return round(sum(nums) / len(nums), 4) if nums else None


def aggregate(rows: list[dict[str, Any]], sessions: list[DiagnosticSession]) -> dict[str, Any]:
    """Accuracy over all cases (a failed session, or one that used up its turn budget without a
    final diagnosis, counts as wrong); means over completed sessions that have the number;
    kg_coverage pooled over every judged order and update, the informative-order rate over every
    answered order whose result the KG could read."""
    n = len(rows)
    done = [r for r in rows if r["status"] == SessionStatus.COMPLETED]
    judged = total = 0
    informative = read = 0
    for s in sessions:
        m = s.metrics or {}
        counts = m.get("informative_orders") or {}
        informative += counts.get("informative", 0)
        read += counts.get("informative", 0) + counts.get("uninformative", 0)
        for key, good, bad in (
            ("orders", "grounded", "ungrounded"),
            ("updates", "supported", "unsupported"),
        ):
            counts = m.get(key) or {}
            judged += counts.get(good, 0) + counts.get(bad, 0)
            total += counts.get(good, 0) + counts.get(bad, 0) + counts.get("unknown", 0)
    return {
        "n": n,
        "completed": len(done),
        "turn_budget": sum(r["end_reason"] == "turn_budget" for r in done),
        "accuracy_at_1": round(sum(bool(r["correct"]) for r in rows) / n, 4) if n else None,
        "accuracy_at_3": round(sum(bool(r["top3"]) for r in rows) / n, 4) if n else None,
        "dtc_mean": _mean([r["dtc"] for r in done]),
        "rac_mean": _mean([r["rac"] for r in done]),
        "informative_order_rate": round(informative / read, 4) if read else None,
        "cost_mean": _mean([r["cost"] for r in done]),
        "turns_mean": _mean([r["turns"] for r in done]),
        "kg_coverage": round(judged / total, 4) if total else None,
    }
