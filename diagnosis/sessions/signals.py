"""Signals the sessions room sends, for rooms above it (it imports none of them).

`chain_committed`: after a transaction that appended events commits. Keyword arguments:
session_id, public_id, first_seq, last_seq, head (the hash at last_seq) and ended (the batch holds
session.completed or session.failed). Sent robustly: a receiver's error never reaches the turn.
The audit room signs checkpoints on it (diagnosis/audit/checkpoints.py)."""

from __future__ import annotations

import logging

from django.dispatch import Signal

log = logging.getLogger(__name__)
chain_committed = Signal()
END_KINDS = frozenset({"session.completed", "session.failed"})


def chain_committed_send(**info: object) -> None:
    for receiver, result in chain_committed.send_robust(sender=None, **info):
        if isinstance(result, Exception):
            log.error("chain_committed receiver %r failed: %r", receiver, result)
