"""Sessions run end to end: once through the in-process dispatcher (the embedded default), the
rest through the suite's synchronous one (tests.doubles.SyncDispatcher: a service call returns
after the turns it set off have run)."""

from __future__ import annotations

import pytest

from diagnosis.models import SessionStatus, TurnStatus
from diagnosis.sessions import live_mode, services
from diagnosis.sessions.events import chain_verify
from tests.helpers import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def _kinds(session):
    return list(session.events.order_by("seq").values_list("kind", flat=True))


def test_it_runs_a_simulated_session_to_a_final_diagnosis(personas, case, settings):
    """On the embedded default: the in-process pool's threads run the turns."""
    settings.MEDACTION_DISPATCHER = "inference.dispatch.InProcessDispatcher"
    settings.MEDACTION_PARTIAL_PERSIST_MS = (
        0  # log every pushed partial (a fast turn logs none by default)
    )
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )
    wait_for(lambda: session.__class__.objects.get(pk=session.pk).status == SessionStatus.COMPLETED)
    session.refresh_from_db()
    turns = list(session.turns.order_by("index"))
    assert [t.status for t in turns] == [TurnStatus.COMPLETED, TurnStatus.COMPLETED]
    observations = turns[0].observations
    assert observations[0]["status"] == "answered" and "Hb 92" in observations[0]["result"]
    # An order the record cannot answer is UNAVAILABLE, never an invented "normal".
    assert observations[1]["status"] == "unavailable" and observations[1]["result"] is None
    assert session.final_diagnosis == "Iron deficiency anaemia"
    assert session.metrics["correct"] is True
    kinds = _kinds(session)
    assert kinds[0] == "session.started" and kinds[-1] == "session.completed"
    assert kinds.count("turn.completed") == 2
    assert "turn.partial" in kinds
    seqs = list(session.events.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))
    assert chain_verify(session).ok
    assert (
        turns[0].prompt_tokens == 10
        and turns[0].completion_tokens == 20
        and turns[0].model_name == "scripted"
    )


def test_a_failing_policy_leaves_a_visible_retryable_turn_and_the_session_intact(
    personas, case, settings
):
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="failing", case=case
    )
    assert session.turns.get(index=0).status == TurnStatus.FAILED
    turn = session.turns.get(index=0)
    assert turn.retryable and "unavailable" in turn.error.lower()
    session.refresh_from_db()
    assert session.status == SessionStatus.ACTIVE
    assert "turn.failed" in _kinds(session)
    # Once the server is back (here: switch the session to a working policy), a retry succeeds.
    type(session).objects.filter(pk=session.pk).update(policy="scripted")
    session.refresh_from_db()
    services.turn_retry(session=session)
    assert type(session).objects.get(pk=session.pk).status == SessionStatus.COMPLETED
    assert session.turns.get(index=0).status == TurnStatus.COMPLETED


def test_a_crashing_policy_fails_the_turn_not_the_worker(personas, case):
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="crashing", case=case
    )
    assert session.turns.get(index=0).status == TurnStatus.FAILED
    assert "crashed" in session.turns.get(index=0).error


def test_step_mode_pauses_after_each_turn_and_step_runs_one_more(personas, case):
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case, step_mode=True
    )
    assert type(session).objects.get(pk=session.pk).status == SessionStatus.PAUSED
    assert session.turns.get(index=1).status == TurnStatus.PENDING
    services.session_resume(session=session, step=True)
    assert type(session).objects.get(pk=session.pk).status == SessionStatus.COMPLETED


def test_live_mode_waits_for_the_clinician_then_uses_the_entered_results(personas):
    session = services.session_start(
        owner=personas["owner"],
        mode="live",
        policy="scripted",
        live_presentation="Tired for months, pale.",
    )
    assert type(session).objects.get(pk=session.pk).status == SessionStatus.AWAITING_CLINICIAN
    assert not session.turns.filter(index=1).exists()  # nothing goes on until the clinician submits
    with pytest.raises(services.ServiceError):
        live_mode.live_results_submit(session=session, results=[])
    live_mode.live_results_submit(
        session=session, results=[{"order": "Complete blood count", "result": "Hb 90 g/L"}]
    )
    assert type(session).objects.get(pk=session.pk).status == SessionStatus.COMPLETED
    first = session.turns.get(index=0)
    assert (
        first.observations[0]["source"] == "clinician"
        and first.observations[0]["result"] == "Hb 90 g/L"
    )
    # The clinician's test is priced from the cost table, like an oracle answer.
    assert first.observations[0]["cost"] > 0 and first.cost > 0
    session.refresh_from_db()
    assert session.total_cost == sum(t.cost for t in session.turns.all())


