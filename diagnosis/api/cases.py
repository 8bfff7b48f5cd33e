"""/api/v1/cases: the case library, through the same selectors as the case pages (the gold
diagnosis and the test menu only for those who may see hidden content)."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Path, Query, Router

from diagnosis.api.auth import user_of
from diagnosis.api.shapes import ERRORS, MAX_ID, CaseListOut, CaseOut, case_out, case_summary
from diagnosis.sessions import selectors

router = Router(tags=["cases"])


@router.get("", response={200: CaseListOut, **ERRORS}, summary="List cases")
def case_list(
    request: HttpRequest,
    q: str = Query("", max_length=200, description="Words of the title or presentation."),
    dataset: str = Query("", max_length=50, description="Only cases from this source."),
    status: str = Query("", max_length=20, description="Curators and reviewers only."),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=1_000_000),
) -> dict:
    cases = selectors.cases_search(user=user_of(request), query=q, dataset=dataset, status=status)
    cases = cases.order_by("title", "pk")
    return {
        "count": cases.count(),
        "items": [case_summary(c) for c in cases[offset : offset + limit]],
    }


@router.get("/{case_id}", response={200: CaseOut, **ERRORS}, summary="Read a case")
def case_read(request: HttpRequest, case_id: int = Path(..., ge=1, le=MAX_ID)) -> dict:
    user = user_of(request)
    case = selectors.case_get_for_user(case_id=case_id, user=user)
    if case is None:
        raise Http404("No such case.")
    return case_out(case, show_hidden=selectors.can_see_hidden_case_content(user))
