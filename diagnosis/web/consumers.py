"""The session WebSocket: check access, join the group, send what the client missed, forward.

No database writes and no model calls here. Access is checked on connect and again whenever the
user's roles, account or sign-in change (diagnosis.web.access sends a "revoke" to the user's group):
a socket whose access is gone is closed with 4403 and sent nothing more. Pushes are deduplicated
by seq; a gap (a push lost by the channel layer) is filled from the event log, so a client never
misses or repeats an event. Transient progress frames (streamed partial decisions, not in the log)
are forwarded in between.
A push carries its HTML rendered once by the publisher for every format=html client; a client is
sent those bytes when the push follows on from what it has, and otherwise (a gap, a backlog after a
(re)connect or resume) this consumer renders from the log for it.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from diagnosis.sessions import publish as live
from diagnosis.sessions.selectors import events_after, session_get_for_user
from diagnosis.web import access
from diagnosis.web.fragments import render_events_html, render_progress_html

CLOSE_UNAUTHENTICATED = 4401
CLOSE_REVOKED = access.CLOSE_REVOKED
CLOSE_NOT_FOUND = 4404
BACKLOG_PAGE = 500


class SessionConsumer(AsyncWebsocketConsumer):
    session: Any = None
    group: str = ""
    user_group: str = ""
    last_sent: int = 0
    fmt: str = "json"
    watch_flagged_at: float = -1e9  # when this HTML client last set its watch flag (monotonic)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.finished_turns: set[Any] = set()
        self.attempts: dict[Any, int] = {}

    async def connect(self) -> None:
        live.bind_server_loop(asyncio.get_running_loop())
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self._refuse(CLOSE_UNAUTHENTICATED)
            return
        public_id = self.scope["url_route"]["kwargs"]["public_id"]
        self.session = await database_sync_to_async(session_get_for_user)(
            public_id=public_id, user=user
        )
        if self.session is None:
            await self._refuse(CLOSE_NOT_FOUND)
            return
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        self.fmt = "html" if query.get("format", ["json"])[-1] == "html" else "json"
        self.group = live.group_name(str(self.session.public_id))
        self.user_group = access.user_group(user.pk)
        await self.channel_layer.group_add(self.user_group, self.channel_name)
        await self.channel_layer.group_add(self.group, self.channel_name)
        if self.fmt == "html":  # before accepting: a push that follows the accept is rendered
            await self._keep_watching()
        await self.accept()
        last_seq, error = _parse_seq(query.get("last_seq", ["0"])[-1])
        if error:
            await self._error(error)
        self.last_sent = last_seq
        await self._send_backlog()

    async def _refuse(self, code: int) -> None:
        """Accept, then close with the reason: a close before accepting reaches a browser as a bare
        1006, which it cannot tell from a network drop (and would retry for ever)."""
        await self.accept()
        await self.close(code=code)

    async def disconnect(self, code: int) -> None:
        await self._leave_groups()

    async def _leave_groups(self) -> None:
        for group in (self.group, self.user_group):
            if group:
                await self.channel_layer.group_discard(group, self.channel_name)
        self.group = self.user_group = ""

    async def access_revoke(self, message: dict[str, Any]) -> None:
        """Something that decides this user's access changed: check again, close if it is gone."""
        if self.session is None:
            return
        key = message.get("session_key") or ""
        if key and key != self._session_key():
            return  # another sign-in of this user signed out
        if not await database_sync_to_async(self._still_allowed)():
            self.session = None  # nothing more is sent, whatever is already queued
            await self._leave_groups()
            await self.close(code=CLOSE_REVOKED)

    def _session_key(self) -> str:
        store = self.scope.get("session")
        return (getattr(store, "session_key", None) or "") if store is not None else ""

    def _still_allowed(self) -> bool:
        user = access.sign_in_holds(self._session_key(), self.scope.get("user"))
        if user is None:
            return False
        return session_get_for_user(public_id=self.session.public_id, user=user) is not None

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if self.session is None:
            return
        try:
            message = json.loads(text_data or "")
        except (TypeError, ValueError):
            await self._error("Messages must be JSON objects.")
            return
        if not isinstance(message, dict):
            await self._error("Messages must be JSON objects.")
            return
        kind = message.get("type")
        if kind == "resume":
            seq, error = _parse_seq(message.get("last_seq"))
            if error:
                await self._error(error)
                return
            self.last_sent = seq
            await self._send_backlog()
        elif kind == "ping":
            await self.send(text_data=json.dumps({"type": "pong", "last_seq": self.last_sent}))
        else:
            # htmx's ws extension sends form posts here; actions go through HTTP, not the socket.
            await self._error(f"Unknown message type {kind!r}.")

    async def _keep_watching(self) -> None:
        """Tell the publishers an HTML client watches this session (they render pushes only for
        such sessions on the Redis layers), again when the flag is half-way to expiring."""
        from django.core.cache import cache

        now = time.monotonic()
        if now - self.watch_flagged_at < live.HTML_WATCH_SECONDS / 2:
            return
        self.watch_flagged_at = now
        public_id = str(self.session.public_id)
        try:
            await cache.aset(live.html_watch_key(public_id), 1, live.HTML_WATCH_SECONDS)
        except Exception:  # without the flag this consumer renders each push itself
            return
        live.html_watch_set(public_id)

    async def session_events(self, message: dict[str, Any]) -> None:
        if self.session is None:
            return
        if self.fmt == "html":
            await self._keep_watching()
        events = [e for e in message["events"] if e["seq"] > self.last_sent]
        if not events:
            return
        if events[0]["seq"] != self.last_sent + 1:
            await self._send_backlog()  # a push went missing: the log has it
            return
        rendered = None
        if self.fmt == "html":
            rendered = _pieces_following(message.get("html") or [], self.last_sent, events[-1])
        if rendered is None:
            await self._send_events(events)
            return
        for html in rendered:  # one frame per published batch, as rendered for every client
            await self.send(text_data=html)
        self._sent(events)

    async def session_progress(self, message: dict[str, Any]) -> None:
        """Transient partial decisions: shown only for a turn the client knows has started and
        that has not finished since (a late frame must not overwrite a completed decision)."""
        if self.session is None:
            return
        if self.fmt == "html":
            await self._keep_watching()
        rendered = message.get("html") or []
        for position, frame in enumerate(message["progress"]):
            turn, attempt = frame.get("turn"), int(frame.get("attempt") or 0)
            if turn in self.finished_turns or attempt < self.attempts.get(turn, 0):
                continue
            if int(frame.get("after_seq") or 0) > self.last_sent:
                await self._send_backlog()
                if int(frame.get("after_seq") or 0) > self.last_sent or turn in self.finished_turns:
                    continue
            if self.fmt == "html":
                html = rendered[position] if position < len(rendered) else None
                if html is None:  # the publisher did not render it: render it here
                    html = await database_sync_to_async(render_progress_html)(self.session, frame)
                await self.send(text_data=html)
            else:
                public = {k: frame[k] for k in ("turn", "attempt", "partial", "text") if k in frame}
                await self.send(text_data=json.dumps({"type": "progress", **public}))

    async def _send_backlog(self) -> None:
        while True:
            events = await database_sync_to_async(_wire_after)(self.session, self.last_sent)
            if not events:
                return
            await self._send_events(events)
            if len(events) < BACKLOG_PAGE:
                return

    async def _send_events(self, events: list[dict[str, Any]]) -> None:
        if self.fmt != "html":
            await self.send(text_data=json.dumps({"type": "events", "events": events}))
            self._sent(events)
            return
        # A page that connects late (a fast turn ran between its render and its subscription)
        # still sees each turn's logged partial differential before the turn's completion.
        for run in _runs_through_partials(events):
            html = await database_sync_to_async(render_events_html)(self.session, run)
            await self.send(text_data=html)
            self._sent(run)

    def _sent(self, events: list[dict[str, Any]]) -> None:
        self.last_sent = events[-1]["seq"]
        for event in events:  # what progress frames may still be shown
            turn = event["payload"].get("turn") if isinstance(event["payload"], dict) else None
            if event["kind"] in ("turn.completed", "turn.failed"):
                self.finished_turns.add(turn)
            elif event["kind"] in ("turn.started", "turn.retrying"):
                self.finished_turns.discard(turn)
                attempt = int(event["payload"].get("attempt") or 0)
                self.attempts[turn] = max(self.attempts.get(turn, 0), attempt)

    async def _error(self, text: str) -> None:
        if self.fmt == "html":
            await self.send(text_data=render_events_html(None, [], error=text))
        else:
            await self.send(text_data=json.dumps({"type": "error", "error": text}))


