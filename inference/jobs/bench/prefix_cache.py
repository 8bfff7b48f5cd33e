"""How much of a multi-turn conversation's prompt vLLM's automatic prefix cache serves, on a real
server (`python manage.py bench_prefix_cache`; a benchmark, not a test).

Synthetic sessions (one vignette written for this, with six results revealed one a turn) are
rendered turn by turn by a model profile exactly as the LLM policy renders them, sent with the
deployment's cache salt, round-robin over the sessions so their cache entries compete as real
sessions' do; the server's own counters (`vllm:prefix_cache_hits_total` / `_queries_total`, read
from GET /metrics before and after) give the hit rate. Each request asks for a few tokens only:
the prompt is what is measured.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from django.conf import settings

from diagnosis.protocol import Observation, PastTurn, PolicyContext, TurnDecision
from inference.serving.client import ChatRequest
from inference.serving.profiles import get_profile
from inference.serving.sampling import sample_completions
from inference.serving.server_metrics import ServerMetrics, parse_metrics

PRESENTATION = (
    "Two days of worsening breathlessness and a cough productive of rusty sputum, fever to 39.2 C, "
    "right-sided pleuritic chest pain and rigors. Smokes 20 a day; type 2 diabetes on metformin; "
    "hypertension on amlodipine. Flushed, respiratory rate 28, oxygen saturation 89% on air, "
    "bronchial breathing and crackles at the right base."
)
RESULTS = (
    ("Full blood count", "White cell count 18.2 x10^9/L, neutrophils 15.9 x10^9/L"),
    ("Chest X-ray", "Right lower lobe consolidation, no effusion"),
    ("C-reactive protein", "245 mg/L"),
    ("Urea and electrolytes", "Urea 8.9 mmol/L, creatinine 96 umol/L, sodium 134 mmol/L"),
    ("Blood cultures", "Gram-positive diplococci in chains after 18 hours"),
    ("Urinary pneumococcal antigen", "Positive"),
)


class PrefixCacheBenchError(Exception):
    """What the operator is told (the server is away, or exposes no prefix-cache counters)."""


def _decision(test: str) -> TurnDecision:
    return TurnDecision.model_validate(
        {
            "reasoning": "Fever, productive cough and focal signs.",
            "differential": [
                {"diagnosis": "Community-acquired pneumonia", "probability": 0.7},
                {"diagnosis": "Pulmonary embolism", "probability": 0.1},
            ],
            "action": {"type": "order_tests", "tests": [{"test": test}]},
        }
    )


def conversation_context(
    session: int, turn: int, max_turns: int = 8, run: str = ""
) -> PolicyContext:
    """Turn `turn` of synthetic session `session`: the results of the turns before it revealed.
    `run` makes the sessions of one measurement new to the server (only the system prompt, the
    same for every session of a deployment, may be cached already)."""
    past = tuple(
        PastTurn(
            index=i,
            decision=_decision(RESULTS[i % len(RESULTS)][0]),
            observations=(
                Observation(
                    order=RESULTS[i % len(RESULTS)][0],
                    status="answered",
                    result=RESULTS[i % len(RESULTS)][1],
                ),
            ),
        )
        for i in range(turn)
    )
    return PolicyContext(
        session_id=f"prefix-bench-{run}-{session}",
        turn_index=turn,
        mode="simulated",
        presentation=f"{PRESENTATION} (Patient {session + 1}.)",
        demographics=f"{50 + session}-year-old man (bench run {run})",
        past_turns=past,
        max_turns=max_turns,
    )


def server_metrics(base_url: str, api_key: str = "") -> ServerMetrics:
    url = base_url.rstrip("/").removesuffix("/v1") + "/metrics"
    try:
        response = httpx.get(url, headers={"Authorization": f"Bearer {api_key or 'EMPTY'}"})
        response.raise_for_status()
    except httpx.HTTPError as exc:
        raise PrefixCacheBenchError(f"could not read {url}: {exc}") from None
    metrics = parse_metrics(response.text)
    if not metrics.known:
        raise PrefixCacheBenchError(
            f"{url} exposes no vLLM prefix-cache counters (is it a vLLM server?)"
        )
    return metrics


def measure(
    base_url: str,
    model: str,
    *,
    profile_key: str = "json-schema",
    sessions: int = 3,
    turns: int = 6,
    api_key: str = "",
) -> dict[str, Any]:
    """Send every session's turns, round-robin, and return the hit rate the server counted."""
    profile = get_profile(profile_key)
    before = server_metrics(base_url, api_key)
    run, requests = uuid.uuid4().hex[:8], 0
    for turn in range(turns):
        for session in range(sessions):
            context = conversation_context(session, turn, max_turns=max(8, turns + 1), run=run)
            schema = profile.schema(must_finalise=False)
            request = ChatRequest(
                model=model,
                messages=profile.messages(context, schema),
                max_tokens=4,
                temperature=0.0,
                constraint="none",
                session_key=context.session_id,
                cache_salt=settings.VLLM_CACHE_SALT,
            )
            try:
                sample_completions(base_url, request, n=1, api_key=api_key)
            except Exception as exc:  # ModelServerError and the like: say which request
                raise PrefixCacheBenchError(
                    f"turn {turn + 1} of session {session + 1}: {exc}"
                ) from None
            requests += 1
    after = server_metrics(base_url, api_key)
    looked_up = after.prefix_cache_queries - before.prefix_cache_queries
    hits = after.prefix_cache_hits - before.prefix_cache_hits
    return {
        "profile": profile_key,
        "sessions": sessions,
        "turns": turns,
        "requests": requests,
        "prompt_tokens_looked_up": int(looked_up),
        "prefix_cache_hits": int(hits),
        "prefix_cache_hit_rate": round(hits / looked_up, 4) if looked_up else None,
    }
