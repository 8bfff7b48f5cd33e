"""Small case sets for benchmark tests: AgentClinic OSCE records written here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import osce


def pneumonia(n: int) -> dict[str, Any]:
    return osce(
        f"bench-{n}",
        "Three days of fever, productive cough, pleuritic chest pain and crackles at the right "
        "base.",
        "Community-acquired pneumonia",
        {
            "Imaging": {"Chest_X-ray": "Right lower lobe consolidation"},
            "Blood_Tests": {"CRP": "180 mg/L (elevated)"},
        },
    )


def write_cases(path: Path, n: int, *, bad_line: bool = False) -> Path:
    lines = [json.dumps(pneumonia(i)) for i in range(n)]
    if bad_line:
        lines.insert(1, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
