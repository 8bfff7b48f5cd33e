"""The USMLE-breadth pack (diagnosis/kg/curated/diseases_usmle*.py): classic textbook vignettes,
written by us, whose diagnosis the graph now ranks first; every new disease cites its sources and
no name of the pack is already another curated disease's."""

from __future__ import annotations

from diagnosis.kg import curated, get_kg
from diagnosis.kg.curated.diseases_usmle import DISEASES_USMLE
from diagnosis.kg.curated.diseases_usmle_b import DISEASES_USMLE_B
from diagnosis.kg.text import normalise_name
from inference.policies.kg import KGPolicy
from tests.kg.test_engine import context, run

VIGNETTES = {
    "Coarctation of the aorta": (
        "16-year-old boy with headaches and high blood pressure in the arms; the femoral pulses "
        "are weak with radiofemoral delay and his legs tire when he runs."
    ),
    "Boerhaave syndrome": (
        "45-year-old man with severe retrosternal chest pain after repeated forceful vomiting "
        "following a night of heavy drinking; crepitus in the neck."
    ),
    "Lambert-Eaton myasthenic syndrome": (
        "62-year-old man who smokes two packs a day with difficulty climbing stairs and rising "
        "from a chair, a dry mouth and constipation; reflexes are reduced."
    ),
    "Schizotypal personality disorder": (
        "28-year-old man who has no close friends, believes he has a sixth sense and practises "
        "telepathy; he dresses eccentrically."
    ),
    "Hyperemesis gravidarum": (
        "24-year-old woman, 9 weeks pregnant, who is unable to keep food down with persistent "
        "vomiting, weight loss and dehydration; ketonuria."
    ),
    "Slipped capital femoral epiphysis": (
        "13-year-old overweight boy with a limp and knee pain for three weeks; no fever."
    ),
}

NEW = [
    r[0].strip()
    for r in (line.split("|") for line in (DISEASES_USMLE + DISEASES_USMLE_B).splitlines())
    if r[0].strip()
]


def test_classic_vignettes_lead_with_their_diagnosis():
    kg = get_kg()
    missed = {}
    for gold, text in VIGNETTES.items():
        top = run(KGPolicy(), context(text))[-1].decision.ranked()[0].diagnosis
        if not kg.equivalent(top, gold):
            missed[gold] = top
    assert not missed, missed


def test_every_new_disease_is_in_the_graph_with_findings_and_cited_sources():
    kg = get_kg()
    by_name = {d.name: d for d in curated.diseases()}
    assert len(NEW) >= 100
    for name in NEW:
        d = by_name[name]
        assert d.sources and all(s in curated.ALL_SOURCES for s in d.sources), name
        assert len(d.findings) >= 1, name
        node = kg.diseases[f"MA:{d.key}"]
        assert node.citations and all(c for c in node.citations), name


def test_no_name_of_the_pack_is_already_another_curated_disease():
    owner: dict[str, str] = {}
    for d in curated.diseases():
        if d.name in NEW:
            continue
        for n in (d.name, *d.aliases):
            owner[normalise_name(n)] = d.name
    seen: dict[str, str] = {}
    for d in curated.diseases():
        if d.name not in NEW:
            continue
        for n in (d.name, *d.aliases):
            key = normalise_name(n)
            assert key not in owner, (n, d.name, owner.get(key))
            assert seen.setdefault(key, d.name) == d.name, (n, d.name, seen[key])
