"""Order and test-name parsing for the oracle: normalisation (with the one British -> American
spelling map, diagnosis/vocabulary/spelling.py), spelling correction, concepts from the test
catalogue's synonyms (environment/terms.py), imaging modality x region, and the pairwise
similarity."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from diagnosis.environment import terms as T
from diagnosis.vocabulary import american

SPECIMEN_PANELS = {"urinalysis", "csf", "abg"}
GENERIC_LAB_WORDS = {
    "blood",
    "other",
    "finding",
    "general",
    "biochemical",
    "hematological",
    "additional",
    "test",
    "initial",
    "relevant",
    "key",
    "routine",
    "workup",
}

_KINDS: dict[str, dict[str, list[str]]] = {
    "lab": T.LAB,
    "panel": T.PANEL,
    "vital": T.VITAL,
    "function": T.FUNCTION,
    "micro": T.MICRO,
    "path": T.PATH,
    "procedure": T.PROCEDURE,
    "modality": T.MODALITY,
    "region": T.REGION,
    "exam": T.EXAM,
    "specimen": T.SPECIMEN,
}


@lru_cache(maxsize=1)
def phrase_table() -> tuple[dict[tuple[str, ...], tuple[str, str]], int, tuple[str, ...]]:
    table: dict[tuple[str, ...], tuple[str, str]] = {}
    for kind, concepts in _KINDS.items():
        for key, forms in concepts.items():
            for form in forms:
                words = tuple(folded_text(form).split())
                if words and words not in table:
                    table[words] = (kind, key)
    vocab = {w for phrase in table for w in phrase} | T.STOPWORDS | T.EXAM_WORDS
    return table, max(len(p) for p in table), tuple(sorted(w for w in vocab if len(w) >= 5))


def basic_text(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = text.replace("&", " and ").replace("+", " ")
    text = re.sub(r"(?<=\d)[.,](?=\d)", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def folded_text(text: str) -> str:
    """basic_text in American spelling (what phrases match on): "haemoglobin" = "hemoglobin"."""
    return american(basic_text(text))


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=4096)
def _correct(word: str) -> str:
    _, _, vocab = phrase_table()
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
    table, longest, _ = phrase_table()
    lowered = re.sub(
        r"\b24\s*-?\s*(?:h|hr|hrs|hour|hours)\b", " twentyfourhour ", text.lower()
    )  # a 24-hour collection
    lowered = re.sub(
        r"\b\d+\s*(?:h|hr|hrs|hour|hours)\b|\bx\s*\d+\b", " ", lowered
    )  # "in 3 hours", "x2"
    basic = folded_text(re.sub(r"\b\d+(?:[.,]\d+)?\s*" + T.UNIT_PATTERN, " ", lowered))
    for pattern, expansion in T.EXPANSIONS:
        basic = re.sub(pattern, expansion, basic)
    tokens = [T.WORD_MAP.get(w, w) for w in basic.split()]
    tokens = [_correct(w) if correct else w for w in tokens]
    concepts: set[tuple[str, str]] = set()
    modalities: set[str] = set()
    regions: set[str] = set()
    words: list[str] = []
    exam = False
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            hit = table.get(tuple(tokens[i : i + size]))
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
            if word not in T.STOPWORDS and not word.isdigit() and len(word) > 1:
                words.append(_stem(word))
            i += 1
    if ("panel", "urinalysis") in concepts:
        concepts.add(("specimen", "urine"))
    implied = (
        set().union(*(T.IMPLIED_WORDS.get(kind, set()) for kind, _ in concepts))
        if concepts
        else set()
    )
    words = [w for w in words if w not in implied and _stem(w) not in implied]
    canon = " ".join(
        sorted(
            [f"{k}:{v}" for k, v in concepts]
            + [f"m:{m}" for m in modalities]
            + [f"r:{r}" for r in regions]
            + words
        )
    )
    return Parsed(
        frozenset(concepts),
        frozenset(modalities),
        frozenset(regions),
        frozenset(words),
        exam,
        canon,
        " ".join(_stem(t) for t in tokens),
    )


def _procedural(parsed: Parsed) -> bool:
    return (
        any(kind in ("path", "procedure") for kind, _ in parsed.concepts)
        or "guided" in parsed.words
    )


def regions_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
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
        order_sites, target_sites = (
            order.words - T.IMAGING_NEUTRAL,
            target.words - T.IMAGING_NEUTRAL,
        )
        if (
            not order.regions
            and order_sites
            and (target.regions or target_sites)
            and not order_sites <= target_sites
        ):
            return 0.0  # "temporal artery ultrasound" is not the abdominal ultrasound
        if (
            not target.regions
            and target_sites
            and (order.regions or order_sites)
            and not target_sites <= order_sites
        ):
            return 0.0  # nor is a "transrectal ultrasound" the answer to "abdominal ultrasound"
        if order.regions and target.regions:
            if not regions_overlap(order.regions, target.regions):
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
            score = 88.0  # "cardiac exam" answered by the cardiopulmonary examination
        elif _exam_included(target.concepts, order.concepts, T.EXAM_PARTS):
            score = 82.0  # "eye exam" answered by fundoscopy, the only eye examination recorded
        elif order.concepts < target.concepts:
            score = 90.0
        elif target.concepts < order.concepts:
            if any(
                (kind == "panel" and key in SPECIMEN_PANELS) or kind == "specimen"
                for kind, key in order.concepts - target.concepts
            ):
                return 0.0  # "urine ketones" is not "blood ketones"
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


def _exam_included(
    order: frozenset[tuple[str, str]],
    target: frozenset[tuple[str, str]],
    table: dict[str, set[str]] = T.EXAM_INCLUDES,
) -> bool:
    if len(order) != 1 or len(target) != 1:
        return False
    (okind, okey), (tkind, tkey) = next(iter(order)), next(iter(target))
    return okind == tkind == "exam" and okey in table.get(tkey, set())
