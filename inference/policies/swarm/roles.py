"""Each sub-agent's own small JSON schema (pydantic models) and what it is asked.

A sub-agent sees only what its role needs: an advocate its one hypothesis and the findings, the
test chooser the leading hypotheses and the tests already done, the challenger the leading
hypotheses, the steward the candidate tests with their prices.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

Short = Annotated[str, Field(max_length=160)]


class PlannedHypothesis(BaseModel):
    model_config = ConfigDict(extra="forbid")

    diagnosis: str = Field(min_length=1, max_length=120)
    probability: float = Field(ge=0.0, le=1.0)


class PlannerOutput(BaseModel):
    """The orchestrator's plan: the leading diagnoses the advocates will argue."""

    model_config = ConfigDict(extra="forbid")

    hypotheses: list[PlannedHypothesis] = Field(min_length=1, max_length=6)


class AdvocateOutput(BaseModel):
    """One hypothesis advocate: how well the evidence supports it, and the deciding test."""

    model_config = ConfigDict(extra="forbid")

    support: float = Field(ge=0.0, le=1.0)
    evidence_for: list[Short] = Field(default_factory=list, max_length=3)
    evidence_against: list[Short] = Field(default_factory=list, max_length=3)
    decisive_test: str = Field(default="", max_length=120)


class ChosenTest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    test: str = Field(min_length=1, max_length=120)
    cost: float = Field(default=0.0, ge=0.0)
    rationale: str = Field(default="", max_length=300)


class TestChooserOutput(BaseModel):
    """Up to three tests that best separate the leading hypotheses, with their cost."""

    __test__ = False
    model_config = ConfigDict(extra="forbid")

    tests: list[ChosenTest] = Field(default_factory=list, max_length=3)


class CantMiss(BaseModel):
    model_config = ConfigDict(extra="forbid")

    diagnosis: str = Field(min_length=1, max_length=120)
    why: str = Field(default="", max_length=200)


class ChallengerOutput(BaseModel):
    """Anchoring, can't-miss diagnoses, premature closure."""

    model_config = ConfigDict(extra="forbid")

    anchoring: bool = False
    premature_closure: bool = False
    cant_miss: list[CantMiss] = Field(default_factory=list, max_length=3)
    note: str = Field(default="", max_length=300)


class Veto(BaseModel):
    model_config = ConfigDict(extra="forbid")

    test: str = Field(min_length=1, max_length=120)
    reason: str = Field(default="", max_length=200)


class StewardOutput(BaseModel):
    """Cost and redundancy: the candidate tests it vetoes, each with a reason."""

    model_config = ConfigDict(extra="forbid")

    vetoes: list[Veto] = Field(default_factory=list, max_length=5)
    note: str = Field(default="", max_length=300)


OUTPUTS: dict[str, type[BaseModel]] = {
    "planner": PlannerOutput,
    "advocate": AdvocateOutput,
    "test_chooser": TestChooserOutput,
    "challenger": ChallengerOutput,
    "steward": StewardOutput,
}

# The schema name sent with each call ("Swarm" + role): the model server and logs tell them apart.
SCHEMA_NAMES = {role: "Swarm" + "".join(p.title() for p in role.split("_")) for role in OUTPUTS}


def role_schema(role: str) -> dict[str, Any]:
    return OUTPUTS[role].model_json_schema()


def role_validate(role: str, text: str) -> dict[str, Any]:
    """The sub-agent's answer validated against its schema (raises pydantic.ValidationError)."""
    return OUTPUTS[role].model_validate_json(text).model_dump(mode="json")


@dataclass(frozen=True)
class SubTask:
    """One sub-agent to run: its stage, role, lane label, and what it alone may see."""

    stage: int
    role: str
    label: str
    values: dict[str, str]  # prompt placeholders for its templates (LLM) or inputs (KG)
    hypothesis: str = ""

    @property
    def key(self) -> str:
        return f"{self.role}:{self.hypothesis}" if self.hypothesis else self.role
