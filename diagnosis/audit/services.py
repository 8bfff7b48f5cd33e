"""Writes of the audit room: signed checkpoints and the audit log (both append-only)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from diagnosis.audit import keys, statements
from diagnosis.audit.models import AuditLogEntry, SignedCheckpoint


def checkpoint_record(*, session_id: int, public_id: str, seq: int, head: str) -> None:
    """Sign (session, seq, head) and store it; a seq signed already is left as it was."""
    signer = keys.signer()
    message = statements.checkpoint_message(session=public_id, seq=seq, head=head)
    SignedCheckpoint.objects.bulk_create(
        [
            SignedCheckpoint(
                session_id=session_id,
                seq=seq,
                head=head,
                signature=signer.sign(message),
                key_id=signer.key_id,
                public_key=signer.public_b64,
            )
        ],
        ignore_conflicts=True,
    )


def audit_log_record(
    *,
    user: Any,
    action: str,
    session_public_id: str = "",
    fmt: str = "",
    ok: bool,
    result: str,
    via: str,
) -> AuditLogEntry:
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    actor = user.get_username() if authenticated else (str(user) if user else "command line")
    with transaction.atomic():
        return AuditLogEntry.objects.create(
            user=user if authenticated else None,
            actor=actor[:200],
            action=action,
            session_public_id=session_public_id[:36],
            format=fmt[:10],
            ok=ok,
            result=result[:500],
            via=via,
        )
