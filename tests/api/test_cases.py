"""/api/v1/cases: the case library as the pages show it, the gold hidden by role."""

from __future__ import annotations

import json

import pytest

from diagnosis.models import CaseStatus
from tests.api.conftest import assert_error
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_a_clinician_lists_published_cases_only(api_as):
    published = CaseFactory(title="Published anaemia")
    CaseFactory(title="Draft anaemia", status=CaseStatus.DRAFT)
    body = api_as("owner").get("/cases").json()
    assert body["count"] == 1
    assert [c["id"] for c in body["items"]] == [published.pk]


def test_a_curator_lists_drafts_too_and_filters_by_status(api_as):
    CaseFactory(title="Published anaemia")
    draft = CaseFactory(title="Draft anaemia", status=CaseStatus.DRAFT)
    api = api_as("curator")
    assert api.get("/cases").json()["count"] == 2
    assert [c["id"] for c in api.get("/cases", status="draft").json()["items"]] == [draft.pk]


def test_search_pages_and_never_matches_the_gold_for_a_clinician(api_as):
    for n in range(3):
        CaseFactory(title=f"Fatigue {n}", gold_diagnosis="Coeliac disease")
    clinician, reviewer = api_as("owner"), api_as("reviewer")
    assert clinician.get("/cases", q="Fatigue").json()["count"] == 3
    page = clinician.get("/cases", q="Fatigue", limit=2, offset=2).json()
    assert page["count"] == 3 and len(page["items"]) == 1
    assert clinician.get("/cases", q="Coeliac").json()["count"] == 0
    assert reviewer.get("/cases", q="Coeliac").json()["count"] == 3


def test_a_clinician_reads_a_case_without_its_gold_or_menu(api_as):
    case = CaseFactory(gold_diagnosis="Hereditary spherocytosis", gold_aliases=["HS"])
    response = api_as("owner").get(f"/cases/{case.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == case.title and body["initial_presentation"]
    assert body["hidden"] is None
    text = json.dumps(body)
    for secret in ("Hereditary spherocytosis", "Hb 92 g/L", "Ferritin"):
        assert secret not in text


@pytest.mark.parametrize("who", ["reviewer", "curator"])
def test_reviewers_and_curators_read_the_gold_and_the_menu(api_as, who):
    case = CaseFactory(gold_diagnosis="Hereditary spherocytosis")
    hidden = api_as(who).get(f"/cases/{case.pk}").json()["hidden"]
    assert hidden["gold_diagnosis"] == "Hereditary spherocytosis"
    assert [m["name"] for m in hidden["menu"]] == ["Complete blood count", "Ferritin", "TSH"]
    assert hidden["menu"][0]["result"] == "Hb 92 g/L, MCV 71 fL"


def test_a_draft_case_is_not_found_for_a_clinician(api_as):
    draft = CaseFactory(status=CaseStatus.DRAFT)
    assert_error(api_as("owner").get(f"/cases/{draft.pk}"), 404, "not_found")
    assert api_as("curator").get(f"/cases/{draft.pk}").status_code == 200


@pytest.mark.parametrize("case_id", ["0", "-1", "abc", str(2**40), "1.5"])
def test_a_bad_case_id_is_a_422_naming_the_field(api_as, case_id):
    error = assert_error(api_as("owner").get(f"/cases/{case_id}"), 422, "invalid")
    assert "path.case_id" in error["fields"]


def test_an_unknown_case_is_a_404(api_as):
    assert_error(api_as("owner").get("/cases/999999"), 404, "not_found")


@pytest.mark.parametrize(
    "query", [{"limit": "0"}, {"limit": "5000"}, {"offset": "-3"}, {"q": "x" * 201}]
)
def test_bad_list_parameters_are_a_422(api_as, query):
    error = assert_error(api_as("owner").get("/cases", **query), 422, "invalid")
    assert any(name.startswith("query.") for name in error["fields"])


def test_a_nul_in_the_query_is_a_400_in_json(api_as):
    response = api_as("owner").client.get(
        "/api/v1/cases?q=a%00b", headers={"Authorization": f"Bearer {api_as('owner').token}"}
    )
    assert_error(response, 400, "bad_request")


def test_an_over_long_query_string_is_a_414_in_json(api_as):
    api = api_as("owner")
    response = api.client.get(
        "/api/v1/cases?q=" + "x" * 20000, headers={"Authorization": f"Bearer {api.token}"}
    )
    assert_error(response, 414, "uri_too_long")


def test_cases_take_no_post_and_unknown_addresses_are_json_404s(api_as):
    api = api_as("owner")
    response = api.request("DELETE", "/cases")
    assert_error(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET"
    assert_error(api.get("/no-such-thing"), 404, "not_found")
