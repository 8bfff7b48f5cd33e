"""Reads of the reviews room. The caller has already checked that the user may read the session
(diagnosis.sessions.selectors.session_get_for_user); anyone who may read a session may read its
reviews. Only reviewers (and superusers) write them or use the queue.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from diagnosis.models import Case, DiagnosticSession, SessionStatus, Turn, TurnStatus
from diagnosis.reviews.agreement import agreement, machine_flags
from diagnosis.reviews.models import FAILURE_MODES, TurnReview
from diagnosis.sessions.selectors import REVIEWER, User, sessions_visible_to, user_roles

OUTCOMES = {"correct": "Correct", "incorrect": "Incorrect", "unfinished": "Unfinished"}
QUEUE_FLAGS = {
    "ungrounded_order": "Ungrounded order",
    "unsupported_update": "Unsupported update",
    "incoherence": "Incoherence",
}


def can_review(user: User) -> bool:
    return REVIEWER in user_roles(user)


def _author_name(review: TurnReview) -> str:
    author = review.author
    return str(getattr(author, "email", "") or author.get_username())


def _current_ids(reviews: Iterable[TurnReview]) -> set[int]:
    """The latest review per (session, turn, author): the one shown and counted."""
    latest: dict[tuple[int, int, int], TurnReview] = {}
    for review in reviews:  # ordered oldest first
        latest[(review.session_id, review.turn_index, review.author_id)] = review
    return {r.pk for r in latest.values()}


def _reviews(sessions: Iterable[DiagnosticSession]) -> list[TurnReview]:
    return list(
        TurnReview.objects.filter(session__in=list(sessions))
        .select_related("author")
        .order_by("session_id", "turn_index", "created_at", "id")
    )


def review_as_dict(review: TurnReview, *, current: bool, public_id: str = "") -> dict[str, Any]:
    return {
        "id": review.pk,
        "session": public_id or str(review.session.public_id),
        "turn": review.turn_index,
        "author_id": review.author_id,
        "author": _author_name(review),
        "created": review.created_at.isoformat(),
        "differential_rating": review.differential_rating,
        "orders_rating": review.orders_rating,
        "failure_modes": review.failure_modes,
        "note": review.note,
        "current": current,
    }


def reviews_for_session(session: DiagnosticSession) -> list[dict[str, Any]]:
    """Every review of the session, oldest first, as plain data (export- and JSON-ready):

    [{"id": int, "session": "<public uuid>", "turn": int (0-based Turn.index),
      "author_id": int, "author": "email or username", "created": "ISO 8601",
      "differential_rating": 1-5, "orders_rating": 1-5 | None,
      "failure_modes": {"ungrounded_order": bool, "unsupported_update": bool,
                        "incoherence": bool, "unsafe_omission": bool,
                        "premature_closure": bool},
      "note": str, "current": bool (False once the same author reviewed the turn again)}]
    """
    reviews = _reviews([session])
    current = _current_ids(reviews)
    public_id = str(session.public_id)
    return [review_as_dict(r, current=r.pk in current, public_id=public_id) for r in reviews]


def _machine_by_turn(sessions: Iterable[DiagnosticSession]) -> dict[tuple[int, int], dict]:
    rows = Turn.objects.filter(session__in=list(sessions), status=TurnStatus.COMPLETED).values_list(
        "session_id", "index", "metrics"
    )
    return {(sid, index): machine_flags(metrics) for sid, index, metrics in rows}


def _units(
    sessions: list[DiagnosticSession],
) -> list[tuple[dict[str, bool | None], dict[str, bool]]]:
    machine = _machine_by_turn(sessions)
    reviews = _reviews(sessions)
    current = _current_ids(reviews)
    return [
        (machine[(r.session_id, r.turn_index)], r.failure_modes)
        for r in reviews
        if r.pk in current and (r.session_id, r.turn_index) in machine
    ]


def agreement_for_session(session: DiagnosticSession) -> dict[str, Any]:
    """Agreement of reviewers' ticks with the machine's flags on this session, as plain data:

    {"session": "<public uuid>", "reviewers": int (authors with a current review),
     "units": int (current reviews of completed turns: one per reviewer and turn),
     "kinds": {"ungrounded_order" | "unsupported_update" | "incoherence": {
         "both": int, "machine_only": int, "reviewer_only": int, "neither": int,
         "n": int (units where the machine had a reading for this kind),
         "percent_agreement": float 0-100 | None (n == 0),
         "kappa": float | None (Cohen's kappa; None when n == 0 or chance agreement is 1)}}}
    """
    units = _units([session])
    reviewers = TurnReview.objects.filter(session=session).values("author_id").distinct().count()
    return {"session": str(session.public_id), "reviewers": reviewers, **agreement(units)}


def agreement_for_sessions(sessions: Iterable[DiagnosticSession]) -> dict[str, Any]:
    """The same counts pooled over several sessions (the queue): {"sessions": int, "units",
    "kinds"} with each kind as in agreement_for_session."""
    listed = list(sessions)
    return {"sessions": len(listed), **agreement(_units(listed))}


def current_reviews_by_turn(session: DiagnosticSession) -> dict[int, dict[str, list]]:
    """{turn index: {"current": [review dicts], "earlier": [review dicts]}} for the page."""
    out: dict[int, dict[str, list]] = {}
    for review in reviews_for_session(session):
        slot = out.setdefault(review["turn"], {"current": [], "earlier": []})
        slot["current" if review["current"] else "earlier"].append(review)
    return out


def review_queue(
    *,
    user: User,
    case: Case | None = None,
    policy: str = "",
    flag: str = "",
    outcome: str = "",
    include_reviewed: bool = False,
) -> QuerySet[DiagnosticSession]:
    """Sessions for a reviewer to review, newest first: those nobody has reviewed yet (every
    visible one with include_reviewed), filtered. Unknown flag or outcome values are the
    caller's to refuse (QUEUE_FLAGS, OUTCOMES); here they raise ValueError."""
    if not can_review(user):
        return DiagnosticSession.objects.none()
    reviewed = Exists(TurnReview.objects.filter(session_id=OuterRef("pk")))
    sessions = sessions_visible_to(user).annotate(reviewed=reviewed)
    if not include_reviewed:
        sessions = sessions.filter(reviewed=False)
    if case is not None:
        sessions = sessions.filter(case=case)
    if policy:
        sessions = sessions.filter(policy=policy)
    if flag:
        if flag not in QUEUE_FLAGS:
            raise ValueError(f"unknown flag {flag!r}")
        key = "incoherent" if flag == "incoherence" else flag
        flagged = Turn.objects.filter(session_id=OuterRef("pk"), **{f"metrics__flags__{key}": True})
        sessions = sessions.filter(Exists(flagged))
    if outcome:
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        done = Q(status=SessionStatus.COMPLETED)
        if outcome == "correct":
            sessions = sessions.filter(done, metrics__correct=True)
        elif outcome == "incorrect":
            sessions = sessions.filter(done).exclude(metrics__correct=True)
        else:
            sessions = sessions.exclude(done)
    return sessions.select_related("owner", "case").order_by("-created_at")


def queue_policies(*, user: User) -> list[str]:
    """The policies of sessions this user may review (the queue's policy filter)."""
    if not can_review(user):
        return []
    visible = sessions_visible_to(user).order_by("policy")
    return list(visible.values_list("policy", flat=True).distinct())


def compare_candidates(*, session: DiagnosticSession, user: User) -> QuerySet[DiagnosticSession]:
    """Other sessions of the same case this user may read ("Compare with…"), newest first."""
    if session.case_id is None:
        return DiagnosticSession.objects.none()
    return (
        sessions_visible_to(user)
        .filter(case_id=session.case_id)
        .exclude(pk=session.pk)
        .select_related("owner")
        .order_by("-created_at")
    )


__all__ = [
    "FAILURE_MODES",
    "OUTCOMES",
    "QUEUE_FLAGS",
    "agreement_for_session",
    "agreement_for_sessions",
    "can_review",
    "compare_candidates",
    "current_reviews_by_turn",
    "queue_policies",
    "review_queue",
    "reviews_for_session",
]
