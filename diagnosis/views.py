"""Thin views: parse, check access through a selector, call one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from diagnosis import selectors, services
from diagnosis.dispatching import get_policy_registry
from diagnosis.forms import StartSessionForm
from diagnosis.models import SessionMode


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    sessions = selectors.sessions_visible_to(request.user).filter(owner=request.user)[:20]
    cases = selectors.cases_visible_to(request.user).order_by("-updated_at")[:10]
    return render(request, "diagnosis/dashboard.html", {"sessions": sessions, "cases": cases})


@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    cases = selectors.cases_visible_to(request.user)
    query = request.GET.get("q", "").strip()[:200]
    if query:
        cases = cases.filter(title__icontains=query) | cases.filter(initial_presentation__icontains=query)
    return render(request, "diagnosis/case_list.html", {"cases": cases[:200], "q": query})


@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.case_get_for_user(case_id=case_id, user=request.user)
    if case is None:
        raise Http404("No such case.")
    form = StartSessionForm(initial={"case": case.pk}, policies=get_policy_registry().available_policies())
    return render(request, "diagnosis/case_detail.html", {
        "case": case, "form": form,
        "show_hidden": selectors.can_see_hidden_case_content(request.user),
        "can_start": selectors.can_start_sessions(request.user),
    })


@require_POST
def session_start(request: HttpRequest) -> HttpResponse:
    if not selectors.can_start_sessions(request.user):
        raise PermissionDenied("Only clinicians start sessions.")
    form = StartSessionForm(request.POST, policies=get_policy_registry().available_policies())
    if not form.is_valid():
        return render(request, "diagnosis/session_new.html", {"form": form}, status=400)
    data = form.cleaned_data
    case = None
    if data.get("case"):
        case = selectors.case_get_for_user(case_id=data["case"], user=request.user)
        if case is None:
            raise Http404("No such case.")
    try:
        session = services.session_start(
            owner=request.user, mode=data["mode"], policy=data["policy"], case=case,
            live_title=data.get("live_title", ""), live_presentation=data.get("live_presentation", ""),
            live_demographics=data.get("live_demographics", ""), max_turns=data.get("max_turns"),
            step_mode=data.get("step_mode", False),
        )
    except services.ServiceError as exc:
        form.add_error(None, str(exc))
        return render(request, "diagnosis/session_new.html", {"form": form}, status=400)
    return redirect("session_detail", public_id=session.public_id)


@require_GET
def session_new(request: HttpRequest) -> HttpResponse:
    if not selectors.can_start_sessions(request.user):
        raise PermissionDenied("Only clinicians start sessions.")
    form = StartSessionForm(initial={"mode": SessionMode.LIVE}, policies=get_policy_registry().available_policies())
    return render(request, "diagnosis/session_new.html", {"form": form})


def _session_or_404(request: HttpRequest, public_id: str):  # type: ignore[no-untyped-def]
    session = selectors.session_get_for_user(public_id=public_id, user=request.user)
    if session is None:
        raise Http404("No such session.")
    return session


def _owned_session_or_404(request: HttpRequest, public_id: str):  # type: ignore[no-untyped-def]
    session = selectors.session_get_for_owner(public_id=public_id, user=request.user)
    if session is None:
        # Readers who are not the owner learn nothing more than strangers do.
        if selectors.session_get_for_user(public_id=public_id, user=request.user) is not None:
            raise PermissionDenied("Only the session's owner can act on it.")
        raise Http404("No such session.")
    return session


@require_GET
def session_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    session = _session_or_404(request, public_id)
    turns = list(session.turns.order_by("index"))
    return render(request, "diagnosis/session_detail.html", {
        "session": session, "turns": turns, "is_owner": session.owner_id == request.user.pk,
    })


@require_GET
def session_events(request: HttpRequest, public_id: str) -> JsonResponse:
    """The transcript as JSON, from after ?after=SEQ (what a reconnecting client resumes from)."""
    session = _session_or_404(request, public_id)
    try:
        after = max(0, int(request.GET.get("after", "0")))
    except ValueError:
        return JsonResponse({"error": "after must be a whole number"}, status=400)
    events = selectors.events_after(session=session, seq=after, limit=1000)
    return JsonResponse({"session": str(session.public_id), "status": session.status,
                         "events": [e.as_wire() for e in events]})


def _act(request: HttpRequest, public_id: str, action) -> HttpResponse:  # type: ignore[no-untyped-def]
    session = _owned_session_or_404(request, public_id)
    try:
        action(session)
    except services.ServiceError as exc:
        if request.htmx:
            return HttpResponse(str(exc), status=409)
        messages.error(request, str(exc))
    return redirect("session_detail", public_id=session.public_id)


@require_POST
def session_pause(request: HttpRequest, public_id: str) -> HttpResponse:
    return _act(request, public_id, lambda s: services.session_pause(session=s))


@require_POST
def session_resume(request: HttpRequest, public_id: str) -> HttpResponse:
    return _act(request, public_id, lambda s: services.session_resume(session=s, step=False))


@require_POST
def session_step(request: HttpRequest, public_id: str) -> HttpResponse:
    return _act(request, public_id, lambda s: services.session_resume(session=s, step=True))


@require_POST
def turn_retry(request: HttpRequest, public_id: str) -> HttpResponse:
    return _act(request, public_id, lambda s: services.turn_retry(session=s))


@require_POST
def live_results(request: HttpRequest, public_id: str) -> HttpResponse:
    orders = request.POST.getlist("order")
    results = request.POST.getlist("result")
    if len(orders) != len(results):
        return HttpResponse("Each order needs a result field.", status=400)
    rows = [{"order": o, "result": r} for o, r in zip(orders, results, strict=True)]
    request_final = request.POST.get("request_final") == "1"
    return _act(request, public_id, lambda s: services.live_results_submit(session=s, results=rows, request_final=request_final))
