"""Case snapshots: the case as a session saw it at start, in the native case shape."""

from __future__ import annotations

from typing import Any

from diagnosis.cases.schema import Codes, Gold, HistoryItem, MenuItem, NativeCase, Source
from diagnosis.models import Case


def _menu(case: Case) -> list[dict[str, Any]]:
    return [
        {
            "category": item.category,
            "name": item.name,
            "aliases": list(item.aliases or []),
            "panel": item.panel,
            "result": item.result,
            "values": dict(item.values or {}),
            "cost": float(item.cost) if item.cost is not None else None,
        }
        for item in case.menu_items.all()
    ]


def case_snapshot(case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "version": case.version,
        "title": case.title,
        "demographics": case.demographics,
        "initial_presentation": case.initial_presentation,
        "history": list(case.history or []),
        "menu": _menu(case),
        "gold": {
            "name": case.gold_diagnosis,
            "aliases": list(case.gold_aliases or []),
            "codes": dict(case.gold_codes or {}),
        },
        "reference_differential": list(case.reference_differential or []),
        "source": {
            "dataset": case.source_dataset,
            "id": case.source_id,
            "url": case.source_url,
            "licence": case.licence,
            "references": list(case.references or []),
        },
    }


def case_to_native(case: Case) -> NativeCase:
    """The stored case back in the native schema (what export_cases writes)."""
    codes = {k: list(v) for k, v in (case.gold_codes or {}).items() if k in Codes.model_fields}
    return NativeCase(
        title=case.title,
        demographics=case.demographics,
        initial_presentation=case.initial_presentation,
        history=[HistoryItem(**h) for h in case.history or []],
        menu=[MenuItem(**{k: v for k, v in m.items()}) for m in _menu(case)],
        gold=Gold(
            name=case.gold_diagnosis, aliases=list(case.gold_aliases or []), codes=Codes(**codes)
        ),
        reference_differential=list(case.reference_differential or []),
        source=Source(
            dataset=case.source_dataset,
            id=case.source_id,
            url=case.source_url,
            licence=case.licence,
            references=list(case.references or []),
        ),
    )


def turn0_view(snapshot: dict[str, Any]) -> dict[str, Any]:
    """What a policy sees at turn 0; everything else in the snapshot stays hidden."""
    return {
        "demographics": snapshot.get("demographics", ""),
        "initial_presentation": snapshot.get("initial_presentation", ""),
        "history": snapshot.get("history", []),
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
