"""The bare chain, measured in the same run and load shape as the turns: its latency is the floor
P1 is read against (bench_inference's floor_p50_ms_N, p1_ratio_p50_N).

Each simulated client holds a WebSocket on /ws/bench/echo/<token>/ (diagnosis/web/bench_consumer.py,
served when MEDACTION_BENCH_ROUTES is true) and, on the turns' schedule (one request a second per
client, offsets spread over the second), publishes the inference.bench_echo task from one of the
load generator's request threads (apply_async on the `turns` queue, as the Step service's dispatch
does) and times it until its echo arrives: apply_async -> a worker thread -> group_send -> the
ASGI server -> the client. No database, no model, no rendering.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any


@dataclass
class EchoProbe:
    token: str
    arrived: dict[int, asyncio.Future[float]] = field(default_factory=dict)
    sent: int = 0
    samples_ms: list[float] = field(default_factory=list)
    lost: int = 0
    watcher: asyncio.Task[None] | None = None


def _send(group: str, n: int) -> float:
    from inference.jobs.bench.echo import bench_echo

    started = time.perf_counter()
    bench_echo.apply_async(args=[group, n], queue="turns")
    return started


class Floor:
    def __init__(self, *, ws_base: str, origin: str, cookie: str, executor: Executor) -> None:
        self.ws_base, self.origin, self.cookie = ws_base, origin, cookie
        self.executor = executor
        self.probes: list[EchoProbe] = []

    async def _watch(self, probe: EchoProbe, joined: asyncio.Event) -> None:
        import websockets

        url = f"{self.ws_base}/ws/bench/echo/{probe.token}/"
        async with websockets.connect(
            url, additional_headers={"Cookie": self.cookie, "Origin": self.origin}
        ) as ws:
            async for raw in ws:
                now = time.perf_counter()
                message = json.loads(raw)
                if message.get("joined"):
                    joined.set()
                    continue
                future = probe.arrived.get(message.get("n"))
                if future is not None and not future.done():
                    future.set_result(now)

    async def open(self, n: int) -> list[EchoProbe]:
        probes = [EchoProbe(token=secrets.token_hex(8)) for _ in range(n)]
        for probe in probes:
            joined = asyncio.Event()
            probe.watcher = asyncio.create_task(self._watch(probe, joined))
            await asyncio.wait_for(joined.wait(), timeout=30)
        self.probes += probes
        return probes

    async def one(self, probe: EchoProbe, timeout: float = 30.0) -> float | None:
        """One request through the bare chain: its latency in ms (None if the echo never came)."""
        from inference.jobs.bench.echo import echo_group

        probe.sent += 1
        n = probe.sent
        loop = asyncio.get_running_loop()
        probe.arrived[n] = loop.create_future()
        started = await loop.run_in_executor(self.executor, _send, echo_group(probe.token), n)
        try:
            arrived = await asyncio.wait_for(probe.arrived[n], timeout=timeout)
        except TimeoutError:
            probe.lost += 1
            return None
        finally:
            probe.arrived.pop(n, None)
        ms = (arrived - started) * 1000
        probe.samples_ms.append(ms)
        return ms

    async def run_load(
        self, probes: list[EchoProbe], duration: float, interval: float = 1.0
    ) -> dict[str, Any]:
        """The turns' open-loop shape: every client once per `interval` s, offsets spread."""
        stop_at = time.perf_counter() + duration

        async def client(probe: EchoProbe, offset: float) -> None:
            await asyncio.sleep(offset)
            while time.perf_counter() < stop_at:
                tick = time.perf_counter()
                await self.one(probe)
                await asyncio.sleep(max(0.0, interval - (time.perf_counter() - tick)))

        began = time.perf_counter()
        await asyncio.gather(*(client(p, i * interval / len(probes)) for i, p in enumerate(probes)))
        return {
            "seconds": round(time.perf_counter() - began, 2),
            "requests": sum(len(p.samples_ms) for p in probes),
            "lost": sum(p.lost for p in probes),
        }

    def close(self) -> None:
        for probe in self.probes:
            if probe.watcher is not None:
                probe.watcher.cancel()
