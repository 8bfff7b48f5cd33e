"""TurnDecision: the one language shared by every policy, the UI, exports and distillation.

Also the policy protocol that inference/ implements. diagnosis/ never imports inference/; it
resolves policies through the registry named in settings.MEDACTION_POLICY_REGISTRY.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field


class Hypothesis(BaseModel):
    model_config = ConfigDict(extra="forbid")

    diagnosis: str = Field(min_length=1, max_length=200)
    probability: float = Field(ge=0.0, le=1.0)
    evidence_for: list[Annotated[str, Field(max_length=300)]] = Field(
        default_factory=list, max_length=12
    )
    evidence_against: list[Annotated[str, Field(max_length=300)]] = Field(
        default_factory=list, max_length=12
    )


class TestOrder(BaseModel):
    model_config = ConfigDict(extra="forbid")
    __test__ = False  # not a pytest class

    test: str = Field(min_length=1, max_length=200)
    rationale: str = Field(default="", max_length=1000)


class OrderTestsAction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: Literal["order_tests"]
    tests: list[TestOrder] = Field(min_length=1, max_length=10)


class FinalDiagnosisAction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: Literal["final_diagnosis"]
    diagnosis: str = Field(min_length=1, max_length=200)
    confidence: float = Field(ge=0.0, le=1.0)


Action = Annotated[OrderTestsAction | FinalDiagnosisAction, Field(discriminator="type")]


class TurnDecision(BaseModel):
    """What a policy decides in one turn: reasoning, a ranked differential, and one action."""

    model_config = ConfigDict(extra="forbid")

    reasoning: str = Field(default="", max_length=8000)
    differential: list[Hypothesis] = Field(default_factory=list, max_length=15)
    action: Action

    @property
    def is_final(self) -> bool:
        return isinstance(self.action, FinalDiagnosisAction)

    def ranked(self) -> list[Hypothesis]:
        return sorted(self.differential, key=lambda h: h.probability, reverse=True)


def turn_decision_json_schema() -> dict[str, Any]:
    """The schema used for constrained decoding and written to docs/turn_decision.schema.json."""
    return TurnDecision.model_json_schema()


@dataclass(frozen=True)
class Observation:
    """What the environment (or the clinician, in live mode) answered to one order."""

    order: str
    status: Literal["answered", "unavailable", "pending"]
    item: str | None = None
    category: str | None = None
    result: str | None = None
    score: float | None = None
    cost: float = 0.0
    source: Literal["oracle", "clinician"] = "oracle"

    def as_dict(self) -> dict[str, Any]:
        return {
            "order": self.order,
            "status": self.status,
            "item": self.item,
            "category": self.category,
            "result": self.result,
            "score": self.score,
            "cost": self.cost,
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Observation:
        fields: dict[str, Any] = {
            k: data.get(k) for k in ("order", "status", "item", "category", "result", "score")
        }
        return cls(
            **fields, cost=float(data.get("cost") or 0.0), source=data.get("source") or "oracle"
        )


@dataclass(frozen=True)
class PastTurn:
    index: int
    decision: TurnDecision
    observations: tuple[Observation, ...] = ()


@dataclass(frozen=True)
class PolicyContext:
    """Everything a policy may see: never the hidden test menu or the gold diagnosis."""

    session_id: str  # public UUID, for logging only
    turn_index: int
    mode: Literal["simulated", "live"]
    presentation: str
    demographics: str = ""
    history: tuple[dict[str, str], ...] = ()  # answerable history items revealed at turn 0
    past_turns: tuple[PastTurn, ...] = ()
    max_turns: int = 8
    must_finalise: bool = False  # last allowed turn, or the clinician asked for the final diagnosis

    def ordered_tests(self) -> list[str]:
        return [o.order for t in self.past_turns for o in t.observations]

    def revealed(self) -> list[Observation]:
        return [o for t in self.past_turns for o in t.observations if o.status == "answered"]


@dataclass(frozen=True)
class CallInfo:
    """How a decision was produced: recorded on the turn (model, parameters, tokens, timings)."""

    model: str = ""
    endpoint: str = ""
    parameters: dict[str, Any] = field(default_factory=dict)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    ttft_ms: float | None = None
    total_ms: float | None = None
    raw_output: str = ""


@dataclass(frozen=True)
class PartialDecision:
    """A decision still being written: a dict shaped like TurnDecision with parts missing."""

    data: dict[str, Any]
    text: str = ""  # free text streamed so far, where the policy writes any


@dataclass(frozen=True)
class FinalDecision:
    decision: TurnDecision
    call: CallInfo = field(default_factory=CallInfo)


class PolicyError(Exception):
    """A policy could not produce a decision. `retryable` says whether trying again may help."""

    def __init__(
        self,
        message: str,
        *,
        retryable: bool = False,
        raw_output: str = "",
        call: CallInfo | None = None,
    ):
        super().__init__(message)
        self.retryable = retryable
        self.raw_output = raw_output
        self.call = call


PolicyUpdate = PartialDecision | FinalDecision


@runtime_checkable
class Policy(Protocol):
    key: str

    def run(self, context: PolicyContext) -> Iterator[PolicyUpdate]:
        """Yield PartialDecision any number of times, then exactly one FinalDecision.

        Raise PolicyError when no decision can be made.
        """
        ...


@dataclass(frozen=True)
class PolicyInfo:
    key: str
    label: str
    description: str = ""
    available: bool = True


class PolicyRegistry(Protocol):
    def available_policies(self) -> list[PolicyInfo]: ...

    def get_policy(self, key: str) -> Policy: ...
