"""Running one turn: claim it, let the session's policy think, stream its partial decisions
(pushed ~every MEDACTION_STREAM_INTERVAL_MS, logged ~every MEDACTION_PARTIAL_PERSIST_MS), then
complete or fail the turn. From the claim to the end, a LeaseRenewer thread keeps the turn's
lease on a timer, independent of the stream.

Called by whichever dispatcher settings name (in-process threads or a Celery task).
"""

from __future__ import annotations

import logging
import threading
import time

from django import db
from django.conf import settings

from diagnosis.cases.snapshots import snapshot_of
from diagnosis.kg import get_kg
from diagnosis.models import Turn
from diagnosis.protocol import (
    FinalDecision,
    PartialDecision,
    PolicyContext,
    PolicyError,
)
from diagnosis.sessions import turns
from diagnosis.sessions.dispatching import get_policy_registry
from diagnosis.sessions.trajectory import past_turns

log = logging.getLogger(__name__)

# A connection that dropped (not a bug in a query: those are IntegrityError, ProgrammingError…).
CONNECTION_ERRORS = (db.OperationalError, db.InterfaceError)

LEASE_RENEW_SECONDS = 10.0


def give_back_connection() -> None:
    """With a connection pool, put this thread's connection back while it waits (on the model
    server's stream, on the renewer's timer): the next query takes one again. Without a pool, or
    inside a transaction, the connection is kept."""
    connection = db.connection
    if connection.settings_dict.get("OPTIONS", {}).get("pool") and not connection.in_atomic_block:
        connection.close()


def renew_interval() -> float:
    """How often a running turn renews its lease: well before it ends, also when it is short."""
    return min(LEASE_RENEW_SECONDS, settings.MEDACTION_TURN_LEASE_SECONDS / 3)


class LeaseRenewer:
    """Renews a running turn's lease on a timer, whatever the policy streams (a slow model that
    writes nothing new for a while, the KG loading, a long first token keep the turn).

    A thread per running turn, from just after the claim until `stop()` (the runner's finally).
    When a renewal finds the lease taken (another worker claimed the turn after all, or the turn
    ended), it stops and marks the attempt stale: the runner then drops the turn at its next step.
    A renewal that cannot see the turn's row at all (this thread has its own connection; the
    transaction that wrote the session may still be open) keeps the turn: nobody else can have
    claimed what nobody else can see.
    """

    def __init__(self, turn: Turn, *, interval: float | None = None) -> None:
        self.turn = turn
        self.interval = interval if interval is not None else renew_interval()
        self.renewals = 0
        self.unseen = 0  # renewals that could not see the turn's row
        self._stop = threading.Event()
        self._stale = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"lease-renewer-turn-{turn.pk}", daemon=True
        )

    @property
    def stale(self) -> bool:
        """True once a renewal found the turn taken over by another attempt."""
        return self._stale.is_set()

    def start(self) -> LeaseRenewer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=max(self.interval, 5.0))

    def is_alive(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.interval):
                try:
                    renewal = turns.turn_lease_renew(turn=self.turn)
                except CONNECTION_ERRORS:  # the connection dropped: a new one at the next tick
                    log.warning("renewing the lease of turn %s failed", self.turn.pk, exc_info=True)
                    db.connection.close()
                    continue  # (if it keeps failing the lease runs out, as a dead worker's)
                if renewal == "unseen":
                    # Not visible to this thread's connection (the transaction that wrote it is
                    # still open): nobody else can have taken it. Keep the turn; say so once.
                    if not self.unseen:
                        log.info(
                            "turn %s is not visible to its lease renewer; keeping it",
                            self.turn.pk,
                        )
                    self.unseen += 1
                    continue
                if renewal == "taken":
                    if not self._stop.is_set():  # not merely the turn completing meanwhile
                        log.info(
                            "turn %s attempt %s lost its lease; stopping",
                            self.turn.pk,
                            self.turn.attempts,
                        )
                        self._stale.set()
                    return
                self.renewals += 1
                give_back_connection()
        finally:
            db.connections.close_all()  # this thread's connections only


