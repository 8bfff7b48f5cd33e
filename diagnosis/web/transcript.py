"""A session's transcript as view state, folded from its events.

The full page folds every event; a WebSocket push folds just the batch and re-renders only the
parts that batch touched (each part depends only on the latest event of its kind, so both give the
same HTML for a part). Payloads are read through the protocol's own types: a streamed partial
decision with the lenient PartialTurnDecision.read, a completed one validated by TurnDecision (one
that does not validate shows an error line for its turn), observations with Observation.from_dict,
metrics with diagnosis.metrics.models.TurnMetrics. Nothing in a payload can break the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from diagnosis.metrics.models import TurnMetrics
from diagnosis.protocol import (
    FinalDiagnosisAction,
    Hypothesis,
    Observation,
    OrderTestsAction,
    PartialAction,
    PartialHypothesis,
    PartialTurnDecision,
    TestOrder,
    TurnDecision,
    read_test_orders,
)

# Parts of the page, in the order a batch must render them (a turn before its pieces).
TURN = "turn"
TURN_PARTS = ("status", "reasoning", "differential", "action", "results", "flags", "error", "live")
SESSION_PARTS = ("session-status", "session-controls", "final", "stats", "chart")


def _text(value: Any, limit: int = 8000) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _why(error: ValidationError) -> str:
    problems = error.errors()
    first = problems[0]
    where = ".".join(str(part) for part in first["loc"])
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"{where + ': ' if where else ''}{first['msg']}{more}"[:500]


def stored_decision(data: Any) -> tuple[TurnDecision | None, str]:
    """A completed turn's stored decision, validated by TurnDecision itself: (decision, "") or,
    when it does not validate, (None, why) — shown as an error line for that turn alone."""
    try:
        return TurnDecision.model_validate(data), ""
    except ValidationError as error:
        return None, _why(error)


def _observations(raw: Any) -> list[Observation]:
    return (
        [Observation.from_dict(o) for o in raw if isinstance(o, dict)]
        if isinstance(raw, list)
        else []
    )


@dataclass
class TurnView:
    index: int
    status: str = "pending"  # pending | running | completed | failed | retrying
    attempt: int = 0
    stage: str = ""  # "" before anything streamed, "partial" while streaming, "final" once complete
    # The decision as streamed so far (partial) or as stored (final); None before either, or when
    # the stored one did not validate (decision_error says why).
    decision: TurnDecision | PartialTurnDecision | None = None
    decision_error: str = ""
    answers: list[Observation] = field(default_factory=list)
    answers_entered: bool = False  # the environment or the clinician has answered
    metrics: TurnMetrics | None = None
    model: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_ms: float | None = None
    error: str = ""
    retryable: bool = False
    proposed: list[TestOrder] = field(default_factory=list)  # live mode: awaiting the clinician
    awaiting: bool = False
    request_final: bool = False
    # A swarm turn: its lanes (one per sub-agent) and, once complete, its three times.
    swarm: dict[str, Any] | None = None

    @property
    def dom_id(self) -> str:
        return f"turn-{self.index}"

    @property
    def reasoning(self) -> str:
        return self.decision.reasoning if self.decision is not None else ""

    @property
    def differential(self) -> list[Hypothesis] | list[PartialHypothesis]:
        """Ranked: highest probability first (a partial's unnumbered ones last, as written)."""
        return self.decision.ranked() if self.decision is not None else []

    @property
    def action_type(self) -> str:
        """order_tests | final_diagnosis | "" (not yet written)."""
        return self.decision.action.type if self.decision is not None else ""

    @property
    def orders(self) -> list[TestOrder]:
        action = self.decision.action if self.decision is not None else None
        return list(action.tests) if isinstance(action, OrderTestsAction | PartialAction) else []

    @property
    def final_diagnosis(self) -> str:
        action = self.decision.action if self.decision is not None else None
        if isinstance(action, FinalDiagnosisAction | PartialAction):
            return action.diagnosis
        return ""

    @property
    def final_confidence(self) -> float | None:
        action = self.decision.action if self.decision is not None else None
        if isinstance(action, FinalDiagnosisAction | PartialAction):
            return action.confidence
        return None

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


def _apply_partial(turn: TurnView, data: Any) -> None:
    if not isinstance(data, dict):
        return
    turn.stage = "partial"
    turn.decision, turn.decision_error = PartialTurnDecision.read(data), ""
    _apply_swarm(turn, data.get("swarm"))


def _swarm_part(payload: Any) -> list[str]:
    """The swarm lanes part, for a payload that carries lanes (only swarm turns' do)."""
    return ["swarm"] if isinstance(payload, dict) and isinstance(payload.get("swarm"), dict) else []


def _apply_swarm(turn: TurnView, data: Any) -> None:
    """Lanes as streamed or stored: read leniently (a lane without a label is not shown)."""
    if not isinstance(data, dict) or not isinstance(data.get("lanes"), list):
        return
    lanes = [
        lane
        for lane in data["lanes"]
        if isinstance(lane, dict) and isinstance(lane.get("label"), str)
    ]
    turn.swarm = {**(turn.swarm or {}), **data, "lanes": lanes}
    critical, sequential = data.get("critical_path_ms"), data.get("sequential_ms")
    if isinstance(critical, int | float) and isinstance(sequential, int | float) and critical > 0:
        turn.swarm["speedup"] = round(sequential / critical, 1)


def _apply_stored(turn: TurnView, data: Any) -> None:
    turn.stage = "final"
    turn.decision, turn.decision_error = stored_decision(data)


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
        _apply_partial(turn, payload.get("partial"))
        return ["reasoning", "differential", "action", *_swarm_part(payload.get("partial"))]
    if kind == "turn.completed":
        turn.status = "completed"
        turn.attempt = int(payload.get("attempt") or turn.attempt)
        _apply_stored(turn, payload.get("decision"))
        _apply_swarm(turn, payload.get("swarm"))
        turn.model = _text(payload.get("model"), 200)
        turn.prompt_tokens = int(payload.get("prompt_tokens") or 0)
        turn.completion_tokens = int(payload.get("completion_tokens") or 0)
        turn.latency_ms = (
            payload.get("latency_ms")
            if isinstance(payload.get("latency_ms"), int | float)
            else None
        )
        return ["status", "reasoning", "differential", "action", *_swarm_part(payload), "chart"]
    if kind == "env.results":
        turn.answers, turn.answers_entered = _observations(payload.get("observations")), True
        return ["results", "stats"]
    if kind == "turn.metrics":
        metrics = payload.get("metrics")
        turn.metrics = TurnMetrics.read(metrics) if isinstance(metrics, dict) and metrics else None
        return ["flags", "stats"]
    if kind == "turn.failed":
        turn.status = "failed"
        turn.error = _text(payload.get("error"), 2000) or "The turn failed."
        turn.retryable = bool(payload.get("retryable"))
        _apply_swarm(turn, payload.get("swarm"))
        return [
            "status",
            "error",
            "session-status",
            *_swarm_part(payload),
        ]  # the badge: "Turn failed — retry?"
    if kind == "turn.retrying":
        turn.status, turn.error, turn.retryable = "retrying", "", False
        if view.status == "paused":
            view.status = "active"
        return ["status", "error", "session-status", "session-controls"]
    if kind == "live.orders_proposed":
        turn.proposed, turn.awaiting = read_test_orders(payload.get("orders")), True
        return ["live"]
    if kind == "live.results_entered":
        turn.answers, turn.answers_entered, turn.awaiting = (
            _observations(payload.get("observations")),
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
