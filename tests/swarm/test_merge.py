"""The orchestrator's merge: the panel's outputs into one TurnDecision (no model, no database)."""

from __future__ import annotations

from diagnosis.protocol import Observation, PastTurn, PolicyContext
from inference.policies.swarm.config import SwarmConfig
from inference.policies.swarm.merge import CANT_MISS_PROBABILITY, LaneResult, merge
from inference.policies.swarm.plan import CandidateTest, Plan
from tests.doubles import decision_order

PLAN = Plan(
    kind="deterministic",
    hypotheses=[("Iron deficiency anaemia", 0.5), ("Hypothyroidism", 0.3)],
    candidates=[CandidateTest("Reticulocyte count", 10.0, "kg pick")],
)
CONFIG = SwarmConfig(max_tests=3)


def ctx(**kw) -> PolicyContext:  # type: ignore[no-untyped-def]
    return PolicyContext(
        session_id="s", turn_index=kw.pop("turn", 1), mode="simulated", presentation="Tired.", **kw
    )


def advocate(name: str, support: float, test: str = "") -> LaneResult:
    out = {
        "support": support,
        "evidence_for": ["pallor"],
        "evidence_against": [],
        "decisive_test": test,
    }
    return LaneResult("advocate", f"Advocate: {name}", name, out)


def lane(role: str, output: dict | None, status: str = "ok") -> LaneResult:
    return LaneResult(role, role, "", output, status=status)


def test_advocates_reweight_the_leading_hypotheses_within_their_mass():
    decision = merge(
        PLAN,
        [advocate("Iron deficiency anaemia", 0.9), advocate("Hypothyroidism", 0.1)],
        ctx(),
        CONFIG,
    )
    probs = {h.diagnosis: h.probability for h in decision.differential}
    assert probs["Iron deficiency anaemia"] > 0.5 > 0.3 > probs["Hypothyroidism"]
    assert abs(sum(probs.values()) - 0.8) < 1e-3
    assert decision.differential[0].evidence_for == ["pallor"]


def test_a_failed_advocate_leaves_its_hypothesis_at_the_prior_and_is_named():
    failed = LaneResult("advocate", "Advocate: Hypothyroidism", "Hypothyroidism", None, "timeout")
    decision = merge(PLAN, [advocate("Iron deficiency anaemia", 0.5), failed], ctx(), CONFIG)
    probs = {h.diagnosis: h.probability for h in decision.differential}
    assert probs == {"Iron deficiency anaemia": 0.5, "Hypothyroidism": 0.3}
    assert "Advocate: Hypothyroidism (timeout)" in decision.reasoning


def test_orders_come_from_the_chooser_then_advocates_minus_vetoes_and_done_tests():
    past = PastTurn(
        index=0,
        decision=decision_order(["TSH"]),
        observations=(Observation(order="TSH", status="answered", result="2.1"),),
    )
    lanes = [
        lane(
            "test_chooser",
            {
                "tests": [
                    {"test": "TSH", "cost": 20, "rationale": ""},
                    {"test": "Whole-body MRI", "cost": 900, "rationale": ""},
                    {"test": "Complete blood count", "cost": 8, "rationale": "anaemia?"},
                ]
            },
        ),
        advocate("Iron deficiency anaemia", 0.5, "Ferritin"),
        advocate("Hypothyroidism", 0.5, "ferritin"),  # the same test, other spelling: once
        lane("steward", {"vetoes": [{"test": "Whole-body MRI", "reason": "costly"}], "note": ""}),
    ]
    decision = merge(PLAN, lanes, ctx(past_turns=(past,)), CONFIG)
    assert decision.action.type == "order_tests"
    assert [t.test for t in decision.action.tests] == ["Complete blood count", "Ferritin"]
    assert "cost $8" in decision.action.tests[0].rationale


def test_with_every_panel_lane_failed_the_plan_candidates_are_ordered():
    lanes = [lane(r, None, "error") for r in ("test_chooser", "challenger", "steward")]
    decision = merge(PLAN, lanes, ctx(), CONFIG)
    assert [t.test for t in decision.action.tests] == ["Reticulocyte count"]


def test_the_challenger_adds_cant_miss_diagnoses_and_blocks_premature_closure():
    confident = Plan(
        kind="deterministic",
        hypotheses=[("Iron deficiency anaemia", 0.95)],
        candidates=[CandidateTest("Ferritin", 14.0)],
    )
    past = PastTurn(index=0, decision=decision_order(["TSH"]))
    challenger = lane(
        "challenger",
        {
            "anchoring": False,
            "premature_closure": True,
            "cant_miss": [{"diagnosis": "Colorectal cancer", "why": "x"}],
            "note": "Blood loss?",
        },
    )
    decision = merge(confident, [challenger], ctx(past_turns=(past,)), CONFIG)
    names = {h.diagnosis: h.probability for h in decision.differential}
    assert names["Colorectal cancer"] == CANT_MISS_PROBABILITY
    assert sum(names.values()) <= 1.0
    assert decision.action.type == "order_tests"  # not closed early
    calm = lane(
        "challenger", {"anchoring": False, "premature_closure": False, "cant_miss": [], "note": ""}
    )
    assert merge(confident, [calm], ctx(past_turns=(past,)), CONFIG).action.type == (
        "final_diagnosis"
    )


def test_the_last_turn_always_commits_to_the_leader():
    decision = merge(PLAN, [advocate("Hypothyroidism", 1.0)], ctx(must_finalise=True), CONFIG)
    assert decision.action.type == "final_diagnosis"
    assert decision.action.diagnosis == "Iron deficiency anaemia"


def test_the_merge_does_not_depend_on_the_order_lanes_arrived_in():
    lanes = [
        advocate("Iron deficiency anaemia", 0.7, "Ferritin"),
        advocate("Hypothyroidism", 0.2, "TSH"),
        lane(
            "test_chooser",
            {"tests": [{"test": "Complete blood count", "cost": 8, "rationale": ""}]},
        ),
    ]
    # lanes are handed to the merge in plan order; the panel's own order of arrival is not used
    assert merge(PLAN, lanes, ctx(), CONFIG) == merge(PLAN, list(lanes), ctx(), CONFIG)