def context_for_turn(turn: Turn) -> PolicyContext:
    session = turn.session
    snapshot = snapshot_of(session)
    past = past_turns(session_id=session.pk, before=turn.index)
    return PolicyContext(
        session_id=str(session.public_id),
        turn_index=turn.index,
        mode=session.mode,  # type: ignore[arg-type]
        presentation=snapshot.initial_presentation,
        demographics=snapshot.demographics,
        history=tuple(h.model_dump() for h in snapshot.history),
        past_turns=past,
        max_turns=session.max_turns,
        must_finalise=bool(turn.options.get("must_finalise"))
        or turn.index + 1 >= session.max_turns,
    )


def turn_run(turn_id: int, *, retry_on_db_error: bool = True) -> str:
    """Returns what happened: "skipped" (claim lost), "completed", "failed" or "stale".

    A database connection that drops mid-turn (Postgres restarted, a failover, a terminated
    backend) ends this attempt; its lease is given up and the turn runs again at once as a new
    attempt, once (the claim keeps that exactly once). A second drop is left to the sweeper.
    """
    turn = turns.turn_claim(turn_id=turn_id)
    if turn is None:
        return "skipped"
    renewer = LeaseRenewer(turn).start()
    try:
        return _turn_run_claimed(turn, renewer)
    except CONNECTION_ERRORS:
        if not retry_on_db_error:
            raise
        log.warning("turn %s: database error mid-turn; running it again", turn.pk, exc_info=True)
    finally:
        renewer.stop()
    db.connection.close()  # broken: the next query opens a new one
    turns.turn_lease_give_up(turn=turn)
    return turn_run(turn_id, retry_on_db_error=False)


def _turn_run_claimed(turn: Turn, renewer: LeaseRenewer) -> str:
    interval = settings.MEDACTION_STREAM_INTERVAL_MS / 1000.0
    try:
        # Metrics need the knowledge graph; load it (once per process, ~2 s) here, before
        # turn_complete takes the session's row lock, not inside it.
        get_kg()
        policy = get_policy_registry().get_policy(turn.session.policy)
        context = context_for_turn(turn)
        persist_every = settings.MEDACTION_PARTIAL_PERSIST_MS / 1000.0
        last_emit = 0.0
        # The log samples the stream: the first partial that carries a differential (so even a
        # 10 ms KG turn shows its differential on the page before its completion, in order with
        # the log), then one per persist interval (every pushed one when the interval is 0).
        # Progress frames carry the whole partial state, so nobody watching misses anything.
        last_persist = time.monotonic() if persist_every > 0 else 0.0
        shown_parts: set[str] = set()
        held: PartialDecision | None = None
        final: FinalDecision | None = None
        give_back_connection()  # the policy's wait for its model needs no database connection
        for update in policy.run(context):
            if renewer.stale:
                return "stale"  # another worker took the turn over
            now = time.monotonic()
            if isinstance(update, FinalDecision):
                final = update
                break
            held = update
            # A partial that adds a part of the decision (the first differential, the first
            # orders) is pushed at once; growth within a part is paced.
            parts = {key for key, value in held.data.items() if value}
            new_part = not parts <= shown_parts
            if new_part or now - last_emit >= interval:
                first_differential = "differential" in parts and "differential" not in shown_parts
                persist = first_differential or now - last_persist >= persist_every
                turns.turn_progress(turn=turn, partial=held.data, text=held.text, persist=persist)
                shown_parts |= parts
                last_emit, held = now, None
                last_persist = now if persist else last_persist
                give_back_connection()
        if renewer.stale:
            return "stale"
        if final is None:
            raise PolicyError("The policy stopped without a decision.", retryable=True)
        if held is not None:  # the completion that follows carries the whole decision: don't log it
            turns.turn_progress(turn=turn, partial=held.data, text=held.text, persist=False)
        done = turns.turn_complete(
            turn=turn, decision=final.decision, call=final.call, past=context.past_turns
        )
        return "completed" if done is not None else "stale"
    except CONNECTION_ERRORS:
        raise  # not the policy's fault: turn_run runs the turn again
    except PolicyError as exc:
        log.warning("turn %s failed: %s", turn.pk, exc)
        done = turns.turn_fail(
            turn=turn,
            error=str(exc),
            retryable=exc.retryable,
            call=exc.call,
            raw_output=exc.raw_output,
        )
        return "failed" if done is not None else "stale"
    except Exception as exc:  # a crashing policy must never take the session down with it
        log.exception("turn %s crashed", turn.pk)
        done = turns.turn_fail(
            turn=turn,
            error=f"The policy crashed ({type(exc).__name__}). You can retry the turn.",
            retryable=True,
        )
        return "failed" if done is not None else "stale"
