"""TurnDecision: the one language shared by every policy, the UI, exports and distillation.

Also the policy protocol that inference/ implements. diagnosis/ never imports inference/; it
resolves policies through the registry named in settings.MEDACTION_POLICY_REGISTRY.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Literal, Protocol, get_args, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from diagnosis.swarm.report import SwarmReport


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

    @property
    def percent(self) -> int:
        return round(self.probability * 100)


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


# A decision still being written ------------------------------------------------------------------
# Streamed partial decisions arrive half-written (a hypothesis with no name or no probability yet,
# an action whose type is not written). PartialTurnDecision.read is the one lenient reader of
# them: it never raises, keeps what is usable, truncates to TurnDecision's limits, and clamps
# numbers to 0..1. A completed decision is validated with TurnDecision itself, never with this.


def _unit(value: Any) -> float | None:
    """A probability or confidence: clamped to 0..1; None when missing, not a number, or NaN."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if math.isnan(number):
        return None
    return min(max(number, 0.0), 1.0)


def _text(value: Any, limit: int) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _texts(value: Any, limit: int = 300) -> list[str]:
    return [v[:limit] for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


class PartialHypothesis(BaseModel):
    """A hypothesis of a decision still being written: named, its probability maybe not yet."""

    diagnosis: str
    probability: float | None = None
    evidence_for: list[str] = Field(default_factory=list)
    evidence_against: list[str] = Field(default_factory=list)

    @property
    def percent(self) -> int:
        return round((self.probability or 0.0) * 100)


class PartialAction(BaseModel):
    """The action as written so far: `type` is "" until written; the other parts may be empty."""

    type: str = ""  # order_tests | final_diagnosis | "" (not yet written)
    tests: list[TestOrder] = Field(default_factory=list)
    diagnosis: str = ""
    confidence: float | None = None


def read_test_orders(raw: Any) -> list[TestOrder]:
    """Orders as written so far (a partial action, or live mode's proposed orders): those with a
    name; the rest is still being written or is not an order."""
    return [
        TestOrder(test=_text(item.get("test"), 200), rationale=_text(item.get("rationale"), 1000))
        for item in _dicts(raw)
        if _text(item.get("test"), 200).strip()
    ]


class PartialTurnDecision(BaseModel):
    """A TurnDecision still being written: the same parts, each possibly missing or incomplete."""

    reasoning: str = ""
    differential: list[PartialHypothesis] = Field(default_factory=list)
    action: PartialAction = Field(default_factory=PartialAction)

    @classmethod
    def read(cls, data: Any) -> PartialTurnDecision:
        """Read a half-written decision (any JSON value); never raises."""
        data = data if isinstance(data, dict) else {}
        action = data.get("action") if isinstance(data.get("action"), dict) else {}
        return cls(
            reasoning=_text(data.get("reasoning"), 8000),
            differential=[
                PartialHypothesis(
                    diagnosis=_text(item.get("diagnosis"), 200),
                    probability=_unit(item.get("probability")),
                    evidence_for=_texts(item.get("evidence_for")),
                    evidence_against=_texts(item.get("evidence_against")),
                )
                for item in _dicts(data.get("differential"))
                # a hypothesis still being written has no name yet
                if _text(item.get("diagnosis"), 200).strip()
            ],
            action=PartialAction(
                type=_text(action.get("type"), 30),
                tests=read_test_orders(action.get("tests")),
                diagnosis=_text(action.get("diagnosis"), 200),
                confidence=_unit(action.get("confidence")),
            ),
        )

    @property
    def is_final(self) -> bool:
        return self.action.type == "final_diagnosis"

    def ranked(self) -> list[PartialHypothesis]:
        """Highest probability first; those without a number yet go last, in written order."""
        return sorted(
            self.differential,
            key=lambda h: -(h.probability if h.probability is not None else -1.0),
        )


def turn_decision_json_schema() -> dict[str, Any]:
    """The schema used for constrained decoding and written to docs/turn_decision.schema.json."""
    return TurnDecision.model_json_schema()


ObservationStatus = Literal["answered", "unavailable", "pending"]
ObservationSource = Literal["oracle", "clinician"]


def _optional_text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _optional_number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


@dataclass(frozen=True)
class Observation:
    """What the environment (or the clinician, in live mode) answered to one order."""

    order: str
    status: ObservationStatus
    item: str | None = None
    category: str | None = None
    result: str | None = None
    score: float | None = None
    cost: float = 0.0
    source: ObservationSource = "oracle"

    @property
    def unavailable(self) -> bool:
        """No result to show: not in the record, not done, or not answered yet."""
        return self.status != "answered"

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
        """The inverse of as_dict, strict about types: a value of the wrong type reads as missing
        (a text as None, a cost as 0.0, an unknown status as unavailable, a source as oracle)."""
        status: ObservationStatus = "unavailable"
        if data.get("status") in get_args(ObservationStatus):
            status = data["status"]
        source: ObservationSource = "oracle"
        if data.get("source") in get_args(ObservationSource):
            source = data["source"]
        cost = _optional_number(data.get("cost"))
        return cls(
            order=_optional_text(data.get("order")) or "",
            status=status,
            item=_optional_text(data.get("item")),
            category=_optional_text(data.get("category")),
            result=_optional_text(data.get("result")),
            score=_optional_number(data.get("score")),
            cost=cost if cost is not None and math.isfinite(cost) else 0.0,
            source=source,
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
    """How a decision was produced: recorded on the turn (model, parameters, tokens, timings).

    `swarm`: for a swarm policy, every sub-agent call and the turn's critical path (recorded by
    diagnosis.swarm beside the turn)."""

    model: str = ""
    endpoint: str = ""
    parameters: dict[str, Any] = field(default_factory=dict)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    ttft_ms: float | None = None
    total_ms: float | None = None
    raw_output: str = ""
    swarm: SwarmReport | None = None


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
