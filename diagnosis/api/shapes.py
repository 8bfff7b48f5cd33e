"""What the API reads and answers: request bodies (validated: lengths, no NUL) and the JSON
shapes of cases, sessions, turns, events and metrics, built from the models the selectors give.

Stored JSON (a decision, observations, metrics) is passed through as it is stored, typed `Any`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict, StringConstraints

from diagnosis.models import Case, DiagnosticSession, SessionEvent, Turn

MAX_ID = 2**31 - 1


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("holds a NUL character (\\x00), which cannot be stored")
    return value


NO_NUL = AfterValidator(_no_nul)  # PostgreSQL cannot store one; a 422 that names the field
Text100 = Annotated[str, StringConstraints(max_length=100), NO_NUL]
Text300 = Annotated[str, StringConstraints(max_length=300), NO_NUL]
Text5000 = Annotated[str, StringConstraints(max_length=5000), NO_NUL]
Text20000 = Annotated[str, StringConstraints(max_length=20000), NO_NUL]
OrderName = Annotated[str, StringConstraints(min_length=1, max_length=200), NO_NUL]


class In(Schema):
    model_config = ConfigDict(extra="forbid")


# --- errors ------------------------------------------------------------------------------------


class ErrorDetail(Schema):
    code: str = Field(examples=["not_found"])
    message: str = Field(examples=["No such session."])
    fields: dict[str, str] = Field(default_factory=dict, examples=[{"body.mode": "is required"}])


class ErrorOut(Schema):
    error: ErrorDetail


ERRORS: dict[int, type[Schema]] = {
    code: ErrorOut for code in (400, 401, 403, 404, 405, 409, 413, 422, 429)
}


# --- cases -------------------------------------------------------------------------------------


class CaseSummaryOut(Schema):
    id: int
    title: str
    demographics: str
    source_dataset: str
    version: int
    status: str


class MenuItemOut(Schema):
    category: str
    name: str
    aliases: Any
    result: str
    cost: str | None


class CaseHiddenOut(Schema):
    """Hidden from the policy: only curators and reviewers see it (as on the case page)."""

    gold_diagnosis: str
    gold_aliases: Any
    gold_codes: Any
    reference_differential: Any
    menu: list[MenuItemOut]


class CaseOut(CaseSummaryOut):
    initial_presentation: str
    history: Any
    source_url: str
    licence: str
    hidden: CaseHiddenOut | None = Field(
        description="Gold diagnosis and test menu; null unless you are a curator or reviewer."
    )


class CaseListOut(Schema):
    count: int
    items: list[CaseSummaryOut]


def case_summary(case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "title": case.title,
        "demographics": case.demographics,
        "source_dataset": case.source_dataset,
        "version": case.version,
        "status": case.status,
    }


def case_out(case: Case, *, show_hidden: bool) -> dict[str, Any]:
    hidden = None
    if show_hidden:
        hidden = {
            "gold_diagnosis": case.gold_diagnosis,
            "gold_aliases": case.gold_aliases,
            "gold_codes": case.gold_codes,
            "reference_differential": case.reference_differential,
            "menu": [
                {
                    "category": item.category,
                    "name": item.name,
                    "aliases": item.aliases,
                    "result": item.result,
                    "cost": None if item.cost is None else str(item.cost),
                }
                for item in case.menu_items.all()
            ],
        }
    return {
        **case_summary(case),
        "initial_presentation": case.initial_presentation,
        "history": case.history,
        "source_url": case.source_url,
        "licence": case.licence,
        "hidden": hidden,
    }


# --- sessions ----------------------------------------------------------------------------------


class SessionStartIn(In):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"mode": "simulated", "case_id": 1, "policy": "kg"},
                {"mode": "live", "presentation": "Tired for three months, pale.", "title": "bed 4"},
            ]
        },
    )
    mode: Literal["simulated", "live"] = "simulated"
    policy: Text100 | None = Field(None, description="A key from GET /policies; default: kg.")
    case_id: int | None = Field(None, ge=1, le=MAX_ID, description="Needed for simulated.")
    title: Text300 = Field("", description="Live: a label for your own reference. No names.")
    presentation: Text20000 = Field("", description="Live: what you know now.")
    demographics: Text300 = ""
    max_turns: int | None = Field(None, ge=1, le=50)
    step_mode: bool = Field(False, description="Pause after each turn.")


class ResultIn(In):
    order: OrderName
    result: Text5000 = ""
    not_done: bool = False


class LiveResultsIn(In):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "turn": 0,
                    "results": [
                        {"order": "Complete blood count", "result": "Hb 92 g/L, MCV 71 fL"},
                        {"order": "Ferritin", "not_done": True},
                    ],
                }
            ]
        },
    )
    turn: int | None = Field(
        None, ge=0, le=1000, description="The turn whose orders you answer (refused if stale)."
    )
    results: list[ResultIn] = Field(default_factory=list, max_length=100)
    request_final: bool = Field(False, description="Ask the policy for its final diagnosis.")

    def as_rows(self) -> list[dict[str, str]]:
        """The rows live_mode.live_results_submit takes."""
        rows = []
        for row in self.results:
            item = {"order": row.order, "result": row.result}
            if row.not_done:
                item["not_done"] = "1"
            rows.append(item)
        return rows


class SessionOut(Schema):
    id: str
    title: str
    mode: str
    policy: str
    status: str
    case_id: int | None
    case_version: int | None
    owner: str
    is_owner: bool
    max_turns: int
    step_mode: bool
    final_diagnosis: str
    total_cost: str
    last_seq: int
    error: str
    created_at: dt.datetime
    updated_at: dt.datetime
    finished_at: dt.datetime | None


class SessionListOut(Schema):
    count: int
    items: list[SessionOut]


def session_out(session: DiagnosticSession, *, user: Any) -> dict[str, Any]:
    return {
        "id": str(session.public_id),
        "title": session.title,
        "mode": session.mode,
        "policy": session.policy,
        "status": session.status,
        "case_id": session.case_id,
        "case_version": session.case_version,
        "owner": session.owner.get_username(),
        "is_owner": session.owner_id == user.pk,
        "max_turns": session.max_turns,
        "step_mode": session.step_mode,
        "final_diagnosis": session.final_diagnosis,
        "total_cost": str(session.total_cost),
        "last_seq": session.last_seq,
        "error": session.error,
        "created_at": session.created_at,
        "updated_at": session.updated_at,
        "finished_at": session.finished_at,
    }


class TurnOut(Schema):
    index: int
    status: str
    attempts: int
    decision: Any = Field(description="The TurnDecision (docs/turn_decision.schema.json).")
    observations: Any
    accepted_orders: Any
    error: str
    retryable: bool
    cost: str
    metrics: Any
    model_name: str
    parameters: Any
    prompt_tokens: int
    completion_tokens: int
    ttft_ms: float | None
    latency_ms: float | None
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None


class TurnsOut(Schema):
    session: str
    status: str
    turns: list[TurnOut]


def turn_out(turn: Turn) -> dict[str, Any]:
    return {
        "index": turn.index,
        "status": turn.status,
        "attempts": turn.attempts,
        "decision": turn.decision,
        "observations": turn.observations,
        "accepted_orders": turn.accepted_orders,
        "error": turn.error,
        "retryable": turn.retryable,
        "cost": str(turn.cost),
        "metrics": turn.metrics,
        "model_name": turn.model_name,
        "parameters": turn.parameters,
        "prompt_tokens": turn.prompt_tokens,
        "completion_tokens": turn.completion_tokens,
        "ttft_ms": turn.ttft_ms,
        "latency_ms": turn.latency_ms,
        "created_at": turn.created_at,
        "started_at": turn.started_at,
        "finished_at": turn.finished_at,
    }


class EventOut(Schema):
    seq: int
    kind: str
    payload: Any
    created: str
    hash: str
    prev_hash: str


class EventsOut(Schema):
    session: str
    status: str
    last_seq: int = Field(description="The session's newest seq: read again with after=it.")
    events: list[EventOut]
    more: bool = Field(description="True when more events follow the last one returned.")


def event_out(event: SessionEvent) -> dict[str, Any]:
    return {**event.as_wire(), "hash": event.hash, "prev_hash": event.prev_hash}


class TurnMetricsOut(Schema):
    turn: int
    status: str
    cost: str
    metrics: Any


class MetricsOut(Schema):
    session: str
    status: str
    total_cost: str
    metrics: Any = Field(description="Session metrics (docs/metrics.md); {} until it ends.")
    turns: list[TurnMetricsOut]


# --- the caller --------------------------------------------------------------------------------


class MeOut(Schema):
    username: str
    email: str
    roles: list[str]
    can_start_sessions: bool
    sees_hidden_case_content: bool
    auth: Literal["token", "session"]


class PolicyOut(Schema):
    key: str
    label: str
    description: str
    available: bool
