"""The bare chain's WebSocket end, a BENCHMARK INSTRUMENT: /ws/bench/echo/<token>/, routed only
when settings.MEDACTION_BENCH_ROUTES is true (off by default: production never serves it).

A signed-in user's socket joins the group benchecho.<token> and forwards each bench.echo message
({"n": ...}, sent by the inference.bench_echo task) as JSON text. No database, no rendering: what
bench_inference measures through it is the stack alone (broker, worker, channel layer, ASGI server).
Anonymous sockets are closed with 4401. It reads nothing and writes nothing.
"""

from __future__ import annotations

import json
from typing import Any

from channels.generic.websocket import AsyncWebsocketConsumer

CLOSE_UNAUTHENTICATED = 4401
GROUP_PREFIX = "benchecho."  # as inference.jobs.bench.echo.GROUP_PREFIX (the web never imports it)


class BenchEchoConsumer(AsyncWebsocketConsumer):
    group: str = ""

    async def connect(self) -> None:
        user = self.scope.get("user")
        await self.accept()
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.group = GROUP_PREFIX + self.scope["url_route"]["kwargs"]["token"]
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.send(text_data=json.dumps({"joined": True}))

    async def disconnect(self, code: int) -> None:
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)
            self.group = ""

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        return None

    async def bench_echo(self, message: dict[str, Any]) -> None:
        await self.send(text_data=json.dumps({"n": message.get("n")}))
