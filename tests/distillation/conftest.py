"""A small AgentClinic-format case file for distillation tests."""

from __future__ import annotations

import json

import pytest

from tests.helpers import osce


@pytest.fixture
def cases_file(tmp_path):
    path = tmp_path / "cases.jsonl"
    rows = [
        osce(
            "d-1",
            "Three days of fever, productive cough, pleuritic chest pain and crackles at the right "
            "base.",
            "Community-acquired pneumonia",
            {
                "Imaging": {"Chest_X-ray": "Right lower lobe consolidation"},
                "Blood_Tests": {"CRP": "180 mg/L (elevated)", "WBC": "16 x10^9/L (high)"},
            },
        ),
        osce(
            "d-2",
            "Three months of fatigue, breathlessness on stairs and heavy periods. Pale.",
            "Iron deficiency anaemia",
            {"Blood_Tests": {"CBC": "Hb 92 g/L, MCV 71 fL", "Ferritin": "6 ug/L (low)"}},
        ),
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path
