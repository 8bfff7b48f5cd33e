"""Two runs of one case side by side, turn by turn, with what differs marked.

Both sides are read as the session page reads them (diagnosis.web.transcript, folded from each
session's event log), so the compare view shows exactly what each session page shows. Each turn
row compares six aspects — differential, orders, results, cost, flags, metrics — by their shown
text: a difference in the page is a difference here, and nothing the page hides counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from diagnosis.metrics.models import SessionMetrics
from diagnosis.models import DiagnosticSession
from diagnosis.web import scorecard
from diagnosis.web.fragments import transcript_for
from diagnosis.web.transcript import TurnView

ASPECTS = ("differential", "orders", "results", "cost", "flags", "metrics")


SUMMARY_LABELS = {
    "policy": "Policy",
    "model": "Model",
    "case_version": "Case version",
    "status": "Status",
    "final_diagnosis": "Final diagnosis",
    "correct": "Correct",
    "total_cost": "Total cost",
    "turns": "Turns",
}


class NotComparable(Exception):
    """Why two sessions cannot be compared (the view answers 400 with this text)."""


def _number(value: Any, digits: int = 2) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "unknown"
    return f"{value:.{digits}f}"


@dataclass
class Side:
    """One session's turn as the compare view shows it (all text, escaped by the template)."""

    present: bool
    status: str = ""
    differential: list[str] = field(default_factory=list)
    orders: list[str] = field(default_factory=list)
    final: str = ""
    results: list[str] = field(default_factory=list)
    cost: str = ""
    flags: list[str] = field(default_factory=list)
    metrics: list[tuple[str, str]] = field(default_factory=list)

    def aspect(self, name: str) -> Any:
        if name == "orders":
            return (self.orders, self.final)
        return getattr(self, name)


def side_of(turn: TurnView | None) -> Side:
    if turn is None:
        return Side(present=False)
    metrics = turn.metrics
    shown: list[tuple[str, str]] = []
    if metrics is not None:
        shown = [
            ("DTC", _number(metrics.dtc)),
            ("RAC (turn)", _number(metrics.rac_turn)),
            ("Gold rank", str(metrics.gold_rank) if metrics.gold_rank is not None else "—"),
            ("KG coverage (turn)", _number(metrics.kg_coverage_turn)),
        ]
    return Side(
        present=True,
        status=turn.status,
        differential=[f"{h.diagnosis} {h.percent}%" for h in turn.differential],
        orders=[order.test for order in turn.orders],
        final=turn.final_diagnosis,
        results=[
            f"{a.order}: {'unavailable' if a.unavailable else a.result or ''}" for a in turn.answers
        ],
        cost=scorecard.money(turn.answers_cost),
        flags=[flag.label for flag in scorecard.turn_flags(metrics)],
        metrics=shown,
    )


@dataclass
class Row:
    index: int
    left: Side
    right: Side
    differs: dict[str, bool]

    @property
    def any_differs(self) -> bool:
        return any(self.differs.values())

    @property
    def cells(self) -> list[tuple[str, bool, Side, Side]]:
        """(aspect, differs, left, right) in ASPECTS order, for the template."""
        return [(name, self.differs[name], self.left, self.right) for name in ASPECTS]


@dataclass
class Summary:
    policy: str
    model: str
    case_version: str
    status: str
    final_diagnosis: str
    correct: str
    total_cost: str
    turns: int


@dataclass
class Comparison:
    left: DiagnosticSession
    right: DiagnosticSession
    left_summary: Summary
    right_summary: Summary
    rows: list[Row]
    summary_differs: dict[str, bool]

    @property
    def summary_rows(self) -> list[tuple[str, str, Any, Any, bool]]:
        """(key, label, left, right, differs) per summary line, for the template."""
        return [
            (
                key,
                label,
                getattr(self.left_summary, key),
                getattr(self.right_summary, key),
                self.summary_differs[key],
            )
            for key, label in SUMMARY_LABELS.items()
        ]

    @property
    def differing_turns(self) -> int:
        return sum(1 for row in self.rows if row.any_differs)


def _summary(session: DiagnosticSession, turns: list[TurnView], policy_label: str) -> Summary:
    metrics = SessionMetrics.read(session.metrics)
    models = sorted({t.model for t in turns if t.model})
    correct = "unknown" if metrics.correct is None else "yes" if metrics.correct else "no"
    return Summary(
        policy=policy_label,
        model=", ".join(models) or "—",
        case_version=str(session.case_version or "—"),
        status=session.get_status_display(),
        final_diagnosis=session.final_diagnosis or "—",
        correct=correct,
        total_cost=scorecard.money(float(session.total_cost)),
        turns=len(turns),
    )


def compare_sessions(
    left: DiagnosticSession, right: DiagnosticSession, policy_labels: dict[str, str]
) -> Comparison:
    """Raises NotComparable unless both sessions ran the same case (any version)."""
    if left.pk == right.pk:
        raise NotComparable("Choose another session: a session compared with itself is the same.")
    if left.case_id is None or right.case_id is None:
        raise NotComparable(
            "Only runs of a case from the library can be compared; a live patient has no case."
        )
    if left.case_id != right.case_id:
        raise NotComparable(
            "These sessions ran different cases; compare two runs of the same case."
        )
    left_view, right_view = transcript_for(left), transcript_for(right)
    indices = sorted(set(left_view.turns) | set(right_view.turns))
    rows = []
    for index in indices:
        a, b = side_of(left_view.turns.get(index)), side_of(right_view.turns.get(index))
        rows.append(Row(index, a, b, {name: a.aspect(name) != b.aspect(name) for name in ASPECTS}))
    summaries = [
        _summary(s, v.ordered_turns, policy_labels.get(s.policy, s.policy))
        for s, v in ((left, left_view), (right, right_view))
    ]
    differs = {
        key: getattr(summaries[0], key) != getattr(summaries[1], key)
        for key in Summary.__dataclass_fields__
    }
    return Comparison(left, right, summaries[0], summaries[1], rows, differs)
