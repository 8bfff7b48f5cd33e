"""The knowledge graph: diseases, findings, disease-finding links (P(finding | disease), source),
tests and the findings each can reveal, plus name and finding normalisation.

HPO links are read lazily from hpo3's ontology (annotations propagate to ancestor terms), so the
graph loads in about a second; curated, DDXPlus and Disease Ontology links are held explicitly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from diagnosis.kg.curated.demographics import demographic_facts
from diagnosis.kg.text import Lexicon, extract_findings, normalise_name

HPO_LINK_P = (
    0.5  # hpo3 carries no frequencies: an annotated phenotype counts as present half the time
)
NAME_FUZZ_CUTOFF = 93.0


@dataclass
class Disease:
    id: str  # "MA:acute_appendicitis", "OMIM:154700", "ORPHA:589", "DOID:9352", "DDX:Croup"
    name: str
    source: str  # curated | hpo | do | ddxplus
    prior: float = 0.0  # 0: a name only, never a candidate hypothesis
    aliases: list[str] = field(default_factory=list)
    codes: dict[str, list[str]] = field(default_factory=dict)
    citations: list[str] = field(default_factory=list)
    # A related name of a curated disease (a subtype, or the group it belongs to) is a node of its
    # own: resolve() reaches the disease through it, but it is never the same diagnosis.
    filed_under: str = ""


@dataclass
class Finding:
    id: str  # an HPO id where HPO has the finding, else "MA:<key>"
    name: str
    leak: float
    source: str


@dataclass(frozen=True)
class TestSpec:
    __test__ = False

    name: str
    aliases: tuple[str, ...]
    category: str
    cost: float
    reveals: tuple[str, ...]  # finding ids


class KnowledgeGraph:
    def __init__(self) -> None:
        self.diseases: dict[str, Disease] = {}
        self.findings: dict[str, Finding] = {}
        self.links: dict[
            str, dict[str, tuple[float, str]]
        ] = {}  # disease -> finding -> (p, source)
        self.by_finding: dict[
            str, dict[str, float]
        ] = {}  # finding -> disease -> p (explicit links)
        self.tests: list[TestSpec] = []
        self.test_index: dict[str, TestSpec] = {}
        self.lexicon = Lexicon()
        self.name_index: dict[str, set[str]] = {}
        self.parent: dict[str, str] = {}  # union-find over disease ids: one root per concept
        self.hpo_ontology: Any = None
        self.hpo_df: dict[str, int] = {}
        self.hpo_total = 1
        self.stats: dict[str, Any] = {}
        self.penalty_only: set[str] = set()  # findings that only lower diseases (demographics)
        # normalised names of the catalogue's tests the graph does not model: an order naming
        # one ("Creatinine", "CA 19-9") is that test, never a graph test of a similar name
        self.other_tests: set[str] = set()

    # --- building -------------------------------------------------------------------------------

    def add_disease(self, disease: Disease) -> None:
        self.diseases[disease.id] = disease
        for name in [disease.name, *disease.aliases]:
            key = normalise_name(name)
            if key:
                self.name_index.setdefault(key, set()).add(disease.id)

    def add_link(
        self, disease_id: str, finding_id: str, p: float, source: str, *, overwrite: bool = True
    ) -> None:
        per = self.links.setdefault(disease_id, {})
        if not overwrite and finding_id in per:
            return
        p = min(max(p, 0.001), 0.999)
        per[finding_id] = (p, source)
        self.by_finding.setdefault(finding_id, {})[disease_id] = p

    def add_test(self, test: TestSpec) -> None:
        self.tests.append(test)
        for name in (test.name, *test.aliases):
            self.test_index.setdefault(normalise_name(name), test)

    def concept(self, disease_id: str) -> str:
        root = disease_id
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(disease_id, disease_id) != root:  # path compression
            self.parent[disease_id], disease_id = root, self.parent[disease_id]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.concept(a), self.concept(b)
        if ra != rb:
            # curated nodes stay roots so a concept is named by its most familiar member
            if self.diseases.get(rb) and self.diseases[rb].source == "curated":
                ra, rb = rb, ra
            self.parent[rb] = ra

    # --- reading ----------------------------------------------------------------------------------

    def leak(self, finding_id: str) -> float:
        finding = self.findings.get(finding_id)
        if finding is not None:
            return finding.leak
        df = self.hpo_df.get(finding_id, 0)
        return min(0.2, 0.005 + 0.5 * df / self.hpo_total)

    def finding_name(self, finding_id: str) -> str:
        finding = self.findings.get(finding_id)
        if finding is not None:
            return finding.name
        if self.hpo_ontology is not None and finding_id.startswith("HP:"):
            try:
                return str(self.hpo_ontology.get_hpo_object(finding_id).name)
            except (KeyError, RuntimeError, ValueError):
                return finding_id
        return finding_id

    def linked(self, finding_id: str) -> dict[str, float]:
        """Diseases linked to a finding -> P(finding | disease), explicit links first."""
        explicit = self.by_finding.get(finding_id, {})
        if not finding_id.startswith("HP:") or self.hpo_ontology is None:
            return explicit
        hpo = _hpo_postings(self, finding_id)
        if not explicit:
            return hpo
        return {**hpo, **explicit}

    def link_p(self, disease_id: str, finding_id: str) -> float | None:
        """P(finding | disease) where the KG links them, else None."""
        link = self.links.get(disease_id, {}).get(finding_id)
        if link is not None:
            return link[0]
        if disease_id.startswith(("OMIM:", "ORPHA:")) and finding_id.startswith("HP:"):
            return _hpo_postings(self, finding_id).get(disease_id)
        return None

    def knows_disease(self, disease_id: str) -> bool:
        """Whether the KG holds any finding link for the disease (or for its concept)."""
        return any(self._has_links(d) for d in self.concept_members(disease_id))

    def _has_links(self, disease_id: str) -> bool:
        return bool(self.links.get(disease_id)) or disease_id.startswith(("OMIM:", "ORPHA:"))

    @lru_cache(maxsize=4096)  # noqa: B019 - the graph lives for the process
    def concept_members(self, disease_id: str) -> tuple[str, ...]:
        root = self.concept(disease_id)
        return tuple(d for d in self._members.get(root, (disease_id,)))

    def finalise(self) -> None:
        members: dict[str, list[str]] = {}
        for did in self.diseases:
            members.setdefault(self.concept(did), []).append(did)
        self._members = members
        self.candidates = [d for d in self.diseases.values() if d.prior > 0]
        self.candidates_by_prior = sorted(self.candidates, key=lambda d: -d.prior)
        self.prior_total = sum(d.prior for d in self.candidates)
        self.log_prior = {d.id: math.log(d.prior) for d in self.candidates}

    def resolve(self, name: str) -> list[str]:
        """Disease ids a free-text diagnosis names (exact normalised name, then variants, then
        fuzzy), with the disease a related name is filed under: what the KG judges the name by."""
        return list(_resolve_cached(self, name))

    def identify(self, name: str) -> list[str]:
        """Disease ids a name is the same diagnosis as: its name or a synonym (spelling, inverted
        order, a qualifier or suffix the KG does not contrast, a near spelling of the same words).
        Never a broader, narrower or sibling concept: not the disease a related name is filed under,
        not "chronic X" for "acute X", not "type 2 ..." for "type 1 ...", not "non-X" for "X"."""
        return list(_identify_cached(self, name))

    def equivalent(self, a: str, b: str) -> bool | None:
        """Same diagnosis by name or one KG concept; None when the KG knows neither side."""
        if normalise_name(a) == normalise_name(b):
            return True
        ids_a, ids_b = self.identify(a), self.identify(b)
        if not ids_a or not ids_b:
            return None
        return bool({self.concept(x) for x in ids_a} & {self.concept(y) for y in ids_b})

    def findings_in(self, text: str) -> dict[str, bool]:
        # Metrics read every earlier observation again on each turn: remember the answers.
        return dict(self._findings_cached(text))

    @lru_cache(maxsize=16384)  # noqa: B019 - the graph lives for the process
    def _findings_cached(self, text: str) -> tuple[tuple[str, bool], ...]:
        return tuple(extract_findings(text, self.lexicon).items())

    def demographic_findings(self, text: str) -> dict[str, bool]:
        """Sex and age band stated in a demographics line ("56-year-old male") as findings."""
        ids: dict[str, str] = getattr(self, "curated_finding_ids", {})
        return {ids[k]: v for k, v in demographic_facts(text).items() if k in ids}

    @lru_cache(maxsize=8192)  # noqa: B019 - the graph lives for the process
    def test_for(self, order: str) -> TestSpec | None:
        """The graph's test an order names (diagnosis.kg.orders.match_test)."""
        from diagnosis.kg.orders import match_test

        return match_test(self, order)

    def display_name(self, disease_id: str) -> str:
        root = self.diseases[self.concept(disease_id)]
        return root.name


