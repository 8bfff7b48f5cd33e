"""Deeply nested JSON in a case file: that record fails with its line number, the rest imports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from diagnosis.cases.importers import parse_file

DEMO = Path(settings.BASE_DIR) / "diagnosis" / "cases" / "demo_cases"
DEEP_LIST = "[" * 100_000 + "]" * 100_000
DEEP_OBJECT = '{"a":' * 10_000 + "1" + "}" * 10_000


def _nest(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = {"deeper": value}
    return value


def _native(n: int) -> dict[str, Any]:
    good = json.loads((DEMO / "01-iron-deficiency-anaemia.json").read_text())
    return {**good, "source": {**good["source"], "id": f"deep-{n}"}}


RECORDS: dict[str, Any] = {
    "native": _native,
    "agentclinic": lambda n: {
        "id": n,
        "OSCE_Examination": {
            "Patient_Actor": {
                "Demographics": "30-year-old woman",
                "History": "Two weeks of cough.",
                "Symptoms": {"Primary_Symptom": "Cough"},
            },
            "Test_Results": {"Spirometry": "Obstructive pattern"},
            "Correct_Diagnosis": "Asthma",
        },
    },
    "medrbench": lambda n: {
        "id": f"PMC{n}",
        "generate_case": {"diagnosis_results": "Sarcoidosis"},
        "derived": {
            "initial_presentation": "- Chief Complaint: cough",
            "ancillary_tests": "- Chest CT: hilar nodes",
        },
    },
    "mediq": lambda n: {
        "id": n,
        "context": ["An itchy rash on the elbows."],
        "facts": ["1. Itchy"],
        "options": {"A": "Psoriasis", "B": "Eczema"},
        "answer": "Psoriasis",
    },
}
# Where a record of each format can hide a deep value that json.loads itself still parses.
DEEP_INSIDE: dict[str, Any] = {
    "native": lambda r: {**r, "menu": [{"name": "CBC", "result": "ok", "values": _nest(400)}]},
    "agentclinic": lambda r: {
        **r,
        "OSCE_Examination": {**r["OSCE_Examination"], "Test_Results": _nest(400)},
    },
    "medrbench": lambda r: {**r, "checked_rare_disease": _nest(400)},
    "mediq": lambda r: {**r, "patient": _nest(400)},
}


@pytest.mark.parametrize("fmt", sorted(RECORDS))
def test_a_deeply_nested_line_is_a_line_error_and_the_next_lines_still_import(fmt, tmp_path):
    make = RECORDS[fmt]
    lines = [
        json.dumps(make(1)),
        DEEP_LIST,
        DEEP_OBJECT,
        json.dumps(DEEP_INSIDE[fmt](make(4))),
        json.dumps(make(5)),
    ]
    path = tmp_path / "deep.jsonl"
    path.write_text("\n".join(lines) + "\n")
    records = list(parse_file(path, fmt))
    assert [(r.line, r.ok) for r in records] == [
        (1, True),
        (2, False),
        (3, False),
        (4, False),
        (5, True),
    ]
    for record in records[1:4]:
        assert record.error is not None and "nested too deeply" in record.error, record.error


def test_a_deep_native_json_document_is_an_error_not_a_crash(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text(DEEP_LIST)
    records = list(parse_file(path, "native"))
    assert [(r.line, r.ok) for r in records] == [(1, False)]
    assert "nested too deeply" in (records[0].error or "")


def test_a_deep_record_in_a_native_json_array_fails_alone(tmp_path):
    records_in = [_native(1), DEEP_INSIDE["native"](_native(2)), _native(3)]
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(records_in))
    records = list(parse_file(path, "native"))
    assert [(r.line, r.ok) for r in records] == [(1, True), (2, False), (3, True)]
    assert "nested too deeply" in (records[1].error or "")


def test_a_nul_or_nan_in_a_record_is_a_line_error_not_a_database_error(tmp_path):
    nul = {**_native(2), "title": "Pale\u0000"}
    nan = _native(3)
    nan["menu"] = [{"name": "CBC", "result": "ok", "values": {"hb": float("nan")}}]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [_native(1), nul, nan, _native(4)]) + "\n")
    records = list(parse_file(path, "native"))
    assert [(r.line, r.ok) for r in records] == [(1, True), (2, False), (3, False), (4, True)]
    assert "NUL character" in (records[1].error or "")
    assert "finite" in (records[2].error or "")