def _parse_seq(raw: Any) -> tuple[int, str]:
    try:
        seq = int(raw)
    except (TypeError, ValueError):
        return 0, "last_seq must be a whole number; sending the whole transcript."
    if seq < 0:
        return 0, "last_seq must not be negative; sending the whole transcript."
    return seq, ""


def _pieces_following(
    pieces: list[dict[str, Any]], last_sent: int, last: dict[str, Any]
) -> list[str] | None:
    """The pre-rendered pieces that carry this client on from last_sent to the last event, with
    nothing missing and nothing it already has; None when they do not (it renders them itself)."""
    wanted = [piece for piece in pieces if piece["last_seq"] > last_sent]
    expected = last_sent + 1
    for piece in wanted:
        if piece["first_seq"] != expected:
            return None
        expected = piece["last_seq"] + 1
    return [piece["html"] for piece in wanted] if wanted and expected == last["seq"] + 1 else None


def _wire_after(session: Any, seq: int) -> list[dict[str, Any]]:
    return [e.as_wire() for e in events_after(session=session, seq=seq, limit=BACKLOG_PAGE)]


def _runs_through_partials(events: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The events cut after each `turn.partial` that later events of its turn would fold away."""
    runs: list[list[dict[str, Any]]] = [[]]
    for event in events:
        runs[-1].append(event)
        if event["kind"] == "turn.partial":
            runs.append([])
    return [run for run in runs if run]
