"""Publishing committed events to browsers through the channel layer.

One long-lived event loop per process does the publishing (a fresh async_to_sync per message costs
a new loop and Redis connection each time: ../shared/notes/stack-latency.md). Events waiting for the
same session while a send is in flight go out together in one message, so bursts are batched
without adding delay when the stream is quiet. The Postgres event log remains the truth; a lost
push is repaired by the consumer from the log. Streamed partial decisions go out as transient
"progress" frames (each one carries the turn's whole partial state), so the hot streaming path
does not write to the database for every frame.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import defaultdict
from typing import Any

from channels.layers import InMemoryChannelLayer, get_channel_layer

log = logging.getLogger(__name__)

_server_loop: asyncio.AbstractEventLoop | None = None


def group_name(public_id: str) -> str:
    return "session." + str(public_id).replace("-", "")


def bind_server_loop(loop: asyncio.AbstractEventLoop) -> None:
    """The in-memory layer only works inside the loop its consumers run on: remember that loop."""
    global _server_loop
    _server_loop = loop


class Publisher:
    def __init__(self) -> None:
        self._own_loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()
        self._pending: dict[
            asyncio.AbstractEventLoop, dict[str, list[tuple[str, list[dict[str, Any]]]]]
        ] = defaultdict(lambda: defaultdict(list))
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
        loop.call_soon_threadsafe(self._enqueue, loop, group_name(public_id), kind, items)

    def _enqueue(
        self, loop: asyncio.AbstractEventLoop, group: str, kind: str, items: list[dict[str, Any]]
    ) -> None:
        self._pending[loop][group].append((kind, items))
        if group not in self._sending[loop]:
            self._sending[loop].add(group)
            loop.create_task(self._drain(loop, group))

    async def _drain(self, loop: asyncio.AbstractEventLoop, group: str) -> None:
        layer = get_channel_layer()
        try:
            while self._pending[loop][group]:
                for kind, items in _coalesce(self._pending[loop].pop(group)):
                    try:
                        await layer.group_send(group, {"type": f"session.{kind}", kind: items})
                    except Exception:  # a lost push is recovered from the log on the next event
                        log.exception("group_send failed for %s", group)
        finally:
            self._sending[loop].discard(group)
            self._pending[loop].pop(group, None)


def _coalesce(
    queued: list[tuple[str, list[dict[str, Any]]]],
) -> list[tuple[str, list[dict[str, Any]]]]:
    """Merge consecutive items of the same kind into one message, keeping the order."""
    merged: list[tuple[str, list[dict[str, Any]]]] = []
    for kind, items in queued:
        if merged and merged[-1][0] == kind:
            merged[-1][1].extend(items)
        else:
            merged.append((kind, list(items)))
    return merged


_publisher = Publisher()


def publish_events(public_id: str, events: list[dict[str, Any]]) -> None:
    _publisher.publish(public_id, "events", events)


def publish_progress(public_id: str, frame: dict[str, Any]) -> None:
    """A streamed partial decision, pushed now and not written to the log (the log keeps one every
    MEDACTION_PARTIAL_PERSIST_MS). A client that misses it loses nothing the log cannot give back:
    the next frame, or the turn's completion, carries the whole state again."""
    _publisher.publish(public_id, "progress", [frame])