def _hpo_postings(kg: KnowledgeGraph, term_id: str) -> dict[str, float]:
    cache: dict[str, dict[str, float]] = kg.__dict__.setdefault("_hpo_cache", {})
    hit = cache.get(term_id)
    if hit is None:
        term = kg.hpo_ontology.get_hpo_object(term_id)
        hit = {f"OMIM:{d.id}": HPO_LINK_P for d in term.omim_diseases}
        hit.update({f"ORPHA:{d.id}": HPO_LINK_P for d in term.orpha_diseases})
        cache[term_id] = hit
    return hit


_QUALIFIERS = (
    "acute ",
    "chronic ",
    "primary ",
    "secondary ",
    "idiopathic ",
    "recurrent ",
    "severe ",
    "mild ",
)
# Dropping one of these reaches a broader name; where the KG also holds the name with the opposite
# qualifier, the broader name is that sibling's: "chronic cholecystitis" is not acute cholecystitis.
_CONTRAST = {"acute": "chronic", "chronic": "acute", "primary": "secondary", "secondary": "primary"}
# Words whose difference makes another diagnosis, however close the spelling.
_NEGATIONS = {"non", "no", "not", "without", "anti"}


def _variants(name: str) -> list[tuple[str, str]]:
    """Lookup keys for a name, each with the qualifier it dropped ("" for none)."""
    key = normalise_name(name)
    out = [(key, "")]
    if name.count(",") == 1:  # "Myocardial infarction, non-ST elevation": the natural order
        head, tail = (normalise_name(part) for part in name.split(","))
        out.append((f"{tail} {head}".strip(), ""))
    if "(" in name:  # "Neonatal respiratory distress syndrome (NRDS)": both parts
        inner = name[name.index("(") + 1 : name.rindex(")")] if ")" in name else ""
        out += [(normalise_name(name[: name.index("(")]), ""), (normalise_name(inner), "")]
    for q in _QUALIFIERS:
        if key.startswith(q):
            out.append((key[len(q) :], q.strip()))
    for suffix in (" disease", " syndrome", " disorder", " infection"):
        if key.endswith(suffix):
            out.append((key[: -len(suffix)], ""))
    for sep in (" secondary to ", " due to ", " with ", " caused by "):
        if sep in f" {key} ":
            out.append((key.split(sep.strip(), 1)[0].strip(), ""))
    return [(v, q) for v, q in out if v]


