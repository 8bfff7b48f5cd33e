"""The past turns a policy and the metrics see: read in one query, each decision validated once
per read, straight from its stored JSON."""

from __future__ import annotations

import pytest

from diagnosis.models import SessionStatus, Turn
from diagnosis.protocol import TurnDecision
from diagnosis.sessions import services
from diagnosis.sessions.trajectory import decision_from_stored, past_turns

pytestmark = pytest.mark.django_db(transaction=True)


def _completed_session(personas, case):  # type: ignore[no-untyped-def]
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case, max_turns=2
    )
    assert type(session).objects.get(pk=session.pk).status == SessionStatus.COMPLETED
    return session


def test_past_turns_are_the_completed_ones_in_order_read_once_and_validated_once_each(
    personas, case, django_assert_num_queries, monkeypatch
):
    session = _completed_session(personas, case)
    validated: list[str] = []
    real = TurnDecision.model_validate_json
    monkeypatch.setattr(
        TurnDecision,
        "model_validate_json",
        lambda text, *a, **kw: (validated.append(text), real(text, *a, **kw))[1],
    )
    with django_assert_num_queries(1):
        first = past_turns(session_id=session.pk, before=2)
    assert [p.index for p in first] == [0, 1]
    assert len(validated) == 2
    assert (
        first[0].decision.action.type == "order_tests"
        and first[0].observations[0].status == "answered"
    )
    # The decision the policy and the metrics see is the one stored, exactly.
    stored = Turn.objects.get(session=session, index=0).decision
    assert first[0].decision.model_dump(mode="json") == stored
    assert decision_from_stored(stored) == first[0].decision
    assert [p.index for p in past_turns(session_id=session.pk, before=1)] == [0]


def test_a_decision_written_again_is_read_afresh(personas, case):
    """Nothing is cached: a decision written again (a repair, a row id reused after a flush) is
    what the next read returns."""
    session = _completed_session(personas, case)
    before = past_turns(session_id=session.pk, before=1)[0]
    turn = Turn.objects.get(session=session, index=0)
    changed = dict(turn.decision, reasoning="A different account of the same turn.")
    Turn.objects.filter(pk=turn.pk).update(decision=changed)
    after = past_turns(session_id=session.pk, before=1)[0]
    assert (
        after.decision.reasoning
        == "A different account of the same turn."
        != before.decision.reasoning
    )
