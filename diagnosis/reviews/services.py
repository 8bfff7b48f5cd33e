"""Writes of the reviews room: a reviewer adds a review of one turn (never edits one)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from diagnosis.models import DiagnosticSession, Turn, TurnStatus
from diagnosis.reviews.models import FAILURE_MODES, NOTE_MAX, TurnReview
from diagnosis.reviews.selectors import can_review


class ReviewError(Exception):
    """Why a review was refused, in words the reviewer can act on (the view answers 400/403)."""


class ReviewNotAllowed(ReviewError):
    pass


def _rating(value: Any, what: str, *, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ReviewError(f"The {what} rating must be a whole number from 1 to 5.")
    return value


def review_add(
    *,
    session: DiagnosticSession,
    turn_index: int,
    author: Any,
    differential_rating: int,
    orders_rating: int | None = None,
    failure_modes: Iterable[str] = (),
    note: str = "",
) -> TurnReview:
    """Add `author`'s review of one completed turn; an earlier review of theirs stays, superseded
    for display. Raises ReviewNotAllowed (not a reviewer) or ReviewError (bad input)."""
    if not can_review(author):
        raise ReviewNotAllowed("Only reviewers rate turns.")
    modes = set(failure_modes)
    unknown = modes - set(FAILURE_MODES)
    if unknown:
        raise ReviewError(f"Unknown failure mode: {', '.join(sorted(unknown))}.")
    if not isinstance(note, str):
        raise ReviewError("The note must be text.")
    if "\x00" in note:
        raise ReviewError("The note contains a NUL character; remove it.")
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise ReviewError(f"The note is {len(note)} characters; at most {NOTE_MAX}.")
    diff = _rating(differential_rating, "differential")
    assert diff is not None
    orders = _rating(orders_rating, "orders", optional=True)
    with transaction.atomic():
        turn = (
            Turn.objects.filter(session_id=session.pk, index=turn_index)
            .only("status", "index")
            .first()
        )
        if turn is None:
            raise ReviewError(f"This session has no turn {turn_index + 1}.")
        if turn.status != TurnStatus.COMPLETED:
            raise ReviewError(f"Turn {turn_index + 1} has not completed; only its result is rated.")
        return TurnReview.objects.create(
            session=session,
            turn_index=turn_index,
            author=author,
            differential_rating=diff,
            orders_rating=orders,
            note=note,
            **{key: key in modes for key in FAILURE_MODES},
        )
