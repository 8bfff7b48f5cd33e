"""The reviewer's pages: reviews of a session's turns (an htmx panel on the session page), the
comparison of two runs of one case, and the review queue. Thin, like diagnosis.web.views: parse,
check access through a selector, call one service, render.

Access: whoever may read a session (its clinician, reviewers, auditors, superusers) reads its
reviews; strangers get 404 as on the session page. Only reviewers (and superusers) add reviews
(403 for other readers) and use the queue.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from diagnosis.models import Case, DiagnosticSession, Turn, TurnStatus
from diagnosis.reviews import selectors as reviews
from diagnosis.reviews import services as review_services
from diagnosis.reviews.agreement import machine_flags
from diagnosis.reviews.models import FAILURE_MODES
from diagnosis.sessions import selectors
from diagnosis.sessions.dispatching import get_policy_registry
from diagnosis.web import scorecard
from diagnosis.web.compare import ASPECTS, NotComparable, compare_sessions
from diagnosis.web.review_forms import QueueFilterForm, TurnReviewForm, posted_turn

TEMPLATES = "diagnosis/reviews/"
KIND_LABELS = {key: FAILURE_MODES[key] for key in reviews.QUEUE_FLAGS}


def _policy_labels() -> dict[str, str]:
    return {p.key: p.label for p in get_policy_registry().available_policies()}


def _session_or_404(request: HttpRequest, public_id: str) -> DiagnosticSession:
    session = selectors.session_get_for_user(public_id=public_id, user=request.user)
    if session is None:
        raise Http404("No such session.")
    return session


def _plain(message: str, status: int) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def agreement_rows(agreement: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"label": KIND_LABELS[k], **v} for k, v in agreement["kinds"].items()]


def _panel_context(
    request: HttpRequest,
    session: DiagnosticSession,
    *,
    bound: TurnReviewForm | None = None,
    error: str = "",
) -> dict[str, Any]:
    can_review = reviews.can_review(request.user)
    by_turn = reviews.current_reviews_by_turn(session)
    turns = []
    for row in Turn.objects.filter(session=session, status=TurnStatus.COMPLETED).order_by("index"):
        form = None
        if can_review:
            form = bound if bound is not None and bound.turn_index == row.index else None
            form = form or TurnReviewForm(turn_index=row.index)
        slot = by_turn.get(row.index, {"current": [], "earlier": []})
        for review in slot["current"] + slot["earlier"]:
            review["when"] = datetime.fromisoformat(review["created"])
        turns.append(
            {
                "index": row.index,
                "flags": scorecard.turn_flags(row.metrics),
                "scored": any(v is not None for v in machine_flags(row.metrics).values()),
                "current": slot["current"],
                "earlier": slot["earlier"],
                "form": form,
                "error": error if form is bound else "",
            }
        )
    agreement = reviews.agreement_for_session(session)
    labels = _policy_labels()
    return {
        "session": session,
        "public_id": str(session.public_id),
        "turns": turns,
        "can_review": can_review,
        "agreement": agreement,
        "agreement_rows": agreement_rows(agreement),
        "candidates": list(reviews.compare_candidates(session=session, user=request.user)[:30]),
        "policy_labels": labels,
        "panel_error": error,
    }


def _panel(
    request: HttpRequest, session: DiagnosticSession, *, status: int = 200, **kwargs: Any
) -> HttpResponse:
    context = _panel_context(request, session, **kwargs)
    htmx = getattr(request, "htmx", False)
    template = "panel.html" if htmx else "reviews_page.html"
    return render(request, TEMPLATES + template, context, status=status)


@require_http_methods(["GET", "POST"])
def session_reviews(request: HttpRequest, public_id: str) -> HttpResponse:
    session = _session_or_404(request, public_id)
    if request.method == "GET":
        return _panel(request, session)
    if not reviews.can_review(request.user):
        raise PermissionDenied("Only reviewers rate turns.")
    htmx = getattr(request, "htmx", False)
    turn_index = posted_turn(request.POST)
    if turn_index is None:
        return _plain("Which turn? The review names no turn.", 400)
    form = TurnReviewForm(request.POST, turn_index=turn_index)
    error = ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            review_services.review_add(
                session=session,
                turn_index=turn_index,
                author=request.user,
                differential_rating=data["differential_rating"],
                orders_rating=data["orders_rating"],
                failure_modes=data["failure_modes"],
                note=data["note"],
            )
        except review_services.ReviewError as exc:
            error = str(exc)
        else:
            if htmx:
                return _panel(request, session)
            return redirect(reverse("session_reviews", args=[session.public_id]))
    else:
        error = form.first_error()
    if htmx:  # the form's error slot shows the text (medaction.js)
        return _plain(error, 400)
    return _panel(request, session, bound=form, error=error, status=400)


@require_GET
def session_compare(request: HttpRequest, public_id: str) -> HttpResponse:
    session = _session_or_404(request, public_id)
    labels = _policy_labels()
    context: dict[str, Any] = {
        "session": session,
        "candidates": list(reviews.compare_candidates(session=session, user=request.user)[:30]),
        "policy_labels": labels,
        "aspects": ASPECTS,
    }
    other_id = request.GET.get("with", "").strip()
    if not other_id:
        return render(request, TEMPLATES + "compare.html", context)
    try:
        uuid.UUID(other_id[:64])
    except ValueError:
        context["error"] = "“with” must be the id of a session you can read."
        return render(request, TEMPLATES + "compare.html", context, status=400)
    other = _session_or_404(request, other_id)
    try:
        context["comparison"] = compare_sessions(session, other, labels)
    except NotComparable as exc:
        context["error"] = str(exc)
        return render(request, TEMPLATES + "compare.html", context, status=400)
    return render(request, TEMPLATES + "compare.html", context)


def _machine_flag_turns(sessions: Sequence[DiagnosticSession]) -> dict[int, dict[str, int]]:
    """Per session: how many of its completed turns the machine flagged, per kind."""
    counts: dict[int, dict[str, int]] = {s.pk: dict.fromkeys(KIND_LABELS, 0) for s in sessions}
    rows = Turn.objects.filter(session__in=sessions, status=TurnStatus.COMPLETED).values_list(
        "session_id", "metrics"
    )
    for session_id, metrics in rows:
        for kind, flagged in machine_flags(metrics).items():
            counts[session_id][kind] += 1 if flagged else 0
    return counts


@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    if not reviews.can_review(request.user):
        raise PermissionDenied("The review queue is for reviewers.")
    visible = selectors.sessions_visible_to(request.user)
    cases = Case.objects.filter(sessions__in=visible).distinct().order_by("title")
    labels = _policy_labels()
    form = QueueFilterForm(
        request.GET or None,
        cases=list(cases.values_list("pk", "title")[:500]),
        policies=[(p, labels.get(p, p)) for p in reviews.queue_policies(user=request.user)],
    )
    context: dict[str, Any] = {"form": form, "policy_labels": labels, "kinds": KIND_LABELS}
    if request.GET and not form.is_valid():
        context.update(rows=[], total=0, agreement=None)
        return render(request, TEMPLATES + "queue.html", context, status=400)
    data = form.cleaned_data if request.GET else {}
    case_id = data.get("case")
    queue = reviews.review_queue(
        user=request.user,
        case=Case.objects.filter(pk=case_id).first() if case_id else None,
        policy=data.get("policy", ""),
        flag=data.get("flag", ""),
        outcome=data.get("outcome", ""),
        include_reviewed=bool(data.get("reviewed")),
    ).annotate(review_count=Count("turn_reviews"))
    shown = list(queue[:200])
    flags = _machine_flag_turns(shown)
    reviewed = [s for s in shown if s.review_count]
    context.update(
        rows=[(s, flags[s.pk]) for s in shown],
        total=queue.count(),
        agreement=reviews.agreement_for_sessions(reviewed) if reviewed else None,
    )
    if context["agreement"] is not None:
        context["agreement_rows"] = agreement_rows(context["agreement"])
    return render(request, TEMPLATES + "queue.html", context)
