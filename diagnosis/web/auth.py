"""Sign-up is closed unless MEDACTION_OPEN_SIGNUP: admins create or invite users. A sign-in
locked out by failed attempts is told when the lockout lifts."""

from __future__ import annotations

import math
import time
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

LOCKED_OUT = "too_many_login_attempts"


class ClosedSignupAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):  # type: ignore[no-untyped-def]
        return bool(settings.MEDACTION_OPEN_SIGNUP)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """allauth's failed-sign-in limit (ACCOUNT_RATE_LIMITS["login_failed"], counted in the
        shared cache), checked before the password: the lockout message says when it lifts."""
        try:
            super().pre_authenticate(request, **credentials)
        except forms.ValidationError as exc:
            if exc.code != LOCKED_OUT:
                raise
            key = self._get_login_attempts_cache_key(request, **credentials)
            minutes = lockout_minutes_left(request, key)
            raise forms.ValidationError(
                f"Too many failed attempts: try again in {minutes} "
                f"minute{'' if minutes == 1 else 's'}.",
                code=LOCKED_OUT,
            ) from None


def lockout_minutes_left(request: HttpRequest, key: str) -> int:
    """Whole minutes (at least 1) until every full failed-sign-in counter for this address and
    account has room again: the oldest attempt that keeps a counter full has to age out."""
    now = time.time()
    lifts = now
    for rate in ratelimit.get_rates(app="allauth.account", action="login_failed"):
        cache_key = ratelimit.get_cache_key(
            request, app="allauth.account", action="login_failed", rate=rate, key=key
        )
        history = [ts for ts in cache.get(cache_key, []) if ts > now - rate.duration]
        if len(history) >= rate.amount:
            lifts = max(lifts, sorted(history, reverse=True)[rate.amount - 1] + rate.duration)
    return max(1, math.ceil((lifts - now) / 60))
