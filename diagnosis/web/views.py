"""Thin views: parse, check access through a selector, call one service, render.

One view answers both a full page load and an htmx request (`request.htmx`) with the same partial
templates; session actions answer htmx with 204 (the WebSocket brings the change) or 409 and a
message the page shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.http import require_GET, require_POST, require_safe
from django_htmx.middleware import HtmxDetails

from diagnosis.environment.costs import cost_table
from diagnosis.models import Case, DiagnosticSession, SessionMode, TestMenuItem
from diagnosis.sessions import live_mode, selectors, services
from diagnosis.sessions.dispatching import get_policy_registry
from diagnosis.web import fragments, scorecard
from diagnosis.web.forms import (
    CaseFilterForm,
    LiveResultsError,
    StartSessionForm,
    parse_live_results,
)


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def _policies() -> list[Any]:
    return get_policy_registry().available_policies()


def _policy_labels() -> dict[str, str]:
    return {p.key: p.label for p in _policies()}


def _start_form(data: Any = None, **initial: Any) -> StartSessionForm:
    return StartSessionForm(
        data,
        initial=initial or None,
        policies=_policies(),
        default_policy=settings.MEDACTION_DEFAULT_POLICY,
    )


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    mine = selectors.sessions_of(user=request.user).select_related("case")[:20]
    others = list(selectors.sessions_of_others(user=request.user).select_related("owner")[:20])
    cases = selectors.cases_visible_to(request.user).order_by("-updated_at")[:8]
    return render(
        request,
        "diagnosis/dashboard.html",
        {
            "sessions": mine,
            "others": others,
            "cases": cases,
            "policy_labels": _policy_labels(),
            "can_start": selectors.can_start_sessions(request.user),
        },
    )


@require_GET
def case_list(request: HtmxHttpRequest) -> HttpResponse:
    show_status = selectors.can_see_hidden_case_content(request.user)
    form = CaseFilterForm(
        request.GET or None,
        datasets=selectors.case_datasets(user=request.user),
        show_status=show_status,
    )
    if form.is_valid():
        cases = selectors.cases_search(
            user=request.user,
            query=form.cleaned_data.get("q", ""),
            dataset=form.cleaned_data.get("dataset", ""),
            status=form.cleaned_data.get("status", ""),
        )
    else:
        cases = selectors.cases_search(user=request.user)
    context = {
        "form": form,
        "cases": cases[:200],
        "total": cases.count(),
        "show_status": show_status,
    }
    template = (
        "diagnosis/partials/case_results.html" if request.htmx else "diagnosis/case_list.html"
    )
    return render(request, template, context)


def _priced_menu(case: Case) -> list[tuple[TestMenuItem, str]]:
    """Each menu item with what the ledger charges when an order is answered by it alone."""
    table = cost_table()
    priced = []
    for item in case.menu_items.all():
        entry = {
            "name": item.name,
            "category": item.category,
            "aliases": list(item.aliases or []),
            "cost": item.cost,
        }
        priced.append((item, scorecard.money(float(table.price_of_answer(item.name, [entry])))))
    return priced


def _case_page(
    request: HttpRequest, case: Case, form: StartSessionForm, *, status: int = 200
) -> HttpResponse:
    show_hidden = selectors.can_see_hidden_case_content(request.user)
    return render(
        request,
        "diagnosis/case_detail.html",
        {
            "case": case,
            "form": form,
            "show_hidden": show_hidden,
            "menu": _priced_menu(case) if show_hidden else [],
            "can_start": selectors.can_start_sessions(request.user),
            "my_sessions": selectors.sessions_of(user=request.user, case=case)[:10],
        },
        status=status,
    )


@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.case_get_for_user(case_id=case_id, user=request.user)
    if case is None:
        raise Http404("No such case.")
    return _case_page(request, case, _start_form(case=case.pk, mode=SessionMode.SIMULATED))


@require_GET
def session_new(request: HttpRequest) -> HttpResponse:
    if not selectors.can_start_sessions(request.user):
        raise PermissionDenied("Only clinicians start sessions.")
    return render(
        request, "diagnosis/session_new.html", {"form": _start_form(mode=SessionMode.LIVE)}
    )


@require_POST
def session_start(request: HttpRequest) -> HttpResponse:
    if not selectors.can_start_sessions(request.user):
        raise PermissionDenied("Only clinicians start sessions.")
    form = _start_form(request.POST)
    valid = form.is_valid()
    case = None
    if form.cleaned_data.get("case"):  # kept even when another field is invalid
        case = selectors.case_get_for_user(case_id=form.cleaned_data["case"], user=request.user)
        if case is None:
            raise Http404("No such case.")
    if valid:
        data = form.cleaned_data
        presentation = data.get("live_presentation", "")
        demographics = data.get("live_demographics", "")
        if case is not None and data["mode"] == SessionMode.LIVE:
            # Live from a case page: the case's presentation is the live patient's.
            presentation, demographics = case.initial_presentation, case.demographics
        try:
            session = services.session_start(
                owner=request.user,
                mode=data["mode"],
                policy=data["policy"],
                case=case,
                live_title=data.get("live_title", ""),
                live_presentation=presentation,
                live_demographics=demographics,
                max_turns=data.get("max_turns"),
                step_mode=data.get("step_mode", False),
            )
        except services.ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("session_detail", public_id=session.public_id)
    if case is not None:
        return _case_page(request, case, form, status=400)
    return render(request, "diagnosis/session_new.html", {"form": form}, status=400)


def _session_or_404(request: HttpRequest, public_id: str) -> DiagnosticSession:
    session = selectors.session_get_for_user(public_id=public_id, user=request.user)
    if session is None:
        raise Http404("No such session.")
    return session


def _owned_session_or_404(request: HttpRequest, public_id: str) -> DiagnosticSession:
    try:
        session = selectors.session_get_to_act(public_id=public_id, user=request.user)
    except selectors.NotTheOwner as exc:
        raise PermissionDenied(str(exc)) from None
    if session is None:
        raise Http404("No such session.")
    return session


@require_GET
def session_detail(request: HtmxHttpRequest, public_id: str) -> HttpResponse:
    session = _session_or_404(request, public_id)
    context = fragments.page_context(session)
    context.update(
        {
            "session": session,
            "is_owner": session.owner_id == request.user.pk,
            "policy_label": _policy_labels().get(session.policy, session.policy),
        }
    )
    template = (
        "diagnosis/partials/session_body.html" if request.htmx else "diagnosis/session_detail.html"
    )
    return render(request, template, context)


@require_GET
def session_events(request: HttpRequest, public_id: str) -> JsonResponse:
    """The transcript as JSON, from after ?after=SEQ (what a reconnecting client resumes from)."""
    session = _session_or_404(request, public_id)
    try:
        after = max(0, int(request.GET.get("after", "0")))
    except ValueError:
        return JsonResponse({"error": "after must be a whole number"}, status=400)
    events = selectors.events_after(session=session, seq=after, limit=1000)
    return JsonResponse(
        {
            "session": str(session.public_id),
            "status": session.status,
            "events": [e.as_wire() for e in events],
        }
    )


def _act(
    request: HtmxHttpRequest, public_id: str, action: Callable[[DiagnosticSession], object]
) -> HttpResponse:
    session = _owned_session_or_404(request, public_id)
    try:
        action(session)
    except (services.ServiceError, LiveResultsError) as exc:
        if request.htmx:
            return HttpResponse(
                str(exc),
                status=409 if isinstance(exc, services.ServiceError) else 400,
                content_type="text/plain; charset=utf-8",
            )
        messages.error(request, str(exc))
    if request.htmx:
        return HttpResponse(status=204)  # the change arrives over the WebSocket, like every other
    return redirect("session_detail", public_id=session.public_id)


@require_POST
def session_pause(request: HtmxHttpRequest, public_id: str) -> HttpResponse:
    return _act(request, public_id, lambda s: services.session_pause(session=s))


@require_POST
def session_resume(request: HtmxHttpRequest, public_id: str) -> HttpResponse:
    return _act(request, public_id, lambda s: services.session_resume(session=s, step=False))


@require_POST
def session_step(request: HtmxHttpRequest, public_id: str) -> HttpResponse:
    return _act(request, public_id, lambda s: services.session_resume(session=s, step=True))


@require_POST
def turn_retry(request: HtmxHttpRequest, public_id: str) -> HttpResponse:
    return _act(request, public_id, lambda s: services.turn_retry(session=s))


@require_POST
def live_results(request: HtmxHttpRequest, public_id: str) -> HttpResponse:
    def submit(session: DiagnosticSession) -> object:
        rows, request_final = parse_live_results(request.POST)
        # The turn whose orders the form showed; the service refuses any other (under its lock).
        posted = request.POST.get("turn")
        turn_index = None if posted is None else int(posted) if posted.isdigit() else -1
        return live_mode.live_results_submit(
            session=session, results=rows, request_final=request_final, turn_index=turn_index
        )

    return _act(request, public_id, submit)


# --- error pages (webapp/urls.py handler404/handler500; ProductErrorPagesMiddleware with DEBUG) --


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The product's 404: no hint whether the thing exists, a way back."""
    response = render(request, "404.html", status=404)
    response.product_page = True  # type: ignore[attr-defined]
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """The product's 500, rendered without the request's context (whatever broke may be in it)."""
    response = HttpResponse(loader.get_template("500.html").render({}), status=500)
    response.product_page = True  # type: ignore[attr-defined]
    return response