def _filed(kg: KnowledgeGraph, ids: set[str]) -> tuple[str, ...]:
    """The ids and the diseases their related names are filed under."""
    under = {kg.diseases[i].filed_under for i in ids if i in kg.diseases}
    return tuple(sorted(ids | (under - {""})))


@lru_cache(maxsize=65536)
def _resolve_cached(kg: KnowledgeGraph, name: str) -> tuple[str, ...]:
    for variant, _ in _variants(name):
        ids = kg.name_index.get(variant)
        if ids:
            return _filed(kg, ids)
    key = normalise_name(name)
    if len(key) < 5:
        return ()
    hit = process.extractOne(
        key, kg.name_index.keys(), scorer=fuzz.ratio, score_cutoff=NAME_FUZZ_CUTOFF
    )
    return _filed(kg, kg.name_index[hit[0]]) if hit else ()


def _contrasted(kg: KnowledgeGraph, ids: set[str], stripped: str, qualifier: str) -> bool:
    opposite = _CONTRAST.get(qualifier)
    if not opposite:
        return False
    sibling = kg.name_index.get(f"{opposite} {stripped}", set())
    return bool({kg.concept(i) for i in sibling} & {kg.concept(i) for i in ids})


def _same_words(a: str, b: str) -> bool:
    """A near spelling of the same words: as many words, each equal or a close spelling of a word
    of four letters or more (no numbers, single letters or negations differing)."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb):
        return False
    for x, y in zip(ta, tb, strict=True):
        if x == y:
            continue
        if not (x.isalpha() and y.isalpha()) or min(len(x), len(y)) < 4:
            return False
        if x in _NEGATIONS or y in _NEGATIONS or fuzz.ratio(x, y) < 75:
            return False
    return True


@lru_cache(maxsize=65536)
def _identify_cached(kg: KnowledgeGraph, name: str) -> tuple[str, ...]:
    for variant, qualifier in _variants(name):
        ids = kg.name_index.get(variant)
        if ids and not _contrasted(kg, ids, variant, qualifier):
            return tuple(sorted(ids))
    key = normalise_name(name)
    if len(key) < 5:
        return ()
    for hit, _score, _ in process.extract(
        key, kg.name_index.keys(), scorer=fuzz.ratio, score_cutoff=NAME_FUZZ_CUTOFF, limit=5
    ):
        if _same_words(key, hit):
            return tuple(sorted(kg.name_index[hit]))
    return ()
