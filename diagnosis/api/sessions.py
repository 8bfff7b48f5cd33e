"""/api/v1/sessions: start a session, steer it (pause, resume, step, retry), enter live results,
read its turns, events and metrics. The same selectors and services as the session pages: a
reader who is not the owner may read but not steer (403), anyone else learns nothing (404)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError

from diagnosis.api.auth import user_of
from diagnosis.api.shapes import (
    ERRORS,
    MAX_ID,
    EventsOut,
    LiveResultsIn,
    MetricsOut,
    SessionListOut,
    SessionOut,
    SessionStartIn,
    TurnsOut,
    event_out,
    session_out,
    turn_out,
)
from diagnosis.models import DiagnosticSession, SessionMode
from diagnosis.sessions import live_mode, selectors, services

try:
    from ninja import Status
except ImportError:  # django-ninja before Status: a (status, body) tuple  # pragma: no cover

    def Status(status_code: int, value: Any) -> Any:  # type: ignore[no-redef]  # noqa: N802
        return (status_code, value)


router = Router(tags=["sessions"])


def _readable(request: HttpRequest, session_id: str) -> DiagnosticSession:
    session = selectors.session_get_for_user(public_id=session_id, user=user_of(request))
    if session is None:
        raise Http404("No such session.")
    return session


def _actionable(request: HttpRequest, session_id: str) -> DiagnosticSession:
    try:
        session = selectors.session_get_to_act(public_id=session_id, user=user_of(request))
    except selectors.NotTheOwner as exc:
        raise PermissionDenied(str(exc)) from None
    if session is None:
        raise Http404("No such session.")
    return session


def _fresh(request: HttpRequest, session: DiagnosticSession) -> dict:
    session.refresh_from_db()
    return session_out(session, user=user_of(request))


@router.get("", response={200: SessionListOut, **ERRORS}, summary="List sessions")
def session_list(
    request: HttpRequest,
    mine: bool = Query(False, description="Only your own sessions."),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=1_000_000),
) -> dict:
    user = user_of(request)
    sessions = (
        selectors.sessions_of(user=user) if mine else selectors.sessions_visible_to(user)
    ).select_related("owner")
    sessions = sessions.order_by("-created_at", "-pk")
    return {
        "count": sessions.count(),
        "items": [session_out(s, user=user) for s in sessions[offset : offset + limit]],
    }


@router.post("", response={201: SessionOut, **ERRORS}, summary="Start a session")
def session_start(request: HttpRequest, payload: SessionStartIn) -> Any:
    user = user_of(request)
    if not selectors.can_start_sessions(user):
        raise PermissionDenied("Only clinicians start sessions.")
    case = None
    if payload.case_id is not None:
        case = selectors.case_get_for_user(case_id=payload.case_id, user=user)
        if case is None:
            raise Http404("No such case.")
    presentation, demographics = payload.presentation, payload.demographics
    if case is not None and payload.mode == SessionMode.LIVE:
        # As on the case page: live from a case starts from the case's presentation.
        presentation, demographics = case.initial_presentation, case.demographics
    try:
        session = services.session_start(
            owner=user,
            mode=payload.mode,
            policy=payload.policy or settings.MEDACTION_DEFAULT_POLICY,
            case=case,
            live_title=payload.title,
            live_presentation=presentation,
            live_demographics=demographics,
            max_turns=payload.max_turns,
            step_mode=payload.step_mode,
        )
    except services.ServiceError as exc:
        raise HttpError(422, str(exc)) from None
    return Status(201, _fresh(request, session))


@router.get("/{session_id}", response={200: SessionOut, **ERRORS}, summary="Read a session")
def session_read(request: HttpRequest, session_id: str) -> dict:
    return session_out(_readable(request, session_id), user=user_of(request))


def _act(
    request: HttpRequest, session_id: str, action: Callable[[DiagnosticSession], object]
) -> dict:
    session = _actionable(request, session_id)
    try:
        action(session)
    except services.ServiceError as exc:
        raise HttpError(409, str(exc)) from None
    return _fresh(request, session)


@router.post("/{session_id}/pause", response={200: SessionOut, **ERRORS}, summary="Pause")
def session_pause(request: HttpRequest, session_id: str) -> dict:
    """Hold the next turn (the running one finishes). 409 unless the session is active."""
    return _act(request, session_id, lambda s: services.session_pause(session=s))


@router.post("/{session_id}/resume", response={200: SessionOut, **ERRORS}, summary="Resume")
def session_resume(request: HttpRequest, session_id: str) -> dict:
    """Run on to the end. 409 unless the session is paused."""
    return _act(request, session_id, lambda s: services.session_resume(session=s, step=False))


@router.post("/{session_id}/step", response={200: SessionOut, **ERRORS}, summary="Step")
def session_step(request: HttpRequest, session_id: str) -> dict:
    """Run exactly one more turn, then pause again. 409 unless the session is paused."""
    return _act(request, session_id, lambda s: services.session_resume(session=s, step=True))


@router.post("/{session_id}/retry", response={200: SessionOut, **ERRORS}, summary="Retry")
def turn_retry(request: HttpRequest, session_id: str) -> dict:
    """Run the failed turn again. 409 when no turn failed or the session is closed."""
    return _act(request, session_id, lambda s: services.turn_retry(session=s))


@router.post(
    "/{session_id}/results", response={200: SessionOut, **ERRORS}, summary="Enter live results"
)
def live_results(request: HttpRequest, session_id: str, payload: LiveResultsIn) -> dict:
    """Live sessions: results for the latest turn's orders (or findings the policy did not ask
    for), then the next turn. 409 unless the session is waiting for results."""

    def submit(session: DiagnosticSession) -> object:
        return live_mode.live_results_submit(
            session=session,
            results=payload.as_rows(),
            request_final=payload.request_final,
            turn_index=payload.turn,
        )

    return _act(request, session_id, submit)


@router.get("/{session_id}/turns", response={200: TurnsOut, **ERRORS}, summary="Read turns")
def turn_list(
    request: HttpRequest,
    session_id: str,
    after: int = Query(-1, ge=-1, le=MAX_ID, description="Only turns with a higher index."),
) -> dict:
    session = _readable(request, session_id)
    turns = session.turns.filter(index__gt=after).order_by("index")
    return {
        "session": str(session.public_id),
        "status": session.status,
        "turns": [turn_out(t) for t in turns],
    }


@router.get("/{session_id}/events", response={200: EventsOut, **ERRORS}, summary="Read events")
def event_list(
    request: HttpRequest,
    session_id: str,
    after: int = Query(0, ge=0, le=MAX_ID, description="Only events with a higher seq."),
    limit: int = Query(500, ge=1, le=1000),
) -> dict:
    """The session's append-only, hash-chained log, in seq order. Read incrementally: pass the
    last seq you have as `after`; `more` says whether to read again at once."""
    session = _readable(request, session_id)
    events = selectors.events_after(session=session, seq=after, limit=limit + 1)
    return {
        "session": str(session.public_id),
        "status": session.status,
        "last_seq": session.last_seq,
        "events": [event_out(e) for e in events[:limit]],
        "more": len(events) > limit,
    }


@router.get("/{session_id}/metrics", response={200: MetricsOut, **ERRORS}, summary="Metrics")
def session_metrics(request: HttpRequest, session_id: str) -> dict:
    session = _readable(request, session_id)
    turns = session.turns.order_by("index").only("index", "status", "cost", "metrics")
    return {
        "session": str(session.public_id),
        "status": session.status,
        "total_cost": str(session.total_cost),
        "metrics": session.metrics,
        "turns": [
            {"turn": t.index, "status": t.status, "cost": str(t.cost), "metrics": t.metrics}
            for t in turns
        ],
    }
