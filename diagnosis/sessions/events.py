"""The append-only, hash-chained session event log.

Each event's hash covers the previous hash, the session's public id, seq, kind, created time and
payload in canonical JSON, so any edit, deletion or reordering breaks verification.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from diagnosis.models import DiagnosticSession, SessionEvent
from diagnosis.sessions import publish, signals


def canonical_json(value: Any) -> str:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def event_hash(
    *,
    prev_hash: str,
    session_public_id: str,
    seq: int,
    kind: str,
    created: str,
    payload: Any,
    payload_json: str | None = None,
) -> str:
    """SHA-256 of the canonical JSON of the event with its predecessor's hash. `payload_json`: the
    payload's canonical JSON when the caller has it already (the same bytes either way)."""
    if payload_json is None:
        payload_json = canonical_json(payload)
    # canonical_json of {"created", "kind", "payload", "prev", "seq", "session"}: keys in sorted
    # order, the payload spliced in as already canonical (test_events checks the two agree).
    body = (
        f'{{"created":{canonical_json(created)},"kind":{canonical_json(kind)},"payload":{payload_json},'
        f'"prev":{canonical_json(prev_hash)},"seq":{canonical_json(seq)},"session":{canonical_json(session_public_id)}}}'
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def events_append(
    *, session: DiagnosticSession, items: Iterable[tuple[str, dict[str, Any]]]
) -> list[SessionEvent]:
    """Append events under a row lock on the session (gapless seq) and publish them on commit.

    For a caller that does not hold the lock (it is taken here, on the chain head's columns
    only); `session` gets the new chain head in memory."""
    items = list(items)
    if not items:
        return []
    with transaction.atomic():
        head = (
            DiagnosticSession.objects.select_for_update()
            .only("id", "public_id", "last_seq", "last_hash")
            .get(pk=session.pk)
        )
        events = events_stage(session=head, items=items)
        session.last_seq, session.last_hash = head.last_seq, head.last_hash
    return events


# The session row's chain head: written by events_stage with every batch of events.
HEAD_FIELDS = ("last_seq", "last_hash")


def events_stage(
    *,
    session: DiagnosticSession,
    items: Iterable[tuple[str, dict[str, Any]]],
    save: Iterable[str] = (),
) -> list[SessionEvent]:
    """Append events for a caller that already holds the session's row lock in its transaction.

    `session` must have been read with select_for_update in the current transaction (its last_seq
    and last_hash are the chain head). The events are inserted, publishing is queued for commit,
    and the new chain head is written to the session row here, in one UPDATE together with the
    `save` fields the caller changed on `session` (so a caller never writes the head itself, and
    makes no UPDATE of its own).
    """
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        raise RuntimeError(
            "events_stage needs the caller's transaction (and its lock on the session row)"
        )
    items = list(items)
    fields = list(dict.fromkeys([*save, *(HEAD_FIELDS if items else ())]))
    if not items:
        if fields:
            session.save(update_fields=fields)
        return []
    seq, prev = session.last_seq, session.last_hash
    first_seq = seq + 1
    public_id = str(session.public_id)
    ended = any(kind in signals.END_KINDS for kind, _ in items)
    events = []
    for kind, payload in items:
        seq += 1
        created = timezone.now()
        # Round-trip through JSON so the stored payload hashes exactly as it will be read back.
        payload_json = canonical_json(payload)
        payload = json.loads(payload_json)
        digest = event_hash(
            prev_hash=prev,
            session_public_id=public_id,
            seq=seq,
            kind=kind,
            created=created.isoformat(),
            payload=payload,
            payload_json=payload_json,
        )
        events.append(
            SessionEvent(
                session_id=session.pk,
                seq=seq,
                kind=kind,
                payload=payload,
                created_at=created,
                prev_hash=prev,
                hash=digest,
            )
        )
        prev = digest
    SessionEvent.objects.bulk_create(events)
    session.last_seq, session.last_hash = seq, prev
    session.save(update_fields=fields)
    wire = [e.as_wire() for e in events]
    transaction.on_commit(lambda: publish.publish_events(public_id, wire))
    committed = dict(
        session_id=session.pk,
        public_id=public_id,
        first_seq=first_seq,
        last_seq=seq,
        head=prev,
        ended=ended,
    )
    transaction.on_commit(lambda: signals.chain_committed_send(**committed))
    return events


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    events: int
    first_bad_seq: int | None = None
    reason: str = ""


def chain_verify(session: DiagnosticSession) -> ChainReport:
    prev = ""
    expected_seq = 1
    count = 0
    public_id = str(session.public_id)
    for event in SessionEvent.objects.filter(session=session).order_by("seq").iterator():
        count += 1
        if event.seq != expected_seq:
            return ChainReport(False, count, event.seq, f"gap: expected seq {expected_seq}")
        if event.prev_hash != prev:
            return ChainReport(
                False, count, event.seq, "prev_hash does not match the previous event"
            )
        digest = event_hash(
            prev_hash=prev,
            session_public_id=public_id,
            seq=event.seq,
            kind=event.kind,
            created=event.created_at.isoformat(),
            payload=event.payload,
        )
        if digest != event.hash:
            return ChainReport(False, count, event.seq, "hash does not match the event's content")
        prev = digest
        expected_seq += 1
    head_hash = (
        DiagnosticSession.objects.filter(pk=session.pk).values_list("last_hash", flat=True).first()
        or ""
    )
    if prev != head_hash:
        return ChainReport(False, count, None, "chain head does not match the session's last hash")
    return ChainReport(True, count)
