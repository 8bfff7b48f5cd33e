"""Who is calling: a personal API token (Authorization: Bearer …) or the browser's Django session
(with Django's CSRF check on unsafe methods). Token calls are rate-limited per token, and failed
token attempts per client address (counters in the shared cache: ratelimit.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer

from diagnosis.accounts import tokens
from diagnosis.api import ratelimit
from diagnosis.api.errors import RateLimited


def client_address(request: HttpRequest) -> str:
    # Behind a proxy, the proxy must set REMOTE_ADDR (e.g. uvicorn --proxy-headers).
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def _rate(name: str) -> ratelimit.Rate:
    return ratelimit.parse_rate(str(getattr(settings, name)))


class TokenAuth(HttpBearer):
    """Authorization: Bearer mda_…; a refused token is a 401 that names why (revoked, expired)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        address = f"ip:{client_address(request)}"
        failed_rate = _rate("MEDACTION_API_FAILED_TOKEN_RATE")
        wait = ratelimit.full(address, failed_rate)
        if wait is not None:
            raise RateLimited(wait, "Too many refused API tokens from this address: wait a bit.")
        check = tokens.token_authenticate(token.strip())
        if check.user is None:
            ratelimit.hit(address, failed_rate)
            raise AuthenticationError(message=check.reason)
        assert check.token is not None
        wait = ratelimit.hit(f"token:{check.token.pk}", _rate("MEDACTION_API_TOKEN_RATE"))
        if wait is not None:
            raise RateLimited(wait, "This token has made too many requests: wait a bit.")
        request.api_token = check.token  # type: ignore[attr-defined]
        return check.user


class SessionAuth(APIKeyCookie):
    """The browser's sign-in; unsafe methods need Django's CSRF token (X-CSRFToken header).
    Anonymous callers fall through to a 401, not a CSRF 403."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Any | None:
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        return request.user if request.user.is_authenticated else None


def user_of(request: HttpRequest) -> Any:
    """The signed-in user of an authenticated API request (token or session)."""
    return request.auth  # type: ignore[attr-defined]
