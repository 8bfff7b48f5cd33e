"""When checkpoints are signed, and the in-database check against them.

Chosen: a signal. diagnosis.sessions sends `chain_committed` after each commit that appended
events (it never imports this room); the receiver here signs the new head when the batch ended
the session, or crossed a multiple of MEDACTION_CHECKPOINT_EVERY. A failure to sign is logged and
never breaks the turn. The `audit_checkpoint` sweep is the backstop: it signs heads of sessions
that have no checkpoint at all (from before this feature) and of open sessions — but refuses a
session whose chain disagrees with the checkpoints it already has, and never signs past the
checkpoint of an ended session (a sweep trusts the database; the signal signed before anyone
could touch the rows).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from diagnosis.audit import keys, services
from diagnosis.audit.export import checkpoints_of, event_record
from diagnosis.audit.verify import ChainCheck, Tampered, Trust
from diagnosis.models import DiagnosticSession, SessionEvent
from diagnosis.sessions import signals

log = logging.getLogger(__name__)


def on_chain_committed(sender: Any, **info: Any) -> None:
    every = settings.MEDACTION_CHECKPOINT_EVERY
    first, last = info["first_seq"], info["last_seq"]
    crossed = every > 0 and (first - 1) // every != last // every
    if not (info["ended"] or crossed):
        return
    try:
        services.checkpoint_record(
            session_id=info["session_id"], public_id=info["public_id"], seq=last, head=info["head"]
        )
    except Exception:  # a missing key must not fail a turn that already committed
        log.exception("could not sign a checkpoint for session %s seq %s", info["public_id"], last)


def connect_signals() -> None:
    signals.chain_committed.connect(on_chain_committed, dispatch_uid="audit-checkpoints")


@dataclass(frozen=True)
class DbCheck:
    ok: bool
    events: int
    checkpoints: int
    bad_seq: int | None = None
    reason: str = ""

    @property
    def summary(self) -> str:
        if self.ok:
            return f"intact, {self.events} events, {self.checkpoints} signed checkpoint(s) match"
        where = f" at seq {self.bad_seq}" if self.bad_seq is not None else ""
        return f"TAMPERED{where}: {self.reason}"


def session_check(session: DiagnosticSession, *, pinned: frozenset[bytes] = frozenset()) -> DbCheck:
    """The database's own chain held against its signed checkpoints and the session's head.
    Trusted keys: the pinned ones, else this server's signing key."""
    checkpoints = checkpoints_of(session, up_to=2**31)
    chk = ChainCheck(str(session.public_id), checkpoints)
    events = SessionEvent.objects.filter(session=session).order_by("seq")
    try:
        for event in events.iterator(chunk_size=500):
            chk.feed(event_record(event))
        chk.finish(Trust(pinned or frozenset({keys.signer().public_raw})))
        head = DiagnosticSession.objects.values_list("last_seq", "last_hash").get(pk=session.pk)
        if head != (chk.seq, chk.prev):
            raise Tampered("the session's chain head does not match its last event", chk.seq)
    except Tampered as failure:
        return DbCheck(False, chk.seq, len(checkpoints), failure.seq, failure.reason)
    return DbCheck(True, chk.seq, len(checkpoints))


def session_sweep(session: DiagnosticSession) -> str:
    """Sign the session's head if the sweep may (see the module's note); say what was done."""
    check = session_check(session)
    if not check.ok:
        return f"refused: {check.summary}"
    if check.events == 0:
        return "no events"
    last = session.checkpoints.order_by("-seq").values_list("seq", flat=True).first()
    if last == check.events:
        return "head already signed"
    if last is not None and not session.is_open:
        return "refused: the session ended; its checkpoint is the last word"
    head = SessionEvent.objects.get(session=session, seq=check.events).hash
    services.checkpoint_record(
        session_id=session.pk, public_id=str(session.public_id), seq=check.events, head=head
    )
    return f"signed seq {check.events}"
