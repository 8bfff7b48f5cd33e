"""Which of the graph's tests an order names (KnowledgeGraph.test_for).

By a name or alias of the test (with the names of the catalogue tests it stands for, and of the
members of a panel it is); never when the order names another test of the catalogue ("Creatinine"
is not creatine kinase, "CA 19-9" not serum calcium); else by the same words less fillers, in any
order, each word equal or a near spelling: no word, number or letter may differ ("Respiratory
viral PCR" is not the respiratory examination, "Slit skin smear" not the peripheral blood smear).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from diagnosis.kg.text import normalise_name

if TYPE_CHECKING:
    from diagnosis.kg.model import KnowledgeGraph, TestSpec

# Words an order adds to a test's name without making it another test.
_TEST_FILLERS = {
    "test",
    "tests",
    "level",
    "levels",
    "serum",
    "plasma",
    "measurement",
    "assay",
    "physical",
    "antibody",
    "antibodies",
    "total",
    "left",
    "right",
    "bilateral",
    "of",
    "the",
}
_TEST_WORDS = {"exam": "examination", "examinations": "examination"}


def _test_words(key: str) -> str:
    """A normalised test name's words less fillers, sorted: "serum troponin level" -> "troponin"."""
    words = (_TEST_WORDS.get(w, w) for w in key.split() if w not in _TEST_FILLERS)
    return " ".join(sorted(words))


def _same_test_words(a: str, b: str) -> bool:
    """As many words, each equal or a near spelling of the same word (five letters or more, the
    same first three): "echocardiagram" is "echocardiogram"; "rate" is not "urate", "thrombin"
    not "prothrombin", and no number or letter may differ."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb):
        return False
    for x, y in zip(ta, tb, strict=True):
        if x == y:
            continue
        if not (x.isalpha() and y.isalpha()) or min(len(x), len(y)) < 5 or x[:3] != y[:3]:
            return False
        if fuzz.ratio(x, y) < 80:
            return False
    return True


def match_test(kg: KnowledgeGraph, order: str) -> TestSpec | None:
    key = normalise_name(order)
    test = kg.test_index.get(key)
    if test is not None or not key or key in kg.other_tests:
        return test
    words = _test_words(key)
    index = _words_index(kg)
    test = index.get(words)
    if test is None and words:
        for hit, _score, _ in process.extract(
            words, index.keys(), scorer=fuzz.ratio, score_cutoff=85, limit=5
        ):
            if _same_test_words(words, hit):
                return index[hit]
    return test


def _words_index(kg: KnowledgeGraph) -> dict[str, TestSpec]:
    index: dict[str, TestSpec] | None = kg.__dict__.get("_test_words")
    if index is None:
        index = {}
        for name, test in kg.test_index.items():
            words = _test_words(name)
            if words:
                index.setdefault(words, test)
        kg.__dict__["_test_words"] = index
    return index
