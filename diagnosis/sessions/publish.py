"""Publishing committed events to browsers through the channel layer.

One long-lived event loop per process does the publishing (a fresh async_to_sync per message costs
a new loop and Redis connection each time: ../shared/notes/stack-latency.md). Events waiting for the
same session while a send is in flight go out together in one message, so bursts are batched
without adding delay when the stream is quiet. The Postgres event log remains the truth; a lost
push is repaired by the consumer from the log. Streamed partial decisions go out as transient
"progress" frames (each one carries the turn's whole partial state), so the hot streaming path
does not write to the database for every frame.

HTML clients all get the same fragment for a push, so it is rendered once here, not once per
client: by the renderer named in settings.MEDACTION_PUSH_RENDERER (diagnosis.sessions never imports
diagnosis.web), in the publishing thread (the on_commit callback, or the runner for progress
frames: sync, with database access) before the message is queued, never on the event loop. The
message carries the JSON items and the rendered pieces; a consumer sends a piece only when it
follows on from what that client has (it renders from the log itself after a gap or a resume).
Nothing is rendered when nobody can be listening: no channel layer, or (in-memory layer) nobody in
the session's group, or (Redis layers, where group membership cannot be seen) no format=html client
has said in the last HTML_WATCH_SECONDS that it watches the session (a flag in the cache, set by the
consumer on connect and refreshed while it receives). A flag that is missing while an HTML client
listens costs only CPU: that consumer renders from the log itself, as after a gap.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)

_server_loop: asyncio.AbstractEventLoop | None = None

# (public_id, kind, items) -> the HTML every HTML client of the session is sent for them, or None.
PushRenderer = Callable[[str, str, list[dict[str, Any]]], str | None]
# One queued publish: its kind, its items, and the rendered pieces (Publisher._render).
Queued = tuple[str, list[dict[str, Any]], list[Any]]


def group_name(public_id: str) -> str:
    return "session." + str(public_id).replace("-", "")


HTML_WATCH_SECONDS = 60  # how long an HTML client's "I watch this session" flag lasts
_WATCH_MEMO_SECONDS = 1.0  # how long a publishing process trusts its last look at the flag


def html_watch_key(public_id: str) -> str:
    """The cache key a format=html client of the session sets (diagnosis.web.consumers)."""
    return "htmlwatch." + group_name(public_id)


_watch_memo: dict[str, tuple[bool, float]] = {}


def html_watched(public_id: str) -> bool:
    """Whether a format=html client may be watching the session (Redis layers: the flag in the
    cache, looked up at most once a second per session by this process). True when the cache
    cannot be read: rendering for nobody is only wasted work."""
    from django.core.cache import cache

    public_id = str(public_id)  # a UUID from a model, a str from a consumer: one memo key
    now = time.monotonic()
    memo = _watch_memo.get(public_id)
    if memo is not None and memo[1] > now:
        return memo[0]
    try:
        watched = cache.get(html_watch_key(public_id)) is not None
    except Exception:
        log.warning("could not read the HTML watch flag of %s; rendering", public_id)
        watched = True
    if len(_watch_memo) > 10_000:
        _watch_memo.clear()
    _watch_memo[public_id] = (watched, now + _WATCH_MEMO_SECONDS)
    return watched


def html_watch_set(public_id: str) -> None:
    """A format=html client in this process has just set the flag: look again on the next push."""
    _watch_memo.pop(str(public_id), None)


def bind_server_loop(loop: asyncio.AbstractEventLoop) -> None:
    """The in-memory layer only works inside the loop its consumers run on: remember that loop."""
    global _server_loop
    _server_loop = loop


def server_loop() -> asyncio.AbstractEventLoop | None:
    """The loop bound by bind_server_loop, if it is still open (in-memory layer only)."""
    loop = _server_loop
    return loop if loop is not None and not loop.is_closed() else None


@lru_cache(maxsize=4)
def _renderer(path: str) -> PushRenderer:
    return import_string(path)


def get_push_renderer() -> PushRenderer | None:
    path = getattr(settings, "MEDACTION_PUSH_RENDERER", "")
    return _renderer(path) if path else None


class Publisher:
    def __init__(self) -> None:
        self._own_loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()
        self._pending: dict[asyncio.AbstractEventLoop, dict[str, list[Queued]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self._sending: dict[asyncio.AbstractEventLoop, set[str]] = defaultdict(set)

    def _loop(self) -> asyncio.AbstractEventLoop | None:
        layer = get_channel_layer()
        if layer is None:
            return None
        if isinstance(layer, InMemoryChannelLayer):
            return (
                _server_loop if _server_loop is not None and not _server_loop.is_closed() else None
            )
        with self._lock:
            if self._own_loop is None:
                loop = asyncio.new_event_loop()
                threading.Thread(
                    target=loop.run_forever, name="medaction-publisher", daemon=True
                ).start()
                self._own_loop = loop
            return self._own_loop

    def publish(self, public_id: str, kind: str, items: list[dict[str, Any]]) -> None:
        """Queue items of one kind ("events" from the log, or transient "progress" frames)."""
        loop = self._loop()
        if loop is None:
            return  # nobody can be listening in this process; clients resume from the log
        group = group_name(public_id)
        pieces = self._render(public_id, group, kind, items)
        loop.call_soon_threadsafe(self._enqueue, loop, group, (kind, items, pieces))

    def _render(
        self, public_id: str, group: str, kind: str, items: list[dict[str, Any]]
    ) -> list[Any]:
        """What the message carries of the rendering. Events: one piece for the batch,
        {"first_seq", "last_seq", "html"}, or none. Progress: per frame, its HTML or None."""
        renderer = get_push_renderer()
        layer = get_channel_layer()
        if (
            renderer is None
            or not items
            or (
                not layer.groups.get(group)
                if isinstance(layer, InMemoryChannelLayer)
                else not html_watched(public_id)
            )
        ):  # no HTML wanted, or no HTML client watches this session
            return [None] * len(items) if kind == "progress" else []
        if kind == "progress":
            return [_render_one(renderer, public_id, group, kind, [frame]) for frame in items]
        html = _render_one(renderer, public_id, group, kind, items)
        if html is None:
            return []
        return [{"first_seq": items[0]["seq"], "last_seq": items[-1]["seq"], "html": html}]

    def _enqueue(self, loop: asyncio.AbstractEventLoop, group: str, queued: Queued) -> None:
        self._pending[loop][group].append(queued)
        if group not in self._sending[loop]:
            self._sending[loop].add(group)
            loop.create_task(self._drain(loop, group))

    async def _drain(self, loop: asyncio.AbstractEventLoop, group: str) -> None:
        layer = get_channel_layer()
        try:
            while self._pending[loop][group]:
                for kind, items, pieces in _coalesce(self._pending[loop].pop(group)):
                    message = {"type": f"session.{kind}", kind: items, "html": pieces}
                    try:
                        await layer.group_send(group, message)
                    except Exception:  # a lost push is recovered from the log on the next event
                        log.exception("group_send failed for %s", group)
        finally:
            self._sending[loop].discard(group)
            self._pending[loop].pop(group, None)


def _render_one(
    renderer: PushRenderer, public_id: str, group: str, kind: str, items: list[dict[str, Any]]
) -> str | None:
    """Once for every HTML client, in the publishing thread (sync, with database access), not on
    the loop. A failed render only costs the clients a render of their own."""
    try:
        return renderer(public_id, kind, items)
    except Exception:
        log.exception("rendering the %s push for %s failed", kind, group)
        return None


def _coalesce(queued: list[Queued]) -> list[Queued]:
    """Merge consecutive items of the same kind into one message, keeping the order; the rendered
    pieces of each batch stay as they were (a client sends them one by one)."""
    merged: list[Queued] = []
    for kind, items, pieces in queued:
        if merged and merged[-1][0] == kind:
            merged[-1][1].extend(items)
            merged[-1][2].extend(pieces)
        else:
            merged.append((kind, list(items), list(pieces)))
    return merged


_publisher = Publisher()


def publish_events(public_id: str, events: list[dict[str, Any]]) -> None:
    _publisher.publish(public_id, "events", events)


def publish_progress(public_id: str, frame: dict[str, Any]) -> None:
    """A streamed partial decision, pushed now and not written to the log (the log keeps one every
    MEDACTION_PARTIAL_PERSIST_MS). A client that misses it loses nothing the log cannot give back:
    the next frame, or the turn's completion, carries the whole state again."""
    _publisher.publish(public_id, "progress", [frame])


def publish_to_group(group: str, message: dict[str, Any]) -> None:
    """A small notice for a group other than a session's (a benchmark run's progress), on the same
    loop; nothing is rendered. Lost notices cost nothing: receivers read the state from the
    database."""
    loop = _publisher._loop()
    layer = get_channel_layer()
    if loop is None or layer is None:
        return
    if isinstance(layer, InMemoryChannelLayer) and not layer.groups.get(group):
        return
    asyncio.run_coroutine_threadsafe(layer.group_send(group, message), loop)
