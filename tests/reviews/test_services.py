"""Adding reviews: who may, what is refused (nothing written), and append-only at the database."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from diagnosis.models import Turn, TurnStatus
from diagnosis.reviews import services
from diagnosis.reviews.models import NOTE_MAX, ReviewImmutableError, TurnReview
from diagnosis.reviews.selectors import reviews_for_session
from tests.conftest import on_postgres
from tests.helpers import scored_session

pytestmark = pytest.mark.django_db


def _add(session, author, **kwargs):  # type: ignore[no-untyped-def]
    fields = {"turn_index": 0, "differential_rating": 4, "orders_rating": 3}
    fields.update(kwargs)
    return services.review_add(session=session, author=author, **fields)


def test_a_reviewer_adds_a_review_and_a_second_one_supersedes_it_for_display(personas):
    session = scored_session(personas["owner"], [{"ungrounded_order": True}])
    first = _add(session, personas["reviewer"], failure_modes=["ungrounded_order"], note="odd")
    _add(session, personas["reviewer"], differential_rating=2, note="on reflection, worse")
    reviews = reviews_for_session(session)
    assert [(r["differential_rating"], r["current"]) for r in reviews] == [(4, False), (2, True)]
    assert reviews[0]["failure_modes"]["ungrounded_order"] is True
    assert reviews[0]["author"] == "rita@example.org" and reviews[0]["id"] == first.pk
    assert reviews[1]["note"] == "on reflection, worse"


def test_several_reviewers_each_have_a_current_review(personas, make_user):
    session = scored_session(personas["owner"], [{}])
    other = make_user("rory", "reviewer")
    _add(session, personas["reviewer"])
    _add(session, other)
    assert [r["current"] for r in reviews_for_session(session)] == [True, True]


@pytest.mark.parametrize("who", ["owner", "other_clinician", "curator", "auditor"])
def test_only_reviewers_may_review(personas, who):
    session = scored_session(personas["owner"], [{}])
    with pytest.raises(services.ReviewNotAllowed):
        _add(session, personas[who])
    assert not TurnReview.objects.exists()


def test_a_superuser_may_review(personas, make_user):
    session = scored_session(personas["owner"], [{}])
    _add(session, make_user("root", is_superuser=True))
    assert TurnReview.objects.count() == 1


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"differential_rating": 0}, "from 1 to 5"),
        ({"differential_rating": 6}, "from 1 to 5"),
        ({"orders_rating": True}, "from 1 to 5"),
        ({"note": "a\x00b"}, "NUL"),
        ({"note": "x" * (NOTE_MAX + 1)}, "at most"),
        ({"failure_modes": ["vibes"]}, "Unknown failure mode"),
        ({"turn_index": 7}, "no turn 8"),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_nothing_written(personas, bad, message):
    session = scored_session(personas["owner"], [{}])
    with pytest.raises(services.ReviewError, match=message):
        _add(session, personas["reviewer"], **bad)
    assert not TurnReview.objects.exists()


def test_a_turn_that_has_not_completed_cannot_be_rated(personas):
    session = scored_session(personas["owner"], [{}])
    Turn.objects.create(session=session, index=1, status=TurnStatus.RUNNING)
    with pytest.raises(services.ReviewError, match="not completed"):
        _add(session, personas["reviewer"], turn_index=1)


def test_the_model_refuses_to_change_or_delete_a_review(personas):
    review = _add(scored_session(personas["owner"], [{}]), personas["reviewer"])
    review.note = "rewritten"
    with pytest.raises(ReviewImmutableError):
        review.save()
    with pytest.raises(ReviewImmutableError):
        review.delete()


@pytest.mark.postgres
def test_the_database_refuses_update_and_delete_of_a_review(personas):
    assert on_postgres()
    review = _add(scored_session(personas["owner"], [{}]), personas["reviewer"])
    for attempt in (
        lambda: TurnReview.objects.filter(pk=review.pk).update(note="rewritten"),
        lambda: TurnReview.objects.filter(pk=review.pk).delete(),
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            attempt()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM diagnosis_turnreview")
    stored = TurnReview.objects.get(pk=review.pk)
    assert stored.note == "" and stored.differential_rating == 4


def test_reviewers_may_add_and_view_reviews_auditors_only_view_them(personas):
    def may(who: str, action: str) -> bool:
        return personas[who].has_perm(f"diagnosis.{action}_turnreview")

    assert may("reviewer", "add") and may("reviewer", "view")
    assert may("auditor", "view") and not may("auditor", "add")
    assert not may("owner", "view") and not may("curator", "add")
    assert not any(may(who, "change") or may(who, "delete") for who in personas)
