"""A turn whose row the lease renewer cannot see (its own connection, while the transaction that
wrote the session is still open: a test's, an atomic block around a synchronous run) keeps
running: nobody else can have taken a turn nobody else can see. Only a renewal that finds
another attempt holding the turn marks this one stale."""

from __future__ import annotations

import pytest

from diagnosis.models import Turn, TurnStatus
from diagnosis.sessions import runner, services, turns

pytestmark = pytest.mark.django_db  # one transaction, never committed: the renewer sees nothing


def test_a_turn_outlasting_the_renew_interval_in_an_open_transaction_completes(
    personas, case, settings, monkeypatch
):
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"  # the test runs the turn
    settings.MEDACTION_TURN_LEASE_SECONDS = 3  # renewed every second
    monkeypatch.setattr("tests.doubles.SlowScriptedPolicy.partial_delay", 0.8)  # 2.4 s a turn
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="slow-scripted", case=case, max_turns=1
    )
    turn = session.turns.get(index=0)
    assert runner.turn_run(turn.pk) == "completed"
    turn.refresh_from_db()
    assert turn.status == TurnStatus.COMPLETED and turn.attempts == 1
    assert session.events.filter(kind="turn.completed").count() == 1


def test_a_renewal_tells_a_taken_lease_from_a_row_it_cannot_see(personas, case, settings):
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )
    claimed = turns.turn_claim(turn_id=session.turns.get(index=0).pk)
    assert claimed is not None
    assert turns.turn_lease_renew(turn=claimed) == "renewed"
    Turn.objects.filter(pk=claimed.pk).update(attempts=claimed.attempts + 1)  # another attempt's
    assert turns.turn_lease_renew(turn=claimed) == "taken"
    Turn.objects.filter(pk=claimed.pk).delete()
    assert turns.turn_lease_renew(turn=claimed) == "unseen"
