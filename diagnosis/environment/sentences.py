"""Answers from inside a free-text result: the sentence or clause of a menu item that reports the
ordered test ("... elevated C-reactive protein (CRP) ..." answers "CRP"; "Cultures sterile." in the
CSF item answers "CSF culture"; "no lymphadenopathy" inside a HEENT item answers "lymph node exam").

A clause answers an order only when everything the order names is found in the clause, or in the
name of the item that holds it:
- each test concept of the order (any of its catalogue synonyms: "CRP" = "C-reactive protein"; or,
  for a panel, one of its members), each specimen ("urine", "CSF"), imaging modality and region;
- each other content word ("GATA3", "desmin", "anti-recoverin" -> "recoverin"), compared by stem,
  and the method word: a "culture" needs culture/grew/growth/sterile, a "PCR" needs PCR/DNA/RNA.
Filler ("test", "level", "stain", "antibodies", "status") is not required. An examination order
is looked for only in examination items, any other order only outside them. Two different items
reporting it equally well are a tie: no answer (UNAVAILABLE beats a guess).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from diagnosis.environment import terms as T
from diagnosis.environment.parse import Parsed, folded_text, parse, phrase_table, regions_overlap
from diagnosis.vocabulary import catalogue

EXAM_CATEGORIES = {"examination", "physical examination", "vital signs", "exam"}
# Words an order may carry that a reporting clause need not repeat.
FILLER = {
    "anti",
    "antibody",
    "antibodies",
    "ab",
    "abs",
    "assay",
    "exam",
    "examination",
    "expression",
    "ihc",
    "immunohistochemistry",
    "immunostain",
    "immunostaining",
    "level",
    "marker",
    "mutation",
    "panel",
    "profile",
    "receptor",
    "screen",
    "serology",
    "stain",
    "staining",
    "status",
    "study",
    "test",
    "testing",
    "titer",
    "titre",
    "value",
}
# A method word of the order and the words that show, in a clause, that the method was done.
METHODS = {
    "culture": {"culture", "cultured", "grew", "growth", "grown", "isolated", "sterile", "isolate"},
    "pcr": {"pcr", "dna", "rna", "naat", "filmarray"},
    "smear": {"smear", "microscopy", "bacilli", "bacillus"},
}
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "approx.", "dr.", "no.", "fig.")


@dataclass(frozen=True)
class Clause:
    item: dict[str, Any]
    text: str
    score: float


def split_clauses(text: str) -> list[str]:
    """Sentences, and the parts of a sentence between semicolons, outside parentheses."""
    parts: list[str] = []
    depth, start = 0, 0
    for i, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and char in ";\n":
            parts.append(text[start:i])
            start = i + 1
        elif depth == 0 and char in ".!?" and i + 1 < len(text) and text[i + 1] == " ":
            head = text[max(0, i - 6) : i + 1].lower()
            after = text[i + 2 : i + 3]
            if not head.endswith(_ABBREVIATIONS) and (after.isupper() or after.isdigit()):
                parts.append(text[start : i + 1])
                start = i + 2
    parts.append(text[start:])
    return [p.strip(" ,") for p in parts if len(p.strip(" ,.")) > 1]


def compact(text: str) -> str:
    """Join a letter prefix to its number ("Ki-67" = "Ki67", "SOX-10" = "SOX10", "S-100") and
    split "anti-" from its target ("anti-recoverin" = "anti recoverin")."""
    text = re.sub(r"\b([A-Za-z]{1,8})-(\d{1,3}[A-Za-z]?)\b(?![.,]\d)", r"\1\2", text)
    return re.sub(r"\banti-(?=[A-Za-z])", "anti ", text, flags=re.IGNORECASE)


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) < 5 or not long.startswith(short[:4]):
        return False
    common = next((i for i, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), None)
    common = len(short) if common is None else common
    return common >= max(4, round(0.8 * len(short)))


@dataclass(frozen=True)
class _Bag:
    """What a piece of text says: concepts (by any synonym), modalities, regions and words."""

    concepts: frozenset[tuple[str, str]]
    modalities: frozenset[str]
    regions: frozenset[str]
    words: frozenset[str]


def _tokens(text: str) -> list[str]:
    text = re.sub(r"\b24\s*-?\s*(?:h|hr|hrs|hour|hours)\b", " twentyfourhour ", text.lower())
    basic = folded_text(compact(text))
    basic = re.sub(r"\b\d+(?:\s\d+)?\s*" + T.UNIT_PATTERN, " ", basic)
    for pattern, expansion in T.EXPANSIONS:
        basic = re.sub(pattern, expansion, basic)
    single = _single_words()
    return [
        w[:-1] if w.endswith("s") and w[:-1] in single else _stem(w)  # "MRIs", "CTs"
        for w in (T.WORD_MAP.get(w, w) for w in basic.split())
    ]


@lru_cache(maxsize=1)
def _single_words() -> frozenset[str]:
    return frozenset(p[0] for p in phrase_table()[0] if len(p) == 1)


@lru_cache(maxsize=1)
def _scan_table() -> tuple[dict[tuple[str, ...], frozenset[tuple[str, str]]], int]:
    """Stemmed phrase -> every concept it names (catalogue synonyms and result-only mentions)."""
    table: dict[tuple[str, ...], set[tuple[str, str]]] = {}
    for phrase, hit in phrase_table()[0].items():
        table.setdefault(tuple(_stem(w) for w in phrase), set()).add(hit)
    tests = catalogue()
    for key, forms in T.MENTION_ONLY.items():
        for form in forms:
            table.setdefault(tuple(_tokens(form)), set()).add((tests[key].kind, key))
    table.pop((), None)
    return {k: frozenset(v) for k, v in table.items()}, max(len(k) for k in table)


@lru_cache(maxsize=8192)
def bag(text: str) -> _Bag:
    """Concepts named in the text, longest phrase first; a two- or three-word synonym also when
    its words are spread over the clause ("blood, urine and CSF cultures": urine culture)."""
    table, longest = _scan_table()
    tokens = _tokens(text)
    words = frozenset(tokens)
    found: set[tuple[str, str]] = set()
    matched: list[set[str]] = []  # the words of each phrase found in one piece
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            hits = table.get(tuple(tokens[i : i + size]))
            if hits:
                found |= hits
                matched.append(set(tokens[i : i + size]))
                i += size
                break
        else:
            i += 1
    for phrase, hits in table.items():
        if (
            2 <= len(phrase) <= 3
            and not hits <= found
            and set(phrase) <= words
            and not any(
                set(phrase) <= m for m in matched
            )  # "coombs test" in "indirect coombs test"
        ):
            found |= hits
    if ("panel", "urinalysis") in found:
        found.add(("specimen", "urine"))
    return _Bag(
        frozenset(c for c in found if c[0] not in ("modality", "region")),
        frozenset(k for kind, k in found if kind == "modality"),
        frozenset(k for kind, k in found if kind == "region"),
        words,
    )


def _is_exam(item: dict[str, Any]) -> bool:
    return (item.get("category") or "").lower() in EXAM_CATEGORIES


def _covers(
    order: Parsed, words: frozenset[str], said: _Bag, context: _Bag, pathology: bool
) -> tuple[int, int]:
    """(what the clause itself says, what the order names) of the order; (0, 0) when the clause
    and its item's name together miss anything the order names."""
    inside = both = 0
    for concept in order.concepts:
        kind, key = concept
        members = {("lab", m) for m in T.PANEL_MEMBERS.get(key, ())} if kind == "panel" else set()
        if concept in said.concepts or members & said.concepts:
            inside += 1
        elif concept not in context.concepts and not (pathology and kind == "path" and words):
            return 0, 0  # a pathology item reports the stains it names ("CD34 IHC")
        both += 1
    for modality in order.modalities:
        if modality in said.modalities:
            inside += 1
        elif modality not in context.modalities:
            return 0, 0
        both += 1
    if order.regions:
        if said.regions and regions_overlap(order.regions, said.regions):
            inside += 1
        elif not (context.regions and regions_overlap(order.regions, context.regions)):
            return 0, 0
        both += 1
    for word in words:
        family = METHODS.get(word)
        if family and family & said.words or any(_same_word(word, w) for w in said.words):
            inside += 1
        elif not (family and family & context.words) and not (
            not family and any(_same_word(word, w) for w in context.words)
        ):
            return 0, 0
        both += 1
    return inside, both