def test_each_new_part_is_pushed_at_once_and_the_log_keeps_the_first_differential(
    personas, case, settings, monkeypatch
):
    """Growth within a part is paced, but the first reasoning and the first differential are each
    pushed at once. The log keeps the first partial with a differential (a page shows it before the
    completion, in order, even for a 10 ms turn) and otherwise about one per
    MEDACTION_PARTIAL_PERSIST_MS: a fast turn logs that one only."""
    from diagnosis.sessions import publish as live

    pushed: list[dict] = []
    real_push = live.publish_progress
    monkeypatch.setattr(
        live,
        "publish_progress",
        lambda public_id, frame: (pushed.append(frame), real_push(public_id, frame)),
    )
    settings.MEDACTION_STREAM_INTERVAL_MS = 10_000  # pacing alone would push just the first partial
    settings.MEDACTION_PARTIAL_PERSIST_MS = 10_000
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )
    assert type(session).objects.get(pk=session.pk).status == SessionStatus.COMPLETED
    turn0 = [f["partial"] for f in pushed if f["turn"] == 0]
    # Two new parts at once; the third partial only grew the differential (paced), and is pushed
    # just before the completion.
    assert [sorted(p) for p in turn0] == [
        ["reasoning"],
        ["differential", "reasoning"],
        ["differential", "reasoning"],
    ]
    assert len(turn0[1]["differential"]) == 1 and len(turn0[2]["differential"]) == 2
    logged = [
        e
        for e in session.events.filter(kind="turn.partial").order_by("seq")
        if e.payload["turn"] == 0
    ]
    assert [e.payload["partial"] for e in logged] == [turn0[1]]
    kinds = [e.kind for e in session.events.order_by("seq")]
    assert kinds.index("turn.partial") < kinds.index("turn.completed")
    assert chain_verify(session).ok


def test_after_the_first_differential_the_log_samples_the_stream_once_per_interval(
    personas, case, settings
):
    """Partials pushed 0.1 s apart (tests.doubles.ScriptedPolicy): with an 80 ms interval the one
    that only grew the differential is logged too; with a 10 s interval only the first
    differential is."""
    settings.MEDACTION_STREAM_INTERVAL_MS = 10  # push every partial

    def logged_differentials(persist_ms: int) -> list[int]:
        settings.MEDACTION_PARTIAL_PERSIST_MS = persist_ms
        session = services.session_start(
            owner=personas["owner"], mode="simulated", policy="scripted", case=case
        )
        assert type(session).objects.get(pk=session.pk).status == SessionStatus.COMPLETED
        logged = [
            e.payload["partial"]
            for e in session.events.filter(kind="turn.partial").order_by("seq")
            if e.payload["turn"] == 0
        ]
        return [len(p["differential"]) for p in logged if p.get("differential")]

    assert logged_differentials(80) == [1, 2]
    assert logged_differentials(10_000) == [1]


class OrderingPolicy:
    """Orders a test on every turn, the last one too (as a model may ignore the budget)."""

    key = "ordering"

    def run(self, context):  # type: ignore[no-untyped-def]
        from diagnosis.protocol import CallInfo, FinalDecision
        from tests.doubles import decision_order

        yield FinalDecision(
            decision=decision_order([f"Ferritin {context.turn_index}"]),
            call=CallInfo(model="ordering"),
        )


def test_a_session_that_runs_out_of_turns_records_no_final_diagnosis(personas, case, settings):
    settings.MEDACTION_EXTRA_POLICIES = {
        **settings.MEDACTION_EXTRA_POLICIES,
        "ordering": f"{__name__}.OrderingPolicy",
    }
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="ordering", case=case, max_turns=2
    )
    session.refresh_from_db()
    assert session.status == SessionStatus.COMPLETED
    # The leading hypothesis (the gold diagnosis here) is not a diagnosis the policy made.
    assert session.final_diagnosis == ""
    m = session.metrics
    assert m["end_reason"] == "turn_budget"
    assert m["correct"] is False and m["top1"] is False
    assert m["top3"] is True and m["gold_rank"] == 1  # the last differential still counts
    end = session.events.get(kind="session.completed").payload
    assert end["reason"] == "turn_budget" and end["final_diagnosis"] == ""
    assert end["leading"] == {"diagnosis": "Iron deficiency anaemia", "probability": 0.6}
    assert chain_verify(session).ok


def test_a_final_diagnosis_is_recorded_with_its_reason(personas, case):
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )
    session.refresh_from_db()
    assert session.final_diagnosis == "Iron deficiency anaemia"
    assert session.metrics["end_reason"] == "final_diagnosis" and session.metrics["correct"]
