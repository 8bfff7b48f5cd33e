"""Verify a transcript export with nothing but the file and (optionally) a pinned public key.

`ChainCheck` recomputes the hash chain event by event, in seq order, and holds it against the
signed checkpoints; the file's signed chain block is checked at the end. The same check runs on
the database's own events (diagnosis.audit.checkpoints.session_check). A chain rewritten and
rehashed by someone without the key fails at the first checkpoint or signed head it disagrees
with: the first bad seq named is then the first one after the last signature that still matched.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from diagnosis.audit import keys, statements
from diagnosis.audit.export import HEADER_KEYS
from diagnosis.sessions.events import event_hash
from diagnosis.sessions.signals import END_KINDS

EVENT_KEYS = {"seq", "kind", "created", "payload", "prev_hash", "hash"}


class TranscriptFormatError(ValueError):
    """Not a MedAction transcript export at all (a bad upload, not a tampered one)."""


class Tampered(Exception):
    def __init__(self, reason: str, seq: int | None = None) -> None:
        super().__init__(reason)
        self.reason, self.seq = reason, seq


@dataclass
class Report:
    ok: bool
    session: str = ""
    events: int = 0
    head: str = ""
    bad_seq: int | None = None
    reason: str = ""
    lines: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        if self.ok:
            return f"intact, {self.events} events, head {self.head}"
        where = f" at seq {self.bad_seq}" if self.bad_seq is not None else ""
        return f"TAMPERED{where}: {self.reason}"


@dataclass
class Trust:
    """The keys signatures must come from: the pinned ones, else the key the export names."""

    pinned: frozenset[bytes] = frozenset()
    embedded: bytes | None = None

    def check(self, *, public_b64: Any, key_id: Any, message: bytes, signature: Any) -> str:
        """'' when the signature is good and its key trusted, else why not."""
        try:
            raw = keys.unb64(str(public_b64))
        except ValueError:
            return "its public key is not base64"
        if keys.key_id_of(raw) != key_id:
            return f"its key id {key_id} is not the fingerprint of its public key"
        trusted = self.pinned or ({self.embedded} if self.embedded else set())
        if raw not in trusted:
            names = ", ".join(sorted(keys.key_id_of(k) for k in trusted)) or "none"
            return f"signed by key {key_id}, not by the trusted key ({names})"
        if not keys.signature_valid(public_raw=raw, message=message, signature_b64=str(signature)):
            return f"the signature by key {key_id} does not verify"
        return ""


class ChainCheck:
    """Recompute the chain event by event; remember the head at each checkpointed seq, and hold
    the checkpoints against those heads at the end (when the trusted key is known)."""

    def __init__(self, session: str, checkpoints: list[Any]) -> None:
        self.session = session
        self.checkpoints: dict[int, dict[str, Any]] = {}
        for cp in checkpoints:
            if not isinstance(cp, dict) or not isinstance(cp.get("seq"), int):
                raise Tampered("a signed checkpoint is malformed")
            self.checkpoints[cp["seq"]] = cp
        self.heads_at: dict[int, str] = {}
        self.prev, self.seq, self.anchored, self.ended_at = "", 0, 0, 0

    def feed(self, event: Any) -> None:
        expected = self.seq + 1
        if not isinstance(event, dict) or set(event) != EVENT_KEYS:
            raise Tampered("the event is malformed", expected)
        seq = event["seq"]
        if not isinstance(seq, int) or isinstance(seq, bool):
            raise Tampered("the event's seq is not a number", expected)
        if seq < expected:
            raise Tampered(f"events out of order or repeated (seq {seq} after {self.seq})", seq)
        if seq > expected:
            raise Tampered(f"event(s) missing: seq {expected} expected, {seq} found", expected)
        if event["prev_hash"] != self.prev:
            raise Tampered("prev_hash does not match the previous event's hash", seq)
        try:
            digest = event_hash(
                prev_hash=self.prev,
                session_public_id=self.session,
                seq=seq,
                kind=event["kind"],
                created=event["created"],
                payload=event["payload"],
            )
        except (TypeError, ValueError) as error:
            raise Tampered(f"the event cannot be hashed ({error})", seq) from error
        if digest != event["hash"]:
            raise Tampered("the event's content does not match its hash", seq)
        self.prev, self.seq = digest, seq
        if event["kind"] in END_KINDS:
            self.ended_at = seq
        if seq in self.checkpoints:
            self.heads_at[seq] = digest

    def finish(self, trust: Trust) -> None:
        """Every checkpoint signed by a trusted key over the head recomputed at its seq."""
        for seq in sorted(self.checkpoints):
            cp = self.checkpoints[seq]
            if seq > self.seq:
                raise Tampered(f"a signed checkpoint at seq {seq} has no event", self.seq + 1)
            message = statements.checkpoint_message(
                session=self.session, seq=seq, head=self.heads_at[seq]
            )
            why = trust.check(
                public_b64=cp.get("public_key"),
                key_id=cp.get("key_id"),
                message=message,
                signature=cp.get("signature"),
            )
            if not why and cp.get("head") != self.heads_at[seq]:
                why = "it signed another head"
            if why:
                raise Tampered(
                    f"events {self.anchored + 1}–{seq} were rewritten: the checkpoint signed at "
                    f"seq {seq} does not match ({why})",
                    self.anchored + 1,
                )
            self.anchored = seq
        if self.ended_at and self.anchored < self.seq:
            raise Tampered(
                f"events after seq {self.anchored} are not covered by a signed checkpoint, "
                "though the session ended (a checkpoint is signed when a session ends)",
                self.anchored + 1,
            )

    @property
    def unanchored(self) -> int:
        return self.seq - self.anchored


def _parse(line: bytes, what: str) -> Any:
    try:
        return json.loads(line)
    except (ValueError, RecursionError) as error:
        raise TranscriptFormatError(f"{what} is not JSON: {error}") from error


def _read(file: IO[bytes]) -> tuple[dict[str, Any], Iterator[Any], list[dict[str, Any]]]:
    """(header, events, [chain]): the chain block fills in once the events are read."""
    first = file.readline()
    doc: Any = None
    try:
        doc = json.loads(first)
    except (ValueError, RecursionError):
        file.seek(0)
        doc = _parse(file.read(), "the file")
    if not isinstance(doc, dict) or doc.get("format") != "medaction-transcript":
        raise TranscriptFormatError("this is not a MedAction transcript export")
    if doc.get("record") == "header":
        header = {k: doc.get(k) for k in HEADER_KEYS}
        chain: list[dict[str, Any]] = []

        def lines() -> Iterator[Any]:
            for number, line in enumerate(file, start=2):
                if not line.strip():
                    continue
                record = _parse(line, f"line {number}")
                if isinstance(record, dict) and record.get("record") == "trailer":
                    chain.append(record.get("chain") or {})
                    return
                if chain:
                    break
                yield record
            if not chain:
                raise Tampered("the file ends without its signed trailer")

        return header, lines(), chain
    if "events" not in doc or "chain" not in doc or not isinstance(doc["events"], list):
        raise TranscriptFormatError("the document has no events or no chain block")
    header = {k: doc.get(k) for k in HEADER_KEYS}
    return header, iter(doc["events"]), [doc["chain"]]


def verify_file(file: IO[bytes], *, pinned: Iterable[bytes] = ()) -> Report:
    """Raises TranscriptFormatError for a file that is no export; else a Report."""
    header, events, chain_box = _read(file)
    session = header.get("session")
    public_id = str(session.get("public_id", "")) if isinstance(session, dict) else ""
    pinned_set = frozenset(pinned)
    try:
        checkpoints = header.get("checkpoints")
        if not isinstance(checkpoints, list):
            raise Tampered("the header's list of signed checkpoints is missing")
        chk = ChainCheck(public_id, checkpoints)
        for event in events:
            chk.feed(event)
        chain = chain_box[0] if chain_box else None
        _head_check(chain, header, chk, public_id, pinned_set)
    except Tampered as failure:
        return Report(ok=False, session=public_id, bad_seq=failure.seq, reason=failure.reason)
    key = chain.get("key_id") if isinstance(chain, dict) else ""
    lines = [
        f"signature valid, key {key}, pinned"
        if pinned_set
        else f"signature valid against the key embedded in the file (key {key}), not pinned: "
        "pass --public-key to check it is your key",
        f"{len(chk.checkpoints)} signed checkpoint(s) match the chain"
        + (f"; {chk.unanchored} event(s) after the last one" if chk.unanchored else ""),
    ]
    return Report(ok=True, session=public_id, events=chk.seq, head=chk.prev, lines=lines)


def _head_check(
    chain: Any, header: dict[str, Any], chk: ChainCheck, public_id: str, pinned: frozenset[bytes]
) -> None:
    if not isinstance(chain, dict):
        raise Tampered("the signed chain block is missing")
    try:
        embedded = keys.unb64(str(chain.get("public_key")))
    except ValueError as error:
        raise Tampered("the chain block's public key is not base64") from error
    trust = Trust(pinned, embedded)
    chk.finish(trust)
    why = trust.check(
        public_b64=chain.get("public_key"),
        key_id=chain.get("key_id"),
        message=statements.export_message(chain),
        signature=chain.get("signature"),
    )
    if why:
        raise Tampered(f"the export's signed chain head fails: {why}")
    if chain.get("session") != public_id:
        raise Tampered("the signed chain head is for another session")
    signed_seq = chain.get("head_seq")
    if signed_seq != chk.seq or chain.get("events") != chk.seq:
        first = chk.seq + 1 if not isinstance(signed_seq, int) else min(chk.seq, signed_seq) + 1
        raise Tampered(f"the file has {chk.seq} events, the signed head says {signed_seq}", first)
    if chain.get("head") != chk.prev:
        raise Tampered(
            f"the chain was rewritten after seq {chk.anchored}: its head is not the signed head",
            chk.anchored + 1,
        )
    if chain.get("header_sha256") != statements.header_digest(header):
        raise Tampered("the header (session, case version, turns, metrics, reviews) was changed")
