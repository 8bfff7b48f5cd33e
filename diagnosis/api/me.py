"""/api/v1/me and /api/v1/policies: who is calling, and which policies a session can use."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from diagnosis.api.auth import user_of
from diagnosis.api.shapes import ERRORS, MeOut, PolicyOut
from diagnosis.sessions import selectors
from diagnosis.sessions.dispatching import get_policy_registry

router = Router(tags=["account"])


@router.get("/me", response={200: MeOut, **ERRORS}, summary="Who am I")
def me(request: HttpRequest) -> dict:
    user = user_of(request)
    return {
        "username": user.get_username(),
        "email": user.email,
        "roles": sorted(selectors.user_roles(user)),
        "can_start_sessions": selectors.can_start_sessions(user),
        "sees_hidden_case_content": selectors.can_see_hidden_case_content(user),
        "auth": "token" if getattr(request, "api_token", None) is not None else "session",
    }


@router.get("/policies", response={200: list[PolicyOut], **ERRORS}, summary="List policies")
def policies(request: HttpRequest) -> list[dict]:
    return [
        {"key": p.key, "label": p.label, "description": p.description, "available": p.available}
        for p in get_policy_registry().available_policies()
    ]
