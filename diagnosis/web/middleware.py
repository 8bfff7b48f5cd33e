"""Every page needs login, except the login flow itself and static files; bad input (an
over-long query string, a NUL character) is refused with a plain 4xx before any view runs."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, QueryDict

PUBLIC_PREFIXES = (
    "/accounts/login/",
    "/accounts/password/reset/",
    "/accounts/signup/",
    "/accounts/3rdparty/",
    "/accounts/2fa/authenticate/",
    "/static/",
    "/healthz",
    "/favicon.ico",
    "/api/",  # the API authenticates itself (token or session) and answers 401 in JSON
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


MAX_QUERY_STRING = 8 * 1024  # settings.MEDACTION_MAX_QUERY_STRING overrides
NUL_REFUSED = (
    "The request holds a NUL character (\\x00), which no text field accepts. "
    "Remove it and send again."
)


def _holds_nul(data: QueryDict) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in data.lists())


class RequestLimitsMiddleware:
    """Bad input gets a short plain 4xx answer before any view runs, never a 500 or a dropped
    connection: a query string over MAX_QUERY_STRING bytes is a 414; a NUL character in the query
    or in posted form fields is a 400 (PostgreSQL cannot store one). The admin's posted forms are
    left to the admin, which names the field (Django's form fields and the case schema refuse
    NUL). Goes first in MIDDLEWARE."""

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response
        self.max_query = int(getattr(settings, "MEDACTION_MAX_QUERY_STRING", MAX_QUERY_STRING))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if len(query) > self.max_query:
            return HttpResponse(
                f"The address is too long: its query string is over {self.max_query // 1024} KB.",
                status=414,
                content_type="text/plain; charset=utf-8",
            )
        if "%00" in query or "\x00" in query or _holds_nul(request.GET):
            return _refuse_nul()
        if (
            request.method == "POST"
            and not request.path_info.startswith("/admin/")
            and _holds_nul(request.POST)
        ):
            return _refuse_nul()
        return self.get_response(request)


def _refuse_nul() -> HttpResponse:
    return HttpResponse(NUL_REFUSED, status=400, content_type="text/plain; charset=utf-8")


_LINE_TOO_LONG = {
    True: (414, b"URI Too Long", b"The address is too long."),
    False: (431, b"Request Header Fields Too Large", b"A request header is too long."),
}


def daphne_answer_overlong_lines() -> None:
    """Make Twisted (under daphne) answer a request line or header over its 16 KB line limit with
    414 (or 431) and a short plain message; by itself it drops the connection unanswered. Lines
    under that limit reach Django, where RequestLimitsMiddleware answers. Idempotent; does nothing
    when Twisted is not installed."""
    try:
        from twisted.web.http import HTTPChannel
    except ImportError:  # pragma: no cover - daphne always brings Twisted
        return
    if getattr(HTTPChannel, "_medaction_long_lines", False):
        return

    def lineLengthExceeded(self, line):  # type: ignore[no-untyped-def]  # noqa: N802
        status, reason, body = _LINE_TOO_LONG[bool(getattr(self, "_HTTPChannel__first_line", 1))]
        self.transport.write(
            b"HTTP/1.1 %d %s\r\nContent-Type: text/plain; charset=utf-8\r\n"
            b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (status, reason, len(body), body)
        )
        self.loseConnection()

    HTTPChannel.lineLengthExceeded = lineLengthExceeded  # type: ignore[method-assign]
    HTTPChannel._medaction_long_lines = True  # type: ignore[attr-defined]


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
