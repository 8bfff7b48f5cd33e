"""The model client: the only module that imports openai or knows vLLM request fields.

One EndpointClient per model server (an OpenAI-compatible base URL such as a vLLM replica). It
streams chat completions as StreamChunk values and turns every transport or server failure into a
ModelServerError that says whether trying again (before the first token) may help. Routing,
timeouts, retries and accounting live in inference.serving.pool.

Transport: the health check (GET /v1/models) goes through the openai SDK. The streaming call is
an aiohttp POST whose server-sent events are read here line by line: a worker reads thousands of
stream chunks a second, and per chunk the SDK's pydantic chunk objects plus httpx/h11's
pure-Python parsing cost about 215 us of CPU, aiohttp's C parser and this reader about 48 us
(measured with 16 streams at 40 tokens/s; docs/model-serving.md).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from typing import Any, Literal

import aiohttp
import httpx
import openai
import pydantic_core

# How the output is held to the TurnDecision schema. Both are vLLM structured outputs; the
# older `guided_json` extra field is deliberately absent: vLLM >= 0.12 ignores it silently.
Constraint = Literal["response_format", "structured_outputs", "none"]


@dataclass(frozen=True)
class ChatRequest:
    model: str
    messages: tuple[dict[str, str], ...]
    max_tokens: int
    temperature: float = 0.2
    top_p: float = 1.0
    stop: tuple[str, ...] = ()
    seed: int | None = None
    schema: dict[str, Any] | None = None
    schema_name: str = "TurnDecision"
    constraint: Constraint = "response_format"
    # Routing and caching, not sampling: neither is recorded as a parameter of the turn.
    session_key: str = ""  # the pool sends a session's turns to the endpoint of its last turn
    cache_salt: str = ""  # vLLM keeps prefix-cache entries apart per salt (one per organisation)

    def parameters(self) -> dict[str, Any]:
        """What is recorded on the turn: everything but the prompt text (case text is clinical
        data)."""
        params: dict[str, Any] = {
            "max_tokens": self.max_tokens,
            "temperature": self.temperature,
            "top_p": self.top_p,
            "constraint": self.constraint if self.schema is not None else "none",
        }
        if self.stop:
            params["stop"] = list(self.stop)
        if self.seed is not None:
            params["seed"] = self.seed
        if self.schema is not None:
            digest = hashlib.sha256(json.dumps(self.schema, sort_keys=True).encode()).hexdigest()[
                :12
            ]
            params["schema"] = f"{self.schema_name}@{digest}"
        return params

    def body(self) -> dict[str, Any]:
        """The JSON body of POST /v1/chat/completions (extra_body fields merged in, as the SDK
        does)."""
        body = self.openai_kwargs()
        body.update(body.pop("extra_body", {}))
        return body

    def openai_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "model": self.model,
            "messages": list(self.messages),
            "max_tokens": self.max_tokens,
            "temperature": self.temperature,
            "top_p": self.top_p,
            "stream": True,
            "stream_options": {"include_usage": True},
        }
        if self.stop:
            kwargs["stop"] = list(self.stop)
        if self.seed is not None:
            kwargs["seed"] = self.seed
        extra: dict[str, Any] = {"cache_salt": self.cache_salt} if self.cache_salt else {}
        if extra:
            kwargs["extra_body"] = extra
        if self.schema is not None and self.constraint == "response_format":
            kwargs["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": self.schema_name, "schema": self.schema, "strict": True},
            }
        elif self.schema is not None and self.constraint == "structured_outputs":
            kwargs["extra_body"] = {**extra, "structured_outputs": {"json": self.schema}}
        return kwargs


@dataclass
class StreamChunk:
    text: str = ""
    refusal: str = ""
    finish_reason: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None


@dataclass
class ModelServerError(Exception):
    """A call that failed in transport or at the server (not a bad answer: that is the policy's)."""

    message: str
    kind: Literal["connect", "timeout", "status", "protocol", "unavailable"]
    retryable: bool
    status: int | None = None
    endpoint: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message


class EndpointClient:
    """Talks to one OpenAI-compatible server. Used only from the pool's event loop."""

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str,
        connect_timeout: float,
        read_timeout: float,
        max_connections: int,
    ) -> None:
        # Accept "http://host:8000" and "http://host:8000/v1" alike.
        self.base_url = base_url.rstrip("/").removesuffix("/v1")
        timeout = httpx.Timeout(
            connect=connect_timeout, read=read_timeout, write=connect_timeout, pool=None
        )
        self._http = httpx.AsyncClient(
            timeout=timeout,
            limits=httpx.Limits(
                max_connections=max_connections + 4, max_keepalive_connections=max_connections + 4
            ),
        )
        # openai 3.x runs on httpx2 and accepts (normalises) an httpx client and timeout.
        self._openai = openai.AsyncOpenAI(
            base_url=self.base_url + "/v1",
            api_key=api_key or "EMPTY",
            max_retries=0,
            http_client=self._http,  # type: ignore[arg-type]  # normalised by openai 3.x
            timeout=timeout,  # type: ignore[arg-type]
        )
        self._api_key = api_key or "EMPTY"
        self._connect_timeout = connect_timeout
        self._max_connections = max_connections
        self._session: aiohttp.ClientSession | None = None  # made on the pool's loop, at first use

    def _streaming_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._max_connections + 4),
                # Connect bounded here; first-token and total deadlines are the pool's.
                timeout=aiohttp.ClientTimeout(
                    total=None, connect=self._connect_timeout, sock_connect=self._connect_timeout
                ),
                headers={"Authorization": f"Bearer {self._api_key}"},
                read_bufsize=1 << 20,  # SSE lines up to 1 MiB
            )
        return self._session

    async def models(self, *, timeout: float) -> list[tuple[str, str]]:
        """The health check: GET /v1/models, as (model id, parent) pairs; vLLM names a LoRA
        adapter's base model in `parent` (empty for a base model). Raises ModelServerError
        when it does not answer."""
        try:
            page = await self._openai.models.list(timeout=timeout)
        except Exception as exc:
            raise self._translate(exc) from exc
        return [(m.id, str(getattr(m, "parent", None) or "")) for m in page.data]

    async def metrics_text(self, *, timeout: float) -> str:
        """GET /metrics (vLLM's Prometheus text); empty when the server has none."""
        import aiohttp

        try:
            async with self._streaming_session().get(
                self.base_url + "/metrics", timeout=aiohttp.ClientTimeout(total=timeout)
            ) as response:
                return await response.text() if response.status == 200 else ""
        except Exception:  # the metrics are a routing hint: never an error of their own
            return ""

    async def stream(self, request: ChatRequest) -> AsyncGenerator[StreamChunk, None]:
        """The answer as it streams, one StreamChunk per server-sent event that carries
        something."""
        url = self.base_url + "/v1/chat/completions"
        try:
            async with self._streaming_session().post(url, json=request.body()) as response:
                if response.status >= 400:
                    raise self._status_error(response.status, await response.read())
                async for raw in response.content:  # one line at a time
                    line = raw.decode("utf-8", "replace").strip()
                    if not line.startswith("data:"):
                        continue  # blank separators, comments (": ping"), event names
                    data = line[5:].strip()
                    if data == "[DONE]":
                        break
                    chunk = parse_chunk(data, endpoint=self.base_url)
                    if chunk is not None:
                        yield chunk
        except ModelServerError:
            raise
        except Exception as exc:
            raise self._translate(exc) from exc

    def _status_error(self, status: int, body: bytes) -> ModelServerError:
        try:
            detail = _error_detail_from_body(pydantic_core.from_json(body)) if body else ""
        except ValueError:
            detail = ""
        detail = detail or body.decode("utf-8", "replace").strip()[:300] or f"HTTP {status}"
        # 429 and 5xx are the server's momentary trouble; 4xx is our request and will not change.
        retryable = status == 429 or status >= 500
        return ModelServerError(
            f"The model server at {self.base_url} answered HTTP {status}: {detail}",
            "status",
            retryable,
            status=status,
            endpoint=self.base_url,
        )

    def _translate(self, exc: Exception) -> ModelServerError:
        where = self.base_url
        if isinstance(
            exc,
            openai.APITimeoutError
            | httpx.TimeoutException
            | TimeoutError
            | aiohttp.ServerTimeoutError,
        ):
            return ModelServerError(
                f"The model server at {where} did not answer in time.",
                "timeout",
                True,
                endpoint=where,
            )
        if isinstance(
            exc,
            openai.APIConnectionError
            | httpx.TransportError
            | aiohttp.ClientConnectionError
            | aiohttp.ClientPayloadError,
        ):
            return ModelServerError(
                f"The model server at {where} cannot be reached.", "connect", True, endpoint=where
            )
        if isinstance(exc, openai.APIStatusError):
            status = exc.status_code
            # 429 and 5xx are the server's momentary trouble; 4xx is our request and will not
            # change.
            retryable = status == 429 or status >= 500
            detail = _error_detail(exc)
            return ModelServerError(
                f"The model server at {where} answered HTTP {status}: {detail}",
                "status",
                retryable,
                status=status,
                endpoint=where,
            )
        return ModelServerError(
            f"The model server at {where} sent something unreadable ({type(exc).__name__}).",
            "protocol",
            True,
            endpoint=where,
        )

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
        await self._openai.close()


