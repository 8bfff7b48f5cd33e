"""What a vLLM server says about itself on GET /metrics (Prometheus text), as the pool uses it:
prefix-cache hits and queries (the hit rate of the automatic prefix cache), requests running and
waiting, and the mean time a request waited in the server's queue.

Counters are summed over their label sets (one per served model). Names are vLLM's (V1 engine:
`vllm:prefix_cache_queries_total`, `vllm:prefix_cache_hits_total`, `vllm:num_requests_running`,
`vllm:num_requests_waiting`, `vllm:request_queue_time_seconds_sum|_count`); a server that
exposes none of them (the stand-in, another OpenAI-compatible server) gives zeros and
`known=False`.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

_WANTED = {
    "vllm:prefix_cache_queries_total": "prefix_cache_queries",
    "vllm:prefix_cache_hits_total": "prefix_cache_hits",
    "vllm:num_requests_running": "running",
    "vllm:num_requests_waiting": "waiting",
    "vllm:request_queue_time_seconds_sum": "queue_seconds_sum",
    "vllm:request_queue_time_seconds_count": "queue_count",
}


@dataclass(frozen=True)
class ServerMetrics:
    known: bool = False
    prefix_cache_queries: float = 0.0  # tokens looked up in the prefix cache
    prefix_cache_hits: float = 0.0  # of those, tokens found
    running: float = 0.0
    waiting: float = 0.0
    queue_seconds_sum: float = 0.0
    queue_count: float = 0.0

    @property
    def prefix_cache_hit_rate(self) -> float | None:
        if not self.prefix_cache_queries:
            return None
        return self.prefix_cache_hits / self.prefix_cache_queries

    @property
    def mean_queue_ms(self) -> float | None:
        return self.queue_seconds_sum / self.queue_count * 1000 if self.queue_count else None

    def as_dict(self) -> dict[str, Any]:
        hit_rate, queue_ms = self.prefix_cache_hit_rate, self.mean_queue_ms
        return {
            **asdict(self),
            "prefix_cache_hit_rate": None if hit_rate is None else round(hit_rate, 4),
            "mean_queue_ms": None if queue_ms is None else round(queue_ms, 2),
        }


def parse_metrics(text: str) -> ServerMetrics:
    """ServerMetrics from Prometheus exposition text; lines it does not know are skipped."""
    totals: dict[str, float] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name_part, _, rest = line.partition(" ")
        name = name_part.split("{", 1)[0]
        if "{" in name_part and "}" not in name_part:  # a label value with a space in it
            name_part, _, rest = line.partition("} ")
        field = _WANTED.get(name)
        if field is None:
            continue
        try:
            value = float(rest.split()[0])
        except (IndexError, ValueError):
            continue
        if math.isfinite(value):
            totals[field] = totals.get(field, 0.0) + value
    return ServerMetrics(known=bool(totals), **totals)
