"""The endpoint pool: routing, concurrency caps, health, timeouts and retries, against stand-ins."""

from __future__ import annotations

import threading
import time

import pytest

from inference.jobs.bench.standin_server import StandinConfig, StandinServer
from inference.serving.client import ChatRequest
from inference.serving.endpoints import PoolConfig
from inference.serving.pool import EndpointPool, ModelCallError
from tests.workers import free_port

REQUEST = ChatRequest(model="standin", messages=({"role": "user", "content": "hi"},), max_tokens=64)


@pytest.fixture
def servers():  # type: ignore[no-untyped-def]
    started: list[StandinServer] = []

    def start(port: int | None = None, **config) -> StandinServer:  # type: ignore[no-untyped-def]
        server = StandinServer(
            port or free_port(),
            StandinConfig(**{"ttft_ms": 10, "tokens_per_s": 200, "tokens": 10, **config}),
        )
        started.append(server.start())
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def make_pool():  # type: ignore[no-untyped-def]
    pools: list[EndpointPool] = []

    def make(*urls: str, **kw) -> EndpointPool:  # type: ignore[no-untyped-def]
        pool = EndpointPool(
            PoolConfig(endpoints=urls, **{"backoff": 0.01, "connect_timeout": 1.0, **kw})
        )
        pools.append(pool)
        return pool

    yield make
    for pool in pools:
        pool.close()


def _drain(pool: EndpointPool, request: ChatRequest = REQUEST):  # type: ignore[no-untyped-def]
    stream = pool.stream(request)
    text = "".join(stream)
    return text, stream.outcome


def test_it_streams_text_and_records_the_call(servers, make_pool):
    server = servers()
    text, outcome = _drain(make_pool(server.url))
    assert text.startswith('{"reasoning"') and outcome.finish_reason == "stop"
    assert outcome.call.endpoint == server.url and outcome.call.model == "standin"
    assert (
        outcome.call.completion_tokens == server.config.usage_sent[-1]
        and outcome.call.prompt_tokens == 50
    )
    assert outcome.call.ttft_ms is not None and outcome.call.ttft_ms >= 10


def test_it_routes_each_call_to_the_endpoint_with_the_fewest_outstanding_requests(
    servers, make_pool
):
    a, b = servers(tokens_per_s=20), servers(tokens_per_s=20)  # each call streams for ~0.5 s
    pool = make_pool(a.url, b.url)
    threads = [threading.Thread(target=_drain, args=(pool,)) for _ in range(6)]
    for t in threads:
        t.start()
        time.sleep(0.03)
    for t in threads:
        t.join()
    assert a.config.requests == 3 and b.config.requests == 3


