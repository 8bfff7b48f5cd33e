"""MediQ iCraft-MD (dermatology): the first context sentence is the presentation (MediQ's initial
information); the atomic facts are held back as History items of the menu, answered only when a
history question asks about them (diagnosis.environment.history); options → reference
differential; answer → gold. The cases have no tests, so their menus hold only these facts."""

from __future__ import annotations

import re
from typing import Any

from diagnosis.cases.schema import Gold, MenuItem, NativeCase, Source

URL = "https://github.com/stellalisy/mediQ"
LICENCE = "CC BY 4.0 (MediQ iCraft-MD)"


def mediq_to_native(record: dict[str, Any]) -> NativeCase:
    context = [str(c).strip() for c in record["context"] if str(c).strip()]
    facts = [re.sub(r"^\s*\d+[.)]\s*", "", str(f)).strip() for f in record["facts"]]
    patient = record.get("patient") or {}
    demographics = " ".join(
        str(patient.get(k, "")).strip() for k in ("age", "gender") if patient.get(k)
    ).strip()
    options = record["options"]
    differential = [
        str(v).strip() for v in (options.values() if isinstance(options, dict) else options)
    ]
    first = context[0] if context else (facts[0] if facts else "")
    return NativeCase(
        title=(first[:120] + ("…" if len(first) > 120 else "")) or str(record["id"]),
        demographics=demographics[:300],
        initial_presentation=first.rstrip(".") + ".",
        menu=[
            MenuItem(category="History", name=f"Reported fact {n}", result=fact)
            for n, fact in enumerate((f for f in facts if f), 1)
        ][:300],
        gold=Gold(name=str(record["answer"]).strip()),
        reference_differential=[d for d in differential if d][:30],
        source=Source(dataset="mediq", id=str(record["id"]), url=URL, licence=LICENCE),
    )
