"""Session services step by step (no dispatcher: the test runs each turn): the event chain head on
the session row follows every write, and live results are checked against the turn under lock."""

from __future__ import annotations

import pytest
from django.db import transaction

from diagnosis.cases.snapshots import snapshot_of
from diagnosis.models import DiagnosticSession, SessionEvent, SessionStatus, Turn, TurnStatus
from diagnosis.protocol import CallInfo, TurnDecision
from diagnosis.sessions import live_mode, services, turns
from diagnosis.sessions.events import chain_verify, events_stage
from tests.doubles import decision_final, decision_order

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_dispatch(settings):  # type: ignore[no-untyped-def]
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"


def _assert_head_is_the_last_event(session: DiagnosticSession) -> None:
    row = DiagnosticSession.objects.values("last_seq", "last_hash").get(pk=session.pk)
    last = SessionEvent.objects.filter(session_id=session.pk).order_by("-seq").first()
    assert last is not None
    assert (row["last_seq"], row["last_hash"]) == (last.seq, last.hash)
    assert chain_verify(session).ok


def _pending(session: DiagnosticSession) -> Turn:
    return Turn.objects.get(session=session, status=TurnStatus.PENDING)


def _complete(session: DiagnosticSession, decision: TurnDecision) -> Turn:
    claimed = turns.turn_claim(turn_id=_pending(session).pk)
    assert claimed is not None
    _assert_head_is_the_last_event(session)
    done = turns.turn_complete(turn=claimed, decision=decision, call=CallInfo(model="test"))
    assert done is not None
    return done


def test_events_staged_under_the_lock_move_the_head_on_the_row_by_themselves(personas, case):
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )
    with transaction.atomic():
        locked = DiagnosticSession.objects.select_for_update().get(pk=session.pk)
        events_stage(session=locked, items=[("note", {"n": 1}), ("note", {"n": 2})])
        # the caller writes nothing else
    _assert_head_is_the_last_event(session)
    assert DiagnosticSession.objects.get(pk=session.pk).last_seq == 4


def test_the_chain_head_on_the_row_follows_every_service(personas, case):
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case, max_turns=3
    )
    _assert_head_is_the_last_event(session)
    _complete(session, decision_order(["Complete blood count"]))
    _assert_head_is_the_last_event(session)
    services.session_pause(session=session)
    _assert_head_is_the_last_event(session)
    services.session_resume(session=session, step=True)
    _assert_head_is_the_last_event(session)
    claimed = turns.turn_claim(turn_id=_pending(session).pk)
    assert claimed is not None
    turns.turn_fail(turn=claimed, error="model server down", retryable=True)
    _assert_head_is_the_last_event(session)
    services.turn_retry(session=session)
    _assert_head_is_the_last_event(session)
    _complete(session, decision_final())
    _assert_head_is_the_last_event(session)
    session.refresh_from_db()
    assert session.status == SessionStatus.COMPLETED and session.total_cost > 0

    live = services.session_start(
        owner=personas["owner"], mode="live", policy="scripted", live_presentation="Pale."
    )
    _complete(live, decision_order(["Complete blood count"]))
    _assert_head_is_the_last_event(live)
    live_mode.live_results_submit(
        session=live, results=[{"order": "Complete blood count", "result": "Hb 90"}], turn_index=0
    )
    _assert_head_is_the_last_event(live)
    services.session_fail(session=live, error="stopped by the test")
    _assert_head_is_the_last_event(live)
    kinds = list(live.events.order_by("seq").values_list("kind", flat=True))
    assert kinds[-3:] == ["live.results_entered", "turn.created", "session.failed"]


def _awaiting_live(personas) -> DiagnosticSession:  # type: ignore[no-untyped-def]
    session = services.session_start(
        owner=personas["owner"], mode="live", policy="scripted", live_presentation="Pale."
    )
    _complete(session, decision_order(["Complete blood count"]))
    return session


def test_results_for_a_turn_that_is_no_longer_the_latest_are_refused_and_change_nothing(
    personas,
):
    session = _awaiting_live(personas)
    live_mode.live_results_submit(
        session=session, results=[{"order": "CBC", "result": "Hb 90"}], turn_index=0
    )
    _complete(session, decision_order(["Ferritin"]))  # turn 1 proposes; awaiting again
    before = list(session.events.values_list("seq", flat=True))
    with pytest.raises(services.ServiceError, match="out of date"):
        # A page still showing turn 0's orders submits them again.
        live_mode.live_results_submit(
            session=session, results=[{"order": "CBC", "result": "Hb 91"}], turn_index=0
        )
    assert list(session.events.values_list("seq", flat=True)) == before
    assert Turn.objects.get(session=session, index=1).observations == []
    assert not Turn.objects.filter(session=session, index=2).exists()
    assert DiagnosticSession.objects.get(pk=session.pk).status == SessionStatus.AWAITING_CLINICIAN
    # The page for turn 1 goes through.
    nxt = live_mode.live_results_submit(
        session=session, results=[{"order": "Ferritin", "result": "8 ug/L"}], turn_index=1
    )
    assert nxt.index == 2


def test_a_second_submit_of_the_same_page_while_the_next_turn_runs_is_refused(personas):
    session = _awaiting_live(personas)
    results = [{"order": "CBC", "result": "Hb 90"}]
    live_mode.live_results_submit(session=session, results=results, turn_index=0)
    before = list(session.events.values_list("seq", flat=True))
    with pytest.raises(services.ServiceError, match="not waiting"):
        live_mode.live_results_submit(session=session, results=results, turn_index=0)
    assert list(session.events.values_list("seq", flat=True)) == before
    assert list(Turn.objects.filter(session=session).values_list("index", flat=True)) == [0, 1]


# A live snapshot as sessions stored it before the snapshot was typed (no source references).
OLD_LIVE_SNAPSHOT = {
    "id": None,
    "version": None,
    "title": "Live patient",
    "demographics": "F, 34",
    "initial_presentation": "Tired for months.",
    "history": [],
    "menu": [],
    "gold": None,
    "reference_differential": [],
    "source": {"dataset": "live", "id": "", "url": "", "licence": ""},
}


def test_the_snapshot_is_stored_with_the_keys_it_always_had_and_old_ones_read_back(personas, case):
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )
    stored = DiagnosticSession.objects.get(pk=session.pk).case_snapshot
    # (as sets: Postgres's jsonb keeps no key order)
    assert set(stored) == set(OLD_LIVE_SNAPSHOT)
    assert set(stored["menu"][0]) == {
        "category", "name", "aliases", "panel", "result", "values", "cost"
    }  # fmt: skip
    assert set(stored["gold"]) == {"name", "aliases", "codes"}
    assert set(stored["source"]) == {"dataset", "id", "url", "licence", "references"}
    assert snapshot_of(session).gold_name == case.gold_diagnosis

    live = services.session_start(
        owner=personas["owner"], mode="live", policy="scripted", live_presentation="Tired."
    )
    DiagnosticSession.objects.filter(pk=live.pk).update(case_snapshot=OLD_LIVE_SNAPSHOT)
    old = snapshot_of(DiagnosticSession.objects.get(pk=live.pk))
    assert old.initial_presentation == "Tired for months." and old.gold is None
    assert old.stored() == OLD_LIVE_SNAPSHOT
    _complete(live, decision_order(["Complete blood count"]))  # an old session runs on
