"""Case snapshots: the case as a session saw it at start, in the native case shape."""

from __future__ import annotations

from typing import Any

from diagnosis.models import Case


def case_snapshot(case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "version": case.version,
        "title": case.title,
        "demographics": case.demographics,
        "initial_presentation": case.initial_presentation,
        "history": list(case.history or []),
        "menu": [
            {
                "category": item.category,
                "name": item.name,
                "aliases": list(item.aliases or []),
                "result": item.result,
                "values": dict(item.values or {}),
                "cost": float(item.cost) if item.cost is not None else None,
            }
            for item in case.menu_items.all()
        ],
        "gold": {"name": case.gold_diagnosis, "aliases": list(case.gold_aliases or []), "codes": dict(case.gold_codes or {})},
        "reference_differential": list(case.reference_differential or []),
        "source": {"dataset": case.source_dataset, "id": case.source_id, "url": case.source_url, "licence": case.licence},
    }


def live_snapshot(*, title: str, presentation: str, demographics: str = "") -> dict[str, Any]:
    return {
        "id": None,
        "version": None,
        "title": title,
        "demographics": demographics,
        "initial_presentation": presentation,
        "history": [],
        "menu": [],
        "gold": None,
        "reference_differential": [],
        "source": {"dataset": "live", "id": "", "url": "", "licence": ""},
    }
