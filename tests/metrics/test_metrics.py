"""Metrics on small hand-built trajectories over a tiny hand-built KG (the real one for the NSTEMI
demo case's gold); expected values worked out here."""

from __future__ import annotations

import json
from pathlib import Path

from diagnosis.kg.model import Disease, Finding, KnowledgeGraph, TestSpec
from diagnosis.metrics import compute_session_metrics, compute_turn_metrics
from diagnosis.metrics.scores import dtc
from diagnosis.protocol import Observation, TurnDecision


def tiny_kg() -> KnowledgeGraph:
    kg = KnowledgeGraph()
    for did, name, aliases in (
        ("MA:pna", "Pneumonia", ["community-acquired pneumonia"]),
        ("MA:pe", "Pulmonary embolism", ["PE"]),
        ("MA:ida", "Iron deficiency anaemia", ["iron deficiency anemia"]),
    ):
        kg.add_disease(Disease(id=did, name=name, source="curated", prior=0.01, aliases=aliases))
    kg.add_disease(
        Disease(id="DOID:1", name="Zebra fever", source="do")
    )  # a name the KG has no links for
    for fid, name in (
        ("MA:consolidation", "Consolidation"),
        ("MA:ddimer", "Raised D-dimer"),
        ("MA:ferritin_low", "Low ferritin"),
        ("MA:fever", "Fever"),
    ):
        kg.findings[fid] = Finding(id=fid, name=name, leak=0.05, source="curated")
        kg.lexicon.add_phrase(name, fid)
    kg.lexicon.add_analyte("d-dimer", {"high": "MA:ddimer"})
    kg.lexicon.add_analyte("ferritin", {"low": "MA:ferritin_low"})
    kg.add_link("MA:pna", "MA:consolidation", 0.9, "curated")
    kg.add_link("MA:pna", "MA:fever", 0.8, "curated")
    kg.add_link("MA:pe", "MA:ddimer", 0.95, "curated")
    kg.add_link("MA:ida", "MA:ferritin_low", 0.95, "curated")
    kg.add_test(TestSpec("Chest X-ray", ("cxr",), "Imaging", 40, ("MA:consolidation",)))
    kg.add_test(TestSpec("D-dimer", (), "Haematology", 20, ("MA:ddimer",)))
    kg.add_test(TestSpec("Ferritin", (), "Biochemistry", 18, ("MA:ferritin_low",)))
    kg.finalise()
    return kg


def decision(
    diff: list[tuple[str, float]],
    tests: list[str] | None = None,
    final: str | None = None,
    evidence: dict[str, list[str]] | None = None,
) -> TurnDecision:
    evidence = evidence or {}
    action = (
        {"type": "final_diagnosis", "diagnosis": final, "confidence": 0.8}
        if final
        else {"type": "order_tests", "tests": [{"test": t} for t in tests or []]}
    )
    return TurnDecision.model_validate(
        {
            "differential": [
                {"diagnosis": d, "probability": p, "evidence_for": evidence.get(d, [])}
                for d, p in diff
            ],
            "action": action,
        }
    )


def answered(order: str, result: str, cost: float) -> Observation:
    return Observation(order=order, status="answered", item=order, result=result, cost=cost)


SNAPSHOT = {
    "initial_presentation": "Fever and cough for three days.",
    "gold": {"name": "Community-acquired pneumonia", "aliases": []},
}


def trajectory():
    d0 = decision(
        [("Pulmonary embolism", 0.5), ("Pneumonia", 0.4)], tests=["Chest X-ray", "D-dimer"]
    )
    o0 = [
        answered("Chest X-ray", "Right lower lobe consolidation", 40.0),
        answered("D-dimer", "D-dimer normal", 20.0),
    ]
    d1 = decision([("Pneumonia", 0.8), ("Pulmonary embolism", 0.1)], tests=["Chest X-ray"])
    o1 = [answered("Chest X-ray", "Right lower lobe consolidation", 40.0)]
    d2 = decision([("Pneumonia", 0.9), ("Pulmonary embolism", 0.05)], final="Pneumonia")
    return [d0, d1, d2], [o0, o1, []]


