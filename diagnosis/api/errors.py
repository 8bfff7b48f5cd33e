"""One shape for every error the API answers:

    {"error": {"code": "not_found", "message": "No such session.", "fields": {}}}

`code` is stable (one per HTTP status, plus a few specific ones), `message` is safe to show,
`fields` maps a request field ("body.mode", "query.after") to what is wrong with it. Ninja's
exception handlers cover what a view raises; ApiErrorsMiddleware (middleware.py) rewrites what
Django or ninja answer outside a view (405, an unknown /api/ address, the request limits).
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

log = logging.getLogger(__name__)

CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    422: "invalid",
    429: "rate_limited",
    500: "server_error",
}
MESSAGES = {
    400: "The request could not be read.",
    401: "Sign in, or send an API token: Authorization: Bearer <token>.",
    403: "You may not do this.",
    404: "Not found.",
    405: "This address does not take this method.",
    413: "The request body is too large.",
    414: "The address is too long.",
    429: "Too many requests: slow down.",
    500: "Something went wrong on our side; it has been logged.",
}


class RateLimited(Exception):
    def __init__(self, retry_after: int, message: str = "") -> None:
        super().__init__(message or MESSAGES[429])
        self.retry_after = retry_after


def error_response(
    status: int,
    message: str = "",
    *,
    code: str = "",
    fields: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> JsonResponse:
    body = {
        "error": {
            "code": code or CODES.get(status, f"http_{status}"),
            "message": message or MESSAGES.get(status, "The request failed."),
            "fields": fields or {},
        }
    }
    response = JsonResponse(body, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _field_name(loc: Any) -> str:
    parts = [str(p) for p in (loc or [])]
    # ninja puts the view's parameter name after the source ("body", "payload", "mode"): drop it
    if len(parts) >= 2 and parts[0] == "body" and parts[1] == "payload":
        parts = ["body", *parts[2:]]
    return ".".join(parts) or "request"


def validation_fields(errors: list[dict[str, Any]]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for error in errors:
        name = _field_name(error.get("loc"))
        message = str(error.get("msg", "is not valid"))[:300]
        fields[name] = f"{fields[name]}; {message}" if name in fields else message
    return fields


def install(api: NinjaAPI) -> None:
    """Register the handlers: every exception a view or an auth class raises gets the shape."""

    def on_validation(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(
            422, "Some fields are not valid.", fields=validation_fields(exc.errors)
        )

    def on_auth(request: HttpRequest, exc: Any) -> HttpResponse:
        message = exc.message if exc.message != "Unauthorized" else MESSAGES[401]
        return error_response(401, message, headers={"WWW-Authenticate": "Bearer"})

    def on_http(request: HttpRequest, exc: Any) -> HttpResponse:
        message = str(exc)
        if exc.status_code == 403 and "CSRF" in message:
            message = "CSRF check failed: send the X-CSRFToken header with a session sign-in."
            return error_response(403, message, code="csrf_failed")
        return error_response(exc.status_code, message)

    def on_rate(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(429, str(exc), headers={"Retry-After": str(exc.retry_after)})

    def on_404(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(404, str(exc) or MESSAGES[404])

    def on_403(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(403, str(exc) or MESSAGES[403])

    def on_too_big(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(413)

    def on_crash(request: HttpRequest, exc: Any) -> HttpResponse:
        log.error("API error on %s", request.path, exc_info=exc)
        return error_response(500)

    api.add_exception_handler(Exception, on_crash)
    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(AuthenticationError, on_auth)
    api.add_exception_handler(HttpError, on_http)
    api.add_exception_handler(RateLimited, on_rate)
    api.add_exception_handler(Http404, on_404)
    api.add_exception_handler(PermissionDenied, on_403)
    api.add_exception_handler(RequestDataTooBig, on_too_big)
