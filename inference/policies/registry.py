"""The policy registry diagnosis/ resolves through settings.MEDACTION_POLICY_REGISTRY."""

from __future__ import annotations

import hashlib
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string

from diagnosis.protocol import Policy, PolicyInfo

BUILTIN: dict[str, tuple[str, str, str]] = {
    # key: (dotted factory, label, description)
    "kg": (
        "inference.policies.kg.KGPolicy",
        "KG engine",
        "Bayesian engine over the medical knowledge graph (no GPU).",
    ),
    "prior": (
        "inference.policies.kg.PriorPolicy",
        "Prior baseline",
        "Most probable disease by prior alone; orders no tests.",
    ),
    "swarm-kg": (
        "inference.policies.swarm.KGSwarmPolicy",
        "Swarm panel (KG)",
        "An orchestrator and a panel of knowledge-graph sub-agents working in parallel: "
        "an advocate per leading hypothesis, a test chooser, a challenger, a steward (no GPU).",
    ),
}

# LLM policies: "llm" uses the profile named by VLLM_PROFILE, "llm:<profile>" a given model profile
# (inference/serving/model_profiles/*.toml and VLLM_PROFILE_DIRS). Listed only when
# VLLM_ENDPOINTS is set, and available only while a model server answers (model_servers_status).
LLM_PREFIX = "llm"
# Swarm policies over model sub-agents: "swarm" (VLLM_SWARM_PROFILE) or "swarm:<profile>", for the
# profiles with a [swarm] panel; listed and available like the LLM policies.
SWARM_PREFIX = "swarm"

# How long a health answer is reused (shared cache: every web process), and the most a page waits
# for a probe (the probe goes on in the background; its answer is used from the next page on).
HEALTH_CACHE_SECONDS = 10
HEALTH_WAIT_SECONDS = 1.0
_probe_lock = threading.Lock()
_probes: dict[tuple[str, ...], Future[dict[str, bool]]] = {}
_prober = ThreadPoolExecutor(max_workers=2, thread_name_prefix="medaction-health")


def _health_key(endpoints: tuple[str, ...]) -> str:
    digest = hashlib.sha256("|".join(endpoints).encode()).hexdigest()[:16]
    return f"medaction:model-health:{digest}"


def model_servers_forget() -> None:
    """Drop the cached health answer for the configured endpoints (tests; after a deploy)."""
    cache.delete(_health_key(tuple(settings.VLLM_ENDPOINTS)))


def model_servers_status() -> tuple[bool, str]:
    """(available, reason if not): whether a model server answers, by the endpoint pool's health
    check (GET /v1/models on every endpoint), cached for HEALTH_CACHE_SECONDS; a page never waits
    more than HEALTH_WAIT_SECONDS for it."""
    endpoints = tuple(settings.VLLM_ENDPOINTS)
    if not endpoints:
        return False, "No model server is configured (VLLM_ENDPOINTS)."
    key = _health_key(endpoints)
    cached = cache.get(key)
    if cached is not None:
        return bool(cached[0]), str(cached[1])
    from inference.serving.pool import get_pool

    pool = get_pool()
    with _probe_lock:  # one probe at a time per endpoint set, however many pages ask
        future = _probes.get(endpoints)
        if future is None or future.done():
            future = _probes[endpoints] = _prober.submit(pool.check_health)
    try:
        healthy = future.result(timeout=HEALTH_WAIT_SECONDS)
    except FutureTimeout:
        status = (False, f"The model server did not answer within {HEALTH_WAIT_SECONDS:g} s.")
        cache.set(key, status, 2)  # ask again soon: the probe may have its answer by then
        return status
    except Exception as exc:  # the probe itself broke: say so, do not break the page
        status = (False, f"The model server health check failed: {exc}")
        cache.set(key, status, 2)
        return status
    if any(healthy.values()):
        status = (True, "")
    else:
        errors = "; ".join(
            e["last_error"] or f"{e['url']} is not answering" for e in pool.snapshot()
        )
        status = (False, f"No model server answers: {errors}")
    cache.set(key, status, HEALTH_CACHE_SECONDS)
    return status


def _entries() -> dict[str, tuple[str, str, str]]:
    entries = dict(BUILTIN)
    for key, path in getattr(settings, "MEDACTION_EXTRA_POLICIES", {}).items():
        entries[key] = (path, key, "")
    return entries


def _llm_entries() -> dict[str, tuple[str, str]]:
    if not settings.VLLM_ENDPOINTS:
        return {}
    from inference.serving.profiles import all_profiles

    profiles = all_profiles()
    entries: dict[str, tuple[str, str]] = {}
    default = profiles.get(settings.VLLM_PROFILE)
    if default is not None:
        entries[LLM_PREFIX] = (
            f"LLM ({settings.VLLM_MODEL if not default.model else default.model_name})",
            default.description,
        )
    swarm_default = profiles.get(getattr(settings, "VLLM_SWARM_PROFILE", ""))
    if swarm_default is not None and swarm_default.swarm:
        entries[SWARM_PREFIX] = (swarm_default.label, swarm_default.description)
    for key, profile in profiles.items():
        prefix = SWARM_PREFIX if profile.swarm else LLM_PREFIX
        entries[f"{prefix}:{key}"] = (profile.label, profile.description)
    return entries


def available_policies() -> list[PolicyInfo]:
    infos = [
        PolicyInfo(key=k, label=label, description=desc)
        for k, (_, label, desc) in _entries().items()
    ]
    llm = _llm_entries()
    if llm:
        up, reason = model_servers_status()
        infos += [
            PolicyInfo(
                key=k,
                label=label,
                description=desc if up else f"{desc} Not available: {reason}".strip(),
                available=up,
            )
            for k, (label, desc) in llm.items()
        ]
    return infos


def get_policy(key: str) -> Policy:
    entries = _entries()
    if key in entries:
        return import_string(entries[key][0])()
    if key == LLM_PREFIX or key.startswith(LLM_PREFIX + ":"):
        # Resolved even when the endpoints have gone from settings: the policy then fails the
        # turn with a clear, retryable message instead of the session crashing on a KeyError.
        from inference.policies.llm import LLMPolicy

        return LLMPolicy(profile=key.partition(":")[2] or None)
    if key == SWARM_PREFIX or key.startswith(SWARM_PREFIX + ":"):
        from inference.policies.swarm import SwarmPolicy

        return SwarmPolicy(profile=key.partition(":")[2] or None)
    raise KeyError(key)