def test_it_counts_grounded_orders_and_supported_updates_on_a_converging_trajectory():
    kg = tiny_kg()
    decisions, observations = trajectory()
    m1 = compute_turn_metrics(
        snapshot=SNAPSHOT, decisions=decisions[:2], observations=observations[:2], kg=kg
    )
    # Turn 1: Pneumonia +0.4 and PE -0.4; turn 0 revealed consolidation (present) and D-dimer
    # (absent), linked to Pneumonia and PE respectively: both updates supported.
    assert m1["updates"] == {"supported": 2, "unsupported": 0, "unknown": 0}
    # The repeated chest X-ray is grounded (consolidation links to Pneumonia) but incoherent.
    assert m1["orders"] == {"grounded": 1, "ungrounded": 0, "unknown": 0}
    assert [f["kind"] for f in m1["incoherence"]] == ["repeated_test"]
    assert m1["flags"] == {
        "ungrounded_order": False,
        "unsupported_update": False,
        "incoherent": True,
    }
    assert m1["top1"] is True and m1["gold_rank"] == 1 and m1["gold_probability"] == 0.8
    # Standings: turn 0 gold at rank 2 (0.5), turn 1 rank 1 (1.0): one step, held-or-improved;
    # ends on gold this turn -> DTC = 0.5 * 1 + 0.5 * 1.
    assert m1["dtc"] == 1.0
    assert m1["cost"] == 40.0 and m1["cost_total"] == 100.0
    # Running RAC: turn 0 orders (2 grounded) + turn 1 (1 grounded order, 2 supported updates)
    # = 5/5.
    assert m1["rac"] == 1.0 and m1["kg_coverage"] == 1.0


def test_session_metrics_of_a_trajectory_that_ends_on_gold():
    kg = tiny_kg()
    decisions, observations = trajectory()
    s = compute_session_metrics(
        snapshot=SNAPSHOT,
        decisions=decisions,
        observations=observations,
        final_diagnosis="Pneumonia",
        kg=kg,
    )
    assert s["correct"] is True and s["top3"] is True
    assert s["turns"] == 3 and s["tests"] == 3 and s["cost"] == 100.0
    # Turn 2: Pneumonia +0.1 (supported: consolidation revealed again); PE -0.05 (supported? no new
    # result links to PE: only consolidation was revealed) -> unsupported.
    assert s["updates"] == {"supported": 3, "unsupported": 1, "unknown": 0}
    assert s["supported_update_rate"] == 0.75
    assert s["grounded_order_rate"] == 1.0
    # RAC = (3 grounded orders + 3 supported updates) / (3 + 4) = 6/7
    assert s["rac"] == round(6 / 7, 4)
    # Standings 0.5, 1.0, 1.0: both steps held or improved, ends on gold -> 1.0
    assert s["dtc"] == 1.0
    assert s["incoherent_turns"] == 1


def test_it_flags_ungrounded_orders_unsupported_updates_and_dropped_leaders():
    kg = tiny_kg()
    d0 = decision([("Pneumonia", 0.6), ("Pulmonary embolism", 0.3)], tests=["Ferritin"])
    o0 = [Observation(order="Ferritin", status="unavailable")]
    d1 = decision([("Pulmonary embolism", 0.7)], final="Pulmonary embolism")
    m = compute_turn_metrics(snapshot=SNAPSHOT, decisions=[d0], observations=[o0], kg=kg)
    assert m["orders"] == {"grounded": 0, "ungrounded": 1, "unknown": 0}
    assert m["flags"]["ungrounded_order"] is True
    m1 = compute_turn_metrics(snapshot=SNAPSHOT, decisions=[d0, d1], observations=[o0, []], kg=kg)
    # Nothing was revealed, yet both hypotheses moved: two unsupported updates; the leader vanished.
    assert m1["updates"] == {"supported": 0, "unsupported": 2, "unknown": 0}
    assert m1["flags"]["unsupported_update"] is True
    assert {f["kind"] for f in m1["incoherence"]} == {"dropped_leader"}
    # Standings 1.0 then 0 (gold absent, PE shares no finding with pneumonia): step fails; not on
    # gold.
    assert m1["dtc"] == 0.0 and m1["top1"] is False


def test_it_says_unknown_rather_than_failure_when_the_kg_knows_nothing():
    kg = tiny_kg()
    snapshot = {"initial_presentation": "", "gold": {"name": "Zebra fever", "aliases": []}}
    d0 = decision([("Zebra fever", 0.6), ("Unicorn pox", 0.3)], tests=["Tilt-table test"])
    o0 = [answered("Tilt-table test", "abnormal", 90.0)]
    d1 = decision([("Unicorn pox", 0.7), ("Zebra fever", 0.2)], final="Unicorn pox")
    m = compute_turn_metrics(snapshot=snapshot, decisions=[d0, d1], observations=[o0, []], kg=kg)
    assert m["orders"] == {"grounded": 0, "ungrounded": 0, "unknown": 0}
    assert m["updates"] == {"supported": 0, "unsupported": 0, "unknown": 2}
    assert m["rac"] is None and m["kg_coverage"] == 0.0
    assert m["flags"] == {
        "ungrounded_order": False,
        "unsupported_update": False,
        "incoherent": False,
    }


