"""HTML fragments for the session page.

The same partial templates serve the full page, htmx responses and WebSocket pushes: a push folds
its batch of events (diagnosis.web.transcript), then renders only the parts the batch touched, each
with `hx-swap-oob` on its stable element id (`turn-3-differential`). New turns are appended to
`#turns`; every fragment ends with `#stream-state`, whose `data-last-seq` the page resumes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Max
from django.template.loader import render_to_string

from diagnosis.metrics.models import SessionMetrics, TurnMetrics
from diagnosis.models import DiagnosticSession, SessionEvent, Turn, TurnStatus
from diagnosis.web import scorecard
from diagnosis.web.charts import Chart, probability_chart
from diagnosis.web.transcript import TURN, SessionView, fold, stored_decision

PARTIALS = "diagnosis/partials/"
PART_TEMPLATES: dict[str, tuple[str, ...]] = {
    "status": ("turn_status.html",),
    "reasoning": ("turn_reasoning.html",),
    "differential": ("turn_differential.html",),
    "action": ("turn_action.html",),
    "results": ("turn_results.html",),
    "flags": ("turn_flags.html",),
    "error": ("turn_error.html",),
    "live": ("turn_live.html",),
    "swarm": ("swarm_lanes.html",),
    "session-status": ("session_status.html",),
    "session-controls": ("session_controls.html",),
    "final": ("final.html", "session_end.html"),
    "stats": ("stats.html",),
    "chart": ("chart.html",),
}


@dataclass
class Sidebar:
    """What needs every completed turn (not just the events of one batch): read from the rows."""

    chart: Chart | None
    cost: Decimal
    turns_done: int
    max_turns: int
    running: list[scorecard.Stat] = field(default_factory=list)
    final: list[scorecard.Stat] = field(default_factory=list)
    # (label, flags raised, turns that raised it), per kind: three ungrounded orders on two turns.
    flag_counts: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def cost_text(self) -> str:
        return scorecard.money(float(self.cost))


def flags_raised(flag: scorecard.Flag, metrics: TurnMetrics) -> int:
    """How many of this kind one turn raised: its ungrounded orders, its unsupported updates, its
    incoherences (at least one, since the flag is up)."""
    if flag.key == "ungrounded_order":
        counted = metrics.orders.ungrounded if metrics.orders else None
    elif flag.key == "unsupported_update":
        counted = metrics.updates.unsupported if metrics.updates else None
    else:
        counted = len(metrics.incoherence)
    return max(counted or 0, len(flag.details), 1)


def sidebar_for(session: DiagnosticSession) -> Sidebar:
    fresh = DiagnosticSession.objects.only("total_cost", "max_turns", "metrics", "policy").get(
        pk=session.pk
    )
    rows = list(
        Turn.objects.filter(session_id=session.pk, status=TurnStatus.COMPLETED)
        .order_by("index")
        .only("index", "decision", "metrics", "cost")
    )
    series = []
    counts: dict[str, tuple[int, int]] = {}
    for row in rows:
        # Read as the transcript reads it: a stored decision that does not validate draws nothing
        # at its turn (the turn itself shows the error line).
        decision, _ = stored_decision(row.decision)
        differential = decision.differential if decision is not None else []
        series.append((row.index, [(h.diagnosis, h.probability) for h in differential]))
        metrics = TurnMetrics.read(row.metrics)
        for flag in scorecard.turn_flags(metrics):
            raised, turns = counts.get(flag.label, (0, 0))
            counts[flag.label] = (raised + flags_raised(flag, metrics), turns + 1)
    latest = TurnMetrics.read(rows[-1].metrics if rows else None)
    return Sidebar(
        chart=probability_chart(series),
        cost=fresh.total_cost,
        turns_done=len(rows),
        max_turns=fresh.max_turns,
        running=scorecard.running_stats(latest, policy=fresh.policy),
        final=scorecard.final_stats(SessionMetrics.read(fresh.metrics), policy=fresh.policy),
        flag_counts=[(label, raised, turns) for label, (raised, turns) in sorted(counts.items())],
    )


def view_for(session: DiagnosticSession) -> SessionView:
    return SessionView(
        public_id=str(session.public_id),
        title=session.title,
        mode=session.mode,
        policy=session.policy,
        status=session.status,
        max_turns=session.max_turns,
    )


def page_events(session: DiagnosticSession) -> list[dict[str, Any]]:
    """The events a full page needs: all of them, except that of each turn's streamed partial
    decisions only the last is read (each one replaces the one before; an LLM turn writes hundreds).
    Folding these gives the same view as folding the whole log."""
    events = SessionEvent.objects.filter(session_id=session.pk)
    last_partials = (
        events.filter(kind="turn.partial")
        .values("payload__turn")
        .annotate(last=Max("seq"))
        .values_list("last", flat=True)
    )
    wanted = events.exclude(kind="turn.partial") | events.filter(seq__in=list(last_partials))
    return [e.as_wire() for e in wanted.order_by("seq")]


def transcript_for(session: DiagnosticSession) -> SessionView:
    """The whole transcript, folded from the event log (what a full page load shows)."""
    view = view_for(session)
    fold(view, page_events(session))
    view.status = session.status  # the row is the truth for what can be done now
    return view


def page_context(session: DiagnosticSession) -> dict[str, Any]:
    view = transcript_for(session)
    return {
        "view": view,
        "sidebar": sidebar_for(session),
        "public_id": view.public_id,
        "oob": False,
    }


def _render(template: str, context: dict[str, Any]) -> str:
    return render_to_string(PARTIALS + template, context)


def announcements(view: SessionView, touched: list[tuple[str, int | None]]) -> list[str]:
    """Short sentences for the page's polite live region: turn outcomes and the end, not tokens."""
    said = []
    for part, index in touched:
        turn = view.turns.get(index) if index is not None else None
        if part == "status" and turn is not None and turn.status == "completed":
            leader = turn.differential[0] if turn.differential else None
            said.append(
                f"Turn {turn.index + 1} complete."
                + (f" Leading: {leader.diagnosis}, {leader.percent}%." if leader else "")
            )
        elif part == "status" and turn is not None and turn.status == "failed":
            said.append(f"Turn {turn.index + 1} failed.")
        elif part == "live" and turn is not None and turn.awaiting:
            said.append("The policy proposed orders: your results are needed.")
        elif part == "final" and view.completed is not None:
            final = view.completed.get("final_diagnosis") or "none"
            ending = scorecard.budget_line(view.completed) or f"Final diagnosis: {final}"
            said.append(f"Session complete. {ending}.")
        elif part == "final" and view.status == "failed":
            said.append("The session failed.")
    return said


