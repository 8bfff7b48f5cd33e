"""`n` sampled completions of one prompt in one non-streaming request (OpenAI/vLLM `n`), for
distillation: the server computes the shared prompt prefix once. Errors are the client's
ModelServerError."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import httpx

from inference.serving.client import (
    ChatRequest,
    ModelServerError,
    _error_detail_from_body,
    _json_or_none,
)


@dataclass(frozen=True)
class SampledChoice:
    text: str
    finish_reason: str | None


@dataclass(frozen=True)
class SampledCompletion:
    choices: tuple[SampledChoice, ...]
    prompt_tokens: int = 0
    completion_tokens: int = 0
    endpoint: str = ""


@lru_cache(maxsize=1)
def _sampling_client() -> httpx.Client:
    """One pooled synchronous client per process (thread-safe): a new client per call would load
    the CA bundle each time (~120 ms of CPU)."""
    return httpx.Client(limits=httpx.Limits(max_connections=128, max_keepalive_connections=128))


def sample_completions(
    base_url: str, request: ChatRequest, *, n: int, api_key: str = "", timeout: float = 240.0
) -> SampledCompletion:
    """`n` sampled answers to one prompt in one non-streaming request (OpenAI/vLLM `n`): the
    server computes the shared prompt prefix once and samples n continuations from it.
    Distillation uses it; raises ModelServerError like the streaming call."""
    url = base_url.rstrip("/").removesuffix("/v1") + "/v1/chat/completions"
    body = request.body()
    body.pop("stream_options", None)
    body.update(stream=False, n=n)
    try:
        response = _sampling_client().post(
            url,
            json=body,
            headers={"Authorization": f"Bearer {api_key or 'EMPTY'}"},
            timeout=timeout,
        )
    except httpx.TimeoutException:
        raise ModelServerError(
            f"{base_url} did not answer within {timeout:g} s", "timeout", True, endpoint=base_url
        ) from None
    except httpx.HTTPError as exc:
        raise ModelServerError(
            f"{base_url} is not reachable: {exc}", "connect", True, endpoint=base_url
        ) from None
    if response.status_code >= 400:
        detail = _error_detail_from_body(_json_or_none(response.content))
        raise ModelServerError(
            f"{base_url} answered HTTP {response.status_code}: {detail}",
            "status",
            response.status_code >= 500 or response.status_code == 429,
            status=response.status_code,
            endpoint=base_url,
        )
    data = _json_or_none(response.content) or {}
    choices = sorted(data.get("choices") or [], key=lambda c: c.get("index", 0))
    usage = data.get("usage") or {}
    return SampledCompletion(
        choices=tuple(
            SampledChoice(
                text=str((c.get("message") or {}).get("content") or ""),
                finish_reason=c.get("finish_reason"),
            )
            for c in choices
        ),
        prompt_tokens=int(usage.get("prompt_tokens") or 0),
        completion_tokens=int(usage.get("completion_tokens") or 0),
        endpoint=base_url,
    )
