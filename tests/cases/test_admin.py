"""Case curation in the admin: filters, preview, publish/unpublish, edit history and versions."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from diagnosis.cases.services import case_edit, case_version_record
from diagnosis.models import Case, CaseStatus, TestMenuItem
from diagnosis.sessions import services
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator(make_user):  # type: ignore[no-untyped-def]
    return make_user("cora", "curator", is_staff=True)


def _form_data(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The change form as the browser would submit it, unchanged."""
    data: dict[str, str] = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = (
            json.dumps(value)
            if isinstance(value, (list, dict))
            else ("" if value is None else str(value))
        )
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = str(value)
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(
            len(formset.initial_forms)
        )  # no blank extra rows
        for sub in formset.initial_forms:
            for name, field in sub.fields.items():
                value = sub.initial.get(name, field.initial)
                if hasattr(value, "pk"):
                    value = value.pk
                if name == formset.fk.name:
                    value = formset.instance.pk
                data[sub.add_prefix(name)] = (
                    json.dumps(value)
                    if isinstance(value, (list, dict))
                    else ("" if value is None else str(value))
                )
    return data


def test_curator_filters_cases_without_tests_and_searches(client, curator):
    CaseFactory(title="Menu-less rash", menu=[("Examination", "Skin examination", [], "Rash", 0)])
    empty = Case.objects.create(
        title="No tests at all", initial_presentation="x", gold_diagnosis="y", source_id="e1"
    )
    client.force_login(curator)
    url = reverse("admin:diagnosis_case_changelist")
    response = client.get(url, {"has_tests": "no"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [empty]
    response = client.get(url, {"q": "rash"})
    assert [c.title for c in response.context["cl"].result_list] == ["Menu-less rash"]


def test_change_page_shows_turn0_beside_what_stays_hidden(client, curator, case):
    client.force_login(curator)
    response = client.get(reverse("admin:diagnosis_case_change", args=[case.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Seen at turn 0" in html and "Three months of fatigue" in html
    assert (
        "Hidden (menu and gold)" in html
        and "Iron deficiency anaemia" in html
        and "Hb 92 g/L" in html
    )


def test_preview_escapes_case_text(client, curator):
    bad = CaseFactory(initial_presentation="<script>alert(1)</script>")
    client.force_login(curator)
    html = client.get(reverse("admin:diagnosis_case_change", args=[bad.pk])).content.decode()
    assert (
        "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    )


def test_bulk_publish_and_unpublish(client, curator):
    cases = [CaseFactory(status=CaseStatus.DRAFT), CaseFactory(status=CaseStatus.DRAFT)]
    client.force_login(curator)
    url = reverse("admin:diagnosis_case_changelist")
    ids = [str(c.pk) for c in cases]
    client.post(url, {"action": "publish_selected", "_selected_action": ids})
    assert set(Case.objects.filter(pk__in=ids).values_list("status", flat=True)) == {
        CaseStatus.PUBLISHED
    }
    client.post(url, {"action": "unpublish_selected", "_selected_action": ids})
    assert set(Case.objects.filter(pk__in=ids).values_list("status", flat=True)) == {
        CaseStatus.DRAFT
    }


def test_an_inline_menu_edit_raises_the_version_and_keeps_the_old_one(client, curator, case):
    case_version_record(case=case, note="imported")
    client.force_login(curator)
    url = reverse("admin:diagnosis_case_change", args=[case.pk])
    data = _form_data(client.get(url))
    ferritin = TestMenuItem.objects.get(case=case, name="Ferritin")
    key = next(
        k for k, v in data.items() if k.endswith("-id") and v == str(ferritin.pk)
    ).removesuffix("-id")
    data[f"{key}-result"] = "4 ug/L (low)"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    case.refresh_from_db()
    assert case.version == 2
    old = case.versions.get(version=1).snapshot
    assert next(m for m in old["menu"] if m["name"] == "Ferritin")["result"] == "6 ug/L (low)"
    assert case.versions.get(version=2).edited_by == curator
    client.post(url, _form_data(client.get(url)))  # saving without changes adds no version
    case.refresh_from_db()
    assert case.version == 2


def test_an_edit_of_a_case_without_recorded_versions_keeps_what_its_sessions_ran_on(
    client, curator, personas, case, django_capture_on_commit_callbacks
):
    """A case made before versions were recorded: its sessions say version 1, so the edit must
    record the content they ran on as version 1 and the edited content as version 2."""
    with django_capture_on_commit_callbacks(execute=False):
        before = services.session_start(
            owner=personas["owner"], mode="simulated", policy="scripted", case=case
        )
    assert not case.versions.exists() and before.case_version == 1
    client.force_login(curator)
    url = reverse("admin:diagnosis_case_change", args=[case.pk])
    data = _form_data(client.get(url))
    data["initial_presentation"] = "Three months of fatigue; now also short of breath at rest."
    assert client.post(url, data).status_code == 302
    case.refresh_from_db()
    assert case.version == 2
    assert (
        case.versions.get(version=1).snapshot["initial_presentation"]
        == (before.case_snapshot["initial_presentation"])
    )
    assert case.versions.get(version=2).snapshot["initial_presentation"].endswith("at rest.")
    assert case.versions.get(version=2).edited_by == curator


def test_a_case_added_in_the_admin_with_its_menu_has_its_first_version(client, curator):
    client.force_login(curator)
    url = reverse("admin:diagnosis_case_add")
    page = client.get(url)
    data = {
        "title": "Added by hand",
        "status": CaseStatus.DRAFT,
        "demographics": "",
        "initial_presentation": "Cough for a week.",
        "history": "[]",
        "gold_diagnosis": "Acute bronchitis",
        "gold_aliases": "[]",
        "gold_codes": "{}",
        "reference_differential": "[]",
        "source_dataset": "native",
        "source_id": "added-1",
        "source_url": "",
        "licence": "",
        "references": "[]",
    }
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    menu = next(
        i.formset.prefix
        for i in page.context["inline_admin_formsets"]
        if "menu" in i.formset.prefix
    )
    data |= {
        f"{menu}-TOTAL_FORMS": "1",
        f"{menu}-0-position": "0",
        f"{menu}-0-category": "Imaging",
        f"{menu}-0-panel": "",
        f"{menu}-0-name": "Chest X-ray",
        f"{menu}-0-aliases": "[]",
        f"{menu}-0-result": "Clear lungs",
        f"{menu}-0-cost": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    case = Case.objects.get(source_id="added-1")
    assert case.version == 1
    first = case.versions.get(version=1)
    assert [m["name"] for m in first.snapshot["menu"]] == ["Chest X-ray"]
    assert first.edited_by == curator


def test_each_session_keeps_the_case_version_it_ran_on(
    personas, case, django_capture_on_commit_callbacks
):
    case_version_record(case=case)
    with django_capture_on_commit_callbacks(execute=False):
        first = services.session_start(
            owner=personas["owner"], mode="simulated", policy="scripted", case=case
        )
    case = case_edit(
        case=case,
        write=lambda c: TestMenuItem.objects.filter(case=c, name="Ferritin").update(
            result="4 ug/L (low)"
        ),
    )
    with django_capture_on_commit_callbacks(execute=False):
        second = services.session_start(
            owner=personas["owner"], mode="simulated", policy="scripted", case=case
        )
    assert (first.case_version, second.case_version) == (1, 2)
    ferritin = [m["result"] for m in first.case_snapshot["menu"] if m["name"] == "Ferritin"]
    assert ferritin == ["6 ug/L (low)"]


def test_a_clinician_cannot_open_case_curation(client, personas, case):
    client.force_login(personas["owner"])
    response = client.get(reverse("admin:diagnosis_case_change", args=[case.pk]))
    assert response.status_code in (302, 403)
    assert "Iron deficiency anaemia" not in response.content.decode()


def test_the_price_table_is_editable_by_curators(client, curator):
    from diagnosis.environment.costs import prices_seed

    prices_seed()
    client.force_login(curator)
    response = client.get(reverse("admin:diagnosis_testprice_changelist"))
    assert response.status_code == 200 and "Complete blood count" in response.content.decode()
