"""The policy registry diagnosis/ resolves through settings.MEDACTION_POLICY_REGISTRY."""

from __future__ import annotations

from django.conf import settings
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
}

# LLM policies: "llm" uses the profile named by VLLM_PROFILE, "llm:<profile>" a given model profile
# (inference/serving/model_profiles/*.toml and VLLM_PROFILE_DIRS). Offered only when
# VLLM_ENDPOINTS is set.
LLM_PREFIX = "llm"


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
    for key, profile in profiles.items():
        entries[f"{LLM_PREFIX}:{key}"] = (profile.label, profile.description)
    return entries


def available_policies() -> list[PolicyInfo]:
    infos = [
        PolicyInfo(key=k, label=label, description=desc)
        for k, (_, label, desc) in _entries().items()
    ]
    infos += [
        PolicyInfo(key=k, label=label, description=desc)
        for k, (label, desc) in _llm_entries().items()
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
    raise KeyError(key)
