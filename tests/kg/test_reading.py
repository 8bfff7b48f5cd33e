"""How the KG reads a patient's words and results (issue 11 §3): question-and-answer history,
family history, risk factors and exposures, and lab values against a stated reference."""

from __future__ import annotations

import pytest

from diagnosis.kg import get_kg


@pytest.fixture(scope="module")
def kg():
    return get_kg()


def named(kg, text: str) -> dict[str, bool]:
    return {kg.finding_name(f): present for f, present in kg.findings_in(text).items()}


def key(kg, k: str) -> str:
    return kg.curated_finding_ids[k]


# --- question and answer ----------------------------------------------------------------------


def test_a_question_names_the_finding_and_a_none_answer_makes_it_absent(kg):
    assert kg.findings_in("Vaginal discharge?: None.") == {key(kg, "vaginal_discharge"): False}
    assert kg.findings_in("Vaginal discharge? No.")[key(kg, "vaginal_discharge")] is False
    assert kg.findings_in("Chest pain? Denies.")[key(kg, "chest_pain")] is False
    assert kg.findings_in("Cough? Yes, for a week.")[key(kg, "cough")] is True


def test_an_answer_that_does_not_say_yes_or_no_asserts_nothing_about_the_question(kg):
    found = kg.findings_in("Pregnancy?: Last period two weeks ago; uses condoms.")
    assert key(kg, "pregnancy") not in found


def test_the_answer_reports_its_own_findings(kg):
    found = kg.findings_in("Fever or weight loss?: Feels feverish at night; lost 3 kg.")
    assert found[key(kg, "fever")] is True
    assert found[key(kg, "weight_loss")] is True
    found = kg.findings_in("Haemoptysis?: One streak of blood in sputum.")
    assert found[key(kg, "hemoptysis")] is True


def test_a_question_in_running_text_is_read_the_same_way(kg):
    found = kg.findings_in("Burning on urination. Vaginal discharge? None. Fever? Yes.")
    assert found[key(kg, "dysuria")] is True
    assert found[key(kg, "vaginal_discharge")] is False
    assert found[key(kg, "fever")] is True


# --- wording --------------------------------------------------------------------------------------


def test_shaking_chills_are_rigors_not_a_tremor(kg):
    found = kg.findings_in("Since last night fever with shaking chills and pain in the right loin.")
    assert found[key(kg, "chills")] is True
    assert key(kg, "tremor") not in found


def test_a_negation_that_closes_its_own_clause_does_not_reach_past_the_comma(kg):
    found = kg.findings_in("She feels cold when others do not, is constipated and has gained 6 kg.")
    assert found[key(kg, "constipation")] is True
    assert found[key(kg, "cold_intolerance")] is True
    assert found[key(kg, "weight_gain")] is True


def test_the_classic_giant_cell_arteritis_complaints_are_read_in_lay_words(kg):
    found = kg.findings_in(
        "A new headache for three weeks, her scalp hurts when brushing her hair, and her jaw "
        "aches after chewing for a minute. Yesterday the vision in her right eye went grey."
    )
    for k in ("headache", "scalp_tenderness", "jaw_claudication", "visual_loss"):
        assert found.get(key(kg, k)) is True, k


# --- family history ------------------------------------------------------------------------------


def test_a_relative_disease_is_family_history_not_the_patient_finding(kg):
    found = kg.findings_in("Family history?: Sister has vitiligo; mother had 'thyroid trouble'.")
    assert all(kg.finding_name(f) != "Vitiligo" for f in found)
    assert found[key(kg, "family_thyroid")] is True
    found = kg.findings_in("Her father had an adrenal operation in his forties.")
    assert found[key(kg, "family_endocrine_tumour")] is True
    found = kg.findings_in("His mother has diabetes. He has a cough.")
    assert found == {key(kg, "cough"): True}


# --- risk factors and exposures ------------------------------------------------------------------


def test_risk_factors_medicines_travel_and_time_course_are_findings(kg):
    found = kg.findings_in(
        "She became suddenly short of breath two days after a 14-hour flight; she takes the "
        "combined oral contraceptive. Her right calf has ached for a day."
    )
    for k in ("sudden_onset", "immobility", "estrogen_use", "unilateral_leg_swelling", "dyspnea"):
        assert found.get(key(kg, k)) is True, k
    found = kg.findings_in("Previous clots or cancer?: None.")
    assert found[key(kg, "prior_vte")] is False


def test_risk_factors_are_linked_to_the_diseases_they_raise_with_sources(kg):
    pe = "MA:pulmonary_embolism"
    for k in ("estrogen_use", "prior_vte", "sudden_onset", "active_cancer"):
        assert kg.link_p(pe, key(kg, k)) > kg.leak(key(kg, k)), k
    from diagnosis.kg.curated.risk_factors import risk_factor_links
    from diagnosis.kg.curated.sources import SOURCES

    for _disease, _links, sources in risk_factor_links():
        assert sources and all(s in SOURCES for s in sources)


# --- results against the diagnosis they support ---------------------------------------------------

METANEPHRINE_FORMS = [
    "Normetanephrine 4,800 pmol/L (reference <1,180); metanephrine 310 pmol/L (normal)",
    "Normetanephrine 4x ULN",
    "Normetanephrine four times the upper limit of normal",
    "Normetanephrine raised",
    "Normetanephrine markedly elevated",
    "Normetanephrine: high",
    "Normetanephrine 4.8 nmol/L (reference range 0.0-1.18)",
    "Normetanephrine 4800 pmol/L (ULN 1180)",
]


@pytest.mark.parametrize("text", METANEPHRINE_FORMS)
def test_a_raised_result_in_any_form_reads_as_raised(kg, text):
    assert kg.findings_in(f"Plasma free metanephrines: {text}") == {
        key(kg, "metanephrines_high"): True
    }


def test_a_value_inside_the_stated_reference_range_reads_as_normal(kg):
    found = kg.findings_in("Normetanephrine 900 pmol/L (reference <1,180)")
    assert found == {key(kg, "metanephrines_high"): False}
    found = kg.findings_in("TSH 3.1 mU/L (reference 0.4-4.0)")
    assert found[key(kg, "tsh_high")] is False
    found = kg.findings_in("TSH 0.1 mU/L (ref 0.4-4.0)")
    assert found[key(kg, "tsh_low")] is True


def test_the_stated_reference_wins_over_the_built_in_limit(kg):
    # built-in ESR limit is 30; a lab whose own range is 0-20 says 25 is raised
    assert kg.findings_in("ESR 25 mm/h (reference 0-20)")[key(kg, "esr_high")] is True


def test_serial_values_are_read_against_the_reference_that_follows_them(kg):
    text = "High-sensitivity troponin T: 0 h: 48 ng/L; 1 h: 96 ng/L (reference <14)"
    assert kg.findings_in(text) == {key(kg, "troponin_high"): True}
    text = "Sodium 139 mmol/L; potassium 6.1 mmol/L (reference 3.5-5.0)"
    assert kg.findings_in(text).get(key(kg, "hyponatremia")) is not True
