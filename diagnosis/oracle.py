"""The test-order oracle: answers a free-text order from a case's test menu, or says UNAVAILABLE.

How an order is matched (docs/cases.md has the long version):
1. normalise: case, accents, punctuation, numbers with units, filler words ("please", "serum", "level");
   misspelt words are corrected to the vocabulary when they are close (rapidfuzz ratio ≥ 86).
2. parse into concepts with the synonym table (CBC = FBC = full blood count; LFTs; U&E; CXR = chest
   x-ray): tests, panels, examinations, and for imaging a modality × body region.
3. score every menu target (item names, aliases, panel + item, panel names, and panels assembled from
   the menu by their members): same concepts score high; different concepts never match however
   similar the words; imaging needs the same modality and overlapping regions; words with no concept
   fall back to fuzzy matching; an examination order never lands on a test and vice versa.
4. the best target ≥ THRESHOLD answers; below it, or a tie between different items at a weak score,
   the answer is UNAVAILABLE: never an invented "normal".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from diagnosis import oracle_terms as T

THRESHOLD = 80.0
_KIND_ORDER = {"panel": 0, "item": 1, "member": 2, "mention": 3, "assembled": 4}
EXAM_CATEGORIES = {"examination", "physical examination", "vital signs", "exam"}
_SPECIMEN_PANELS = {"urinalysis", "csf", "abg"}
_GENERIC_LAB_WORDS = {"blood", "other", "finding", "general", "biochemical", "hematological", "haematological",
                      "additional", "test", "initial", "relevant", "key", "routine", "workup"}

_KINDS: dict[str, dict[str, list[str]]] = {
    "lab": T.LAB, "panel": T.PANEL, "vital": T.VITAL, "function": T.FUNCTION, "micro": T.MICRO, "path": T.PATH,
    "procedure": T.PROCEDURE, "modality": T.MODALITY, "region": T.REGION, "exam": T.EXAM,
}


@lru_cache(maxsize=1)
def _phrases() -> tuple[dict[tuple[str, ...], tuple[str, str]], int, tuple[str, ...]]:
    table: dict[tuple[str, ...], tuple[str, str]] = {}
    for kind, concepts in _KINDS.items():
        for key, forms in concepts.items():
            for form in forms:
                words = tuple(_basic(form).split())
                if words and words not in table:
                    table[words] = (kind, key)
    vocab = {w for phrase in table for w in phrase} | T.STOPWORDS | T.EXAM_WORDS
    return table, max(len(p) for p in table), tuple(sorted(w for w in vocab if len(w) >= 5))


def _basic(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = text.replace("&", " and ").replace("+", " ")
    text = re.sub(r"(?<=\d)[.,](?=\d)", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=4096)
def _correct(word: str) -> str:
    _, _, vocab = _phrases()
    if len(word) < 5 or word in vocab:
        return word
    best = process.extractOne(word, vocab, scorer=fuzz.ratio, score_cutoff=86)
    return best[0] if best else word


@dataclass(frozen=True)
class Parsed:
    concepts: frozenset[tuple[str, str]] = frozenset()  # (kind, key) for tests, panels, exams
    modalities: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()  # leftover content words, stemmed
    exam: bool = False  # the text speaks of examining, not testing
    canon: str = ""
    text: str = ""  # the normalised text, for names made only of filler words ("Labs")

    @property
    def imaging(self) -> bool:
        return bool(self.modalities)

    @property
    def empty(self) -> bool:
        return not (self.concepts or self.modalities or self.regions or self.words)


@lru_cache(maxsize=20000)
def parse(text: str, *, correct: bool = True) -> Parsed:
    """Normalise and parse a test name or an order."""
    table, longest, _ = _phrases()
    basic = _basic(re.sub(r"\b\d+(?:[.,]\d+)?\s*" + T.UNIT_PATTERN, " ", text.lower()))
    tokens = [_correct(w) if correct else w for w in basic.split()]
    concepts: set[tuple[str, str]] = set()
    modalities: set[str] = set()
    regions: set[str] = set()
    words: list[str] = []
    exam = False
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            hit = table.get(tuple(tokens[i:i + size]))
            if hit:
                kind, key = hit
                if kind == "modality":
                    modalities.add(key)
                elif kind == "region":
                    regions.add(key)
                else:
                    concepts.add(hit)
                    exam = exam or kind in ("exam", "vital")
                i += size
                break
        else:
            word = tokens[i]
            exam = exam or word in T.EXAM_WORDS
            if word not in T.STOPWORDS and not word.isdigit():
                words.append(_stem(word))
            i += 1
    if "cxr" in tokens and not modalities:
        modalities.add("xray")
    if "kub" in tokens and not modalities:
        modalities.add("xray")
    canon = " ".join(sorted([f"{k}:{v}" for k, v in concepts] + [f"m:{m}" for m in modalities]
                            + [f"r:{r}" for r in regions] + words))
    return Parsed(frozenset(concepts), frozenset(modalities), frozenset(regions), frozenset(words), exam, canon,
                  " ".join(_stem(t) for t in tokens))


def _procedural(parsed: Parsed) -> bool:
    return any(kind in ("path", "procedure") for kind, _ in parsed.concepts) or "guided" in parsed.words


def _regions_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    def up(rs: frozenset[str]) -> set[str]:
        return set(rs) | {T.REGION_PARENT[r] for r in rs if r in T.REGION_PARENT}
    return bool(a & b) or bool(up(a) & b) or bool(a & up(b))


def similarity(order: Parsed, target: Parsed) -> float:
    """0–100: how well a target (a menu name) answers an order. Both sides are parsed."""
    if order.empty or target.empty:
        return 100.0 if order.text and order.text == target.text else 0.0
    if order.canon == target.canon:
        return 100.0
    if order.imaging or target.imaging:
        if not (order.imaging and target.imaging) or not (order.modalities & target.modalities):
            return 0.0
        if _procedural(order) != _procedural(target):
            return 0.0  # "CT chest" is not a "CT-guided lung biopsy"
        if order.regions and target.regions:
            if not _regions_overlap(order.regions, target.regions):
                return 0.0
            return 97.0 if order.regions == target.regions else 92.0
        if order.regions:
            return 86.0  # "abdominal ultrasound" against the case's only "Ultrasound"
        return 95.0 if not target.regions else 80.0
    if order.exam != target.exam and (order.concepts or target.concepts):
        return 0.0
    if order.concepts and target.concepts:
        extra_order = order.words - target.words
        extra_target = target.words - order.words
        if order.concepts == target.concepts:
            score = 97.0
        elif _exam_included(order.concepts, target.concepts):
            score = 88.0
        elif order.concepts < target.concepts:
            score = 90.0
        elif target.concepts < order.concepts:
            score = 84.0
        else:
            return 0.0
        if extra_order:
            score -= 25.0  # "hemoglobin electrophoresis" is not "hemoglobin"
        elif extra_target:
            score -= 6.0
        if order.regions != target.regions and (order.regions or target.regions):
            score -= 10.0
        return score
    if order.concepts or target.concepts:
        return 0.0  # a named test never fuzzy-matches plain words
    a = " ".join(sorted(order.words | {f"r:{r}" for r in order.regions}))
    b = " ".join(sorted(target.words | {f"r:{r}" for r in target.regions}))
    score = float(fuzz.token_sort_ratio(a, b))
    return score - 20.0 if order.exam and not target.exam else score


def _exam_included(order: frozenset[tuple[str, str]], target: frozenset[tuple[str, str]]) -> bool:
    if len(order) != 1 or len(target) != 1:
        return False
    (okind, okey), (tkind, tkey) = next(iter(order)), next(iter(target))
    return okind == tkind == "exam" and okey in T.EXAM_INCLUDES.get(tkey, set())


@dataclass
class Answer:
    order: str
    status: str  # "answered" | "unavailable"
    item: str | None = None
    category: str | None = None
    result: str | None = None
    score: float = 0.0  # 0–1
    items: list[dict[str, Any]] = field(default_factory=list)  # the menu items behind the answer


@dataclass
class _Target:
    parsed: Parsed
    label: str
    items: list[dict[str, Any]]
    penalty: float = 0.0
    kind: str = "item"


def _panel_key(parsed: Parsed) -> str | None:
    panels = [key for kind, key in parsed.concepts if kind == "panel"]
    return panels[0] if len(panels) == 1 and len(parsed.concepts) == 1 else None


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
        specimen = _panel_key(panel_parsed) in _SPECIMEN_PANELS
        for name in [item["name"], *(item.get("aliases") or [])]:
            targets.append(_Target(_target_parse(name, exam), item["name"], [item], penalty=8.0 if specimen else 0.0))
        if panel and not parse(item["name"]).imaging:  # "Urinalysis" + "Glucose", not "Imaging" + "CT"
            targets.append(_Target(_target_parse(f"{panel} {item['name']}", exam), item["name"], [item]))
            panels.setdefault(panel, []).append(item)
    for panel, items in panels.items():
        targets.append(_Target(_target_parse(panel, all(_is_exam(i) for i in items)), panel, items, kind="panel"))
    return targets


def _assembled_panel(order: Parsed, menu: list[dict[str, Any]]) -> _Target | None:
    """"BMP" on a menu with sodium, potassium and creatinine items (or an "Electrolytes" item)."""
    key = _panel_key(order)
    if key is None:
        return None
    members = T.PANEL_MEMBERS.get(key, set())
    included = T.PANEL_INCLUDES.get(key, set())
    hits = []
    for item in menu:
        panel_key = _panel_key(parse(item["panel"])) if item.get("panel") else None
        if panel_key in _SPECIMEN_PANELS and panel_key != key:
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
    """"MRI neck" answered by an item called "Imaging" whose report starts "MRI revealed ..."."""
    found = []
    for item in menu:
        if (item.get("category") or "") != "Imaging":
            continue
        name = parse(item["name"])
        if name.imaging or name.concepts or name.words - {"additional", "radiological", "radiologic", "other"}:
            continue
        report = parse(" ".join((item.get("result") or "").split()[:40]), correct=False)
        if order.modalities & report.modalities and (
                not order.regions or not report.regions or _regions_overlap(order.regions, report.regions)):
            found.append((84.0, _Target(order, item["name"], [item], kind="mention")))
        elif not report.modalities and name.regions and _regions_overlap(order.regions, name.regions):
            found.append((81.0, _Target(order, item["name"], [item], kind="mention")))
    return found


def _member_of_item(order: Parsed, menu: list[dict[str, Any]]) -> list[tuple[float, _Target]]:
    """"Sodium" answered by an "Electrolytes" or "Basic metabolic panel" item, "BMP" by a "CMP" item,
    and "troponin" or "CBC" by a "Laboratory findings" item whose result mentions them."""
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
            if item_kind != "panel" or concept == key:
                continue
            if key in T.PANEL_MEMBERS.get(concept, set()) or key in T.PANEL_INCLUDES.get(concept, set()):
                found.append((88.0 if kind != "panel" else 86.0, _Target(order, item["name"], [item], kind="member")))
        if not name.concepts and not name.imaging and name.words <= _GENERIC_LAB_WORDS and not _is_exam(item):
            mentioned = {k for _, k in _mentions(item.get("result") or "")}
            if wanted & mentioned:
                found.append((84.0, _Target(order, item["name"], [item], kind="mention")))
    return found


@lru_cache(maxsize=1)
def _mention_table() -> dict[tuple[str, ...], str]:
    table = {phrase: key for phrase, (kind, key) in _phrases()[0].items()
             if kind in ("lab", "panel", "function") and len(" ".join(phrase)) > 2}
    for key, forms in T.MENTION_ONLY.items():
        for form in forms:
            table[tuple(_basic(form).split())] = key
    return table


@lru_cache(maxsize=4096)
def _mentions(text: str) -> frozenset[tuple[str, str]]:
    table = _mention_table()
    longest = max(len(p) for p in table)
    tokens = _basic(text).split()
    found: set[tuple[str, str]] = set()
    for i in range(len(tokens)):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            key = table.get(tuple(tokens[i:i + size]))
            if key:
                found.add(("mention", key))
                break
    return frozenset(found)


def match(order: str, menu: list[dict[str, Any]]) -> Answer:
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
    scored.sort(key=lambda s: (-s[0], -fuzz.ratio(parsed.text, s[1].parsed.text), _KIND_ORDER.get(s[1].kind, 9)))
    best_score, best = scored[0]
    if best_score < THRESHOLD:
        return Answer(order=order, status="unavailable", score=round(best_score / 100, 3))
    best_ids = {id(i) for i in best.items}
    rivals = [t for s, t in scored[1:] if s == best_score and t.label != best.label
              and not (best_ids <= {id(i) for i in t.items} or {id(i) for i in t.items} <= best_ids)]
    if rivals and best_score < 85:  # "CT" on a menu with "CT head" and "CT chest": ask, don't guess
        return Answer(order=order, status="unavailable", score=round(best_score / 100, 3))
    return _answer(order, best, best_score)


def _answer(order: str, target: _Target, score: float) -> Answer:
    items = target.items
    if len(items) == 1:
        item = items[0]
        return Answer(order=order, status="answered", item=item["name"], category=item.get("category") or None,
                      result=item["result"], score=round(min(score, 100.0) / 100, 3), items=items)
    categories = {i.get("category") or "" for i in items}
    result = "; ".join(f"{i['name']}: {i['result']}" for i in items)
    return Answer(order=order, status="answered", item=target.label,
                  category=categories.pop() if len(categories) == 1 else None, result=result,
                  score=round(min(score, 100.0) / 100, 3), items=items)
