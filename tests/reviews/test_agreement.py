"""Agreement of reviewer ticks with machine flags, on sessions whose flags are known."""

from __future__ import annotations

import pytest

from diagnosis.reviews import services
from diagnosis.reviews.agreement import kappa
from diagnosis.reviews.selectors import agreement_for_session, agreement_for_sessions
from tests.helpers import scored_session

pytestmark = pytest.mark.django_db


def _tick(session, author, turn, *modes):  # type: ignore[no-untyped-def]
    services.review_add(
        session=session,
        turn_index=turn,
        author=author,
        differential_rating=3,
        failure_modes=modes,
    )


def test_counts_percent_and_kappa_on_a_constructed_session(personas):
    machine = [True, True, True, False, False]
    reviewer = [True, True, False, False, False]
    session = scored_session(personas["owner"], [{"ungrounded_order": m} for m in machine])
    for turn, ticked in enumerate(reviewer):
        _tick(session, personas["reviewer"], turn, *(["ungrounded_order"] if ticked else []))
    result = agreement_for_session(session)
    assert result["units"] == 5 and result["reviewers"] == 1
    ungrounded = result["kinds"]["ungrounded_order"]
    assert (ungrounded["both"], ungrounded["machine_only"]) == (2, 1)
    assert (ungrounded["reviewer_only"], ungrounded["neither"]) == (0, 2)
    assert ungrounded["percent_agreement"] == 80.0
    # observed 0.8, chance 0.6*0.4 + 0.4*0.6 = 0.48: (0.8 - 0.48) / 0.52
    assert ungrounded["kappa"] == pytest.approx(0.6154, abs=1e-4)
    # Nobody flagged or ticked the others: full agreement, kappa undefined (chance is 1).
    incoherence = result["kinds"]["incoherence"]
    assert incoherence["neither"] == 5 and incoherence["percent_agreement"] == 100.0
    assert incoherence["kappa"] is None


def test_only_the_latest_review_counts_and_each_reviewer_is_a_unit(personas, make_user):
    session = scored_session(personas["owner"], [{"unsupported_update": True}])
    rory = make_user("rory", "reviewer")
    _tick(session, personas["reviewer"], 0)  # missed it ...
    _tick(session, personas["reviewer"], 0, "unsupported_update")  # ... then saw it
    _tick(session, rory, 0)
    kind = agreement_for_session(session)["kinds"]["unsupported_update"]
    assert (kind["both"], kind["machine_only"], kind["n"]) == (1, 1, 2)
    assert kind["percent_agreement"] == 50.0


def test_a_turn_the_machine_never_scored_is_left_out(personas):
    session = scored_session(personas["owner"], [None, {"incoherence": True}])
    _tick(session, personas["reviewer"], 0, "incoherence")
    _tick(session, personas["reviewer"], 1, "incoherence")
    kind = agreement_for_session(session)["kinds"]["incoherence"]
    assert (kind["both"], kind["n"], kind["kappa"]) == (1, 1, None)


def test_no_reviews_means_no_numbers(personas):
    result = agreement_for_session(scored_session(personas["owner"], [{}]))
    assert result["units"] == 0
    assert result["kinds"]["ungrounded_order"]["percent_agreement"] is None


def test_pooled_over_sessions_adds_the_counts(personas):
    one = scored_session(personas["owner"], [{"ungrounded_order": True}])
    two = scored_session(personas["owner"], [{"ungrounded_order": False}])
    _tick(one, personas["reviewer"], 0, "ungrounded_order")
    _tick(two, personas["reviewer"], 0, "ungrounded_order")
    pooled = agreement_for_sessions([one, two])
    assert pooled["sessions"] == 2
    kind = pooled["kinds"]["ungrounded_order"]
    assert (kind["both"], kind["reviewer_only"], kind["percent_agreement"]) == (1, 1, 50.0)


def test_kappa_of_perfect_and_opposite_raters():
    assert kappa(3, 0, 0, 2) == 1.0
    assert kappa(0, 2, 2, 0) == -1.0
    assert kappa(0, 0, 0, 0) is None
