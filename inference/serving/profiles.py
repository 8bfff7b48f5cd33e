"""Model profiles: how one model family is prompted and how its answer is read, as configuration.

A profile is a TOML file (inference/serving/model_profiles/*.toml, plus any directory named in
VLLM_PROFILE_DIRS): sampling parameters, prompt templates ($placeholders, string.Template), the
output format ("json" under the TurnDecision schema, or "tagged" free text with sections read by
configured patterns) and optional schema limits that narrow the TurnDecision schema for small
models. A new fine-tuned model is a new file, not new code. See docs/model-serving.md.
"""

from __future__ import annotations

import copy
import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from string import Template
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from diagnosis.protocol import PolicyContext, turn_decision_json_schema

BUILTIN_DIR = Path(__file__).resolve().parent / "model_profiles"
PLACEHOLDERS = (
    "presentation",
    "demographics",
    "history",
    "trajectory",
    "trajectory_json",
    "turn",
    "max_turns",
    "instruction",
    "schema",
    "tests_ordered",
)


@dataclass(frozen=True)
class SchemaLimits:
    """Narrow the schema (every answer it allows is still a valid TurnDecision)."""

    string_max_length: int | None = None
    reasoning_max_length: int | None = None
    list_max_items: int | None = None
    require_all: bool = False  # reasoning and a non-empty differential become required
    orders_before_last_turn: bool = False  # only order_tests until the last allowed turn


@dataclass(frozen=True)
class TaggedFormat:
    reasoning: str = "reasoning"
    differential: str = "differential"
    orders: str = "orders"
    final: str = "final"
    hypothesis_pattern: str = (
        r"^\s*[-*]?\s*(?P<diagnosis>[^|\n]+?)\s*\|\s*(?P<probability>[0-9]*\.?[0-9]+)\s*$"
    )
    order_pattern: str = r"^\s*[-*]?\s*(?P<test>[^|\n]+?)\s*(?:\|\s*(?P<rationale>.*?))?\s*$"
    final_pattern: str = r"^\s*(?P<diagnosis>[^|\n]+?)\s*\|\s*(?P<confidence>[0-9]*\.?[0-9]+)\s*$"


@dataclass(frozen=True)
class Profile:
    key: str
    label: str
    system: str
    user: str
    description: str = ""
    model: str = ""
    # A LoRA adapter served by the same vLLM as its base model (`--enable-lora --lora-modules
    # NAME=PATH`): requests name the adapter, which vLLM lists in /v1/models beside the base.
    adapter: str = ""
    output: Literal["json", "tagged"] = "json"
    constraint: Literal["response_format", "structured_outputs", "none"] = "response_format"
    max_tokens: int = 1024
    temperature: float = 0.2
    top_p: float = 1.0
    stop: tuple[str, ...] = ()
    seed: int | None = None
    repair: str = (
        "Your last answer could not be used ($error). Reply again with only the corrected answer "
        "in the required format."
    )
    order_instruction: str = (
        "Order the tests that best separate your leading hypotheses, "
        "or give a final diagnosis if you are sure."
    )
    final_instruction: str = (
        "This is the last turn: give your final diagnosis now (action type final_diagnosis)."
    )
    limits: SchemaLimits = field(default_factory=SchemaLimits)
    tagged: TaggedFormat = field(default_factory=TaggedFormat)
    # A swarm profile's panel (its roles, plan and limits), read by inference.policies.swarm.
    swarm: dict[str, Any] = field(default_factory=dict)

    @property
    def model_name(self) -> str:
        """What requests name: the adapter if the profile has one, else the (base) model."""
        return self.adapter or self.model or settings.VLLM_MODEL

    # --- prompt ---------------------------------------------------------------------------------

    def messages(
        self, context: PolicyContext, schema: dict[str, Any] | None
    ) -> tuple[dict[str, str], ...]:
        values = prompt_values(context, self, schema)
        system = Template(self.system).safe_substitute(values).strip()
        user = Template(self.user).safe_substitute(values).strip()
        return ({"role": "system", "content": system}, {"role": "user", "content": user})

    def repair_message(self, error: str) -> dict[str, str]:
        return {"role": "user", "content": Template(self.repair).safe_substitute(error=error[:500])}

    # --- schema ---------------------------------------------------------------------------------

    def schema(self, *, must_finalise: bool) -> dict[str, Any] | None:
        if self.output != "json" or self.constraint == "none":
            return None
        return decision_schema(self.limits, must_finalise=must_finalise)


