"""A benchmark run's live progress over the WebSocket: /ws/benchmarks/<id>/.

Checks access on connect (4401 signed out, 4404 unknown run or no access), joins the run's group,
sends the progress card at once, then a fresh card (read from the database, so a lost notice
costs nothing) at most every PUSH_INTERVAL seconds while workers report; when the run finishes,
the results section too. HTML fragments swapped out-of-band by htmx's ws extension. No writes.
"""

from __future__ import annotations

import asyncio
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.template.loader import render_to_string

from diagnosis.benchmarks import selectors
from diagnosis.benchmarks.services import group_name
from diagnosis.sessions import publish as live

CLOSE_UNAUTHENTICATED = 4401
CLOSE_NOT_FOUND = 4404
PUSH_INTERVAL = 0.5


class BenchmarkConsumer(AsyncWebsocketConsumer):
    run: Any = None
    group: str = ""
    _scheduled: bool = False
    _finished_sent: bool = False

    async def connect(self) -> None:
        live.bind_server_loop(asyncio.get_running_loop())
        user = self.scope.get("user")
        await self.accept()
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        run_id = self.scope["url_route"]["kwargs"]["run_id"]
        self.run = await database_sync_to_async(selectors.run_get_for_user)(
            run_id=run_id, user=user
        )
        if self.run is None:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        self.group = group_name(self.run.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self._push()

    async def disconnect(self, code: int) -> None:
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)
            self.group = ""

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        return None  # actions go through HTTP; the socket only reports

    async def benchmark_changed(self, message: dict[str, Any]) -> None:
        if self.run is None or self._scheduled:
            return  # a push is coming that will read the latest state
        self._scheduled = True
        await asyncio.sleep(PUSH_INTERVAL)
        self._scheduled = False
        await self._push()

    async def _push(self) -> None:
        html, finished = await database_sync_to_async(self._render)()
        if self.run is not None:
            await self.send(text_data=html)
            self._finished_sent = self._finished_sent or finished

    def _render(self) -> tuple[str, bool]:
        from diagnosis.web.benchmark_views import results_context

        self.run.refresh_from_db()
        progress = selectors.run_progress(self.run)
        parts = [
            render_to_string(
                "diagnosis/benchmarks/partials/progress.html",
                {"run": self.run, "progress": progress, "oob": True},
            )
        ]
        if progress.finished and not self._finished_sent:
            context = results_context(self.run)
            context["oob"] = True
            parts.append(render_to_string("diagnosis/benchmarks/partials/results.html", context))
        return "".join(parts), progress.finished
