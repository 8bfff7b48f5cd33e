"""Under /api/, every error is JSON in the API's shape, also those answered outside a view: ninja's
405, Django's 404 for an unknown address, RequestLimitsMiddleware's 400/414 (a NUL character,
an over-long query string), a CSRF failure. Goes first in MIDDLEWARE, so it sees them all."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from diagnosis.api.errors import error_response

API_PREFIX = "/api/"
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")


class ApiErrorsMiddleware:
    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            not request.path_info.startswith(API_PREFIX)
            or response.status_code < 400
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        message = ""
        if response.get("Content-Type", "").startswith("text/plain") and not response.streaming:
            message = response.content.decode("utf-8", "replace")[:500]
        if response.status_code == 405:
            message = "This address does not take this method."
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        return error_response(response.status_code, message, headers=headers)
