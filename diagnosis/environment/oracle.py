"""The test-order oracle: answers a free-text order from a case's test menu, or says UNAVAILABLE.

How an order is matched (docs/cases.md has the long version):
1. normalise: case, accents, punctuation, British spelling, numbers with units, filler words
   ("please", "serum", "level"); misspelt words are corrected to the vocabulary when they are close
   (rapidfuzz ratio ≥ 86).
2. parse into concepts with the synonyms of the test catalogue (diagnosis/vocabulary/tests.toml:
   CBC = FBC = full blood count; LFTs; U&E; CXR = chest x-ray): tests, panels, examinations, and for
   imaging a modality × body region.
3. score every menu target (item names, aliases, panel + item, panel names, and panels assembled
   from the menu by their members): same concepts score high; different concepts never match however
   similar the words; imaging needs the same modality and overlapping regions; words with no concept
   fall back to fuzzy matching; an examination order never lands on a test and vice versa.
4. the best target ≥ THRESHOLD answers; below it, or a tie between different items at a weak score,
   the answer is UNAVAILABLE: never an invented "normal".
5. free text (environment/sentences.py): an answer from a generic item ("Labs", "Other findings")
   is cut to the clause that reports the order; an order no menu name answers is looked for inside
   the results, and answered with the one item's clause that names everything the order names
   ("CRP" in "... increased C-reactive protein (CRP)."; "lymph node exam" in a HEENT section).
6. an abbreviation the order used is shown spelled out when the answer does not already say it
   ("IGRA (interferon-gamma release assay): negative"; the catalogue's `expansions`).
7. a history question ("History: pruritus?", "Ask about: fever") is answered only from the case's
   history facts (environment/history.py), never from a test result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from diagnosis.environment import history, sentences
from diagnosis.environment import terms as T
from diagnosis.environment.found import Answer
from diagnosis.environment.parse import (
    GENERIC_LAB_WORDS,
    SPECIMEN_PANELS,
    Parsed,
    folded_text,
    parse,
    phrase_table,
    regions_overlap,
    similarity,
)

__all__ = ["THRESHOLD", "Answer", "Parsed", "expansions", "match", "parse", "similarity"]

THRESHOLD = 80.0
_KIND_ORDER = {"panel": 0, "item": 1, "member": 2, "mention": 3, "assembled": 4}
EXAM_CATEGORIES = {"examination", "physical examination", "vital signs", "exam"}


@dataclass
class _Target:
    parsed: Parsed
    label: str
    items: list[dict[str, Any]]
    penalty: float = 0.0
    kind: str = "item"


def _panel_key(parsed: Parsed) -> str | None:
    panels = [key for kind, key in parsed.concepts if kind == "panel"]
    return panels[0] if len(panels) == 1 and len(_non_specimen(parsed)) == 1 else None


def _item_concepts(item: dict[str, Any]) -> set[str]:
    keys = {k for _, k in parse(item["name"]).concepts}
    for alias in item.get("aliases") or []:
        keys |= {k for _, k in parse(alias).concepts}
    return keys


def _is_exam(item: dict[str, Any]) -> bool:
    return (item.get("category") or "").lower() in EXAM_CATEGORIES


def _target_parse(text: str, exam: bool) -> Parsed:
    parsed = parse(text)
    return replace(parsed, exam=True) if exam and not parsed.exam and not parsed.imaging else parsed


def _targets(menu: list[dict[str, Any]]) -> list[_Target]:
    targets: list[_Target] = []
    panels: dict[str, list[dict[str, Any]]] = {}
    for item in menu:
        exam = _is_exam(item)
        panel = (item.get("panel") or "").strip()
        panel_parsed = parse(panel) if panel else Parsed()
        specimen = _panel_key(panel_parsed) in SPECIMEN_PANELS
        for name in [item["name"], *(item.get("aliases") or [])]:
            targets.append(
                _Target(
                    _target_parse(name, exam),
                    item["name"],
                    [item],
                    penalty=8.0 if specimen else 0.0,
                )
            )
        if (
            panel and not parse(item["name"]).imaging
        ):  # "Urinalysis" + "Glucose", not "Imaging" + "CT"
            targets.append(
                _Target(_target_parse(f"{panel} {item['name']}", exam), item["name"], [item])
            )
            prefix = T.PANEL_SPECIMEN_PREFIX.get(_panel_key(panel_parsed) or "")
            if prefix:  # "Urinalysis / Protein" answers "urine protein"
                targets.append(
                    _Target(_target_parse(f"{prefix} {item['name']}", exam), item["name"], [item])
                )
            panels.setdefault(panel, []).append(item)
    for panel, items in panels.items():
        targets.append(
            _Target(
                _target_parse(panel, all(_is_exam(i) for i in items)), panel, items, kind="panel"
            )
        )
    return targets


def _assembled_panel(order: Parsed, menu: list[dict[str, Any]]) -> _Target | None:
    """ "BMP" on a menu with sodium, potassium and creatinine items (or an "Electrolytes" item)."""
    key = _panel_key(order)
    if key is None:
        return None
    members = T.PANEL_MEMBERS.get(key, set())
    included = T.PANEL_INCLUDES.get(key, set())
    hits = []
    for item in menu:
        panel_key = _panel_key(parse(item["panel"])) if item.get("panel") else None
        if panel_key in SPECIMEN_PANELS and panel_key != key:
            continue
        concepts = _item_concepts(item)
        if concepts & members or concepts & included or (panel_key and panel_key in included):
            hits.append(item)
    if not hits:
        return None
    shared = {(i.get("panel") or "").strip() for i in hits}
    if len(hits) == 1:
        label = hits[0]["name"]
    elif len(shared) == 1 and "" not in shared:
        label = shared.pop()
    else:
        label = _display(key)
    return _Target(order, label, hits, penalty=(12.0 if len(hits) == 1 else 5.0), kind="assembled")


def _display(key: str) -> str:
    forms = T.PANEL.get(key) or [key]
    long = max(forms[:4], key=len)
    return long[:1].upper() + long[1:]


def _generic_imaging(order: Parsed, menu: list[dict[str, Any]]) -> list[tuple[float, _Target]]:
    """ "MRI neck" answered by an item called "Imaging" whose report starts "MRI revealed ..."."""
    found = []
    for item in menu:
        if (item.get("category") or "") != "Imaging":
            continue
        name = parse(item["name"])
        if (
            name.imaging
            or name.concepts
            or name.words - {"additional", "radiological", "radiologic", "other"}
        ):
            continue
        report = parse(" ".join((item.get("result") or "").split()[:40]), correct=False)
        if order.modalities & report.modalities and (
            not order.regions or (report.regions and regions_overlap(order.regions, report.regions))
        ):
            found.append((84.0, _Target(order, item["name"], [item], kind="mention")))
        elif (
            not report.modalities and name.regions and regions_overlap(order.regions, name.regions)
        ):
            found.append((81.0, _Target(order, item["name"], [item], kind="mention")))
    return found


def _member_of_item(order: Parsed, menu: list[dict[str, Any]]) -> list[tuple[float, _Target]]:
    """ "Sodium" answered by an "Electrolytes" or "Basic metabolic panel" item, "BMP" by a "CMP"
    item, and "troponin" or "CBC" by a "Laboratory findings" item whose result mentions them."""
    if order.imaging:
        return _generic_imaging(order, menu)
    if len(order.concepts) != 1 or order.words:
        return []
    ((kind, key),) = order.concepts
    if kind not in ("lab", "vital", "panel", "function"):
        return []
    wanted = {key} | (T.PANEL_MEMBERS.get(key, set()) if kind == "panel" else set())
    found = []
    for item in menu:
        name = parse(item["name"])
        for item_kind, concept in name.concepts:
            if (
                item_kind != "panel"
                or concept == key
                or name.words
                or _non_specimen(name) != {(item_kind, concept)}
            ):
                continue  # the item must be the panel itself, not "Urinalysis: WBC"
            if key in T.PANEL_MEMBERS.get(concept, set()) or key in T.PANEL_INCLUDES.get(
                concept, set()
            ):
                found.append(
                    (
                        88.0 if kind != "panel" else 86.0,
                        _Target(order, item["name"], [item], kind="member"),
                    )
                )
        if (
            not _non_specimen(name)
            and not name.imaging
            and name.words <= GENERIC_LAB_WORDS
            and not _is_exam(item)
        ):
            mentioned = {k for _, k in _mentions(item.get("result") or "")}
            if wanted & mentioned:
                found.append((84.0, _Target(order, item["name"], [item], kind="mention")))
    return found


def _non_specimen(parsed: Parsed) -> set[tuple[str, str]]:
    return {c for c in parsed.concepts if c[0] != "specimen"}


@lru_cache(maxsize=1)
def _mention_table() -> dict[tuple[str, ...], str]:
    table = {
        phrase: key
        for phrase, (kind, key) in phrase_table()[0].items()
        if kind in ("lab", "panel", "function") and len(" ".join(phrase)) > 2
    }
    for key, forms in T.MENTION_ONLY.items():
        for form in forms:
            table[tuple(folded_text(form).split())] = key
    return table


@lru_cache(maxsize=4096)
def _mentions(text: str) -> frozenset[tuple[str, str]]:
    table = _mention_table()
    longest = max(len(p) for p in table)
    tokens = folded_text(text).split()
    found: set[tuple[str, str]] = set()
    for i in range(len(tokens)):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            key = table.get(tuple(tokens[i : i + size]))
            if key:
                found.add(("mention", key))
                break
    return frozenset(found)


def match(order: str, menu: list[dict[str, Any]]) -> Answer:
    """The answer to one order (see the module docstring), with the spelled-out name of an
    abbreviation the order used when the answer does not already show it."""
    question = history.question_of(order)
    if question is not None:
        return history.answer(order, question, menu)
    found = _match_record(order, menu)
    if found.status == "answered" and found.result is not None:
        shown = folded_text(f"{found.item} {found.result}")
        for typed, name in expansions(order):
            if folded_text(name) not in shown:
                found.result = f"{typed} ({name}): {found.result}"
                break
    return found


def expansions(order: str) -> list[tuple[str, str]]:
    """(abbreviation as typed, its spelled-out name) for each catalogue abbreviation in the order:
    "IGRA" -> ("IGRA", "interferon-gamma release assay")."""
    found: list[tuple[str, str]] = []
    for piece in re.findall(r"[A-Za-z0-9]+(?:[-/ ][A-Za-z0-9]+)?|[A-Za-z0-9]+", order):
        for typed in (piece, *piece.replace("/", " ").replace("-", " ").split()):
            name = T.EXPANSION_NAMES.get(folded_text(typed))
            if name and all(name != n for _, n in found):
                found.append((typed, name))
    return found


def _match_record(order: str, menu: list[dict[str, Any]]) -> Answer:
    """A menu name, else the clause of a result that reports the order (environment.sentences)."""
    found = _match_with_purpose(order, menu)
    if found.status == "answered":
        if found.via == "mention" and len(found.items) == 1:  # the clause, not the whole section
            clause = sentences.find(order, found.items)
            if clause is not None:
                found.result = clause.text
        return found
    for head, text in enumerate(_heads(order)):
        clause = sentences.find(text, menu, whole_item=not head)  # "CT for stones" is not any CT
        if clause is not None:
            return Answer(
                order=order,
                status="answered",
                item=clause.item["name"],
                category=clause.item.get("category") or None,
                result=clause.text,
                score=round(clause.score / 100, 3),
                items=[clause.item],
                via="clause",
            )
    return found


def _heads(order: str) -> list[str]:
    """The order, then the order without its purpose clause ("CT to look for stones": "CT")."""
    head = re.split(T.PURPOSE_PATTERN, order.lower(), maxsplit=1)[0].strip()
    return [order] + ([head] if head and head != order.lower().strip() else [])


def _match_with_purpose(order: str, menu: list[dict[str, Any]]) -> Answer:
    found = _match(order, menu)
    if found.status == "unavailable":
        head = re.split(T.PURPOSE_PATTERN, order.lower(), maxsplit=1)[0]
        if head.strip() and head.strip() != order.lower().strip():
            retry = _match(head, menu)
            if retry.status == "answered" and retry.score >= 0.9:  # "CT for stones" is not any CT
                retry.order = order
                return retry
    return found


def _match(order: str, menu: list[dict[str, Any]]) -> Answer:
    parsed = parse(order)
    scored: list[tuple[float, _Target]] = []
    for target in _targets(menu):
        score = similarity(parsed, target.parsed) - target.penalty
        if score > 0:
            scored.append((score, target))
    assembled = _assembled_panel(parsed, menu)
    if assembled is not None:
        scored.append((100.0 - assembled.penalty, assembled))
    scored.extend(_member_of_item(parsed, menu))
    if not scored:
        return Answer(order=order, status="unavailable")
    # On a tie the closer wording wins, then a panel over one of its items.
    scored.sort(
        key=lambda s: (
            -s[0],
            -fuzz.ratio(parsed.text, s[1].parsed.text),
            _KIND_ORDER.get(s[1].kind, 9),
        )
    )
    best_score, best = scored[0]
    if best_score < THRESHOLD:
        return Answer(order=order, status="unavailable", score=round(best_score / 100, 3))
    best_ids = {id(i) for i in best.items}
    rivals = [
        t
        for s, t in scored[1:]
        if s == best_score
        and t.label != best.label
        and not (best_ids <= {id(i) for i in t.items} or {id(i) for i in t.items} <= best_ids)
    ]
    if rivals and best_score < 85:  # "CT" on a menu with "CT head" and "CT chest": ask, don't guess
        return Answer(order=order, status="unavailable", score=round(best_score / 100, 3))
    return _answer(order, best, best_score)


def _answer(order: str, target: _Target, score: float) -> Answer:
    items = target.items
    if len(items) == 1:
        item = items[0]
        return Answer(
            order=order,
            status="answered",
            item=item["name"],
            category=item.get("category") or None,
            result=item["result"],
            score=round(min(score, 100.0) / 100, 3),
            items=items,
            via="mention" if target.kind == "mention" else "name",
        )
    categories = {i.get("category") or "" for i in items}
    result = "; ".join(f"{i['name']}: {i['result']}" for i in items)
    return Answer(
        order=order,
        status="answered",
        item=target.label,
        category=categories.pop() if len(categories) == 1 else None,
        result=result,
        score=round(min(score, 100.0) / 100, 3),
        items=items,
        via="name",
    )
