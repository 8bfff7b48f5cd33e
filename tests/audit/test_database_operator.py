"""An operator with the tables' owner role rewrites history; the signed checkpoints catch it."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from diagnosis.audit.checkpoints import session_check
from diagnosis.models import DiagnosticSession, SessionEvent
from diagnosis.sessions.events import canonical_json, chain_verify, event_hash


def run(command: str, *args: str, capsys) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    try:
        call_command(command, *args)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def operator_rewrite(session: DiagnosticSession, *, seq: int, payload: dict) -> None:
    """Triggers off, one event rewritten, every later hash and the session's head recomputed."""
    public_id = str(session.public_id)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's own pending FK checks
        cursor.execute("ALTER TABLE diagnosis_sessionevent DISABLE TRIGGER USER")
        prev = ""
        for event in SessionEvent.objects.filter(session=session).order_by("seq"):
            body = payload if event.seq == seq else event.payload
            digest = event_hash(
                prev_hash=prev,
                session_public_id=public_id,
                seq=event.seq,
                kind=event.kind,
                created=event.created_at.isoformat(),
                payload=body,
            )
            cursor.execute(
                "UPDATE diagnosis_sessionevent SET payload = %s, prev_hash = %s, hash = %s "
                "WHERE id = %s",
                [canonical_json(body), prev, digest, event.pk],
            )
            prev = digest
        cursor.execute(
            "UPDATE diagnosis_diagnosticsession SET last_hash = %s WHERE id = %s",
            [prev, session.pk],
        )
        cursor.execute("ALTER TABLE diagnosis_sessionevent ENABLE TRIGGER USER")


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_rewritten_and_rehashed_chain_fails_verification(finished_session, tmp_path, capsys):
    operator_rewrite(finished_session, seq=3, payload={"turn": 0, "rewritten": True})
    assert chain_verify(finished_session).ok  # the unsigned chain alone is fooled
    check = session_check(finished_session)
    assert not check.ok and check.bad_seq == 1 and "rewritten" in check.reason
    code, out = run("audit_verify", str(finished_session.public_id), capsys=capsys)
    assert code == 1 and "TAMPERED at seq 1" in out
    path = tmp_path / "after.json"
    code, out = run(
        "export_transcript", str(finished_session.public_id), "--out", str(path), capsys=capsys
    )
    assert code == 1 and "will not verify" in out  # written as evidence, flagged
    code, out = run("verify_transcript", str(path), capsys=capsys)
    assert code == 1 and "TAMPERED at seq 1" in out and "rewritten" in out


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_forged_event_appended_with_the_head_moved_fails(finished_session, tmp_path, capsys):
    last = SessionEvent.objects.get(session=finished_session, seq=finished_session.last_seq)
    seq, payload = last.seq + 1, {"final_diagnosis": "Forged"}
    digest = event_hash(
        prev_hash=last.hash,
        session_public_id=str(finished_session.public_id),
        seq=seq,
        kind="note",
        created=last.created_at.isoformat(),
        payload=payload,
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO diagnosis_sessionevent (session_id, seq, kind, payload, created_at, "
            "prev_hash, hash) VALUES (%s, %s, 'note', %s, %s, %s, %s)",
            [finished_session.pk, seq, json.dumps(payload), last.created_at, last.hash, digest],
        )
        cursor.execute(
            "UPDATE diagnosis_diagnosticsession SET last_seq = %s, last_hash = %s WHERE id = %s",
            [seq, digest, finished_session.pk],
        )
    assert chain_verify(finished_session).ok
    code, out = run("audit_verify", capsys=capsys)
    assert code == 1 and f"TAMPERED at seq {seq}" in out
    path = tmp_path / "forged.jsonl"
    run(
        "export_transcript",
        str(finished_session.public_id),
        "--format",
        "jsonl",
        "--out",
        str(path),
        capsys=capsys,
    )
    code, out = run("verify_transcript", str(path), capsys=capsys)
    assert code == 1 and f"TAMPERED at seq {seq}" in out
    # and the sweep will not sign over it
    code, out = run("audit_checkpoint", str(finished_session.public_id), capsys=capsys)
    assert "refused" in out


@pytest.mark.postgres
@pytest.mark.django_db
def test_truncate_is_refused(finished_session):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's own pending FK checks
    for table in (
        "diagnosis_sessionevent",
        "diagnosis_signedcheckpoint",
        "diagnosis_auditlogentry",
    ):
        with pytest.raises(DatabaseError, match="TRUNCATE refused"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {table} CASCADE")
    with pytest.raises(DatabaseError, match="TRUNCATE refused"), transaction.atomic():
        with connection.cursor() as cursor:  # cascading from the sessions table
            cursor.execute("TRUNCATE diagnosis_diagnosticsession CASCADE")
    assert finished_session.events.count() == finished_session.last_seq


@pytest.mark.postgres
@pytest.mark.django_db
def test_checkpoints_and_log_entries_cannot_be_updated_or_deleted(finished_session):
    for table in ("diagnosis_signedcheckpoint",):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"UPDATE {table} SET head = 'x'")
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {table}")


@pytest.mark.django_db
def test_an_untouched_database_passes_audit_verify(finished_session, capsys):
    code, out = run("audit_verify", capsys=capsys)
    assert code == 0 and "1 session(s) checked, 0 failed" in out


@pytest.mark.django_db
def test_the_sweep_backfills_a_session_without_checkpoints(personas, case, capsys):
    from diagnosis.sessions import services

    session = services.session_start(  # on_commit hooks not run: no checkpoint signed
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )
    assert not session.checkpoints.exists()
    code, out = run("audit_checkpoint", capsys=capsys)
    assert f"signed seq {session.last_seq}" in out
    assert session.checkpoints.get().seq == session.last_seq
    code, out = run("audit_checkpoint", capsys=capsys)
    assert "head already signed" in out
