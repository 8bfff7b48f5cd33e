"""The panel of a swarm, as configuration: the `[swarm]` table of a model profile (TOML).

[swarm]
plan = "deterministic"     # or "orchestrator": one model call decides the leading diagnoses
leading = 3                # hypothesis advocates: one per leading diagnosis
max_tests = 3
stop_threshold = 0.85
timeout_s = 30             # a sub-agent still running after this is dropped (recorded)
max_parallel = 0           # 0: every sub-agent of a stage at once; 1: one after another
cant_miss = ["Pulmonary embolism", ...]

[swarm.roles.advocate]     # and test_chooser, challenger, steward, planner
system = "..."             # prompt templates: the profile's placeholders plus $hypothesis,
user = "..."               # $hypotheses and $candidate_tests
max_tokens = 200
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ROLES = ("planner", "advocate", "test_chooser", "challenger", "steward")
PANEL_ROLES = ROLES[1:]


@dataclass(frozen=True)
class RoleConfig:
    role: str
    enabled: bool = True
    system: str = ""
    user: str = ""
    max_tokens: int = 256
    timeout_s: float | None = None


@dataclass(frozen=True)
class SwarmConfig:
    plan: Literal["deterministic", "orchestrator"] = "deterministic"
    leading: int = 3
    max_tests: int = 3
    stop_threshold: float = 0.85
    timeout_s: float = 30.0
    max_parallel: int = 0
    cant_miss: tuple[str, ...] = ()
    roles: dict[str, RoleConfig] = field(default_factory=dict)

    def role(self, name: str) -> RoleConfig:
        return self.roles.get(name) or RoleConfig(role=name)

    def enabled(self, name: str) -> bool:
        return self.role(name).enabled

    def timeout_for(self, name: str) -> float:
        return self.role(name).timeout_s or self.timeout_s

    def parallelism(self) -> int:
        """MEDACTION_SWARM_MAX_PARALLEL overrides the profile (bench_swarm's sequential run)."""
        override = getattr(settings, "MEDACTION_SWARM_MAX_PARALLEL", None)
        return int(override) if override is not None else self.max_parallel


def swarm_config(data: dict[str, Any], *, source: str) -> SwarmConfig:
    """Read a `[swarm]` table; a bad value fails loudly, naming the profile."""

    def fail(message: str) -> ImproperlyConfigured:
        return ImproperlyConfigured(f"swarm profile {source}: {message}")

    data = dict(data)
    raw_roles = data.pop("roles", {})
    if not isinstance(raw_roles, dict):
        raise fail("swarm.roles must be a table of roles")
    unknown = set(raw_roles) - set(ROLES)
    if unknown:
        raise fail(f"unknown roles {sorted(unknown)}; known: {', '.join(ROLES)}")
    roles: dict[str, RoleConfig] = {}
    for name, values in raw_roles.items():
        try:
            roles[name] = RoleConfig(role=name, **values)
        except TypeError as exc:
            raise fail(f"role {name}: unknown setting ({exc})") from None
    try:
        config = SwarmConfig(roles=roles, cant_miss=tuple(data.pop("cant_miss", ())), **data)
    except TypeError as exc:
        raise fail(f"unknown setting ({exc})") from None
    if config.plan not in ("deterministic", "orchestrator"):
        raise fail(f"plan must be deterministic or orchestrator, got {config.plan!r}")
    if not 1 <= config.leading <= 6:
        raise fail("leading must be between 1 and 6")
    if not 1 <= config.max_tests <= 10:
        raise fail("max_tests must be between 1 and 10")
    if config.timeout_s <= 0:
        raise fail("timeout_s must be positive")
    if config.plan == "orchestrator" and not config.enabled("planner"):
        raise fail("plan = orchestrator needs the planner role")
    return config