def test_it_never_exceeds_the_per_endpoint_concurrency_cap(servers, make_pool):
    server = servers(tokens_per_s=50)
    pool = make_pool(server.url, max_concurrency=2)
    threads = [threading.Thread(target=_drain, args=(pool,)) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert server.config.requests == 5 and server.config.max_active == 2


def test_n_concurrent_calls_are_n_requests_in_flight(servers, make_pool):
    server = servers(tokens_per_s=20)
    pool = make_pool(server.url, max_concurrency=64)
    threads = [threading.Thread(target=_drain, args=(pool,)) for _ in range(16)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert server.config.max_active == 16
    assert time.monotonic() - started < 2 * 0.55  # not serialised: about one call's time


def test_it_retries_a_server_error_before_the_first_token(servers, make_pool):
    server = servers()
    server.config.script.extend(["status503", "status503"])
    text, outcome = _drain(make_pool(server.url, max_attempts=3))
    assert text and server.config.requests == 3 and outcome.call.parameters["attempts"] == 3


def test_it_does_not_retry_a_request_the_server_rejects(servers, make_pool):
    server = servers()
    server.config.script.append("status400")
    with pytest.raises(ModelCallError) as info:
        _drain(make_pool(server.url))
    assert (
        not info.value.retryable and "HTTP 400" in str(info.value) and server.config.requests == 1
    )
    assert "stand-in: bad request" in str(info.value)  # the server's own reason, from its JSON body


def test_it_gives_up_after_the_last_attempt_and_says_why(servers, make_pool):
    server = servers()
    server.config.default_mode = "status503"
    with pytest.raises(ModelCallError) as info:
        _drain(make_pool(server.url, max_attempts=2))
    assert (
        info.value.retryable
        and "503" in str(info.value)
        and info.value.call.parameters["attempts"] == 2
    )


def test_a_silent_server_times_out_waiting_for_the_first_token(servers, make_pool):
    server = servers()
    server.config.default_mode = "stall"
    started = time.monotonic()
    with pytest.raises(ModelCallError, match="no first token within 0.3 s") as info:
        _drain(make_pool(server.url, first_token_timeout=0.3, max_attempts=2))
    assert info.value.retryable and not info.value.after_first_token
    assert 0.6 <= time.monotonic() - started < 3


def test_an_answer_that_takes_too_long_in_total_is_cut(servers, make_pool):
    server = servers(tokens_per_s=5, tokens=20)  # 4 s of streaming
    with pytest.raises(ModelCallError, match="complete answer within 0.5 s") as info:
        _drain(make_pool(server.url, total_timeout=0.5))
    assert (
        info.value.after_first_token and server.config.requests == 1
    )  # no retry once text was shown


def test_an_unreachable_endpoint_fails_fast_and_retryably(make_pool):
    pool = make_pool(f"http://127.0.0.1:{free_port()}", max_attempts=2)
    started = time.monotonic()
    with pytest.raises(ModelCallError) as info:
        _drain(pool)
    assert info.value.retryable and time.monotonic() - started < 3
    assert pool.snapshot()[0]["healthy"] is False


def test_it_fails_over_from_a_dead_endpoint_and_comes_back_when_it_recovers(servers, make_pool):
    live = servers()
    dead_port = free_port()
    pool = make_pool(f"http://127.0.0.1:{dead_port}", live.url, max_attempts=3)
    for _ in range(4):
        text, outcome = _drain(pool)
        assert text and outcome.call.endpoint == live.url
    assert pool.check_health()[f"http://127.0.0.1:{dead_port}"] is False
    revived = servers(port=dead_port)
    assert pool.check_health()[revived.url] is True
    for _ in range(16):  # ties in outstanding requests are broken at random
        _drain(pool)
    assert revived.config.requests >= 1


def test_an_endpoint_that_does_not_serve_the_model_is_not_used(servers, make_pool):
    other = servers(model="another-model")
    right = servers()
    pool = make_pool(other.url, right.url)
    pool.check_health()
    for _ in range(3):
        _, outcome = _drain(pool)
        assert outcome.call.endpoint == right.url
    assert other.config.requests == 0


def test_an_endpoint_may_be_given_with_or_without_the_v1_suffix(servers, make_pool):
    server = servers()
    text, outcome = _drain(make_pool(server.url + "/v1/"))
    assert text and outcome.call.endpoint == server.url + "/v1"


def test_a_stream_event_that_is_not_json_or_reports_an_error_is_a_clear_failure():
    from inference.serving.client import ModelServerError, parse_chunk

    chunk = parse_chunk(
        '{"choices":[{"index":0,"delta":{"content":"Iron"},"finish_reason":null}]}',
        endpoint="http://m",
    )
    assert chunk is not None and chunk.text == "Iron" and chunk.finish_reason is None
    usage = parse_chunk(
        '{"choices":[],"usage":{"prompt_tokens":50,"completion_tokens":7}}', endpoint="http://m"
    )
    assert usage is not None and (usage.prompt_tokens, usage.completion_tokens) == (50, 7)
    with pytest.raises(ModelServerError, match="not JSON") as bad:
        parse_chunk('{"choices": [', endpoint="http://m")
    assert bad.value.kind == "protocol" and bad.value.retryable
    with pytest.raises(ModelServerError, match="failed while streaming: out of KV cache"):
        parse_chunk('{"error": {"message": "out of KV cache", "code": 500}}', endpoint="http://m")
