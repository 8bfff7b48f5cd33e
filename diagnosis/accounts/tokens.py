"""Personal API tokens: create (the only time the token is seen), revoke, authenticate.

A token reads `mda_<8 hex>_<43 url-safe characters>`: the first part is the row's `prefix`
(shown in lists, unique), and only the SHA-256 of the whole token is stored. A high-entropy
random secret needs no slow hash: nobody can guess one from its SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from diagnosis.accounts.models import ApiToken

PREFIX_HEAD = "mda_"
PREFIX_LENGTH = len(PREFIX_HEAD) + 8  # then "_" and the secret (which may hold "_" and "-")
MAX_TOKENS_PER_USER = 50
MAX_DAYS = 3650


class TokenError(Exception):
    """A token request that cannot be carried out; the message is safe to show."""


@dataclass(frozen=True)
class CreatedToken:
    token: ApiToken
    secret: str  # the whole token: show it once, never store it


@dataclass(frozen=True)
class TokenCheck:
    user: Any | None  # the token's user when the token is good
    token: ApiToken | None
    reason: str  # "", or why the token is refused (safe to tell its holder)


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def tokens_of(*, user: Any) -> QuerySet[ApiToken]:
    """The user's tokens, newest first (what the Account → API tokens page lists)."""
    return ApiToken.objects.filter(user_id=user.pk).order_by("-created_at")


@transaction.atomic
def token_create(*, user: Any, name: str, expires_in_days: int | None = None) -> CreatedToken:
    name = name.strip()
    if not name:
        raise TokenError("Give the token a name, e.g. what will use it.")
    if len(name) > 100 or "\x00" in name:
        raise TokenError("A token name is at most 100 characters, with no NUL character.")
    if expires_in_days is not None and not 1 <= expires_in_days <= MAX_DAYS:
        raise TokenError(f"A token expires after 1 to {MAX_DAYS} days, or never.")
    live = tokens_of(user=user).filter(revoked_at__isnull=True).count()
    if live >= MAX_TOKENS_PER_USER:
        raise TokenError(f"At most {MAX_TOKENS_PER_USER} tokens at once: revoke one first.")
    while True:
        prefix = PREFIX_HEAD + secrets.token_hex(4)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    raw = f"{prefix}_{secrets.token_urlsafe(32)}"
    expires_at = timezone.now() + dt.timedelta(days=expires_in_days) if expires_in_days else None
    token = ApiToken.objects.create(
        user=user, name=name, prefix=prefix, secret_hash=_digest(raw), expires_at=expires_at
    )
    return CreatedToken(token=token, secret=raw)


@transaction.atomic
def token_revoke(*, user: Any, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens (revoking twice keeps the first time)."""
    token = ApiToken.objects.select_for_update().filter(pk=token_id, user_id=user.pk).first()
    if token is None:
        raise TokenError("No such token.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(raw: str) -> TokenCheck:
    """Who a presented token signs in, or why not. Records when a good token was last used."""
    refused = TokenCheck(user=None, token=None, reason="This API token is not valid.")
    head, sep = raw[:PREFIX_LENGTH], raw[PREFIX_LENGTH : PREFIX_LENGTH + 1]
    if sep != "_" or not head.startswith(PREFIX_HEAD) or len(raw) > 200 or "\x00" in raw:
        return refused
    token = ApiToken.objects.select_related("user").filter(prefix=head).first()
    if token is None or not constant_time_compare(token.secret_hash, _digest(raw)):
        return refused
    now = timezone.now()
    if token.revoked_at is not None:
        return TokenCheck(user=None, token=token, reason="This API token was revoked.")
    if token.expires_at is not None and token.expires_at <= now:
        return TokenCheck(user=None, token=token, reason="This API token has expired.")
    if not token.user.is_active:
        return refused
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return TokenCheck(user=token.user, token=token, reason="")
