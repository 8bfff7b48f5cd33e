"""verify_transcript catches every kind of tampering with an export, naming the first bad seq."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import call_command
from django.core.management.base import CommandError

from diagnosis.audit import keys, statements
from diagnosis.audit.export import HEADER_KEYS
from diagnosis.audit.models import AuditLogEntry
from diagnosis.sessions.events import event_hash
from tests.audit.conftest import dump, export, load


def verify(path: Path, capsys, *pins: Path) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    args = [str(path)] + [arg for pin in pins for arg in ("--public-key", str(pin))]
    try:
        call_command("verify_transcript", *args)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, capsys.readouterr().out


def rehash(doc: dict, public_id: str) -> None:
    """Recompute every event's hash and prev_hash, as a forger without the key would."""
    prev = ""
    for event in doc["events"]:
        event["prev_hash"] = prev
        event["hash"] = prev = event_hash(
            prev_hash=prev,
            session_public_id=public_id,
            seq=event["seq"],
            kind=event["kind"],
            created=event["created"],
            payload=event["payload"],
        )


def resign(doc: dict, key: Ed25519PrivateKey) -> None:
    """Sign the file's chain block again with `key` (a forger's own key)."""
    signer = keys.Signer(key)
    chain = doc["chain"]
    chain["events"] = chain["head_seq"] = len(doc["events"])
    chain["head"] = doc["events"][-1]["hash"]
    chain["header_sha256"] = statements.header_digest({k: doc[k] for k in HEADER_KEYS})
    chain.update(key_id=signer.key_id, public_key=signer.public_b64)
    chain["signature"] = signer.sign(statements.export_message(chain))


@pytest.fixture
def exported(finished_session, tmp_path):  # type: ignore[no-untyped-def]
    return finished_session, export(finished_session, tmp_path)


@pytest.mark.django_db
def test_an_untouched_export_is_intact_in_both_formats(finished_session, tmp_path, capsys):
    for fmt in ("json", "jsonl"):
        code, out = verify(export(finished_session, tmp_path, fmt), capsys)
        assert code == 0
        n, head = finished_session.last_seq, finished_session.last_hash
        assert f"intact, {n} events, head {head}" in out
        assert "not pinned" in out


@pytest.mark.django_db
def test_pinning_the_servers_public_key(exported, capsys, signing_key):
    session, path = exported
    code, out = verify(path, capsys, Path(f"{signing_key}.pub"))
    assert code == 0 and "pinned" in out and "not pinned" not in out


@pytest.mark.django_db
def test_a_wrong_pinned_key_fails(exported, capsys, tmp_path):
    session, path = exported
    other = tmp_path / "other.pem"
    keys.key_pair_write(other)
    code, out = verify(path, capsys, Path(f"{other}.pub"))
    assert code == 1 and "not by the trusted key" in out


@pytest.mark.django_db
def test_a_byte_changed_in_an_event_names_its_seq(exported, capsys, tmp_path):
    session, path = exported
    text = path.read_text()
    doc = load(path)
    target = doc["events"][3]
    assert target["seq"] == 4
    line = json.dumps(target["payload"], ensure_ascii=False, separators=(",", ":"))
    changed = line.replace('"turn":0', '"turn":1', 1)
    assert changed != line and text.count(line) >= 1
    path.write_text(text.replace(line, changed, 1))
    code, out = verify(path, capsys)
    assert code == 1 and "TAMPERED at seq" in out
    first = next(
        e["seq"]
        for e in doc["events"]
        if json.dumps(e["payload"], ensure_ascii=False, separators=(",", ":")) == line
    )
    assert f"at seq {first}:" in out


@pytest.mark.django_db
def test_a_byte_changed_in_a_jsonl_line_names_its_seq(finished_session, tmp_path, capsys):
    path = export(finished_session, tmp_path, "jsonl")
    lines = path.read_text().splitlines(keepends=True)
    lines[5] = lines[5].replace('"kind":"', '"kind":"x', 1)  # line 6 is the event of seq 5
    path.write_text("".join(lines))
    code, out = verify(path, capsys)
    assert code == 1 and "at seq 5:" in out


