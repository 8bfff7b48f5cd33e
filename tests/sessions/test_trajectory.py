"""The past turns a policy and the metrics see: read once per turn, each decision validated once."""

from __future__ import annotations

import pytest

from diagnosis.models import SessionStatus, Turn
from diagnosis.sessions import services
from diagnosis.sessions.trajectory import past_turns

pytestmark = pytest.mark.django_db(transaction=True)


def test_past_turns_are_the_completed_ones_in_order_and_each_decision_is_validated_once(
    personas, case
):
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case, max_turns=2
    )
    assert type(session).objects.get(pk=session.pk).status == SessionStatus.COMPLETED
    first = past_turns(session_id=session.pk, before=2)
    assert [p.index for p in first] == [0, 1]
    assert (
        first[0].decision.action.type == "order_tests"
        and first[0].observations[0].status == "answered"
    )
    again = past_turns(session_id=session.pk, before=2)
    assert again[0].decision is first[0].decision  # the same validated object, not parsed again
    assert [p.index for p in past_turns(session_id=session.pk, before=1)] == [0]


def test_a_reused_row_with_another_completion_time_is_read_afresh(personas, case):
    """The cache key includes the completion time: a row id reused after a flush, or a decision
    written again by a repair, cannot bring back an old decision."""
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case, max_turns=2
    )
    assert type(session).objects.get(pk=session.pk).status == SessionStatus.COMPLETED
    before = past_turns(session_id=session.pk, before=1)[0]
    turn = Turn.objects.get(session=session, index=0)
    changed = dict(turn.decision, reasoning="A different account of the same turn.")
    Turn.objects.filter(pk=turn.pk).update(
        decision=changed,
        finished_at=turn.finished_at.replace(
            microsecond=(turn.finished_at.microsecond + 1) % 1_000_000
        ),
    )
    after = past_turns(session_id=session.pk, before=1)[0]
    assert (
        after.decision.reasoning
        == "A different account of the same turn."
        != before.decision.reasoning
    )
