"""The dermatology pack (issue 11 §3): skin presentations lead with their diagnosis, "non-X"
negates X only, a present-only finding is not ruled out by a negated mention, and every disease
of the pack cites its sources. The vignettes are written by us."""

from __future__ import annotations

import pytest

from diagnosis.kg import curated, get_kg
from diagnosis.kg.curated.diseases_derm import DISEASES_DERM
from diagnosis.kg.curated.sources_derm import SOURCES_DERM
from inference.policies.kg import KGPolicy
from inference.policies.kg_history import MAX_QUESTIONS
from tests.kg.test_engine import context, run


@pytest.fixture(scope="module")
def kg():
    return get_kg()


def named(kg, text: str) -> dict[str, bool]:
    return {kg.finding_name(f): present for f, present in kg.findings_in(text).items()}


VIGNETTES = {
    "Psoriasis": (
        "A 30-year-old man has had itchy erythematous plaques with silver scales on both elbows "
        "and knees for a year."
    ),
    "Coma bullae": (
        "A 40-year-old man found unresponsive after a drug overdose has tense bullae over the "
        "pressure points of his hips and heels."
    ),
    "Nevus sebaceous": (
        "A 2-year-old girl has a yellow orange hairless plaque on the scalp, present since birth."
    ),
    "Tinea nigra": (
        "A 10-year-old boy has an asymptomatic brown black macule on the palm of his left hand."
    ),
    "Juvenile spring eruption": (
        "A 9-year-old boy has itchy papules and vesicles on the helices of both ears that appeared "
        "in the spring after playing outside."
    ),
    "Drug-induced hyperpigmentation": (
        "A woman with lupus on hydroxychloroquine for years has painless blue gray patches on her "
        "shins."
    ),
}


@pytest.mark.parametrize("gold", sorted(VIGNETTES))
def test_a_typical_skin_presentation_leads_with_its_diagnosis(kg, gold):
    top = run(KGPolicy(), context(VIGNETTES[gold]))[-1].decision.ranked()[0].diagnosis
    assert kg.equivalent(top, gold), (gold, top)


def test_a_skin_presentation_no_longer_leads_with_a_disease_of_another_organ(kg):
    text = "A 50-year-old woman presents to the dermatology clinic with lesions on her back."
    ranked = run(KGPolicy(), context(text))[-1].decision.ranked()
    skin = {d.name for d in curated.diseases() if ("skin_complaint", 0.95) in d.findings}
    assert ranked[0].diagnosis in skin, ranked[0].diagnosis


def test_non_prefix_negates_only_the_finding_it_is_joined_to(kg):
    found = named(kg, "Non-itchy scaly plaques and a fever.")
    assert found["Itching"] is False
    assert found["Red scaly plaques"] is True
    assert found["Fever"] is True
    assert named(kg, "nonpruritic papules") == {"Itching": False, "Papules": True}
    assert named(kg, "non-scaly papules")["Scaling"] is False


def test_a_phrase_that_begins_like_a_negation_is_read_as_the_phrase(kg):
    assert named(kg, "a non-healing ulcer on the nose") == {"Keratotic or ulcerated nodule": True}
    assert named(kg, "She is not eating.") == {"Loss of appetite": True}


def test_a_present_only_finding_is_not_ruled_out_by_a_negated_mention(kg):
    assert named(kg, "There are lesions on the back.") == {"Skin complaint": True}
    assert named(kg, "There are no lesions elsewhere.") == {}
    # an ordinary finding still is
    assert named(kg, "No itching.") == {"Itching": False}


def test_every_disease_of_the_pack_cites_its_sources_and_links_a_skin_complaint():
    pack = {line.split("|")[0].strip() for line in DISEASES_DERM.strip().splitlines()}
    diseases = [d for d in curated.diseases() if d.name in pack]
    assert len(diseases) == len(pack) >= 100
    for d in diseases:
        assert d.sources and all(s in SOURCES_DERM or curated.citation(s) for s in d.sources)
        assert any(s in SOURCES_DERM for s in d.sources), d.name
        assert ("skin_complaint", curated.SKIN_COMPLAINT_P) in d.findings, d.name


def test_the_engine_asks_up_to_seven_history_questions_a_turn():
    assert MAX_QUESTIONS == 7


def test_each_pack_finding_name_reads_back_as_that_finding_alone(kg):
    """A history question names the finding; a name that also read as another finding (once,
    "Lesions on elbows, knees or scalp" also read as a skin complaint) let an unrelated fact
    answer it."""
    from diagnosis.kg.curated.findings_derm import FINDINGS_DERM

    for row in FINDINGS_DERM.strip().splitlines():
        fid = kg.curated_finding_ids[row.split("|")[0].strip()]
        assert kg.findings_in(kg.finding_name(fid)) == {fid: True}, kg.finding_name(fid)


def test_a_spared_site_is_not_read_as_involved(kg):
    assert named(kg, "The palms were spared.") == {}  # was: palms and soles involved
    assert named(kg, "Itching: spared.") == {"Itching": False}


def test_a_relative_who_was_diagnosed_is_not_the_patients_finding(kg):
    text = "He has regular skin examinations since his sister was diagnosed with melanoma."
    assert named(kg, text) == {"Skin complaint": True}  # was: melanoma, the patient's own
    assert named(kg, "His brother was brought in with a fever.") == {"Fever": True}
