"""What a signature covers: the exact bytes signed for a checkpoint and for an export."""

from __future__ import annotations

import hashlib
from typing import Any

from diagnosis.sessions.events import canonical_json

CHECKPOINT = "medaction.checkpoint"
EXPORT = "medaction.export"
# The export's chain block: these fields are signed, in canonical JSON, with "type": EXPORT.
EXPORT_SIGNED = ("session", "events", "head_seq", "head", "header_sha256", "signed_at")


def checkpoint_message(*, session: str, seq: int, head: str) -> bytes:
    return canonical_json(
        {"type": CHECKPOINT, "session": session, "seq": seq, "head": head}
    ).encode("utf-8")


def export_message(chain: dict[str, Any]) -> bytes:
    signed = {name: chain.get(name) for name in EXPORT_SIGNED}
    return canonical_json({"type": EXPORT, **signed}).encode("utf-8")


def header_digest(header: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(header).encode("utf-8")).hexdigest()
