"""A running turn keeps its lease on a timer, whatever its policy streams, and drops the turn
when a renewal finds another worker has taken it over."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime

import pytest
from django.db import connection
from django.utils import timezone

from diagnosis.models import SessionEvent, Turn, TurnStatus
from diagnosis.protocol import (
    CallInfo,
    FinalDecision,
    PartialDecision,
    PolicyContext,
    PolicyUpdate,
)
from diagnosis.sessions import publish, runner, services, turns
from diagnosis.sessions.events import chain_verify
from tests.doubles import decision_final
from tests.helpers import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

LEASE_SECONDS = 3  # renewed every second


class SilentPolicy:
    """Thinks without streaming anything (a slow model, a long first token) until released,
    then streams one partial with a differential and decides."""

    key = "silent"
    release = threading.Event()

    def run(self, context: PolicyContext) -> Iterator[PolicyUpdate]:
        if not self.release.wait(timeout=60):
            raise RuntimeError("the test never released the policy")
        decision = decision_final()
        data = decision.model_dump(mode="json")
        yield PartialDecision(
            data={"reasoning": data["reasoning"], "differential": data["differential"]}
        )
        yield FinalDecision(decision=decision, call=CallInfo(model="silent"))


@pytest.fixture
def silent(settings):  # type: ignore[no-untyped-def]
    settings.MEDACTION_EXTRA_POLICIES = {
        **settings.MEDACTION_EXTRA_POLICIES,
        "silent": f"{__name__}.SilentPolicy",
    }
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"  # the test runs the turn
    settings.MEDACTION_TURN_LEASE_SECONDS = LEASE_SECONDS
    SilentPolicy.release.clear()
    yield SilentPolicy
    SilentPolicy.release.set()


class _Worker(threading.Thread):
    """A worker running one turn, as a dispatcher would."""

    def __init__(self, turn_id: int) -> None:
        super().__init__(daemon=True)
        self.turn_id = turn_id
        self.outcome: str | None = None

    def run(self) -> None:
        try:
            self.outcome = runner.turn_run(self.turn_id)
        finally:
            connection.close()


def _lease(turn_id: int) -> datetime:
    return Turn.objects.values_list("lease_expires_at", flat=True).get(pk=turn_id)


def _running_turn(personas, case) -> tuple[Turn, _Worker]:  # type: ignore[no-untyped-def]
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="silent", case=case, max_turns=1
    )
    turn = session.turns.get(index=0)
    worker = _Worker(turn.pk)
    worker.start()
    wait_for(lambda: Turn.objects.get(pk=turn.pk).status == TurnStatus.RUNNING)
    return turn, worker


def test_a_policy_that_streams_nothing_for_longer_than_the_lease_keeps_its_turn(
    personas, case, silent
):
    turn, worker = _running_turn(personas, case)
    try:
        claimed_until = _lease(turn.pk)
        # Nothing is streamed past the end of the lease the claim gave...
        wait_for(lambda: timezone.now() > claimed_until, timeout=2 * LEASE_SECONDS)
        # ...yet the lease is renewed (seen renewed just now), so a second worker finds it held.
        seen = _lease(turn.pk)
        wait_for(lambda: _lease(turn.pk) > seen, timeout=3 * LEASE_SECONDS)
        assert turns.turn_claim(turn_id=turn.pk) is None
    finally:
        silent.release.set()
        worker.join(timeout=30)
    assert worker.outcome == "completed"
    turn.refresh_from_db()
    assert turn.status == TurnStatus.COMPLETED and turn.attempts == 1
    events = SessionEvent.objects.filter(session_id=turn.session_id)
    assert events.filter(kind="turn.started").count() == 1
    assert events.filter(kind="turn.completed").count() == 1
    assert chain_verify(turn.session).ok


def _take_over(turn_id: int) -> Turn | None:
    """A second worker's claim once the lease has run out (the lease is ended by hand: the
    running worker's renewer may renew it in between, then the claim is tried again)."""
    Turn.objects.filter(pk=turn_id).update(lease_expires_at="2000-01-01T00:00:00Z")
    return turns.turn_claim(turn_id=turn_id)


def _renewer_alive(turn_id: int) -> bool:
    return any(t.name == f"lease-renewer-turn-{turn_id}" for t in threading.enumerate())


def test_an_attempt_whose_lease_was_taken_stops_and_streams_nothing_more(
    personas, case, silent, monkeypatch
):
    pushed: list[dict] = []
    real_push = publish.publish_progress
    monkeypatch.setattr(
        publish,
        "publish_progress",
        lambda public_id, frame: (pushed.append(frame), real_push(public_id, frame)),
    )
    turn, worker = _running_turn(personas, case)
    try:
        second = wait_for(lambda: _take_over(turn.pk))
        assert second.attempts == 2  # type: ignore[attr-defined]
        # The first attempt's renewer finds the lease taken at its next renewal, and stops.
        wait_for(lambda: not _renewer_alive(turn.pk), timeout=4 * LEASE_SECONDS)
    finally:
        silent.release.set()
        worker.join(timeout=30)
    assert worker.outcome == "stale"
    # Nothing of the stale attempt reached the page or the log after the takeover.
    assert [f for f in pushed if f["attempt"] == 1] == []
    events = SessionEvent.objects.filter(session_id=turn.session_id)
    assert not events.filter(kind="turn.partial").exists()
    assert not events.filter(kind="turn.completed").exists()
    turn.refresh_from_db()
    assert turn.status == TurnStatus.RUNNING and turn.attempts == 2  # the second worker's
    assert chain_verify(turn.session).ok


def test_the_renewer_renews_until_stopped_and_marks_a_taken_lease_stale(personas, case, settings):
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )
    claimed = turns.turn_claim(turn_id=session.turns.get(index=0).pk)
    assert claimed is not None
    healthy = runner.LeaseRenewer(claimed, interval=0.05).start()
    wait_for(lambda: healthy.renewals >= 2)
    healthy.stop()
    assert not healthy.is_alive() and not healthy.stale

    taken = runner.LeaseRenewer(claimed, interval=0.05).start()
    wait_for(lambda: taken.renewals >= 1)
    assert wait_for(lambda: _take_over(claimed.pk)) is not None  # another worker's attempt 2
    wait_for(lambda: not taken.is_alive())
    assert taken.stale
    taken.stop()
