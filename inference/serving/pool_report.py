"""The pool's snapshot as an operator reads it: one plain record per model server (healthy or
not and why, what it serves, our calls in flight against the cap, and what the server says of
itself on /metrics), for the admin's model-health page (inference.health)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


@dataclass(frozen=True)
class EndpointHealth:
    url: str
    state: str  # "healthy" | "unhealthy" | "not probed"
    last_error: str
    models: list[str]  # base models (the ids /v1/models lists that have no parent)
    adapters: list[dict[str, str]]  # LoRA adapters: {"name", "base"}
    in_flight: int  # this process's calls on it now
    cap: int
    metrics_known: bool  # False: the server has no vLLM /metrics (numbers below are None)
    running: int | None
    waiting: int | None
    prefix_cache_hit_rate: float | None  # 0..1, since the server started
    prefix_cache_queries: int | None  # tokens looked up in the prefix cache
    queue_p50_ms: float | None  # estimated from the queue-time histogram
    queue_p50_bucket: str  # the histogram bucket the median falls in, e.g. "300–500 ms"
    mean_queue_ms: float | None
    probed_at: datetime | None

    @property
    def healthy(self) -> bool:
        return self.state == "healthy"

    @property
    def hit_percent(self) -> float | None:
        rate = self.prefix_cache_hit_rate
        return None if rate is None else rate * 100


@dataclass(frozen=True)
class HealthReport:
    configured: bool  # False: no VLLM_ENDPOINTS (the knowledge-graph engine needs none)
    endpoints: list[EndpointHealth] = field(default_factory=list)
    probe_error: str = ""  # the page's own probe did not finish (the last known state is shown)

    @property
    def healthy_count(self) -> int:
        return sum(1 for e in self.endpoints if e.healthy)


def _ms_range(bounds: list[float] | None) -> str:
    if not bounds:
        return ""
    low, high = bounds
    if math.isinf(high):
        return f"over {low:g} ms"
    return f"{low:g}–{high:g} ms"


def endpoint_health(entry: dict[str, Any]) -> EndpointHealth:
    """One entry of EndpointPool.snapshot()."""
    metrics = entry.get("metrics") or {}
    known = bool(metrics.get("known"))
    probed_at = entry.get("probed_at")
    adapters = [{"name": name, "base": base} for name, base in entry.get("adapters", [])]
    adapter_names = {a["name"] for a in adapters}
    if not probed_at:
        state = "not probed"
    else:
        state = "healthy" if entry.get("healthy") else "unhealthy"
    return EndpointHealth(
        url=entry["url"],
        state=state,
        last_error=entry.get("last_error") or "",
        models=[m for m in entry.get("served", []) if m not in adapter_names],
        adapters=adapters,
        in_flight=int(entry.get("outstanding", 0)),
        cap=int(entry.get("cap", 0)),
        metrics_known=known,
        running=int(metrics.get("running", 0)) if known else None,
        waiting=int(metrics.get("waiting", 0)) if known else None,
        prefix_cache_hit_rate=metrics.get("prefix_cache_hit_rate") if known else None,
        prefix_cache_queries=int(metrics.get("prefix_cache_queries", 0)) if known else None,
        queue_p50_ms=metrics.get("queue_p50_ms") if known else None,
        queue_p50_bucket=_ms_range(metrics.get("queue_p50_bucket_ms")) if known else "",
        mean_queue_ms=metrics.get("mean_queue_ms") if known else None,
        probed_at=datetime.fromtimestamp(probed_at, tz=UTC) if probed_at else None,
    )


def pool_report(snapshot: list[dict[str, Any]], *, probe_error: str = "") -> HealthReport:
    return HealthReport(
        configured=True,
        endpoints=[endpoint_health(entry) for entry in snapshot],
        probe_error=probe_error,
    )
