"""Session-sticky routing and the per-organisation cache salt, against stand-in model servers:
a session's turns go to the endpoint of its last turn (so vLLM's prefix cache holds its
conversation) while that endpoint is healthy and under its cap."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

from inference.serving.client import ChatRequest
from tests.inference.test_pool import make_pool, servers  # noqa: F401  (fixtures)

REQUEST = ChatRequest(model="standin", messages=({"role": "user", "content": "hi"},), max_tokens=64)


def _call(pool, key: str = "", **kw) -> str:  # type: ignore[no-untyped-def]
    stream = pool.stream(replace(REQUEST, session_key=key, **kw))
    "".join(stream)
    return stream.outcome.call.endpoint


def _in_background(pool, key: str) -> threading.Thread:  # type: ignore[no-untyped-def]
    thread = threading.Thread(target=_call, args=(pool, key))
    thread.start()
    time.sleep(0.2)  # it holds its endpoint now (the stand-in streams for ~1 s)
    return thread


def test_a_session_stays_on_its_endpoint_even_when_another_has_fewer_calls(servers, make_pool):  # noqa: F811
    a, b = servers(tokens_per_s=10), servers(tokens_per_s=10)
    pool = make_pool(a.url, b.url)
    first = _call(pool, "session-1")
    busy = _in_background(pool, "session-1")  # one call outstanding on `first`, none elsewhere
    assert _call(pool, "session-1") == first  # least-outstanding alone would pick the other
    busy.join()
    assert pool.sticky_hits == 2


def test_a_session_moves_when_its_endpoint_is_at_its_cap_and_then_stays(servers, make_pool):  # noqa: F811
    a, b = servers(tokens_per_s=10), servers(tokens_per_s=10)
    pool = make_pool(a.url, b.url, max_concurrency=1)
    first = _call(pool, "session-1")
    other = b.url if first == a.url else a.url
    busy = _in_background(pool, "session-1")  # sticks to `first`: it is at its cap of 1 now
    assert _call(pool, "session-1") == other  # full: moved
    busy.join()
    assert _call(pool, "session-1") == other  # and now it sticks to the new one


def test_a_session_leaves_an_endpoint_that_went_down(servers, make_pool):  # noqa: F811
    a, b = servers(), servers()
    pool = make_pool(a.url, b.url)
    first = _call(pool, "session-1")
    down = a if first == a.url else b
    down.stop()
    assert _call(pool, "session-1") != first


def test_the_cache_salt_is_sent_with_every_request_and_only_when_set(servers, make_pool):  # noqa: F811
    server = servers()
    pool = make_pool(server.url)
    _call(pool, "session-1", cache_salt="org-a-salt")
    assert server.config.bodies[-1]["cache_salt"] == "org-a-salt"
    _call(pool, "session-1")
    assert "cache_salt" not in server.config.bodies[-1]
    _call(pool, "s", cache_salt="org-b", constraint="structured_outputs", schema={"type": "object"})
    assert server.config.bodies[-1]["cache_salt"] == "org-b"
    assert "structured_outputs" in server.config.bodies[-1]
