"""The admin validates a case through the native schema: a bad value is a field message on the
re-shown form (never a server error, nothing saved), a saved case always exports and re-imports,
and only those who may change cases can run the bulk actions."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from diagnosis.cases.importers import parse_file
from diagnosis.cases.snapshots import case_snapshot, case_to_native
from diagnosis.models import Case, CaseStatus, TestMenuItem
from tests.cases.test_admin import _form_data
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

JSON_FIELDS = ["history", "gold_aliases", "gold_codes", "reference_differential", "references"]
BAD_JSON = {
    "one": "1",
    "null": "null",
    "nan": "NaN",
    "inf": "1e999",
    "nul": '["a\\u0000b"]',
    "nul-raw": '["a\x00b"]',
    "deep": "[" * 100_000 + "]" * 100_000,
    "deep40": "[" * 40 + "]" * 40,
}
SHAPES = [
    ("history", '"str"'),
    ("history", "[1, 2]"),
    ("history", '{"a": 1}'),
    ("history", '[{"question": "Smoker?"}]'),
    ("history", '[{"question": "Smoker?", "answer": "No", "extra": 1}]'),
    ("gold_aliases", "[1, 2]"),
    ("gold_codes", '{"icd10": "D50.9"}'),
    ("reference_differential", '["x", ["y"]]'),
    ("references", '[{"a": 1}]'),
    ("initial_presentation", "x" * 100_000),
    ("initial_presentation", "fatigue\x00"),
    ("title", "Pale\x00"),
    ("gold_diagnosis", ""),
    ("source_dataset", "Not A Dataset!"),
]
MENU_BAD = {
    **{f"aliases={k}": ("aliases", v) for k, v in BAD_JSON.items()},
    "aliases=[[]]": ("aliases", "[[]]"),
    "aliases=[1]": ("aliases", "[1]"),
    "aliases=long": ("aliases", json.dumps(["x" * 301])),
    "cost=-5": ("cost", "-5"),
    "cost=99999999.99": ("cost", "99999999.99"),
    "result=nul": ("result", "low\x00"),
    "result=long": ("result", "x" * 100_000),
    "name=blank": ("name", ""),
}


@pytest.fixture
def curator(make_user):  # type: ignore[no-untyped-def]
    return make_user("cora", "curator", is_staff=True)


def _as_stored(case: Case) -> dict:  # type: ignore[type-arg]
    case = Case.objects.get(pk=case.pk)
    return case_snapshot(case).stored()


def _field_errors(response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    errors = {k: list(v) for k, v in response.context["adminform"].form.errors.items()}
    for inline in response.context["inline_admin_formsets"]:
        for sub in inline.formset.forms:
            for name, messages in sub.errors.items():
                errors.setdefault(f"menu.{name}", []).extend(messages)
        for message in inline.formset.non_form_errors():
            errors.setdefault("menu", []).append(message)
    return errors


def _post_bad(client, case, field: str, value: str, *, menu: bool):  # type: ignore[no-untyped-def]
    url = reverse("admin:diagnosis_case_change", args=[case.pk])
    data = _form_data(client.get(url))
    if menu:
        ferritin = TestMenuItem.objects.get(case=case, name="Ferritin")
        key = next(
            k for k, v in data.items() if k.endswith("-id") and v == str(ferritin.pk)
        ).removesuffix("-id")
        data[f"{key}-{field}"] = value
    else:
        data[field] = value
    return client.post(url, data)


CASE_BAD = [(f, v) for f in JSON_FIELDS for v in BAD_JSON.values()] + SHAPES
CASE_IDS = [f"{f}={k}" for f in JSON_FIELDS for k in BAD_JSON] + [
    f"{f}={v[:12]!r}" for f, v in SHAPES
]


@pytest.mark.parametrize("field,value", CASE_BAD, ids=CASE_IDS)
def test_a_bad_case_field_is_refused_with_its_message(client, curator, case, field, value):
    before = _as_stored(case)
    client.force_login(curator)
    response = _post_bad(client, case, field, value, menu=False)
    assert response.status_code == 200, "the form must be re-shown, not saved or crashed"
    errors = _field_errors(response)
    assert errors.get(field), errors
    assert _as_stored(case) == before


@pytest.mark.parametrize("field,value", list(MENU_BAD.values()), ids=list(MENU_BAD))
def test_a_bad_menu_item_is_refused_with_its_message(client, curator, case, field, value):
    before = _as_stored(case)
    client.force_login(curator)
    response = _post_bad(client, case, field, value, menu=True)
    assert response.status_code == 200, "the form must be re-shown, not saved or crashed"
    errors = _field_errors(response)
    assert errors.get(f"menu.{field}"), errors
    assert _as_stored(case) == before


GOOD_EDITS = [
    ("history", '[{"question": "Smoker?", "answer": "Never smoked."}]', False),
    ("gold_aliases", '["IDA", "Iron deficiency"]', False),
    ("gold_codes", '{"icd10": ["D50.9"]}', False),
    ("reference_differential", '["Thalassaemia trait", "Coeliac disease"]', False),
    ("references", '["NICE CKS: anaemia - iron deficiency"]', False),
    ("initial_presentation", "Three months of fatigue. " * 100, False),
    ("aliases", '["serum ferritin"]', True),
    ("cost", "999999.99", True),
    ("cost", "", True),
]


@pytest.mark.parametrize("field,value,menu", GOOD_EDITS, ids=[f"{f}" for f, _, _ in GOOD_EDITS])
def test_every_saved_edit_exports_and_imports_back(
    client, curator, case, tmp_path, field, value, menu
):
    client.force_login(curator)
    response = _post_bad(client, case, field, value, menu=menu)
    assert response.status_code == 302, _field_errors(response)
    exported = tmp_path / "cases.jsonl"
    call_command("export_cases", str(exported), stderr=io.StringIO())
    records = list(parse_file(exported, "native"))
    assert [r.error for r in records] == [None]
    assert records[0].case == case_to_native(Case.objects.get(pk=case.pk))
    out = io.StringIO()
    call_command("import_cases", str(exported), "--format", "native", "--update", stdout=out)
    assert "skipped 1" in out.getvalue()


def test_a_new_case_with_a_bad_field_is_not_created(client, curator):
    client.force_login(curator)
    url = reverse("admin:diagnosis_case_add")
    data = {
        "title": "New case",
        "status": "draft",
        "demographics": "",
        "initial_presentation": "Cough.",
        "history": '"str"',
        "gold_diagnosis": "Asthma",
        "gold_aliases": "[]",
        "gold_codes": "{}",
        "reference_differential": "[]",
        "source_dataset": "native",
        "source_id": "new-1",
        "source_url": "",
        "licence": "",
        "references": "[]",
        "menu_items-TOTAL_FORMS": "0",
        "menu_items-INITIAL_FORMS": "0",
        "versions-TOTAL_FORMS": "0",
        "versions-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert _field_errors(response).get("history")
    assert not Case.objects.filter(source_id="new-1").exists()
    data["history"] = "[]"
    assert client.post(url, data).status_code == 302
    assert Case.objects.filter(source_id="new-1").exists()


@pytest.mark.parametrize("action", ["publish_selected", "unpublish_selected"])
def test_a_reviewer_cannot_run_the_bulk_actions_and_a_curator_can(client, make_user, action):
    start = CaseStatus.DRAFT if action == "publish_selected" else CaseStatus.PUBLISHED
    done = CaseStatus.PUBLISHED if action == "publish_selected" else CaseStatus.DRAFT
    cases = [CaseFactory(status=start), CaseFactory(status=start)]
    ids = [str(c.pk) for c in cases]
    url = reverse("admin:diagnosis_case_changelist")
    client.force_login(make_user("rita", "reviewer", is_staff=True))
    assert client.get(url).status_code == 200  # a reviewer may read the list
    client.post(url, {"action": action, "_selected_action": ids})
    assert set(Case.objects.filter(pk__in=ids).values_list("status", flat=True)) == {start}
    client.force_login(make_user("cora", "curator", is_staff=True))
    client.post(url, {"action": action, "_selected_action": ids})
    assert set(Case.objects.filter(pk__in=ids).values_list("status", flat=True)) == {done}
