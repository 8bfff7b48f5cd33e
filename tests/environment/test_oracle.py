"""The oracle: synonyms, panels, imaging modality x region, ranking across categories, explicit
UNAVAILABLE, and precision/recall on labelled orders against the dev cases."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from diagnosis.cases.importers import parse_file
from diagnosis.environment import oracle
from diagnosis.management.commands.ask_oracle import score_answers

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DATA = Path(settings.MEDACTION_DATA_DIR) / "cases" if str(settings.MEDACTION_DATA_DIR) else None


def item(name, result="r", category="Laboratory", panel="", aliases=()):  # type: ignore[no-untyped-def]
    return {
        "name": name,
        "result": result,
        "category": category,
        "panel": panel,
        "aliases": list(aliases),
    }


MENU = [
    item("Temperature", "37.1 C", "Vital signs", "Vital signs"),
    item("Blood pressure", "120/80", "Vital signs", "Vital signs"),
    item("Abdominal examination", "Soft, non-tender", "Examination"),
    item("Hemoglobin", "88 g/L", panel="Complete blood count"),
    item("WBC", "6.1", panel="Complete blood count"),
    item("Platelets", "300", panel="Complete blood count"),
    item("Sodium", "139", panel="Serum chemistry"),
    item("Potassium", "4.1", panel="Serum chemistry"),
    item("Creatinine", "80", panel="Serum chemistry"),
    item("ALT", "22"),
    item("Bilirubin", "9"),
    item("Troponin I", "<5 ng/L"),
    item("Urinalysis", "Nitrite negative"),
    item("Chest X-ray", "Clear lungs", "Imaging"),
    item("CT abdomen and pelvis with contrast", "Normal appendix", "Imaging"),
    item("MRI brain", "Normal", "Imaging"),
    item("Abdominal ultrasound", "Normal liver", "Imaging"),
    item("Echocardiogram", "EF 60%", "Imaging"),
    item("ECG", "Sinus rhythm", "Function tests"),
    item("Arterial blood gas", "pH 7.40", panel=""),
]


def answered(order: str, menu=MENU) -> str | None:  # type: ignore[no-untyped-def]
    found = oracle.match(order, menu)
    return found.item if found.status == "answered" else None


@pytest.mark.parametrize(
    "order,expected",
    [
        ("CBC", "Complete blood count"),
        ("FBC", "Complete blood count"),
        ("full blood count", "Complete blood count"),
        ("complete blood count with differential", "Complete blood count"),
        ("Hb", "Hemoglobin"),
        ("haemoglobin level", "Hemoglobin"),
        ("white cell count", "WBC"),
        ("plt", "Platelets"),
        ("U&E", "Serum chemistry"),
        ("chem7", "Serum chemistry"),
        ("BMP", "Serum chemistry"),
        ("serum Na", "Sodium"),
        ("SGPT", "ALT"),
        ("serum troponin", "Troponin I"),
        ("hs-trop", "Troponin I"),
        ("UA", "Urinalysis"),
        ("urine dipstick", "Urinalysis"),
        ("CXR", "Chest X-ray"),
        ("chest radiograph PA and lateral", "Chest X-ray"),
        ("CT abdomen with contrast", "CT abdomen and pelvis with contrast"),
        ("CT A/P", "CT abdomen and pelvis with contrast"),
        ("MRI head", "MRI brain"),
        ("RUQ ultrasound", "Abdominal ultrasound"),
        ("US abdomen", "Abdominal ultrasound"),
        ("TTE", "Echocardiogram"),
        ("echo", "Echocardiogram"),
        ("EKG", "ECG"),
        ("12-lead electrocardiogram", "ECG"),
        ("ABG", "Arterial blood gas"),
        ("vitals", "Vital signs"),
        ("BP", "Blood pressure"),
        ("temp", "Temperature"),
        ("abdo exam", "Abdominal examination"),
        ("trponin", "Troponin I"),
        ("urinalisis", "Urinalysis"),
        ("repeat troponin in 3 hours", "Troponin I"),
        ("serial troponins", "Troponin I"),
        ("12 lead ECG now", "ECG"),
        ("urine dip", "Urinalysis"),
        ("chest x-ray to rule out pneumonia", "Chest X-ray"),
    ],
)
def test_it_answers_synonyms_abbreviations_and_misspellings(order, expected):
    assert answered(order) == expected


@pytest.mark.parametrize(
    "order",
    [
        "CT head",
        "MRI abdomen",
        "chest CT",
        "doppler ultrasound of the legs",
        "TSH",
        "lipase",
        "D-dimer",
        "blood cultures",
        "hemoglobin electrophoresis",
        "colonoscopy",
        "HIV test",
        "x-ray of the knee",
        "",
        "   ",
        "!!!",
        "please",
        "CT-guided biopsy of the liver",
    ],
)
def test_it_says_unavailable_instead_of_inventing_a_result(order):
    found = oracle.match(order, MENU)
    assert found.status == "unavailable" and found.item is None and found.result is None


def test_a_specimen_in_the_order_must_match_the_item():
    menu = [
        item("Blood ketones (beta-hydroxybutyrate)", "5.8 mmol/L"),
        item("24-hour urinary copper", "2.1"),
    ]
    assert answered("urine ketones", menu) is None
    assert answered("serum ketones", menu) == "Blood ketones (beta-hydroxybutyrate)"
    assert answered("24h urine copper", menu) == "24-hour urinary copper"


def test_a_purpose_clause_does_not_widen_the_match():
    menu = [
        item("CT head", "Normal", "Imaging"),
        item("Slit lamp examination", "KF rings", "Examination"),
    ]
    assert answered("slit-lamp exam for KF rings", menu) == "Slit lamp examination"
    assert answered("CT to look for kidney stones", menu) is None


def test_a_panel_order_returns_every_item_of_the_panel():
    found = oracle.match("CBC", MENU)
    assert found.item == "Complete blood count"
    assert found.result == "Hemoglobin: 88 g/L; WBC: 6.1; Platelets: 300"
    assert [i["name"] for i in found.items] == ["Hemoglobin", "WBC", "Platelets"]


def test_a_panel_is_assembled_from_loose_items_when_the_menu_has_no_such_panel():
    loose = [
        item("Sodium", "139"),
        item("Potassium", "4.1"),
        item("Glucose", "5.0"),
        item("TSH", "2.0"),
    ]
    found = oracle.match("basic metabolic panel", loose)
    assert found.status == "answered" and found.item == "Basic metabolic panel"
    assert {i["name"] for i in found.items} == {"Sodium", "Potassium", "Glucose"}


def test_examination_orders_never_land_on_tests_and_tests_never_on_examinations():
    menu = [
        item("Abdominal examination", "Soft", "Examination"),
        item("CT abdomen", "Normal", "Imaging"),
        item("Chest examination", "Clear", "Examination"),
    ]
    assert answered("abdominal exam", menu) == "Abdominal examination"
    assert answered("abdominal CT", menu) == "CT abdomen"
    assert answered("chest x-ray", menu) is None


def test_imaging_needs_the_same_modality_and_overlapping_region():
    menu = [item("CT head", "Normal", "Imaging"), item("CT chest", "Nodule", "Imaging")]
    assert answered("non-contrast CT of the brain", menu) == "CT head"
    assert answered("CT thorax", menu) == "CT chest"
    assert answered("MRI chest", menu) is None
    assert answered("CT", menu) is None  # two CTs: ambiguous, so not guessed


def test_an_imaging_site_outside_the_vocabulary_still_has_to_agree():
    menu = [
        item("Ultrasound abdomen", "Normal", "Imaging"),
        item("Transrectal ultrasound", "57 cc", "Imaging"),
        item("CT pulmonary angiogram", "Emboli", "Imaging"),
    ]
    assert answered("temporal artery ultrasound", menu) is None
    assert answered("abdominal US", menu) == "Ultrasound abdomen"
    assert answered("transrectal ultrasound", menu) == "Transrectal ultrasound"
    assert answered("CTPA", menu) == "CT pulmonary angiogram"
    assert answered("CT angiography of the aorta", menu) is None
    assert answered("pelvic ultrasound", menu) is None


def test_urinalysis_is_not_any_urine_test():
    menu = [item("24-hour urinary copper", "2.1"), item("Urine beta hCG", "Negative")]
    assert answered("urinalysis", menu) is None
    assert answered("urine copper", menu) == "24-hour urinary copper"
    assert answered("pregnancy test", menu) == "Urine beta hCG"


def test_panel_leaves_take_their_specimen_and_a_24_hour_collection_is_its_own_test():
    menu = [
        item("WBC", "0-5/HPF", panel="Urinalysis"),
        item("Protein", "4+", panel="Urinalysis"),
        item("Ophthalmic examination", "Red eye", "Examination"),
        item("Fundoscopy", "Normal", "Examination"),
    ]
    assert answered("urine protein", menu) == "Protein"
    assert answered("24-hour urine protein", menu) is None
    assert answered("eye exam", menu) == "Ophthalmic examination"
    assert answered("intraocular pressure", menu) is None  # not every eye examination measured it


def test_a_lab_item_whose_result_mentions_the_analyte_answers_it():
    menu = [
        item("Laboratory findings", "Elevated troponin and BNP; leukocytosis"),
        item("ECG", "ST depression"),
    ]
    assert answered("troponin", menu) == "Laboratory findings"
    assert answered("WBC", menu) == "Laboratory findings"
    assert answered("lipase", menu) is None


def test_it_answers_nothing_from_an_empty_menu():
    assert oracle.match("CBC", []).status == "unavailable"


def _dev_menus(cases: set[str]) -> dict[str, list[dict]]:
    menus: dict[str, list[dict]] = {}
    for name, fmt in (
        ("agentclinic_medqa_ext.dev.jsonl", "agentclinic"),
        ("medrbench_pmc400.dev.jsonl", "medrbench"),
    ):
        for record in parse_file(DATA / name, fmt):
            if record.case and record.case.source.id in cases:
                menus[record.case.source.id] = [m.model_dump() for m in record.case.menu]
    return menus


@pytest.mark.skipif(
    DATA is None or not DATA.is_dir(),
    reason="MEDACTION_DATA_DIR/cases is missing (the shared dev datasets)",
)
@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("oracle_orders*.jsonl")))
def test_precision_and_recall_on_labelled_orders_against_dev_cases(fixture):
    rows = [
        json.loads(line) for line in (FIXTURES / fixture).read_text().splitlines() if line.strip()
    ]
    assert (
        len(rows) >= 150 and sum(r["expected"] is None for r in rows) >= 50
    )  # real lists, with UNAVAILABLE
    menus = _dev_menus({r["case"] for r in rows})
    pairs = [(r["expected"], answered(r["order"], menus[r["case"]])) for r in rows]
    score = score_answers(pairs)
    assert score["precision"] >= 0.95, score
    assert score["recall"] >= 0.85, score


def test_ask_oracle_prints_one_json_line_per_order(db, case, tmp_path):
    orders = tmp_path / "orders.jsonl"
    orders.write_text(
        "\n".join(
            json.dumps(row)
            for row in [
                {"case": case.pk, "order": "full blood count"},
                {"case": case.source_id, "order": "ferritin level"},
                {"case": case.source_id, "order": "MRI brain"},
            ]
        )
        + "\n"
    )
    out = io.StringIO()
    call_command("ask_oracle", "--orders", str(orders), stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [set(line) for line in lines] == [
        {"case", "order", "status", "item", "result", "score", "cost"}
    ] * 3
    assert (
        lines[0]["status"] == "answered"
        and lines[0]["item"] == "Complete blood count"
        and lines[0]["cost"] == 10.0
    )
    assert lines[1]["item"] == "Ferritin" and lines[1]["result"] == "6 ug/L (low)"
    assert lines[2] == {
        "case": case.source_id,
        "order": "MRI brain",
        "status": "unavailable",
        "item": None,
        "result": None,
        "score": lines[2]["score"],
        "cost": 0.0,
    }


def test_ask_oracle_reports_unknown_cases_and_bad_lines_and_exits_non_zero(db, case, tmp_path):
    orders = tmp_path / "orders.jsonl"
    orders.write_bytes(
        b'{"case": "nope", "order": "CBC"}\n{"case": 1, "ord\n'
        + json.dumps({"case": case.source_id, "order": "CBC"}).encode()
        + b"\n"
    )
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("ask_oracle", "--orders", str(orders), stdout=out, stderr=err)
    assert exc.value.returncode == 1
    assert (
        "orders.jsonl:1: no case 'nope'" in err.getvalue()
        and "orders.jsonl:2: bad line" in err.getvalue()
    )
    assert len(out.getvalue().splitlines()) == 1
