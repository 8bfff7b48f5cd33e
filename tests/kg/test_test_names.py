"""KnowledgeGraph.test_for: an order's name resolves to the graph's test for that test, never to a
test that merely shares a word or a prefix with it."""

from __future__ import annotations

import pytest

from diagnosis.kg import get_kg


@pytest.fixture(scope="module")
def kg():
    return get_kg()


@pytest.mark.parametrize(
    "order,wrong",
    [
        ("Creatinine", "Creatine kinase"),  # the catalogue's own lab, not a near spelling
        ("CA 19-9", "Serum calcium"),  # a tumour marker, not "ca"
        ("Eyes", "Tonometry"),  # "eye" is not "eye pressure"
        ("Respiratory viral PCR", "Respiratory examination"),
        ("Respiratory rate", "Respiratory examination"),  # a vital sign, not the chest exam
        ("Slit skin smear", "Peripheral blood smear"),  # leprosy work-up, not a blood film
    ],
)
def test_an_order_sharing_a_word_with_a_test_is_not_that_test(kg, order, wrong):
    test = kg.test_for(order)
    assert test is None or test.name != wrong, f"{order!r} resolved to {test.name!r}"


@pytest.mark.parametrize(
    "order,name",
    [
        ("CBC", "Complete blood count"),
        ("Troponin level", "Troponin"),
        ("Serum lipase", "Lipase"),
        ("Haemoglobin A1c", "HbA1c"),
        ("Lumbar punctures", "Lumbar puncture"),
        ("Echocardiagram", "Echocardiogram"),  # a near spelling of the same word
        ("Spirometry test", "Spirometry"),
        ("X-ray of the left knee", "Joint X-ray"),  # the words of "knee x-ray", any order
        ("Head and neck exam", "Head and neck examination"),
    ],
)
def test_an_order_naming_a_test_in_other_words_still_reaches_it(kg, order, name):
    test = kg.test_for(order)
    assert test is not None and test.name == name, order


@pytest.mark.parametrize(
    "order,panel",
    [
        ("Creatinine", "Basic metabolic panel"),
        ("Respiratory rate", "Vital signs"),
        ("Hemoglobin", "Complete blood count"),  # not HbA1c
        ("Potassium", "Basic metabolic panel"),  # not the KOH preparation
        ("Total bilirubin", "Liver function tests"),
    ],
)
def test_a_member_of_a_panel_the_graph_models_is_that_panel(kg, order, panel):
    test = kg.test_for(order)
    assert test is not None and test.name == panel, order


def test_a_number_or_a_letter_makes_another_test(kg):
    assert kg.test_for("CA 125") is None
    assert kg.test_for("Factor V Leiden") is None or kg.test_for("Factor V Leiden").name != (
        "Coagulation panel"
    )
