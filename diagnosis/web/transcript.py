"""A session's transcript as view state, folded from its events.

The full page folds every event; a WebSocket push folds just the batch and re-renders only the
parts that batch touched (each part depends only on the latest event of its kind, so both give the
same HTML for a part). Payloads are read defensively: partial decisions arrive half-written, and
metrics dicts grow as the knowledge-graph work lands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Parts of the page, in the order a batch must render them (a turn before its pieces).
TURN = "turn"
TURN_PARTS = ("status", "reasoning", "differential", "action", "results", "flags", "error", "live")
SESSION_PARTS = ("session-status", "session-controls", "final", "stats", "chart")


def _float(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if number != number:  # NaN
        return None
    return min(max(number, 0.0), 1.0)


def _text(value: Any, limit: int = 8000) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _texts(value: Any) -> list[str]:
    return [v[:300] for v in value if isinstance(v, str)] if isinstance(value, list) else []


@dataclass
class Hypothesis:
    diagnosis: str
    probability: float | None
    evidence_for: list[str] = field(default_factory=list)
    evidence_against: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round((self.probability or 0.0) * 100)


@dataclass
class Order:
    test: str
    rationale: str = ""


@dataclass
class Answer:
    order: str
    status: str  # answered | unavailable | pending
    item: str = ""
    category: str = ""
    result: str = ""
    cost: float = 0.0
    source: str = "oracle"

    @property
    def unavailable(self) -> bool:
        return self.status != "answered"


@dataclass
class TurnView:
    index: int
    status: str = "pending"  # pending | running | completed | failed | retrying
    attempt: int = 0
    stage: str = ""  # "" before anything streamed, "partial" while streaming, "final" once complete
    reasoning: str = ""
    differential: list[Hypothesis] = field(default_factory=list)
    action_type: str = ""  # order_tests | final_diagnosis | "" (not yet written)
    orders: list[Order] = field(default_factory=list)
    final_diagnosis: str = ""
    final_confidence: float | None = None
    answers: list[Answer] = field(default_factory=list)
    answers_entered: bool = False  # the environment or the clinician has answered
    metrics: dict[str, Any] = field(default_factory=dict)
    model: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_ms: float | None = None
    error: str = ""
    retryable: bool = False
    proposed: list[Order] = field(default_factory=list)  # live mode: waiting for the clinician
    awaiting: bool = False
    request_final: bool = False

    @property
    def dom_id(self) -> str:
        return f"turn-{self.index}"

    @property
    def answers_cost(self) -> float:
        return round(sum(a.cost for a in self.answers), 2)


@dataclass
class SessionView:
    public_id: str
    title: str = ""
    mode: str = "simulated"
    policy: str = ""
    status: str = "active"
    presentation: str = ""
    demographics: str = ""
    max_turns: int = 0
    step: bool = False
    turns: dict[int, TurnView] = field(default_factory=dict)
    completed: dict[str, Any] | None = None
    failed_error: str = ""
    last_seq: int = 0

    @property
    def is_open(self) -> bool:
        return self.status in ("active", "paused", "awaiting")

    @property
    def ordered_turns(self) -> list[TurnView]:
        return [self.turns[i] for i in sorted(self.turns)]

    def turn(self, index: Any) -> TurnView:
        try:
            key = int(index)
        except (TypeError, ValueError):
            key = max(self.turns, default=0)
        if key not in self.turns:
            self.turns[key] = TurnView(index=key)
        return self.turns[key]


def _differential(raw: Any) -> list[Hypothesis]:
    out = []
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict) or not _text(item.get("diagnosis"), 200).strip():
            continue  # a hypothesis still being written has no name yet
        out.append(
            Hypothesis(
                diagnosis=_text(item.get("diagnosis"), 200),
                probability=_float(item.get("probability")),
                evidence_for=_texts(item.get("evidence_for")),
                evidence_against=_texts(item.get("evidence_against")),
            )
        )
    # Ranked: highest probability first; ones without a number yet go last in written order.
    return sorted(out, key=lambda h: -(h.probability if h.probability is not None else -1.0))


def _orders(raw: Any) -> list[Order]:
    out = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, dict) and _text(item.get("test"), 200).strip():
            out.append(
                Order(
                    test=_text(item.get("test"), 200), rationale=_text(item.get("rationale"), 1000)
                )
            )
    return out


def _answers(raw: Any) -> list[Answer]:
    out = []
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict):
            continue
        try:
            cost = float(item.get("cost") or 0.0)
        except (TypeError, ValueError):
            cost = 0.0
        out.append(
            Answer(
                order=_text(item.get("order"), 200),
                status=_text(item.get("status"), 20) or "unavailable",
                item=_text(item.get("item"), 300),
                category=_text(item.get("category"), 100),
                result=_text(item.get("result"), 5000),
                cost=cost,
                source=_text(item.get("source"), 20) or "oracle",
            )
        )
    return out


def _apply_decision(turn: TurnView, data: Any, stage: str) -> None:
    if not isinstance(data, dict):
        return
    turn.stage = stage
    turn.reasoning = _text(data.get("reasoning"))
    turn.differential = _differential(data.get("differential"))
    action = _mapping(data.get("action"))
    turn.action_type = _text(action.get("type"), 30)
    turn.orders = _orders(action.get("tests"))
    turn.final_diagnosis = _text(action.get("diagnosis"), 200)
    turn.final_confidence = _float(action.get("confidence"))


def apply_event(view: SessionView, event: dict[str, Any]) -> list[tuple[str, int | None]]:
    """Fold one wire event ({seq, kind, payload}) into the view; return the parts it changed."""
    kind = event.get("kind", "")
    payload = _mapping(event.get("payload"))
    view.last_seq = max(view.last_seq, int(event.get("seq") or 0))
    if kind.startswith("turn.") or kind in (
        "env.results",
        "live.orders_proposed",
        "live.results_entered",
    ):
        turn = view.turn(payload.get("turn"))
        return [
            (part, None if part in SESSION_PARTS else turn.index)
            for part in _apply_turn_event(view, turn, kind, payload)
        ]
    return [(part, None) for part in _apply_session_event(view, kind, payload)]


def _apply_turn_event(
    view: SessionView, turn: TurnView, kind: str, payload: dict[str, Any]
) -> list[str]:
    if kind == "turn.created":
        turn.request_final = bool(payload.get("must_finalise"))
        return [TURN]
    if kind == "turn.started":
        turn.status, turn.attempt = "running", int(payload.get("attempt") or 1)
        turn.error, turn.retryable = "", False
        return ["status", "error"]
    if kind == "turn.partial":
        turn.status = "running"
        turn.attempt = int(payload.get("attempt") or turn.attempt)
        _apply_decision(turn, payload.get("partial"), "partial")
        return ["reasoning", "differential", "action"]
    if kind == "turn.completed":
        turn.status = "completed"
        turn.attempt = int(payload.get("attempt") or turn.attempt)
        _apply_decision(turn, payload.get("decision"), "final")
        turn.model = _text(payload.get("model"), 200)
        turn.prompt_tokens = int(payload.get("prompt_tokens") or 0)
        turn.completion_tokens = int(payload.get("completion_tokens") or 0)
        turn.latency_ms = (
            payload.get("latency_ms")
            if isinstance(payload.get("latency_ms"), int | float)
            else None
        )
        return ["status", "reasoning", "differential", "action", "chart"]
    if kind == "env.results":
        turn.answers, turn.answers_entered = _answers(payload.get("observations")), True
        return ["results", "stats"]
    if kind == "turn.metrics":
        turn.metrics = _mapping(payload.get("metrics"))
        return ["flags", "stats"]
    if kind == "turn.failed":
        turn.status = "failed"
        turn.error = _text(payload.get("error"), 2000) or "The turn failed."
        turn.retryable = bool(payload.get("retryable"))
        return ["status", "error"]
    if kind == "turn.retrying":
        turn.status, turn.error, turn.retryable = "retrying", "", False
        if view.status == "paused":
            view.status = "active"
        return ["status", "error", "session-status", "session-controls"]
    if kind == "live.orders_proposed":
        turn.proposed, turn.awaiting = _orders(payload.get("orders")), True
        return ["live"]
    if kind == "live.results_entered":
        turn.answers, turn.answers_entered, turn.awaiting = (
            _answers(payload.get("observations")),
            True,
            False,
        )
        turn.request_final = bool(payload.get("request_final"))
        return ["results", "live", "stats"]
    return []


def _apply_session_event(view: SessionView, kind: str, payload: dict[str, Any]) -> list[str]:
    if kind == "session.started":
        view.title = _text(payload.get("title"), 300) or view.title
        view.mode = _text(payload.get("mode"), 20) or view.mode
        view.policy = _text(payload.get("policy"), 100) or view.policy
        view.presentation = _text(payload.get("presentation"), 20000)
        view.demographics = _text(payload.get("demographics"), 300)
        view.max_turns = int(payload.get("max_turns") or 0)
        view.status = "active"
        return ["session-status", "session-controls"]
    status = {
        "session.paused": "paused",
        "session.resumed": "active",
        "session.awaiting": "awaiting",
        "session.completed": "completed",
        "session.failed": "failed",
    }.get(kind)
    if status is None:
        return []
    view.status = status
    parts = ["session-status", "session-controls"]
    if kind == "session.resumed":
        view.step = bool(payload.get("step"))
    elif kind == "session.completed":
        view.completed = payload
        parts += ["final", "stats"]
    elif kind == "session.failed":
        view.failed_error = _text(payload.get("error"), 2000) or "The session failed."
        parts += ["final"]
    return parts


def fold(view: SessionView, events: list[dict[str, Any]]) -> list[tuple[str, int | None]]:
    """Apply events in order; return the changed parts, each once, in first-touched order."""
    touched: dict[tuple[str, int | None], None] = {}
    for event in events:
        for part in apply_event(view, event):
            touched.setdefault(part, None)
    return list(touched)
