"""The session event log is append-only and hash-chained; a turn is claimed by exactly one
worker."""

from __future__ import annotations

import threading

import pytest
from django.db import DatabaseError, connection, transaction

from diagnosis.models import EventImmutableError, SessionEvent, Turn, TurnStatus
from diagnosis.sessions import services, turns
from diagnosis.sessions.events import chain_verify, events_append


@pytest.fixture
def session(personas, case, django_capture_on_commit_callbacks):
    s = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )
    events_append(session=s, items=[("note", {"n": i}) for i in range(5)])
    return s


@pytest.mark.django_db
def test_seq_is_gapless_per_session_and_the_chain_verifies(session):
    seqs = list(session.events.values_list("seq", flat=True))
    assert seqs == list(range(1, 8))
    report = chain_verify(session)
    assert report.ok and report.events == 7


@pytest.mark.django_db
def test_events_cannot_be_updated_or_deleted_through_the_orm(session):
    event = session.events.first()
    event.payload = {"tampered": True}
    with pytest.raises(EventImmutableError):
        event.save()
    with pytest.raises(EventImmutableError):
        event.delete()


@pytest.mark.django_db
def test_the_database_refuses_updates_to_events(session):
    with pytest.raises(DatabaseError), transaction.atomic():
        SessionEvent.objects.filter(session=session).update(kind="tampered")
    assert not SessionEvent.objects.filter(kind="tampered").exists()


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_refuses_deleting_events(session):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        SessionEvent.objects.filter(session=session).delete()
    assert session.events.count() == 7


@pytest.mark.postgres
@pytest.mark.django_db
def test_tampering_behind_the_triggers_back_breaks_the_chain(session):
    event = session.events.get(seq=4)
    with connection.cursor() as cursor:  # what a DBA with superuser rights could do
        cursor.execute("SET LOCAL session_replication_role = replica")  # user triggers off
        cursor.execute(
            "UPDATE diagnosis_sessionevent SET payload = %s WHERE id = %s", ['{"n": 99}', event.pk]
        )
        cursor.execute("SET LOCAL session_replication_role = origin")
    report = chain_verify(session)
    assert not report.ok and report.first_bad_seq == 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_claims_on_one_turn_exactly_one_wins(personas, case, settings):
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )
    turn = session.turns.get(index=0)
    for _round in range(5):
        Turn.objects.filter(pk=turn.pk).update(status=TurnStatus.PENDING)
        barrier = threading.Barrier(2)
        results: list[object] = []

        def claim(barrier: threading.Barrier = barrier, results: list[object] = results) -> None:
            try:
                barrier.wait()
                results.append(turns.turn_claim(turn_id=turn.pk))
            finally:
                connection.close()

        threads = [threading.Thread(target=claim) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sum(r is not None for r in results) == 1
    assert session.events.filter(kind="turn.started").count() == 5  # one per round, never two
    assert chain_verify(session).ok


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_from_many_threads_stay_gapless(personas, case, settings):
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )

    def append(worker: int) -> None:
        try:
            for i in range(10):
                events_append(session=session, items=[("note", {"worker": worker, "i": i})])
        finally:
            connection.close()

    threads = [threading.Thread(target=append, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seqs = list(session.events.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, 43))
    assert chain_verify(session).ok


@pytest.mark.parametrize(
    "payload",
    [
        {
            "turn": 0,
            "text": "Fièvre, toux — 38.5 °C ✓",
            "p": 0.1 + 0.2,
            "nested": {"b": [1, None, True], "a": ""},
        },
        {},
        {"quote": 'say "no"\\n', "big": 10**20, "neg": -0.0},
    ],
)
def test_the_spliced_hash_body_is_exactly_the_canonical_json_of_the_event(payload):
    """event_hash splices the payload's canonical JSON into the envelope instead of encoding the
    whole event again; the bytes hashed must be those of canonical_json of the full event."""
    import hashlib

    from diagnosis.sessions.events import canonical_json, event_hash

    fields = {
        "prev": "ab" * 32,
        "session": "6c1f0a8e-3b7d-4e2a-9a51-0d2b8c7e4f10",
        "seq": 7,
        "kind": "turn.partial",
        "created": "2026-11-26T04:05:06.123456+00:00",
        "payload": payload,
    }
    expected = hashlib.sha256(canonical_json(fields).encode("utf-8")).hexdigest()
    assert (
        event_hash(
            prev_hash=fields["prev"],
            session_public_id=fields["session"],
            seq=7,
            kind="turn.partial",
            created=fields["created"],
            payload=payload,
        )
        == expected
    )
