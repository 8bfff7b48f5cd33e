"""The policy registry diagnosis/ resolves through settings.MEDACTION_POLICY_REGISTRY."""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from diagnosis.protocol import Policy, PolicyInfo

BUILTIN: dict[str, tuple[str, str, str]] = {
    # key: (dotted factory, label, description)
    "kg": ("inference.policies.kg.KGPolicy", "KG engine", "Bayesian engine over the medical knowledge graph (no GPU)."),
    "prior": ("inference.policies.kg.PriorPolicy", "Prior baseline", "Most probable disease by prior alone; orders no tests."),
}


def _entries() -> dict[str, tuple[str, str, str]]:
    entries = dict(BUILTIN)
    for key, path in getattr(settings, "MEDACTION_EXTRA_POLICIES", {}).items():
        entries[key] = (path, key, "")
    return entries


def available_policies() -> list[PolicyInfo]:
    return [PolicyInfo(key=k, label=label, description=desc) for k, (_, label, desc) in _entries().items()]


def get_policy(key: str) -> Policy:
    entries = _entries()
    if key not in entries:
        raise KeyError(key)
    return import_string(entries[key][0])()
