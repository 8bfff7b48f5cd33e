"""Writes to users: the accounts that commands and jobs need (the evaluation user, the bench's
clinician).

Roles are groups (diagnosis.accounts.roles); a role is only ever added here, never taken away.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from diagnosis.accounts.roles import ROLE_PERMISSIONS


@transaction.atomic
def user_ensure(*, username: str, email: str = "", roles: Iterable[str] = ()) -> Any:
    """The user called `username`, with at least `roles`.

    A new user has no usable password (a machine account: it is signed in by the code that
    needs it, never through the login form); an existing one keeps its password, email and
    other roles. An unknown role raises ValueError and creates nobody.
    """
    wanted = set(roles)
    unknown = wanted - set(ROLE_PERMISSIONS)
    if unknown:
        raise ValueError(f"Unknown role(s): {', '.join(sorted(unknown))}.")
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": email}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    if wanted:
        groups = list(Group.objects.filter(name__in=wanted))
        if len(groups) != len(
            wanted
        ):  # roles are made by migration 0002; a flushed db re-makes them
            missing = wanted - {g.name for g in groups}
            raise ValueError(f"Role group(s) missing: {', '.join(sorted(missing))}.")
        user.groups.add(*groups)
    return user
