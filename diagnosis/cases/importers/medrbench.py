"""MedR-Bench (PMC case reports): derived.initial_presentation → presentation; the Ancillary Tests
section split into one menu item per test; gold from generate_case.diagnosis_results."""

from __future__ import annotations

import re
from typing import Any

from diagnosis.cases.importers.naming import abbreviation_aliases, categorise
from diagnosis.cases.schema import Gold, MenuItem, NativeCase, Source

LICENCE = "CC BY-SA (MedR-Bench, Qiu et al. 2025); case report: PMC open access"
_HEADER = re.compile(r"^\s*-?\s*\**\s*ancillary tests\s*:?\s*\**\s*:?\s*", re.I)
_BULLET = re.compile(r"^(\s*)(?:[-*•]|\d+[.)])\s+(.*)$")
_VERB = re.compile(
    r"^(?P<name>[A-Za-z0-9][^.;:]{2,70}?)\s+(?:showed|shows|revealed|reveals|demonstrated|demonstrates|"
    r"indicated|indicates|identified|confirmed|found|detected|was|were|included|includes|noted|"
    r"disclosed|suggested|displayed)\b",
    re.I,
)
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z])")
_FIELD = re.compile(r"^\s*-\s*\**\s*([^:*\n]{2,60}?)\s*\**\s*:\s*\**\s*(.*)$")


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("**", "")).strip(" -•*\t")


def _split_name(text: str) -> tuple[str | None, str]:
    text = _clean(text)
    colon = re.search(r"(?<!\d):(?!\d)", text)  # not the colon of "1:100"
    if colon:
        name, rest = text[: colon.start()], text[colon.end() :]
        verb = _VERB.match(name + " ")
        if verb and rest.strip():
            return _capital(verb.group("name").strip()), text
        if 1 < len(name) <= 80 and len(name.split()) <= 9 and rest.strip():
            return _capital(name.strip()), rest.strip()
        if 1 < len(name) <= 80 and len(name.split()) <= 9:
            return name.strip(), ""
    match = _VERB.match(text)
    if match:
        return _capital(
            re.sub(r"^(?:an?|the|initial|repeat)\s+", "", match.group("name").strip(), flags=re.I)
        ), text
    return None, text


def _capital(name: str) -> str:
    return name[:1].upper() + name[1:]


def parse_ancillary(text: str) -> list[MenuItem]:
    body = _HEADER.sub("", text.strip(), count=1)
    units: list[tuple[int, str]] = []  # (indent, text)
    for line in body.splitlines():
        if not line.strip():
            continue
        bullet = _BULLET.match(line)
        if bullet:
            units.append((len(bullet.group(1)), bullet.group(2)))
        elif units:
            units[-1] = (units[-1][0], units[-1][1] + " " + line.strip())
        else:
            units.extend((0, s) for s in _SENTENCE.split(line.strip()))
    items: list[tuple[str, str, str]] = []  # name, result, panel
    heading: tuple[int, str] | None = None
    for indent, raw in units:
        name, result = _split_name(raw)
        if heading is not None and indent <= heading[0]:
            heading = None
        if name and not result:
            heading = (indent, name)
            continue
        if name is None and len(units) == 1:
            for sentence in _SENTENCE.split(_clean(raw)):
                sub_name, sub_result = _split_name(sentence)
                if sub_name:
                    items.append((sub_name, sub_result or sentence, ""))
                elif items:
                    items[-1] = (items[-1][0], items[-1][1] + " " + sentence, items[-1][2])
            continue
        panel = heading[1] if heading else ""
        if name is None:
            if items and not panel:
                items[-1] = (items[-1][0], items[-1][1] + " " + _clean(raw), items[-1][2])
                continue
            name = panel or "Other findings"
        items.append((name, result or _clean(raw), panel))
    return _dedupe(
        [
            MenuItem(
                category=categorise(f"{panel} {name}"),
                name=name[:300],
                aliases=abbreviation_aliases(name),
                panel=panel[:300],
                result=result[:20000],
            )
            for name, result, panel in items
            if result and not re.match(r"^none\b", result, re.I)
        ]
    )


def _dedupe(items: list[MenuItem]) -> list[MenuItem]:
    seen: dict[str, int] = {}
    out = []
    for item in items:
        key = item.name.lower()
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            item = item.model_copy(update={"name": f"{item.name} ({seen[key]})"})
        out.append(item)
    return out


def _field(presentation: str, label: str) -> str:
    for line in presentation.splitlines():
        match = _FIELD.match(line)
        if match and match.group(1).lower().startswith(label.lower()):
            return _clean(match.group(2))
    return ""


def _differential(text: str) -> list[str]:
    names = re.findall(r"^\s*\d+\.\s*\**([^*:\n]{2,200}?)\**\s*:", text or "", re.M)
    return [_clean(n) for n in names][:30]


def medrbench_to_native(record: dict[str, Any]) -> NativeCase:
    pmcid = str(record["id"])
    generated = record["generate_case"]
    derived = record["derived"]
    presentation = str(derived["initial_presentation"]).strip()
    demographics = _field(presentation, "Patient Information")
    complaint = _field(presentation, "Chief Complaint")
    gold = _clean(str(generated["diagnosis_results"]))
    aliases = [
        a
        for a in record.get("checked_rare_disease") or []
        if isinstance(a, str) and a.strip() and a != gold
    ]
    title = f"{demographics.rstrip('.')}: {complaint}" if complaint else (demographics or pmcid)
    return NativeCase(
        title=title[:300] or pmcid,
        demographics=demographics[:300],
        initial_presentation=presentation,
        menu=parse_ancillary(str(derived["ancillary_tests"])),
        gold=Gold(name=gold[:500], aliases=[a[:500] for a in aliases[:30]]),
        reference_differential=_differential(str(generated.get("differential_diagnosis") or "")),
        source=Source(
            dataset="medrbench",
            id=pmcid,
            url=f"https://pmc.ncbi.nlm.nih.gov/articles/{pmcid}/",
            licence=LICENCE,
        ),
    )
