"""What an export carries, and that exports are logged."""

from __future__ import annotations

import json

import pytest

from diagnosis.audit.models import AuditLogEntry, SignedCheckpoint
from tests.audit.conftest import dump, export, load


@pytest.mark.django_db
def test_the_json_export_carries_every_event_with_its_hashes(finished_session, tmp_path):
    doc = load(export(finished_session, tmp_path))
    events = doc["events"]
    stored = list(finished_session.events.order_by("seq").values_list("seq", "hash", "prev_hash"))
    assert [(e["seq"], e["hash"], e["prev_hash"]) for e in events] == stored
    assert doc["chain"]["head"] == finished_session.last_hash
    assert doc["chain"]["head_seq"] == finished_session.last_seq == len(events)
    assert doc["chain"]["algorithm"] == "ed25519" and len(doc["chain"]["key_id"]) == 16


@pytest.mark.django_db
def test_the_export_carries_case_version_model_tokens_metrics_and_reviews(
    finished_session, tmp_path
):
    doc = load(export(finished_session, tmp_path))
    assert doc["case_version"]["version"] == finished_session.case_version
    assert doc["case_version"]["snapshot"]["gold"]["name"] == finished_session.case.gold_diagnosis
    first = doc["turns"][0]
    assert first["model_name"] == "scripted"
    assert (first["prompt_tokens"], first["completion_tokens"]) == (10, 20)
    assert "parameters" in first and "metrics" in first
    assert doc["metrics"] == finished_session.metrics and doc["metrics"]
    assert doc["reviews"] == [] and doc["review_agreement"]["units"] == 0
    assert doc["session"]["final_diagnosis"] == finished_session.final_diagnosis


def test_reviews_and_their_agreement_are_in_the_signed_export(finished_session, personas, tmp_path):
    from diagnosis.audit.verify import verify_file
    from diagnosis.reviews.services import review_add

    review_add(
        session=finished_session,
        turn_index=0,
        author=personas["reviewer"],
        differential_rating=2,
        failure_modes=["ungrounded_order"],
        note="ordered a test nothing pointed to",
    )
    path = export(finished_session, tmp_path)
    doc = load(path)
    assert [(r["turn"], r["differential_rating"], r["author"]) for r in doc["reviews"]] == [
        (0, 2, "rita@example.org")
    ]
    assert doc["review_agreement"]["units"] == 1
    assert doc["review_agreement"]["kinds"]["ungrounded_order"]["n"] == 1
    with path.open("rb") as f:
        assert verify_file(f).ok
    doc["reviews"][0]["note"] = "nothing wrong here"  # a review rewritten in the file
    with dump(doc, tmp_path / "edited.json").open("rb") as f:
        report = verify_file(f)
    assert not report.ok and "header" in report.reason


@pytest.mark.django_db
def test_jsonl_is_a_header_then_one_event_a_line_then_a_signed_trailer(finished_session, tmp_path):
    lines = export(finished_session, tmp_path, "jsonl").read_text().splitlines()
    records = [json.loads(line) for line in lines]
    assert records[0]["record"] == "header" and records[-1]["record"] == "trailer"
    assert [r["seq"] for r in records[1:-1]] == list(range(1, finished_session.last_seq + 1))
    assert records[-1]["chain"]["head"] == finished_session.last_hash


@pytest.mark.django_db
def test_a_checkpoint_is_signed_when_the_session_ends(finished_session, tmp_path):
    last = SignedCheckpoint.objects.filter(session=finished_session).order_by("seq").last()
    assert last is not None
    assert (last.seq, last.head) == (finished_session.last_seq, finished_session.last_hash)
    doc = load(export(finished_session, tmp_path))
    assert doc["checkpoints"][-1]["seq"] == finished_session.last_seq


@pytest.mark.django_db
def test_checkpoints_every_n_events(personas, case, settings, django_capture_on_commit_callbacks):
    from diagnosis.sessions import services

    settings.MEDACTION_CHECKPOINT_EVERY = 5
    with django_capture_on_commit_callbacks(execute=True):
        session = services.session_start(
            owner=personas["owner"], mode="simulated", policy="scripted", case=case
        )
    seqs = list(SignedCheckpoint.objects.filter(session=session).values_list("seq", flat=True))
    session.refresh_from_db()
    assert len(seqs) >= session.last_seq // 5
    assert seqs[-1] == session.last_seq


@pytest.mark.django_db
def test_every_export_is_logged(finished_session, tmp_path):
    export(finished_session, tmp_path, "jsonl")
    entry = AuditLogEntry.objects.get()
    assert (entry.action, entry.format, entry.ok, entry.via) == ("export", "jsonl", True, "command")
    assert entry.session_public_id == str(finished_session.public_id)


@pytest.mark.django_db
def test_a_large_open_session_streams_out_and_verifies(
    personas, case, settings, tmp_path, capsys, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    from diagnosis.sessions import services
    from diagnosis.sessions.events import events_append

    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"
    with django_capture_on_commit_callbacks(execute=True):
        session = services.session_start(
            owner=personas["owner"], mode="simulated", policy="scripted", case=case
        )
        for start in range(0, 3000, 100):
            items = [("note", {"i": i, "text": "x" * 200}) for i in range(start, start + 100)]
            events_append(session=session, items=items)
    # One checkpoint per batch that crosses a multiple of 50 (each batch of 100 does).
    assert SignedCheckpoint.objects.filter(session=session).count() == 30
    for fmt in ("jsonl", "json"):
        path = export(session, tmp_path, fmt)
        call_command("verify_transcript", str(path))
        assert f"intact, {session.last_seq} events" in capsys.readouterr().out


@pytest.mark.django_db
def test_export_command_errors_are_plain(finished_session, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a session id"):
        call_command("export_transcript", "nope", "--out", str(tmp_path / "x.json"))
    with pytest.raises(CommandError, match="no session"):
        call_command("export_transcript", "00000000-0000-0000-0000-000000000000", "--out", "x.json")
    with pytest.raises(CommandError, match="No such file"):
        call_command(
            "export_transcript", str(finished_session.public_id), "--out", "/nonexistent/x.json"
        )
    assert not AuditLogEntry.objects.exists()


@pytest.mark.django_db
def test_the_command_writes_a_pdf(finished_session, tmp_path):
    path = export(finished_session, tmp_path, "pdf")
    assert path.read_bytes().startswith(b"%PDF")
    assert AuditLogEntry.objects.get().format == "pdf"
