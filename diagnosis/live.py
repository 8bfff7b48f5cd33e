"""Publishing committed events to browsers through the channel layer.

One long-lived event loop per process does the publishing (a fresh async_to_sync per message costs
a new loop and Redis connection each time: ../shared/notes/stack-latency.md). Events waiting for the
same session while a send is in flight go out together in one message, so bursts are batched
without adding delay when the stream is quiet. The Postgres event log remains the truth; a lost
push is repaired by the consumer from the log.
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
        self._pending: dict[asyncio.AbstractEventLoop, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
        self._sending: dict[asyncio.AbstractEventLoop, set[str]] = defaultdict(set)

    def _loop(self) -> asyncio.AbstractEventLoop | None:
        layer = get_channel_layer()
        if layer is None:
            return None
        if isinstance(layer, InMemoryChannelLayer):
            return _server_loop if _server_loop is not None and not _server_loop.is_closed() else None
        with self._lock:
            if self._own_loop is None:
                loop = asyncio.new_event_loop()
                threading.Thread(target=loop.run_forever, name="medaction-publisher", daemon=True).start()
                self._own_loop = loop
            return self._own_loop

    def publish(self, public_id: str, events: list[dict[str, Any]]) -> None:
        loop = self._loop()
        if loop is None:
            return  # nobody can be listening in this process; clients resume from the log
        loop.call_soon_threadsafe(self._enqueue, loop, group_name(public_id), events)

    def _enqueue(self, loop: asyncio.AbstractEventLoop, group: str, events: list[dict[str, Any]]) -> None:
        self._pending[loop][group].extend(events)
        if group not in self._sending[loop]:
            self._sending[loop].add(group)
            loop.create_task(self._drain(loop, group))

    async def _drain(self, loop: asyncio.AbstractEventLoop, group: str) -> None:
        layer = get_channel_layer()
        try:
            while self._pending[loop][group]:
                batch = self._pending[loop].pop(group)
                try:
                    await layer.group_send(group, {"type": "session.events", "events": batch})
                except Exception:  # a push lost here is recovered from the log on the next event
                    log.exception("group_send failed for %s", group)
        finally:
            self._sending[loop].discard(group)
            self._pending[loop].pop(group, None)


_publisher = Publisher()


def publish_events(public_id: str, events: list[dict[str, Any]]) -> None:
    _publisher.publish(public_id, events)
