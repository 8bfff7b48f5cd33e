"""The operator's model-server health page, /admin/health/: per configured endpoint, healthy or
not (with the last error), what it serves (base models, LoRA adapters), our calls in flight
against the cap, and what the server reports on /metrics (running and waiting requests, prefix
cache hit rate, queue time).

The report comes from the callable settings.MEDACTION_HEALTH_PROVIDER names (inference/ builds
it from the endpoint pool; this room does not import inference/). Staff with
diagnosis.view_model_health see it (superusers implicitly); everyone else gets 403.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.module_loading import import_string
from django.views.decorators.http import require_GET

PERMISSION = "diagnosis.view_model_health"

log = logging.getLogger(__name__)


def can_view_model_health(user: Any) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm(PERMISSION))


def _report() -> tuple[Any, str]:
    """The provider's report, or None and why not (never an exception: this page is where an
    operator looks when something is wrong)."""
    try:
        return import_string(settings.MEDACTION_HEALTH_PROVIDER)(), ""
    except Exception as exc:
        log.exception("the model health provider failed")
        return None, f"The health report could not be built ({type(exc).__name__}: {exc})."


@require_GET
def admin_health(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not can_view_model_health(request.user):
        raise PermissionDenied("Only operators with the model-health permission see this page.")
    report, error = _report()
    context = {
        **admin.site.each_context(request),
        "title": "Model servers",
        "report": report,
        "error": error,
    }
    return render(request, "diagnosis/admin/model_health.html", context)