def render_events_html(
    session: DiagnosticSession | None, events: list[dict[str, Any]], *, error: str = ""
) -> str:
    """One WebSocket message: the parts these events changed, swapped out of band by id."""
    chunks: list[str] = []
    if error:
        chunks.append(_render("ws_error.html", {"error": error, "oob": True}))
    if session is None or not events:
        return "".join(chunks)
    view = view_for(session)
    touched = fold(view, events)
    base = {"view": view, "public_id": view.public_id, "oob": True}
    sidebar: Sidebar | None = None
    fresh_turns = {index for part, index in touched if part == TURN}
    for part, index in touched:
        if part == TURN and index is not None:
            chunks.append(_render("turn_append.html", {**base, "turn": view.turns[index]}))
            continue
        if index is not None and index in fresh_turns:
            continue  # the appended turn already carries this part
        context = dict(base)
        if index is not None:
            context["turn"] = view.turns[index]
        if part in ("stats", "chart"):
            sidebar = sidebar or sidebar_for(session)
            context["sidebar"] = sidebar
        chunks.extend(_render(template, context) for template in PART_TEMPLATES[part])
    chunks.append(_render("announce.html", {"messages_to_announce": announcements(view, touched)}))
    chunks.append(_render("stream_state.html", {**base, "first_seq": events[0]["seq"]}))
    return "".join(chunks)


def render_progress_html(session: DiagnosticSession, frame: dict[str, Any]) -> str:
    """A transient progress frame (a streamed partial decision that is not in the log): the parts
    of its turn it changes, without the stream state, so the page's last_seq does not move."""
    view = view_for(session)
    touched = fold(view, [{"seq": 0, "kind": "turn.partial", "payload": frame}])
    chunks: list[str] = []
    for part, index in touched:
        if part == TURN or index is None:
            continue
        context = {
            "view": view,
            "public_id": view.public_id,
            "oob": True,
            "turn": view.turns[index],
        }
        chunks.extend(_render(template, context) for template in PART_TEMPLATES[part])
    return "".join(chunks)


def render_push(public_id: str, kind: str, items: list[dict[str, Any]]) -> str | None:
    """The publisher's renderer (settings.MEDACTION_PUSH_RENDERER): the HTML every HTML client of
    the session is sent for one pushed batch of events, or for one progress frame (`items` holds
    that frame). Rendered once per push in the publishing thread, not once per client; None when
    the session is gone or the kind is unknown (clients then render for themselves)."""
    session = (
        DiagnosticSession.objects.filter(public_id=public_id)
        .only("pk", "public_id", "title", "mode", "policy", "status", "max_turns")
        .first()
    )
    if session is None:
        return None
    if kind == "events":
        return render_events_html(session, items)
    if kind == "progress" and len(items) == 1:
        return render_progress_html(session, items[0])
    return None
