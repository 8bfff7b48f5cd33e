"""TurnDecision: one definition, its schema exported to docs/, strict about what policies send."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from diagnosis.protocol import TurnDecision, turn_decision_json_schema

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
