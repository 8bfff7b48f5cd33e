"""Every page needs login, except the login flow itself and static files."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

PUBLIC_PREFIXES = (
    "/accounts/login/",
    "/accounts/password/reset/",
    "/accounts/signup/",
    "/accounts/3rdparty/",
    "/accounts/2fa/authenticate/",
    "/static/",
    "/healthz",
    "/favicon.ico",
)


class LoginRequiredEverywhereMiddleware:
    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if (
            request.user.is_authenticated
            or path.startswith(PUBLIC_PREFIXES)
            or path.startswith("/admin/")
        ):
            return self.get_response(request)
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)


class ProductErrorPagesMiddleware:
    """With DEBUG on (the embedded default), a browser still gets the product's 404 and 500 pages,
    not Django's debug pages (which show settings and code) — unless MEDACTION_DEBUG_PAGES=true.
    With DEBUG off Django calls handler404/handler500 itself and this does nothing."""

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    @staticmethod
    def _active() -> bool:
        return bool(settings.DEBUG) and not getattr(settings, "MEDACTION_DEBUG_PAGES", False)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            self._active()
            and response.status_code == 404
            and not getattr(response, "product_page", False)
            and response.get("Content-Type", "").startswith("text/html")
        ):  # no URL matched: Django's debug 404 page
            from diagnosis.web.views import page_not_found

            return page_not_found(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not self._active():
            return None
        from django.core.exceptions import PermissionDenied
        from django.http import Http404

        from diagnosis.web.views import page_not_found, server_error

        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return None  # Django answers with 403.html, debug or not
        import logging

        from django.core.signals import got_request_exception

        logging.getLogger("django.request").error(
            "Internal Server Error: %s", request.path, exc_info=exception
        )
        got_request_exception.send(sender=None, request=request)
        return server_error(request)
