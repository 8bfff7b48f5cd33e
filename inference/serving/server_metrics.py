"""What a vLLM server says about itself on GET /metrics (Prometheus text), as the pool uses it:
prefix-cache hits and queries (the hit rate of the automatic prefix cache), requests running and
waiting, and the time a request waited in the server's queue (mean, and the median estimated
from the queue-time histogram's buckets as Prometheus' histogram_quantile does).

Counters are summed over their label sets (one per served model). Names are vLLM's (V1 engine:
`vllm:prefix_cache_queries_total`, `vllm:prefix_cache_hits_total`, `vllm:num_requests_running`,
`vllm:num_requests_waiting`, `vllm:request_queue_time_seconds_sum|_count|_bucket`); a server that
exposes none of them (the stand-in, another OpenAI-compatible server) gives zeros and
`known=False`.
"""

from __future__ import annotations

import math
import re
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
_QUEUE_BUCKET = "vllm:request_queue_time_seconds_bucket"
_LE = re.compile(r'le="([^"]*)"')


@dataclass(frozen=True)
class ServerMetrics:
    known: bool = False
    prefix_cache_queries: float = 0.0  # tokens looked up in the prefix cache
    prefix_cache_hits: float = 0.0  # of those, tokens found
    running: float = 0.0
    waiting: float = 0.0
    queue_seconds_sum: float = 0.0
    queue_count: float = 0.0
    # The queue-time histogram: (upper bound in seconds, requests at or under it), cumulative,
    # summed over label sets, in ascending order; the last bound is +Inf.
    queue_buckets: tuple[tuple[float, float], ...] = ()

    @property
    def prefix_cache_hit_rate(self) -> float | None:
        if not self.prefix_cache_queries:
            return None
        return self.prefix_cache_hits / self.prefix_cache_queries

    @property
    def mean_queue_ms(self) -> float | None:
        return self.queue_seconds_sum / self.queue_count * 1000 if self.queue_count else None

    def queue_quantile(self, q: float) -> tuple[float, float, float] | None:
        """The q-quantile of queue time in ms since the server started, as (estimate, low, high):
        the bucket it falls in is (low, high], the estimate interpolates linearly inside it
        (histogram_quantile's rule; in the +Inf bucket the estimate is the last finite bound).
        None without a histogram or requests."""
        buckets = self.queue_buckets
        if not buckets or buckets[-1][1] <= 0:
            return None
        rank = q * buckets[-1][1]
        low, below = 0.0, 0.0
        for bound, count in buckets:
            if count >= rank and count > below:
                if math.isinf(bound):
                    return (low * 1000, low * 1000, math.inf)
                estimate = low + (bound - low) * (rank - below) / (count - below)
                return (estimate * 1000, low * 1000, bound * 1000)
            low, below = bound, count
        return None

    def as_dict(self) -> dict[str, Any]:
        hit_rate, queue_ms = self.prefix_cache_hit_rate, self.mean_queue_ms
        p50 = self.queue_quantile(0.5)
        return {
            **asdict(self),
            "queue_buckets": [list(b) for b in self.queue_buckets],
            "prefix_cache_hit_rate": None if hit_rate is None else round(hit_rate, 4),
            "mean_queue_ms": None if queue_ms is None else round(queue_ms, 2),
            "queue_p50_ms": None if p50 is None else round(p50[0], 2),
            "queue_p50_bucket_ms": None if p50 is None else [p50[1], p50[2]],
        }


def parse_metrics(text: str) -> ServerMetrics:
    """ServerMetrics from Prometheus exposition text; lines it does not know are skipped."""
    totals: dict[str, float] = {}
    buckets: dict[float, float] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name_part, _, rest = line.partition(" ")
        name = name_part.split("{", 1)[0]
        if "{" in name_part and "}" not in name_part:  # a label value with a space in it
            name_part, _, rest = line.partition("} ")
        field = _WANTED.get(name)
        if field is None and name != _QUEUE_BUCKET:
            continue
        try:
            value = float(rest.split()[0])
        except (IndexError, ValueError):
            continue
        if not math.isfinite(value):
            continue
        if field is not None:
            totals[field] = totals.get(field, 0.0) + value
            continue
        match = _LE.search(name_part)
        try:
            bound = float(match.group(1)) if match else math.nan
        except ValueError:
            continue
        if not math.isnan(bound):
            buckets[bound] = buckets.get(bound, 0.0) + value
    histogram = tuple(sorted(buckets.items()))
    if histogram and not math.isinf(histogram[-1][0]):
        histogram = ()  # a histogram without its +Inf bucket is cut off: no quantile from it
    return ServerMetrics(known=bool(totals) or bool(histogram), queue_buckets=histogram, **totals)