@lru_cache(maxsize=64)
def decision_schema(limits: SchemaLimits, *, must_finalise: bool) -> dict[str, Any]:
    """Built once per (limits, last turn); callers must not modify the returned schema."""
    schema = copy.deepcopy(turn_decision_json_schema())
    defs = schema["$defs"]

    def narrow(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "string" and limits.string_max_length and "const" not in node:
                node["maxLength"] = min(
                    node.get("maxLength", limits.string_max_length), limits.string_max_length
                )
            if node.get("type") == "array" and limits.list_max_items:
                node["maxItems"] = min(
                    node.get("maxItems", limits.list_max_items), limits.list_max_items
                )
            for value in node.values():
                narrow(value)
        elif isinstance(node, list):
            for value in node:
                narrow(value)

    narrow(schema)
    if limits.reasoning_max_length:
        schema["properties"]["reasoning"]["maxLength"] = limits.reasoning_max_length
    if limits.require_all:
        schema["required"] = ["reasoning", "differential", "action"]
        schema["properties"]["differential"]["minItems"] = 1
        for hyp_field in ("evidence_for", "evidence_against"):
            defs["Hypothesis"]["properties"].pop(
                hyp_field, None
            )  # optional lists the small model loops on
    if must_finalise:
        schema["properties"]["action"] = {"$ref": "#/$defs/FinalDiagnosisAction"}
        defs.pop("OrderTestsAction", None)
        defs.pop("TestOrder", None)
    elif limits.orders_before_last_turn:
        schema["properties"]["action"] = {"$ref": "#/$defs/OrderTestsAction"}
        defs.pop("FinalDiagnosisAction", None)
    return schema


def prompt_values(
    context: PolicyContext, profile: Profile, schema: dict[str, Any] | None
) -> dict[str, str]:
    history = "\n".join(
        f"- {h.get('question', '')}: {h.get('answer', '')}" for h in context.history
    )
    lines: list[str] = []
    past: list[dict[str, Any]] = []
    for turn in context.past_turns:
        top = ", ".join(f"{h.diagnosis} ({h.probability:.2f})" for h in turn.decision.ranked()[:5])
        lines.append(f"Turn {turn.index + 1}: leading hypotheses: {top or 'none'}.")
        for obs in turn.observations:
            answer = obs.result if obs.status == "answered" else "not available"
            lines.append(f"  {obs.order}: {answer}")
        past.append(
            {
                "turn": turn.index + 1,
                "differential": [
                    h.model_dump(include={"diagnosis", "probability"})
                    for h in turn.decision.differential
                ],
                "results": [
                    {"test": o.order, "result": o.result if o.status == "answered" else None}
                    for o in turn.observations
                ],
            }
        )
    return {
        "presentation": context.presentation,
        "demographics": context.demographics,
        "history": history or "(none)",
        "trajectory": "\n".join(lines) or "(no tests ordered yet)",
        "trajectory_json": json.dumps(past, ensure_ascii=False),
        "turn": str(context.turn_index + 1),
        "max_turns": str(context.max_turns),
        "instruction": profile.final_instruction
        if context.must_finalise
        else profile.order_instruction,
        "schema": json.dumps(schema, separators=(",", ":")) if schema else "",
        "tests_ordered": ", ".join(context.ordered_tests()) or "(none)",
    }


# --- loading --------------------------------------------------------------------------------------


def _profile_from(key: str, data: dict[str, Any], source: Path) -> Profile:
    def fail(message: str) -> ImproperlyConfigured:
        return ImproperlyConfigured(f"model profile {source}: {message}")

    prompt = data.pop("prompt", None)
    if not isinstance(prompt, dict) or not prompt.get("system") or not prompt.get("user"):
        raise fail("needs a [prompt] table with system and user templates")
    limits = data.pop("schema_limits", {})
    tagged = data.pop("tagged", {})
    swarm = data.pop("swarm", {})
    if not isinstance(swarm, dict):
        raise fail("swarm must be a table")
    try:
        profile = Profile(
            key=key,
            system=prompt.pop("system"),
            user=prompt.pop("user"),
            limits=SchemaLimits(**limits),
            tagged=TaggedFormat(**tagged),
            stop=tuple(data.pop("stop", ())),
            swarm=swarm,
            **prompt,
            **data,
        )
    except TypeError as exc:
        raise fail(f"unknown setting ({exc})") from None
    if profile.output not in ("json", "tagged"):
        raise fail(f"output must be json or tagged, got {profile.output!r}")
    if profile.constraint not in ("response_format", "structured_outputs", "none"):
        raise fail(
            "constraint must be response_format, structured_outputs or none, "
            f"got {profile.constraint!r}"
        )
    if profile.adapter and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,199}", profile.adapter):
        raise fail(f"adapter must be a served model name, got {profile.adapter!r}")
    if not 16 <= profile.max_tokens <= 32768:
        raise fail("max_tokens must be between 16 and 32768")
    for name in ("hypothesis_pattern", "order_pattern", "final_pattern"):
        try:
            re.compile(getattr(profile.tagged, name), re.MULTILINE)
        except re.error as exc:
            raise fail(f"tagged.{name} is not a valid regular expression: {exc}") from None
    unknown = set(re.findall(r"\$\{?([a-z_]+)", profile.system + profile.user)) - set(PLACEHOLDERS)
    if unknown:
        raise fail(f"unknown placeholders {sorted(unknown)}; known: {', '.join(PLACEHOLDERS)}")
    return profile


def _profile_dirs() -> list[Path]:
    extra = [Path(p) for p in getattr(settings, "VLLM_PROFILE_DIRS", [])]
    return [BUILTIN_DIR, *extra]


@lru_cache(maxsize=8)
def _load(dirs: tuple[Path, ...]) -> dict[str, Profile]:
    profiles: dict[str, Profile] = {}
    for directory in dirs:
        if not directory.is_dir():
            raise ImproperlyConfigured(f"VLLM_PROFILE_DIRS: {directory} is not a directory")
        for path in sorted(directory.glob("*.toml")):
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                raise ImproperlyConfigured(f"model profile {path}: {exc}") from None
            profiles[path.stem] = _profile_from(path.stem, data, path)  # later directories override
    return profiles


def all_profiles() -> dict[str, Profile]:
    return _load(tuple(_profile_dirs()))


def get_profile(key: str) -> Profile:
    profiles = all_profiles()
    if key not in profiles:
        raise KeyError(f"unknown model profile {key!r}; known: {', '.join(sorted(profiles))}")
    return profiles[key]
