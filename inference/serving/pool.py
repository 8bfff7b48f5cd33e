# Over 400 lines: routing, stickiness, health and retries read and write one loop-owned state.
"""The endpoint pool: which model server gets a call, how long we wait, when we try again.

- VLLM_ENDPOINTS (comma-separated base URLs), each with a concurrency cap; a call goes to the
  healthy endpoint with the fewest outstanding requests (least outstanding requests routing).
- Health: GET /v1/models, in the background every VLLM_HEALTH_INTERVAL seconds and at once when
  no endpoint is known to be healthy; a connect error or 5xx marks an endpoint unhealthy.
- Timeouts: connect, first token (from sending the request), total.
- Retries with exponential backoff and jitter only before the first token: once text has been
  streamed to the user, a retry would show a different answer, so the error goes up instead.
- Every call ends with a CallInfo: endpoint, model, parameters, prompt and completion tokens,
  time to first token and total time.

All state lives on one asyncio loop per process (a daemon thread); Celery's worker threads call
the synchronous stream() and read chunks through a queue. One loop holds any number of streams
without a blocked thread per socket, and a deadline cancels a call cleanly.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import queue
import random
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import replace
from typing import Any

from diagnosis.protocol import CallInfo
from inference.serving.calls import CallOutcome, ModelCallError
from inference.serving.client import ChatRequest, EndpointClient, ModelServerError
from inference.serving.endpoints import Endpoint, PoolConfig
from inference.serving.server_metrics import parse_metrics

__all__ = ["CallOutcome", "CompletionStream", "EndpointPool", "ModelCallError", "get_pool"]

STICKY_SESSIONS = 10_000  # sessions whose last endpoint the pool remembers

log = logging.getLogger(__name__)


class CompletionStream:
    """Iterate for text pieces as they arrive; afterwards read .outcome. Raises ModelCallError."""

    def __init__(self, pool: EndpointPool, request: ChatRequest) -> None:
        self._queue: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self.outcome = CallOutcome()
        self._future: Future[None] = pool._submit(pool._produce(request, self._queue, self.outcome))
        self._safety = pool.config.total_timeout + pool.config.first_token_timeout + 30

    def __iter__(self) -> Iterator[str]:
        try:
            while True:
                try:
                    kind, value = self._queue.get(timeout=self._safety)
                except queue.Empty:
                    raise ModelCallError(
                        ModelServerError("The model call never finished.", "timeout", True),
                        self.outcome.call,
                        after_first_token=bool(self.outcome.text),
                    ) from None
                if kind == "text":
                    yield value
                elif kind == "error":
                    raise value
                else:
                    return
        finally:
            if not self._future.done():
                self._future.cancel()  # the reader went away: stop generating for nobody

    def cancel(self, reason: str) -> None:
        """Stop the call from another thread (a swarm sub-agent past its deadline): the server
        stops generating and the reader gets a timeout error at once."""
        self._future.cancel()
        self._queue.put(
            (
                "error",
                ModelCallError(
                    ModelServerError(reason, "timeout", True),
                    self.outcome.call,
                    after_first_token=bool(self.outcome.text),
                ),
            )
        )


class EndpointPool:
    def __init__(self, config: PoolConfig) -> None:
        if not config.endpoints:
            raise ValueError("an endpoint pool needs at least one endpoint (VLLM_ENDPOINTS)")
        self.config = config
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="medaction-model-pool", daemon=True
        )
        self._thread.start()
        self.endpoints = [
            Endpoint(
                url=url.rstrip("/"),
                cap=config.max_concurrency,
                client=EndpointClient(
                    url,
                    api_key=config.api_key,
                    connect_timeout=config.connect_timeout,
                    read_timeout=config.first_token_timeout,
                    max_connections=config.max_concurrency,
                ),
            )
            for url in config.endpoints
        ]
        self._capacity: asyncio.Condition | None = None
        # Session-sticky routing: the endpoint of each session's last turn (most recent last).
        self._sticky: OrderedDict[str, Endpoint] = OrderedDict()
        self.sticky_hits = 0
        self._submit(self._health_loop())

    # --- public, called from any thread -------------------------------------------------------

    def stream(self, request: ChatRequest) -> CompletionStream:
        return CompletionStream(self, request)

    def check_health(self) -> dict[str, bool]:
        """Probe every endpoint now (also runs in the background)."""
        self._submit(self._probe_all()).result(timeout=self.config.connect_timeout * 2 + 5)
        return {e.url: e.healthy for e in self.endpoints}

    def snapshot(self) -> list[dict[str, Any]]:
        return [
            {
                "url": e.url,
                "healthy": e.healthy,
                "outstanding": e.outstanding,
                "cap": e.cap,
                "served": list(e.served),
                "adapters": [list(a) for a in e.adapters],
                "last_error": e.last_error,
                "probed_at": e.probed_at or None,  # wall-clock seconds; None: never probed
                "metrics": e.metrics.as_dict(),
            }
            for e in self.endpoints
        ]

    def close(self) -> None:
        async def _close() -> None:
            for task in asyncio.all_tasks():
                if task is not asyncio.current_task():
                    task.cancel()
            for e in self.endpoints:
                await e.client.aclose()

        try:
            self._submit(_close()).result(timeout=5)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5)

    # --- on the loop -----------------------------------------------------------------------------

    def _submit(self, coro: Any) -> Future[Any]:
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    def _condition(self) -> asyncio.Condition:
        if self._capacity is None:
            self._capacity = asyncio.Condition()
        return self._capacity

    async def _health_loop(self) -> None:
        while True:
            await asyncio.sleep(self.config.health_interval)
            try:
                await self._probe_all()
            except Exception:  # never let the background probe die
                log.exception("health probe failed")

    async def _probe(self, endpoint: Endpoint) -> None:
        try:
            cards = await endpoint.client.models(timeout=self.config.connect_timeout)
            endpoint.served = tuple(model for model, _ in cards)
            endpoint.adapters = tuple((model, parent) for model, parent in cards if parent)
            endpoint.healthy, endpoint.last_error = True, ""
            text = await endpoint.client.metrics_text(timeout=self.config.connect_timeout)
            endpoint.metrics = parse_metrics(text)
        except ModelServerError as exc:
            endpoint.healthy, endpoint.last_error = False, str(exc)
        endpoint.checked_at, endpoint.probed_at = time.monotonic(), time.time()

    async def _probe_all(self) -> None:
        await asyncio.gather(*(self._probe(e) for e in self.endpoints))
        async with self._condition():
            self._condition().notify_all()

    def _stick(self, key: str, endpoint: Endpoint) -> None:
        if key:
            self._sticky[key] = endpoint
            self._sticky.move_to_end(key)
            while len(self._sticky) > STICKY_SESSIONS:
                self._sticky.popitem(last=False)

    async def _acquire(self, model: str, deadline: float, key: str = "") -> Endpoint:
        """The endpoint of the session's last turn (`key`) while it is healthy, serves the model
        and is under its cap, so vLLM's prefix cache holds the conversation so far; otherwise
        the healthy endpoint with the fewest outstanding calls, waiting for a free slot."""
        sticky = self._sticky.get(key) if key else None
        if (
            sticky is not None
            and sticky.healthy
            and sticky.serves(model)
            and sticky.outstanding < sticky.cap
        ):
            sticky.outstanding += 1
            self.sticky_hits += 1
            self._stick(key, sticky)
            return sticky
        cond = self._condition()
        async with cond:
            if any(not e.checked_at for e in self.endpoints):
                # The first call: learn what each server serves (base models, LoRA adapters).
                await self._probe_all_unlocked()
            while True:
                usable = [e for e in self.endpoints if e.healthy and e.serves(model)]
                if not usable:
                    await self._probe_all_unlocked()
                    usable = [e for e in self.endpoints if e.healthy and e.serves(model)]
                if not usable:
                    reasons = "; ".join(
                        e.last_error or f"{e.url} does not serve {model!r}" for e in self.endpoints
                    )
                    raise ModelServerError(
                        f"No model server is available for {model!r}: {reasons}",
                        "unavailable",
                        True,
                    )
                free = [e for e in usable if e.outstanding < e.cap]
                if free:
                    # Our calls in flight, plus what the server says waits in its queue (other
                    # processes' calls: every worker has its own pool).
                    best = min(
                        free,
                        key=lambda e: (e.outstanding + e.metrics.waiting, random.random()),
                    )
                    best.outstanding += 1
                    self._stick(key, best)
                    return best
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise ModelServerError(
                        "Every model server is at its concurrency limit.", "timeout", True
                    )
                try:
                    await asyncio.wait_for(cond.wait(), remaining)
                except TimeoutError:
                    continue

    async def _probe_all_unlocked(self) -> None:
        await asyncio.gather(*(self._probe(e) for e in self.endpoints))

    async def _release(self, endpoint: Endpoint) -> None:
        endpoint.outstanding -= 1
        cond = self._condition()
        async with cond:
            cond.notify()

    async def _produce(
        self, request: ChatRequest, out: queue.SimpleQueue[tuple[str, Any]], outcome: CallOutcome
    ) -> None:
        cfg = self.config
        started = time.monotonic()
        total_deadline = started + cfg.total_timeout
        params = request.parameters()
        call = CallInfo(model=request.model, parameters=params)
        attempt = 0
        first_at: float | None = None
        usage: tuple[int | None, int | None] = (None, None)
        pieces = 0
        while True:
            attempt += 1
            endpoint: Endpoint | None = None
            try:
                first_deadline = min(time.monotonic() + cfg.first_token_timeout, total_deadline)
                if attempt > 1:  # a retry goes wherever is best, not back to the same server
                    self._sticky.pop(request.session_key, None)
                endpoint = await self._acquire(request.model, first_deadline, request.session_key)
                call = replace(call, endpoint=endpoint.url)
                gen = endpoint.client.stream(request)
                try:
                    # One deadline for the whole read, moved once the first token arrives (a
                    # wait_for per chunk would cost a task and a timer for every token).
                    async with asyncio.timeout_at(first_deadline) as deadline:
                        async for chunk in gen:
                            if chunk.prompt_tokens is not None:
                                usage = (chunk.prompt_tokens, chunk.completion_tokens)
                            if chunk.finish_reason:
                                outcome.finish_reason = chunk.finish_reason
                            outcome.refusal += chunk.refusal
                            if chunk.text:
                                if first_at is None:
                                    first_at = time.monotonic()
                                    deadline.reschedule(total_deadline)
                                pieces += 1
                                outcome.text += chunk.text
                                out.put(("text", chunk.text))
                except TimeoutError:
                    what = "first token" if first_at is None else "complete answer"
                    budget = cfg.first_token_timeout if first_at is None else cfg.total_timeout
                    raise ModelServerError(
                        f"The model server at {endpoint.url} sent no {what} within {budget:g} s.",
                        "timeout",
                        True,
                        endpoint=endpoint.url,
                    ) from None
                finally:
                    await gen.aclose()
                endpoint.healthy = True
                break
            except ModelServerError as exc:
                if (
                    endpoint is not None
                    and exc.kind in ("connect", "status")
                    and (exc.status or 500) >= 500
                ):
                    endpoint.healthy, endpoint.last_error = False, str(exc)
                retry = exc.retryable and first_at is None and attempt < cfg.max_attempts
                log.info(
                    "model call attempt %s on %s failed (%s)%s",
                    attempt,
                    exc.endpoint or "-",
                    exc.kind,
                    "; retrying" if retry else "",
                )
                if retry:
                    pause = cfg.backoff * (2 ** (attempt - 1)) * (0.5 + random.random())
                    if time.monotonic() + pause < total_deadline:
                        await asyncio.sleep(pause)
                        continue
                outcome.call = self._finish(
                    call, started, first_at, usage, pieces, attempt, outcome.text
                )
                exc.details["attempts"] = attempt
                out.put(
                    (
                        "error",
                        ModelCallError(exc, outcome.call, after_first_token=first_at is not None),
                    )
                )
                return
            except asyncio.CancelledError:
                outcome.call = self._finish(
                    call, started, first_at, usage, pieces, attempt, outcome.text
                )
                raise
            finally:
                if endpoint is not None:
                    await self._release(endpoint)
        outcome.call = self._finish(call, started, first_at, usage, pieces, attempt, outcome.text)
        out.put(("done", None))

    @staticmethod
    def _finish(
        call: CallInfo,
        started: float,
        first_at: float | None,
        usage: tuple[int | None, int | None],
        pieces: int,
        attempts: int,
        text: str,
    ) -> CallInfo:
        prompt_tokens, completion_tokens = usage
        params = {**call.parameters, "attempts": attempts}
        if completion_tokens is None:
            params["usage_estimated"] = (
                True  # the server sent no usage chunk: count streamed pieces
            )
        return replace(
            call,
            parameters=params,
            prompt_tokens=prompt_tokens or 0,
            completion_tokens=completion_tokens if completion_tokens is not None else pieces,
            ttft_ms=None if first_at is None else round((first_at - started) * 1000, 2),
            total_ms=round((time.monotonic() - started) * 1000, 2),
            raw_output=text,
        )


_pools: dict[PoolConfig, EndpointPool] = {}
_pools_lock = threading.Lock()


def get_pool() -> EndpointPool:
    """The process's pool for the current settings (tests that change settings get a new one)."""
    config = PoolConfig.from_settings()
    with _pools_lock:
        pool = _pools.get(config)
        if pool is None:
            if not _pools:
                atexit.register(close_pools)  # cancel the loop's tasks cleanly at exit
            pool = _pools[config] = EndpointPool(config)
        return pool


def close_pools() -> None:
    """Close every pool of this process (tests; a worker shutting down)."""
    with _pools_lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        try:
            pool.close()
        except Exception:
            log.exception("closing a model pool failed")
