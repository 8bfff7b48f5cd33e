"""TurnDecision: one definition, its schema exported to docs/, strict about what policies send."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from diagnosis.protocol import (
    Observation,
    PartialTurnDecision,
    TestOrder,
    TurnDecision,
    turn_decision_json_schema,
)

ROOT = Path(__file__).resolve().parent.parent


def test_the_schema_in_docs_is_the_one_the_code_uses():
    on_disk = json.loads((ROOT / "docs" / "turn_decision.schema.json").read_text())
    assert on_disk == turn_decision_json_schema(), "regenerate docs/turn_decision.schema.json"


def test_a_decision_ranks_its_differential_by_probability():
    decision = TurnDecision.model_validate(
        {
            "differential": [
                {"diagnosis": "B", "probability": 0.2},
                {"diagnosis": "A", "probability": 0.7},
            ],
            "action": {"type": "final_diagnosis", "diagnosis": "A", "confidence": 0.7},
        }
    )
    assert [h.diagnosis for h in decision.ranked()] == ["A", "B"] and decision.is_final


@pytest.mark.parametrize(
    "bad",
    [
        {
            "differential": [],
            "action": {"type": "order_tests", "tests": []},
        },  # an order with no tests
        {
            "differential": [{"diagnosis": "A", "probability": 1.5}],
            "action": {"type": "final_diagnosis", "diagnosis": "A", "confidence": 0.5},
        },
        {"differential": [], "action": {"type": "discharge"}},
        {
            "differential": [],
            "action": {"type": "final_diagnosis", "diagnosis": "", "confidence": 0.5},
        },
        {
            "differential": [],
            "action": {"type": "final_diagnosis", "diagnosis": "A", "confidence": 0.5},
            "extra": 1,
        },
    ],
)
def test_malformed_decisions_are_rejected(bad):
    with pytest.raises(ValidationError):
        TurnDecision.model_validate(bad)


def test_a_partial_decision_keeps_named_hypotheses_clamps_probabilities_and_ranks():
    partial = PartialTurnDecision.read(
        {
            "reasoning": "Pale and tired",
            "differential": [
                {"diagnosis": "Hypothyroidism", "probability": 0.2},
                {"diagnosis": "Iron deficiency anaemia", "probability": 7},  # clamped to 1
                {"diagnosis": "", "probability": 0.5},  # still being written: no name yet
                {"diagnosis": "Coeliac disease"},  # no probability yet: last
                {"diagnosis": "Lupus", "probability": "high", "evidence_for": ["rash", 3]},
                "half a hypo",
            ],
            "action": {"type": "order_tests", "tests": [{"test": "Ferritin"}, {"test": ""}, 7]},
        }
    )
    ranked = partial.ranked()
    assert [h.diagnosis for h in ranked] == [
        "Iron deficiency anaemia",
        "Hypothyroidism",
        "Coeliac disease",
        "Lupus",
    ]
    assert ranked[0].probability == 1.0 and ranked[0].percent == 100 and ranked[1].percent == 20
    assert ranked[2].probability is None and ranked[2].percent == 0
    assert ranked[3].evidence_for == ["rash"]
    assert partial.reasoning == "Pale and tired" and not partial.is_final
    assert partial.action.type == "order_tests"
    assert partial.action.tests == [TestOrder(test="Ferritin")]


def test_a_partial_decision_reads_anything_without_raising():
    for data in (None, "nonsense", [], {"differential": "x", "action": 3, "reasoning": 5}):
        partial = PartialTurnDecision.read(data)
        assert partial.differential == [] and partial.reasoning == "" and partial.action.type == ""
    final = PartialTurnDecision.read(
        {"action": {"type": "final_diagnosis", "diagnosis": "Anaemia", "confidence": -1}}
    )
    assert final.is_final and final.action.diagnosis == "Anaemia"
    assert final.action.confidence == 0.0


def test_a_complete_decision_shows_percentages_like_a_partial_one():
    decision = TurnDecision.model_validate(
        {
            "differential": [{"diagnosis": "A", "probability": 0.456}],
            "action": {"type": "final_diagnosis", "diagnosis": "A", "confidence": 0.7},
        }
    )
    assert decision.ranked()[0].percent == 46


def test_an_observation_keeps_its_json_shape_and_reads_bad_types_safely():
    obs = Observation(
        order="CBC",
        status="answered",
        item="Full blood count",
        category="Haem",
        result="Hb 90",
        score=0.93,
        cost=12.5,
    )
    assert obs.as_dict() == {
        "order": "CBC",
        "status": "answered",
        "item": "Full blood count",
        "category": "Haem",
        "result": "Hb 90",
        "score": 0.93,
        "cost": 12.5,
        "source": "oracle",
    }
    assert Observation.from_dict(obs.as_dict()) == obs and not obs.unavailable
    bad = Observation.from_dict(
        {
            "order": 7,
            "status": "maybe",
            "result": ["x"],
            "score": "high",
            "cost": "n/a",
            "source": "?",
        }
    )
    assert bad == Observation(order="", status="unavailable")
    assert bad.unavailable and Observation(order="X", status="pending").unavailable
    assert Observation.from_dict({"order": "X", "status": "answered", "cost": True}).cost == 0.0
    assert Observation.from_dict({"order": "X", "status": "answered", "cost": 3}).cost == 3.0