def test_it_flags_a_hypothesis_citing_a_finding_the_results_showed_absent():
    kg = tiny_kg()
    d0 = decision([("Pulmonary embolism", 0.5)], tests=["D-dimer"])
    o0 = [answered("D-dimer", "normal", 20.0)]
    d1 = decision(
        [("Pulmonary embolism", 0.5)],
        tests=["Chest X-ray"],
        evidence={"Pulmonary embolism": ["Raised D-dimer"]},
    )
    m = compute_turn_metrics(snapshot=SNAPSHOT, decisions=[d0, d1], observations=[o0, []], kg=kg)
    assert [f["kind"] for f in m["incoherence"]] == ["contradicts_finding"]


def test_dtc_formula_counts_holding_at_zero_as_not_converging():
    assert dtc([0.0, 0.0, 0.0], ended_on_gold=False) == 0.0
    assert dtc([0.25, 0.5, 0.33], ended_on_gold=False) == 0.25  # one of two steps held, not on gold
    assert dtc([0.0], ended_on_gold=True) == 1.0


def test_it_keeps_top1_and_cost_without_a_gold_diagnosis():
    kg = tiny_kg()
    d0 = decision([("Pneumonia", 0.6)], tests=["Chest X-ray"])
    m = compute_turn_metrics(
        snapshot={"initial_presentation": "", "gold": None},
        decisions=[d0],
        observations=[[answered("Chest X-ray", "clear", 40.0)]],
        kg=kg,
    )
    assert m["top1"] is None and m["dtc"] is None and m["cost"] == 40.0


NSTEMI_CASE = Path(__file__).resolve().parents[2] / "diagnosis/cases/demo_cases/03-nstemi.json"


def _nstemi_session(final: str, differential: list[tuple[str, float]]) -> dict:
    from diagnosis.kg import get_kg

    snapshot = json.loads(NSTEMI_CASE.read_text(encoding="utf-8"))
    return compute_session_metrics(
        snapshot=snapshot,
        decisions=[decision(differential, final=final)],
        observations=[[]],
        final_diagnosis=final,
        kg=get_kg(),
    )


def test_a_sibling_or_the_broader_group_is_not_the_nstemi_case_correct_answer():
    s = _nstemi_session("Unstable angina", [("Unstable angina", 0.6), ("Stable angina", 0.2)])
    assert s["correct"] is False and s["top3"] is False
    s = _nstemi_session("Acute coronary syndrome", [("Acute coronary syndrome", 0.9)])
    assert s["correct"] is False
    s = _nstemi_session("STEMI", [("STEMI", 0.7), ("Unstable angina", 0.2)])
    assert s["correct"] is False and s["top3"] is False


def test_the_nstemi_case_accepts_its_synonyms():
    s = _nstemi_session("NSTEMI", [("NSTEMI", 0.7)])
    assert s["correct"] is True and s["gold_rank"] == 1
    s = _nstemi_session(
        "Myocardial infarction, non-ST elevation",
        [("Myocardial infarction, non-ST elevation", 0.7)],
    )
    assert s["correct"] is True


def test_a_broader_top_hypothesis_earns_no_standing():
    # "Acute myocardial infarction" is the parent of NSTEMI: not ranked as gold, not top-3, and
    # no partial credit for the findings the two share (the gold is not in the differential).
    from diagnosis.kg import get_kg

    s = _nstemi_session("Acute myocardial infarction", [("Acute myocardial infarction", 0.8)])
    assert s["correct"] is False and s["top3"] is False and s["gold_rank"] is None
    m = compute_turn_metrics(
        snapshot=json.loads(NSTEMI_CASE.read_text(encoding="utf-8")),
        decisions=[decision([("Acute myocardial infarction", 0.8)], tests=["Troponin"])],
        observations=[[]],
        kg=get_kg(),
    )
    assert m["top1"] is False and m["top3"] is False
    assert m["standing"] == 0.0 and m["dtc"] == 0.0


HYPOTHYROIDISM_CASE = (
    Path(__file__).resolve().parents[2] / "diagnosis/cases/demo_cases/07-hypothyroidism.json"
)


