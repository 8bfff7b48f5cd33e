"""Typed readings of the metrics dicts that compute_turn_metrics / compute_session_metrics return.

The dicts stay what is stored on turns and sessions (and sent in events); these models are how a
reader sees them. Reading is lenient, one field at a time: every field is optional (a missing key
stays missing, see `model_fields_set`), a value of the wrong type reads as None (or empty) rather
than failing the whole reading, and keys not typed here are kept as extras. Types are strict (a
bool is not a number, "0.5" is not a rate), so a number is shown only where one was computed.
"""

from __future__ import annotations

from typing import Annotated, Any, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    field_validator,
)

__all__ = [
    "Incoherence",
    "InformativeCounts",
    "Judgement",
    "OrderCounts",
    "SessionMetrics",
    "TurnDetails",
    "TurnFlags",
    "TurnMetrics",
    "UpdateCounts",
]


def _only_mappings(value: Any) -> Any:
    """In a list of records, skip the items that are not records (the rest are still read)."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else value


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)

    @field_validator("*", mode="wrap")
    @classmethod
    def _missing_when_malformed(
        cls, value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo
    ) -> Any:
        try:
            return handler(value)
        except ValidationError:
            assert info.field_name is not None
            return cls.model_fields[info.field_name].get_default(call_default_factory=True)

    @classmethod
    def read(cls, data: Any) -> Self:
        """Read a stored metrics dict (anything that is not a dict reads as an empty model)."""
        return cls.model_validate(data if isinstance(data, dict) else {})


class Judgement(_Lenient):
    """One order or probability update as the KG judged it (metrics.judge.Judgement.as_dict)."""

    subject: str | None = None
    # grounded | ungrounded | supported | unsupported | informative | uninformative | unknown
    status: str | None = None
    because: str | None = None


Judgements = Annotated[list[Judgement], BeforeValidator(_only_mappings)]


class Incoherence(_Lenient):
    kind: str | None = None  # repeated_test | contradicts_finding | dropped_leader
    detail: str | None = None


class OrderCounts(_Lenient):
    grounded: int | None = None
    ungrounded: int | None = None
    unknown: int | None = None


class UpdateCounts(_Lenient):
    supported: int | None = None
    unsupported: int | None = None
    unknown: int | None = None


class InformativeCounts(_Lenient):
    """Answered orders whose results moved the KG posterior (metrics.judge.judge_informative)."""

    informative: int | None = None
    uninformative: int | None = None
    unknown: int | None = None


class TurnFlags(_Lenient):
    ungrounded_order: bool | None = None
    unsupported_update: bool | None = None
    incoherent: bool | None = None


class TurnDetails(_Lenient):
    orders: Judgements = []
    updates: Judgements = []
    informative: Judgements = []


class TurnMetrics(_Lenient):
    """compute_turn_metrics: the latest turn, with running numbers over turns 0..T."""

    cost: float | None = None
    cost_total: float | None = None
    tests: int | None = None
    top1: bool | None = None
    top3: bool | None = None
    gold_rank: int | None = None
    gold_probability: float | None = None
    standing: float | None = None
    gold_in_kg: bool | None = None
    dtc: float | None = None
    rac: float | None = None
    rac_turn: float | None = None
    kg_coverage: float | None = None
    kg_coverage_turn: float | None = None
    orders: OrderCounts | None = None
    updates: UpdateCounts | None = None
    informative_orders: InformativeCounts | None = None
    informative_order_rate: float | None = None  # running, over turns 0..T
    informative_order_rate_turn: float | None = None
    incoherence: Annotated[list[Incoherence], BeforeValidator(_only_mappings)] = []
    flags: TurnFlags | None = None
    details: TurnDetails | None = None


class SessionMetrics(_Lenient):
    """compute_session_metrics: the whole session."""

    end_reason: str | None = None  # final_diagnosis | turn_budget (no final diagnosis)
    turns: int | None = None
    tests: int | None = None
    tests_answered: int | None = None
    cost: float | None = None
    rac: float | None = None
    grounded_order_rate: float | None = None
    supported_update_rate: float | None = None
    kg_coverage: float | None = None
    orders: OrderCounts | None = None
    updates: UpdateCounts | None = None
    informative_orders: InformativeCounts | None = None
    informative_order_rate: float | None = None
    incoherent_turns: int | None = None
    correct: bool | None = None
    top1: bool | None = None
    top3: bool | None = None
    gold_in_kg: bool | None = None
    gold_rank: int | None = None
    dtc: float | None = None
