"""The pool's configuration (from settings) and what it knows of each model server."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from inference.serving.client import EndpointClient
from inference.serving.server_metrics import ServerMetrics


@dataclass(frozen=True)
class PoolConfig:
    endpoints: tuple[str, ...]
    api_key: str = ""
    max_concurrency: int = 64
    connect_timeout: float = 5.0
    first_token_timeout: float = 60.0
    total_timeout: float = 240.0
    max_attempts: int = 3
    backoff: float = 0.25
    health_interval: float = 10.0

    @classmethod
    def from_settings(cls) -> PoolConfig:
        return cls(
            endpoints=tuple(settings.VLLM_ENDPOINTS),
            api_key=settings.VLLM_API_KEY,
            max_concurrency=settings.VLLM_MAX_CONCURRENCY_PER_ENDPOINT,
            connect_timeout=settings.VLLM_CONNECT_TIMEOUT,
            first_token_timeout=settings.VLLM_FIRST_TOKEN_TIMEOUT,
            total_timeout=settings.VLLM_TOTAL_TIMEOUT,
            max_attempts=getattr(settings, "VLLM_MAX_ATTEMPTS", 3),
            backoff=getattr(settings, "VLLM_RETRY_BACKOFF", 0.25),
            health_interval=getattr(settings, "VLLM_HEALTH_INTERVAL", 10.0),
        )


@dataclass
class Endpoint:
    url: str
    client: EndpointClient
    cap: int
    outstanding: int = 0
    healthy: bool = True  # optimistic until a call or a probe says otherwise
    checked_at: float = 0.0  # time.monotonic() of the last probe (0: never probed)
    probed_at: float = 0.0  # the same moment as wall-clock time (for people)
    served: tuple[str, ...] = ()
    adapters: tuple[tuple[str, str], ...] = ()  # (LoRA adapter, its base model) among served
    last_error: str = ""
    metrics: ServerMetrics = ServerMetrics()  # from its /metrics at the last probe

    def serves(self, model: str) -> bool:
        return not self.served or model in self.served
