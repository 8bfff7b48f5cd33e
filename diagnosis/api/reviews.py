"""/api/v1/sessions/{id}/reviews: read a session's turn reviews with their agreement with the
machine's flags, and (reviewers) add one. The same selectors and service as the review panel."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from pydantic import StringConstraints

from diagnosis.api.auth import user_of
from diagnosis.api.shapes import ERRORS, NO_NUL, In
from diagnosis.reviews import selectors as review_selectors
from diagnosis.reviews import services as review_services
from diagnosis.reviews.models import NOTE_MAX
from diagnosis.sessions import selectors

try:
    from ninja import Status
except ImportError:  # django-ninja before Status: a (status, body) tuple  # pragma: no cover

    def Status(status_code: int, value: Any) -> Any:  # type: ignore[no-redef]  # noqa: N802
        return (status_code, value)


router = Router(tags=["reviews"])

FailureMode = Literal[
    "ungrounded_order", "unsupported_update", "incoherence", "unsafe_omission", "premature_closure"
]
Note = Annotated[str, StringConstraints(max_length=NOTE_MAX), NO_NUL]


class ReviewIn(In):
    turn: int = Field(ge=0, le=1000, description="The turn's 0-based index.")
    differential_rating: int = Field(ge=1, le=5)
    orders_rating: int | None = Field(default=None, ge=1, le=5)
    failure_modes: list[FailureMode] = Field(default_factory=list, max_length=5)
    note: Note = ""


class ReviewOut(Schema):
    id: int
    session: str
    turn: int
    author_id: int
    author: str
    created: str
    differential_rating: int
    orders_rating: int | None
    failure_modes: dict[str, bool]
    note: str
    current: bool


class KindAgreementOut(Schema):
    both: int
    machine_only: int
    reviewer_only: int
    neither: int
    n: int
    percent_agreement: float | None
    kappa: float | None


class AgreementOut(Schema):
    session: str
    reviewers: int
    units: int
    kinds: dict[str, KindAgreementOut]


class ReviewsOut(Schema):
    items: list[ReviewOut]
    agreement: AgreementOut


def _readable(request: HttpRequest, session_id: str) -> Any:
    session = selectors.session_get_for_user(public_id=session_id, user=user_of(request))
    if session is None:
        raise Http404("No such session.")
    return session


def _as_json(review: dict[str, Any]) -> dict[str, Any]:
    created = review["created"]
    return {**review, "created": created if isinstance(created, str) else created.isoformat()}


@router.get("/{session_id}/reviews", response={200: ReviewsOut, **ERRORS}, summary="Read reviews")
def reviews_read(request: HttpRequest, session_id: str) -> dict:
    """Every review of the session, oldest first (`current` is false once its author reviewed
    the same turn again), and the agreement of current reviews with the machine's flags."""
    session = _readable(request, session_id)
    return {
        "items": [_as_json(r) for r in review_selectors.reviews_for_session(session)],
        "agreement": review_selectors.agreement_for_session(session),
    }


@router.post("/{session_id}/reviews", response={201: ReviewOut, **ERRORS}, summary="Add a review")
def review_create(request: HttpRequest, session_id: str, payload: ReviewIn) -> Any:
    """Reviewers rate one completed turn (append-only: a second review of the same turn by the
    same reviewer supersedes the first for display; both are kept). 403 for other roles, 422
    for a turn that does not exist or has not completed."""
    session = _readable(request, session_id)
    try:
        review = review_services.review_add(
            session=session,
            turn_index=payload.turn,
            author=user_of(request),
            differential_rating=payload.differential_rating,
            orders_rating=payload.orders_rating,
            failure_modes=payload.failure_modes,
            note=payload.note,
        )
    except review_services.ReviewNotAllowed as exc:
        raise PermissionDenied(str(exc)) from None
    except review_services.ReviewError as exc:
        raise HttpError(422, str(exc)) from None
    rows = review_selectors.reviews_for_session(session)
    return Status(201, _as_json(next(r for r in rows if r["id"] == review.pk)))