@pytest.mark.django_db
def test_reordered_events_fail(exported, capsys):
    session, path = exported
    doc = load(path)
    doc["events"][2], doc["events"][3] = doc["events"][3], doc["events"][2]
    code, out = verify(dump(doc, path), capsys)
    assert code == 1 and "at seq 3:" in out


@pytest.mark.django_db
def test_a_removed_event_fails(exported, capsys):
    session, path = exported
    doc = load(path)
    del doc["events"][4]
    code, out = verify(dump(doc, path), capsys)
    assert code == 1 and "at seq 5:" in out and "missing" in out


@pytest.mark.django_db
def test_the_last_event_removed_fails(exported, capsys):
    session, path = exported
    doc = load(path)
    doc["events"].pop()
    code, out = verify(dump(doc, path), capsys)
    assert code == 1 and f"at seq {session.last_seq}:" in out


@pytest.mark.django_db
def test_an_added_event_fails_even_when_it_chains(exported, capsys):
    session, path = exported
    doc = load(path)
    last = doc["events"][-1]
    extra = {**last, "seq": last["seq"] + 1, "kind": "note", "payload": {"forged": True}}
    extra["prev_hash"] = last["hash"]
    extra["hash"] = event_hash(
        prev_hash=last["hash"],
        session_public_id=str(session.public_id),
        seq=extra["seq"],
        kind="note",
        created=extra["created"],
        payload=extra["payload"],
    )
    doc["events"].append(extra)
    code, out = verify(dump(doc, path), capsys)
    assert code == 1 and f"at seq {session.last_seq + 1}:" in out


@pytest.mark.django_db
def test_the_set_of_events_changed_fails(
    personas, case, tmp_path, capsys, exported, django_capture_on_commit_callbacks
):
    """An event swapped for the same seq of another session's export."""
    from diagnosis.sessions import services

    session, path = exported
    with django_capture_on_commit_callbacks(execute=True):
        other = services.session_start(
            owner=personas["owner"], mode="simulated", policy="scripted", case=case
        )
    doc, donor = load(path), load(export(other, tmp_path, name="other.json"))
    doc["events"][1] = donor["events"][1]
    code, out = verify(dump(doc, path), capsys)
    assert code == 1 and "at seq 2:" in out


@pytest.mark.django_db
def test_a_rehashed_chain_with_the_stale_signature_fails(exported, capsys):
    session, path = exported
    doc = load(path)
    doc["events"][2]["payload"] = {"turn": 0, "rewritten": True}
    rehash(doc, str(session.public_id))
    doc["chain"]["head"] = doc["events"][-1]["hash"]
    code, out = verify(dump(doc, path), capsys)
    assert code == 1 and "at seq 1:" in out and "rewritten" in out


@pytest.mark.django_db
def test_a_rehashed_chain_without_checkpoints_fails_on_the_signed_head(exported, capsys):
    session, path = exported
    doc = load(path)
    doc["events"][2]["payload"] = {"turn": 0, "rewritten": True}
    doc["checkpoints"] = []
    rehash(doc, str(session.public_id))
    doc["chain"]["head"] = doc["events"][-1]["hash"]
    code, out = verify(dump(doc, path), capsys)
    # The session had ended, so its head must carry a checkpoint: the chain is unanchored.
    assert code == 1 and "at seq 1:" in out and "not covered by a signed checkpoint" in out


@pytest.mark.django_db
def test_a_forged_signature_fails(exported, capsys):
    session, path = exported
    doc = load(path)
    sig = bytearray(keys.unb64(doc["chain"]["signature"]))
    sig[0] ^= 1
    doc["chain"]["signature"] = keys.b64(bytes(sig))
    code, out = verify(dump(doc, path), capsys)
    assert code == 1 and "does not verify" in out