def test_a_stable_wrong_answer_never_holding_the_gold_diagnosis_scores_no_dtc():
    # The kg policy on the hypothyroidism demo case: "Anaemia" leads turn after turn, the gold
    # diagnosis never enters the differential. Anaemia shares findings with hypothyroidism in the
    # KG (fatigue, pallor...), which used to give every turn a positive standing and DTC 0.5.
    from diagnosis.kg import get_kg

    snapshot = json.loads(HYPOTHYROIDISM_CASE.read_text(encoding="utf-8"))
    diff = [("Anaemia", 0.6), ("Iron deficiency anaemia", 0.2)]
    decisions = [decision(diff, tests=["Complete blood count"]) for _ in range(3)]
    decisions.append(decision(diff, final="Anaemia"))
    kg = get_kg()
    turn = compute_turn_metrics(
        snapshot=snapshot, decisions=decisions, observations=[[], [], [], []], kg=kg
    )
    assert turn["standing"] == 0.0 and turn["gold_rank"] is None
    assert turn["dtc"] == 0.0
    s = compute_session_metrics(
        snapshot=snapshot,
        decisions=decisions,
        observations=[[], [], [], []],
        final_diagnosis="Anaemia",
        kg=kg,
    )
    assert s["dtc"] == 0.0


def test_dtc_counts_a_step_only_while_the_gold_diagnosis_is_in_the_differential():
    kg = tiny_kg()
    # Gold (pneumonia) at rank 2, then gone (PE alone), then back at rank 2: the step into the
    # absence fails, the step back counts (standing 0.5 >= 0 while in the differential).
    d0 = decision([("Pulmonary embolism", 0.6), ("Pneumonia", 0.3)], tests=["D-dimer"])
    d1 = decision([("Pulmonary embolism", 0.9)], tests=["Chest X-ray"])
    d2 = decision([("Pulmonary embolism", 0.6), ("Pneumonia", 0.3)], final="Pulmonary embolism")
    m = compute_turn_metrics(
        snapshot=SNAPSHOT, decisions=[d0, d1, d2], observations=[[], [], []], kg=kg
    )
    assert m["dtc"] == 0.25  # 0.5 x (1 of 2 steps) + 0.5 x not on gold


def test_an_answered_order_is_informative_when_its_findings_move_the_kg_posterior():
    kg = tiny_kg()
    d0 = decision(
        [("Pulmonary embolism", 0.5), ("Pneumonia", 0.4)],
        tests=["Chest X-ray", "D-dimer", "Tilt-table test", "Ferritin"],
    )
    o0 = [
        answered("Chest X-ray", "Right lower lobe consolidation", 40.0),  # pneumonia up
        answered("D-dimer", "D-dimer normal", 20.0),  # PE down
        answered("Tilt-table test", "abnormal", 90.0),  # nothing the KG can read
        Observation(order="Ferritin", status="unavailable"),  # not answered: not judged
    ]
    d1 = decision([("Pneumonia", 0.8)], tests=["Chest X-ray"])
    # The same consolidation again: nothing new, the posterior does not move.
    o1 = [answered("Chest X-ray", "Right lower lobe consolidation", 40.0)]
    m0 = compute_turn_metrics(snapshot=SNAPSHOT, decisions=[d0], observations=[o0], kg=kg)
    assert m0["informative_orders"] == {"informative": 2, "uninformative": 0, "unknown": 1}
    assert m0["informative_order_rate_turn"] == 1.0
    m1 = compute_turn_metrics(snapshot=SNAPSHOT, decisions=[d0, d1], observations=[o0, o1], kg=kg)
    assert m1["informative_orders"] == {"informative": 0, "uninformative": 1, "unknown": 0}
    assert m1["informative_order_rate_turn"] == 0.0
    assert m1["informative_order_rate"] == round(2 / 3, 4)  # running, over turns 0..1
    assert [j["status"] for j in m1["details"]["informative"]] == ["uninformative"]
    s = compute_session_metrics(
        snapshot=SNAPSHOT,
        decisions=[d0, d1, decision([("Pneumonia", 0.9)], final="Pneumonia")],
        observations=[o0, o1, []],
        final_diagnosis="Pneumonia",
        kg=kg,
    )
    assert s["informative_orders"] == {"informative": 2, "uninformative": 1, "unknown": 1}
    assert s["informative_order_rate"] == round(2 / 3, 4)


def test_rac_is_marked_self_judged_for_the_policies_that_choose_tests_with_the_judge():
    from diagnosis.metrics import rac_self_judged

    assert rac_self_judged("kg") and rac_self_judged("prior")
    assert not rac_self_judged("llm") and not rac_self_judged("llm:qwen")
