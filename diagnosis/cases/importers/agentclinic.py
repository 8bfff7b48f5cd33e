"""AgentClinic OSCE records (MedQA-derived): Patient_Actor → presentation and history; examination
findings and the nested Test_Results → one menu item per leaf; Correct_Diagnosis → gold."""

from __future__ import annotations

from typing import Any

from diagnosis.cases.importers.naming import (
    abbreviation_aliases,
    categorise,
    humanise,
    is_container,
    is_generic_leaf,
)
from diagnosis.cases.schema import Gold, HistoryItem, MenuItem, NativeCase, Source

URL = "https://github.com/SamuelSchmidgall/AgentClinic"
LICENCE = "MIT (AgentClinic); vignettes from MedQA (Jin et al. 2020)"
HISTORY_FIELDS = [
    ("Past_Medical_History", "Past medical history?"),
    ("Social_History", "Social history?"),
    ("Review_of_Systems", "Review of systems?"),
    ("Current_Medications", "Current medications?"),
    ("Medications", "Current medications?"),
    ("Family_History", "Family history?"),
]


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value if v not in (None, ""))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).strip()


def _leaves(tree: Any, path: list[str]) -> list[tuple[list[str], str]]:
    if isinstance(tree, dict):
        found: list[tuple[list[str], str]] = []
        for key, value in tree.items():
            found.extend(_leaves(value, [*path, humanise(str(key))]))
        return found
    text = _text(tree)
    return [(path, text)] if text else []


def _menu(tree: Any, *, exam: bool) -> list[MenuItem]:
    # 1. name each leaf by its path without generic keys ("Chest CT / Findings" → "Chest CT");
    #    leaves that end up with the same name are one test with several result lines.
    grouped: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for path, result in _leaves(tree, []):
        named = list(path)
        while len(named) > 1 and is_generic_leaf(named[-1]):
            named.pop()
        grouped.setdefault(tuple(named), []).append((path[-1] if path else "", result))
    # 2. a group holding a single test is that test ("MRI of the hand / Preliminary findings").
    panel_sizes: dict[tuple[str, ...], int] = {}
    for key in grouped:
        panel_sizes[key[:-1]] = panel_sizes.get(key[:-1], 0) + 1
    items: list[MenuItem] = []
    for key, parts in grouped.items():
        result = parts[0][1] if len(parts) == 1 else "; ".join(f"{k}: {v}" for k, v in parts)
        path = list(key)
        parent = path[:-1]
        if (
            parent
            and panel_sizes[tuple(parent)] == 1
            and not is_container(parent[-1])
            and parent[-1].lower() != "vital signs"
        ):
            if not is_generic_leaf(path[-1]):
                result = f"{path[-1]}: {result}"
            path = parent
        name = path[-1] if path else "Findings"
        ancestors = [p for p in path[:-1] if not is_container(p)]
        panel = ancestors[-1] if ancestors else ""
        if exam:
            category = (
                "Vital signs" if any(p.lower() == "vital signs" for p in key) else "Examination"
            )
        else:
            category = categorise(" ".join(key))
        items.append(
            MenuItem(
                category=category,
                name=name[:300],
                aliases=abbreviation_aliases(name),
                panel=panel[:300],
                result=result[:20000],
            )
        )
    return _unique_names(items)


def _unique_names(items: list[MenuItem]) -> list[MenuItem]:
    counts: dict[str, int] = {}
    for item in items:
        counts[item.name.lower()] = counts.get(item.name.lower(), 0) + 1
    out = []
    for item in items:
        if counts[item.name.lower()] > 1 and item.panel:
            item = item.model_copy(
                update={
                    "name": f"{item.panel}: {_lower_first(item.name)}"[:300],
                    "aliases": [*item.aliases, item.name][:30],
                }
            )
        out.append(item)
    return out


def _lower_first(name: str) -> str:
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]


def agentclinic_to_native(record: dict[str, Any]) -> NativeCase:
    osce = record["OSCE_Examination"]
    actor = osce["Patient_Actor"]
    demographics = _text(actor.get("Demographics", ""))
    symptoms = actor.get("Symptoms") or {}
    primary = _text(symptoms.get("Primary_Symptom", "")) if isinstance(symptoms, dict) else ""
    secondary = _text(symptoms.get("Secondary_Symptoms", [])) if isinstance(symptoms, dict) else ""
    presentation = " ".join(
        p for p in [f"{demographics}." if demographics else "", _text(actor["History"])] if p
    )
    history = [
        HistoryItem(question=q, answer=_text(actor[k]))
        for k, q in HISTORY_FIELDS
        if _text(actor.get(k, ""))
    ]
    if primary:
        history.insert(0, HistoryItem(question="Main symptom?", answer=primary))
    if secondary:
        history.insert(
            1 if primary else 0, HistoryItem(question="Other symptoms?", answer=secondary)
        )
    menu = _menu(osce.get("Physical_Examination_Findings") or {}, exam=True)
    menu += _menu(osce.get("Test_Results") or {}, exam=False)
    title = f"{demographics or 'Patient'} with {primary.lower() or 'a new complaint'}"
    return NativeCase(
        title=title[:300],
        demographics=demographics[:300],
        initial_presentation=presentation,
        history=history,
        menu=menu,
        gold=Gold(name=_text(osce["Correct_Diagnosis"])),
        source=Source(dataset="agentclinic", id=str(record["id"]), url=URL, licence=LICENCE),
    )