def order_words(order: Parsed) -> frozenset[str]:
    """The order's words that a clause must say (filler and concept words dropped)."""
    return frozenset(w for w in order.words if w not in FILLER and w not in T.STOPWORDS)


def _affinity(order_text: str, item: dict[str, Any]) -> int:
    """How much the item's own name and category agree with the order's wording: breaks a tie
    between items ("desmin stain": the Immunohistochemistry item, not the CT-guided biopsy)."""
    said = set(_tokens(order_text))
    name = set(_tokens(f"{item.get('panel') or ''} {item['name']}"))
    category = (item.get("category") or "").lower()
    stain = bool(said & {"stain", "staining", "immunostain", "immunostaining", "ihc"})
    named = not parse(compact(order_text)).concepts and not parse(compact(order_text)).imaging
    return (
        len(said & name)
        + (2 if (stain or named) and category == "pathology" else 0)
        + (2 if said & {"culture", "cx"} and category == "microbiology" else 0)
    )


def find(order_text: str, items: list[dict[str, Any]], *, whole_item: bool = True) -> Clause | None:
    """The clauses of one item that report the order, or None (nothing, or a tie of items).
    With whole_item, an item whose name alone says all the order names answers with its whole
    result ("skin biopsy": "Skin biopsies")."""
    order = parse(compact(order_text))
    words = order_words(order)
    exam = order.exam or any(kind == "exam" for kind, _ in order.concepts)
    if not (order.concepts or order.modalities or words or (exam and order.regions)):
        return None  # nothing to look for: "exam", "labs"
    anywhere = not exam and not order.concepts and not order.modalities  # "ptosis", "GATA3"
    found: dict[int, tuple[float, dict[str, Any], list[str]]] = {}
    for item in items:
        if not anywhere and _is_exam(item) != exam:
            continue
        context = bag(f"{item.get('panel') or ''} {item['name']}")
        pathology = (item.get("category") or "").lower() == "pathology"
        clauses = split_clauses(item.get("result") or "")
        hits: list[tuple[float, str]] = []
        for text in clauses:
            inside, both = _covers(order, words, bag(text), context, pathology)
            if inside:
                hits.append((80.0 + 10.0 * inside / both, text))
        if not hits and clauses and whole_item:
            inside, both = _covers(order, words, bag(""), context, pathology)
            if both:  # the item's name says it all: the whole result answers
                hits = [(80.0, " ".join(clauses))]
        if hits:
            top = max(score for score, _ in hits)
            texts = [text for score, text in hits if score == top][:3]
            found[id(item)] = (top + _affinity(order_text, item) / 100, item, texts)
    if not found:
        return None
    ranked = sorted(found.values(), key=lambda f: -f[0])
    if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
        return None
    score, item, texts = ranked[0]
    return Clause(item, " ".join(texts), round(score, 2))
