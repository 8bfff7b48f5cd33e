"""One vocabulary of tests: the oracle, the cost ledger and the knowledge graph read the same
catalogue (diagnosis/vocabulary/tests.toml) and fold British spelling with the same map."""

from __future__ import annotations

import pytest

from diagnosis.environment import oracle
from diagnosis.environment.costs import default_table
from diagnosis.environment.parse import folded_text, parse
from diagnosis.kg import curated, get_kg
from diagnosis.kg.text import fold, normalise_name
from diagnosis.vocabulary import BRITISH_TO_AMERICAN, catalogue
from diagnosis.vocabulary.catalogue import CONCEPT_KINDS


@pytest.fixture(scope="module")
def kg():
    return get_kg()


def item(name: str, category: str) -> dict:
    return {"name": name, "result": "r", "category": category, "panel": "", "aliases": []}


MENU = [
    item("Troponin", "Laboratory"),
    item("Sodium", "Laboratory"),
    item("Chest X-ray", "Imaging"),
    item("CT head", "Imaging"),
    item("Abdominal examination", "Examination"),
    item("Respiratory examination", "Examination"),
    item("Blood cultures", "Microbiology"),
    item("Urine culture", "Microbiology"),
]


@pytest.mark.parametrize(
    "alias,canonical,priced",
    [
        ("hs-trop", "Troponin", True),  # lab
        ("CXR", "Chest X-ray", True),  # imaging
        ("abdo exam", "Abdominal examination", False),  # exam: part of the visit, no price row
        ("bcx", "Blood cultures", True),  # micro
    ],
)
def test_the_oracle_the_ledger_and_the_kg_resolve_an_alias_to_the_same_test(
    kg, alias, canonical, priced
):
    answer = oracle.match(alias, MENU)
    assert answer.status == "answered" and answer.item == canonical
    table = default_table()
    row_names = {row.name for row in table.rows}
    price = table.price_of({"name": alias, "category": ""})
    if priced:
        assert canonical in row_names
        assert price == table.price_of({"name": canonical, "category": ""}) != table.default_price
    else:
        assert canonical not in row_names
    test = kg.test_for(alias)
    assert test is not None and test.name == canonical


@pytest.mark.parametrize(
    "british,american", [("haemoglobin", "hemoglobin"), ("oesophageal", "esophageal")]
)
def test_a_british_spelling_reads_the_same_in_the_oracle_and_the_kg(british, american):
    assert folded_text(british) == fold(british) == american
    assert parse(british).canon == parse(american).canon
    assert normalise_name(british) == normalise_name(american)


def test_every_british_stem_folds_the_same_in_the_oracle_and_the_kg():
    for british, american in BRITISH_TO_AMERICAN.items():
        assert folded_text(british) == fold(british) == american


def test_each_catalogue_concept_is_named_by_a_name_the_oracle_reads_as_that_concept():
    for entry in catalogue().entries:
        if entry.kind in CONCEPT_KINDS:
            concepts = {c for c in parse(entry.name).concepts if c[0] != "specimen"}
            assert concepts == {(entry.kind, entry.key)}, entry.name


def test_catalogue_entries_are_complete():
    tests = catalogue()
    names = [e.name for e in tests.entries]
    assert len(set(names)) == len(names)
    for entry in tests.entries:
        assert entry.source in tests.sources and entry.category, entry.key
        lowered = {a.lower() for a in entry.names}
        assert all(abbr in lowered for abbr, _ in entry.abbreviations), entry.key
        if entry.price is not None:
            assert entry.code and entry.price_source in tests.sources, entry.key


def test_the_kg_tests_are_catalogue_tests_under_their_catalogue_names():
    by_name = {e.name: e for e in catalogue().entries}
    for test in curated.tests():
        entry = by_name[test.name]
        assert set(entry.aliases) <= set(test.aliases) and test.category == entry.category
