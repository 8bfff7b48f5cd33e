"""A turn left `running` by a dead worker is taken over once its lease runs out: by the sweeper,
by Retry, by Resume; exactly once, and the dead attempt's late result is discarded.

The dispatcher is the suite's SyncDispatcher: a turn the sweeper dispatches runs on commit, in
the sweeping thread, so a test reads its outcome at once. Real processes killed mid-turn are in
tests/inference/test_recovery_processes.py.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.utils import timezone

from diagnosis.models import DiagnosticSession, SessionEvent, SessionStatus, Turn, TurnStatus
from diagnosis.protocol import CallInfo
from diagnosis.sessions import services, turns
from diagnosis.sessions.events import chain_verify
from diagnosis.sessions.recovery import turns_sweep
from tests.doubles import decision_final

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def stuck(personas, case, settings):  # type: ignore[no-untyped-def]
    """A one-turn session whose turn a worker claimed (attempt 1) and then died with."""
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case, max_turns=1
    )
    dead_attempt = turns.turn_claim(turn_id=session.turns.get().pk)
    assert dead_attempt is not None
    settings.MEDACTION_DISPATCHER = "tests.doubles.SyncDispatcher"
    return session, dead_attempt


def _expire(turn: Turn) -> None:
    Turn.objects.filter(pk=turn.pk).update(lease_expires_at=timezone.now() - timedelta(seconds=1))


def _kinds(session: DiagnosticSession, kind: str) -> list[dict]:
    return list(session.events.filter(kind=kind).order_by("seq").values_list("payload", flat=True))


def test_the_sweeper_takes_over_a_turn_whose_lease_ran_out_and_it_completes_once(stuck):
    session, dead = stuck
    assert turns_sweep().taken_over == []  # the lease still runs: the worker may be alive
    _expire(dead)
    assert turns_sweep().taken_over == [dead.pk]
    session.refresh_from_db()
    assert session.status == SessionStatus.COMPLETED
    turn = session.turns.get()
    assert (turn.status, turn.attempts) == (TurnStatus.COMPLETED, 2)
    assert _kinds(session, "turn.retrying") == [
        {"turn": 0, "after_attempt": 1, "reason": "lease_expired"}
    ]
    assert [p["attempt"] for p in _kinds(session, "turn.started")] == [1, 2]
    assert len(_kinds(session, "turn.completed")) == 1
    assert turns_sweep().taken_over == []  # nothing left to take over
    # The dead attempt comes back with a result: discarded, nothing written.
    before = session.events.count()
    assert turns.turn_complete(turn=dead, decision=decision_final(), call=CallInfo()) is None
    assert session.events.count() == before and chain_verify(session).ok


def test_two_sweepers_at_once_take_a_turn_over_once(stuck, settings):
    session, dead = stuck
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"  # leave it pending
    _expire(dead)
    results: list[list[int]] = []
    barrier = threading.Barrier(3)

    def sweep() -> None:
        barrier.wait()
        results.append(turns_sweep().taken_over)

    threads = [threading.Thread(target=sweep) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(len(r) for r in results) == [0, 0, 1]
    assert len(_kinds(session, "turn.retrying")) == 1
    assert session.turns.get().status == TurnStatus.PENDING


def test_a_pending_turn_nobody_claimed_within_a_lease_is_dispatched_again(personas, case, settings):
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"  # the dispatch is lost
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case, max_turns=1
    )
    settings.MEDACTION_DISPATCHER = "tests.doubles.SyncDispatcher"
    assert turns_sweep().redispatched == []  # just created: its dispatch may be on its way
    Turn.objects.filter(session=session).update(created_at=timezone.now() - timedelta(hours=1))
    turn = session.turns.get()
    assert turns_sweep().redispatched == [turn.pk]
    session.refresh_from_db()
    assert session.status == SessionStatus.COMPLETED
    assert session.turns.get().attempts == 1


def test_retry_takes_over_a_turn_stuck_running_and_refuses_one_still_alive(stuck):
    session, dead = stuck
    with pytest.raises(services.ServiceError, match="still running"):
        services.turn_retry(session=session)
    _expire(dead)
    services.turn_retry(session=session)
    session.refresh_from_db()
    assert session.status == SessionStatus.COMPLETED
    assert session.turns.get().attempts == 2
    assert len(_kinds(session, "turn.completed")) == 1


def test_resume_runs_a_turn_whose_worker_died_while_the_session_was_paused(stuck, settings):
    session, dead = stuck
    services.session_pause(session=session)
    _expire(dead)
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"
    assert turns_sweep().taken_over == [dead.pk]  # back to pending; paused: not dispatched
    assert session.turns.get().status == TurnStatus.PENDING
    settings.MEDACTION_DISPATCHER = "tests.doubles.SyncDispatcher"
    services.session_resume(session=session)
    session.refresh_from_db()
    assert session.status == SessionStatus.COMPLETED
    assert session.turns.get().attempts == 2


def test_resume_takes_over_a_stuck_turn_the_sweeper_has_not_reached(stuck):
    session, dead = stuck
    services.session_pause(session=session)
    _expire(dead)
    services.session_resume(session=session)
    session.refresh_from_db()
    assert session.status == SessionStatus.COMPLETED
    assert SessionEvent.objects.filter(session=session, kind="turn.completed").count() == 1