def _error_detail(exc: openai.APIStatusError) -> str:
    return _error_detail_from_body(exc.body) or str(exc.message)[:300]


def _error_detail_from_body(body: Any) -> str:
    if isinstance(body, dict):
        inner = body.get("error")
        if isinstance(inner, dict) and inner.get("message"):
            return str(inner["message"])[:300]
        if body.get("message"):
            return str(body["message"])[:300]
    return ""


def parse_chunk(data: str, *, endpoint: str) -> StreamChunk | None:
    """One `data:` payload of a chat-completions stream; None for one that carries nothing."""
    try:
        body = pydantic_core.from_json(data)
    except ValueError:
        raise ModelServerError(
            f"The model server at {endpoint} sent a stream event that is not JSON.",
            "protocol",
            True,
            endpoint=endpoint,
        ) from None
    if not isinstance(body, dict):
        return None
    if body.get("error"):  # vLLM reports a failure inside the stream this way
        error = body["error"]
        message = str(error.get("message") if isinstance(error, dict) else error)[:300]
        raise ModelServerError(
            f"The model server at {endpoint} failed while streaming: {message}",
            "protocol",
            True,
            endpoint=endpoint,
        )
    out = StreamChunk()
    usage = body.get("usage")
    if isinstance(usage, dict):
        out.prompt_tokens = int(usage.get("prompt_tokens") or 0)
        out.completion_tokens = int(usage.get("completion_tokens") or 0)
    for choice in body.get("choices") or ():
        delta = choice.get("delta") or {}
        out.text += delta.get("content") or ""
        out.refusal += delta.get("refusal") or ""
        if choice.get("finish_reason"):
            out.finish_reason = choice["finish_reason"]
    return out


def _json_or_none(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return None