@pytest.mark.django_db
def test_a_missing_signature_or_chain_block_fails(exported, capsys):
    session, path = exported
    doc = load(path)
    del doc["chain"]["signature"]
    code, out = verify(dump(doc, path), capsys)
    assert code == 1 and "does not verify" in out
    del doc["chain"]
    with pytest.raises(CommandError, match="no chain block"):
        call_command("verify_transcript", str(dump(doc, path)))


@pytest.mark.django_db
def test_a_chain_resigned_with_a_forgers_key_fails(exported, capsys, signing_key):
    """Rewritten, rehashed and signed again with another key: the checkpoints signed by the
    server's key no longer match, and pinned the forger's key is refused outright."""
    session, path = exported
    doc = load(path)
    doc["events"][2]["payload"] = {"turn": 0, "rewritten": True}
    rehash(doc, str(session.public_id))
    resign(doc, Ed25519PrivateKey.generate())
    code, out = verify(dump(doc, path), capsys)
    assert code == 1 and "TAMPERED" in out
    doc["checkpoints"] = []
    resign(doc, Ed25519PrivateKey.generate())
    code, out = verify(dump(doc, path), capsys)
    assert code == 1 and "not covered by a signed checkpoint" in out  # the session had ended
    code, out = verify(path, capsys, Path(f"{signing_key}.pub"))
    assert code == 1 and "TAMPERED at seq 1:" in out


@pytest.mark.django_db
def test_a_changed_header_fails(exported, capsys):
    session, path = exported
    doc = load(path)
    doc["session"]["final_diagnosis"] = "Something else"
    code, out = verify(dump(doc, path), capsys)
    assert code == 1 and "header" in out


@pytest.mark.django_db
def test_a_jsonl_export_without_its_trailer_fails(finished_session, tmp_path, capsys):
    path = export(finished_session, tmp_path, "jsonl")
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[:-1]))
    code, out = verify(path, capsys)
    assert code == 1 and "trailer" in out


@pytest.mark.django_db
def test_a_file_that_is_no_export_is_refused_clearly(tmp_path):
    junk = tmp_path / "junk.json"
    junk.write_text("this is { not json")
    with pytest.raises(CommandError, match="not JSON"):
        call_command("verify_transcript", str(junk))
    junk.write_text('{"hello": 1}')
    with pytest.raises(CommandError, match="not a MedAction transcript"):
        call_command("verify_transcript", str(junk))


@pytest.mark.django_db
def test_every_verification_is_logged(exported, capsys):
    session, path = exported
    verify(path, capsys)
    doc = load(path)
    doc["events"].pop()
    verify(dump(doc, path), capsys)
    entries = list(AuditLogEntry.objects.filter(action="verify").order_by("id"))
    assert [e.ok for e in entries] == [True, False]
    assert all(e.session_public_id == str(session.public_id) for e in entries)
    assert entries[1].result.startswith("TAMPERED at seq")


@pytest.mark.django_db
def test_an_unpinned_verify_says_so_and_pinning_catches_a_forgers_key(
    personas, case, tmp_path, capsys, signing_key, settings, django_capture_on_commit_callbacks
):
    """An open session with no checkpoint yet, re-signed whole by a forger: only the file's own
    key vouches for it, the output says it is not pinned, and the pinned key refuses it."""
    from diagnosis.sessions import services

    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )
    path = export(session, tmp_path)
    doc = load(path)
    doc["events"][0]["payload"]["title"] = "Rewritten"
    rehash(doc, str(session.public_id))
    resign(doc, Ed25519PrivateKey.generate())
    code, out = verify(dump(doc, path), capsys)
    assert code == 0 and "not pinned" in out
    code, out = verify(path, capsys, Path(f"{signing_key}.pub"))
    assert code == 1 and "not by the trusted key" in out
