"""Transcript exports, streamed: json (one document) and jsonl (a header line, one event a line,
a trailer). Events are read from the database in chunks and written as they come, so a large
session is never held in memory; the chain is recomputed on the way and the signed head in the
trailer is the head of the events actually written.

Layout (docs/audit.md): the header (`HEADER_KEYS`: session, case snapshot, turns with model,
parameters and token usage, metrics, reviews, signed checkpoints) is covered by `header_sha256`
in the signed chain block; each event carries seq, kind, created, payload, prev_hash and hash.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.utils import timezone

from diagnosis.audit import keys, reviews, statements
from diagnosis.audit.models import SignedCheckpoint
from diagnosis.models import DiagnosticSession, SessionEvent

FORMAT = "medaction-transcript"
VERSION = 1
FORMATS = ("json", "jsonl", "pdf")
HEADER_KEYS = (
    "format",
    "version",
    "exported_at",
    "exported_by",
    "session",
    "case_version",
    "turns",
    "metrics",
    "reviews",
    "review_agreement",
    "checkpoints",
    "checkpoint_every",
)
TURN_FIELDS = (
    "index",
    "status",
    "attempts",
    "model_name",
    "endpoint",
    "parameters",
    "prompt_tokens",
    "completion_tokens",
    "ttft_ms",
    "latency_ms",
    "metrics",
    "cost",
    "error",
    "raw_output",
    "created_at",
    "started_at",
    "finished_at",
)


def _plain(value: Any) -> Any:
    """JSON types only (Decimal and datetimes as text), so the header hashes the same when read."""
    return json.loads(json.dumps(value, default=str, ensure_ascii=False, allow_nan=False))


def checkpoints_of(session: DiagnosticSession, *, up_to: int) -> list[dict[str, Any]]:
    rows = SignedCheckpoint.objects.filter(session=session, seq__lte=up_to).order_by("seq")
    return [
        {
            "seq": cp.seq,
            "head": cp.head,
            "signature": cp.signature,
            "key_id": cp.key_id,
            "public_key": cp.public_key,
            "signed_at": cp.created_at.isoformat(),
        }
        for cp in rows
    ]


def header_build(session: DiagnosticSession, *, exported_by: str) -> dict[str, Any]:
    """Everything but the events, as plain JSON; the session's head is fixed here (seq)."""
    head = DiagnosticSession.objects.get(pk=session.pk)
    turns = [
        {name: getattr(turn, name) for name in TURN_FIELDS} for turn in head.turns.order_by("index")
    ]
    header = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "exported_by": exported_by,
        "session": {
            "public_id": str(head.public_id),
            "title": head.title,
            "mode": head.mode,
            "policy": head.policy,
            "status": head.status,
            "owner": head.owner.get_username(),
            "max_turns": head.max_turns,
            "final_diagnosis": head.final_diagnosis,
            "total_cost": head.total_cost,
            "error": head.error,
            "batch_label": head.batch_label,
            "created_at": head.created_at,
            "finished_at": head.finished_at,
            "last_seq": head.last_seq,
            "last_hash": head.last_hash,
        },
        "case_version": {
            "case_id": head.case_id,
            "version": head.case_version,
            "snapshot": head.case_snapshot,
        },
        "turns": turns,
        "metrics": head.metrics,
        "reviews": reviews.session_reviews(head),
        "review_agreement": reviews.session_review_agreement(head),
        "checkpoints": checkpoints_of(head, up_to=head.last_seq),
        "checkpoint_every": settings.MEDACTION_CHECKPOINT_EVERY,
    }
    return _plain(header)


def event_record(event: SessionEvent) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "kind": event.kind,
        "created": event.created_at.isoformat(),
        "payload": event.payload,
        "prev_hash": event.prev_hash,
        "hash": event.hash,
    }


def events_iter(session_pk: int, up_to: int) -> Iterator[dict[str, Any]]:
    events = SessionEvent.objects.filter(session_id=session_pk, seq__lte=up_to).order_by("seq")
    for event in events.iterator(chunk_size=500):
        yield event_record(event)


def chain_sign(header: dict[str, Any], *, events: int, head_seq: int, head: str) -> dict[str, Any]:
    signer = keys.signer()
    chain: dict[str, Any] = {
        "session": header["session"]["public_id"],
        "events": events,
        "head_seq": head_seq,
        "head": head,
        "header_sha256": statements.header_digest(header),
        "signed_at": timezone.now().isoformat(),
    }
    chain.update(
        algorithm=keys.ALGORITHM,
        key_id=signer.key_id,
        public_key=signer.public_b64,
        signature=signer.sign(statements.export_message(chain)),
    )
    return chain


def _line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def export_stream(
    header: dict[str, Any], events: Iterator[dict[str, Any]], fmt: str
) -> Iterator[str]:
    """The export's text in pieces. `events` in seq order; the chain block is signed last."""
    count, head_seq, head = 0, 0, ""
    if fmt == "jsonl":
        yield _line({"record": "header", **header}) + "\n"
    else:
        yield "{\n" + "".join(f"{_line(k)}:{_line(header[k])},\n" for k in HEADER_KEYS)
        yield '"events":['
    for record in events:
        if fmt == "jsonl":
            yield _line(record) + "\n"
        else:
            yield ("\n" if count == 0 else ",\n") + _line(record)
        count, head_seq, head = count + 1, record["seq"], record["hash"]
    chain = chain_sign(header, events=count, head_seq=head_seq, head=head)
    if fmt == "jsonl":
        yield _line({"record": "trailer", "chain": chain}) + "\n"
    else:
        yield f'\n],\n"chain":{_line(chain)}\n}}\n'


def export_chunks(session: DiagnosticSession, *, fmt: str, exported_by: str) -> Iterator[str]:
    header = header_build(session, exported_by=exported_by)
    up_to = header["session"]["last_seq"]
    return export_stream(header, events_iter(session.pk, up_to), fmt)
