"""The API object: /api/v1/, its OpenAPI schema (openapi.json) and Swagger UI (docs) from
ninja's own static files (no CDN). One router per resource: mounting a new one (reviews,
transcript) is one line in ROUTERS."""

from __future__ import annotations

from ninja import NinjaAPI, Router
from ninja.openapi.docs import Swagger

from diagnosis.api import cases, errors, me, reviews, sessions, transcript
from diagnosis.api.auth import SessionAuth, TokenAuth

ROUTERS: list[tuple[str, Router]] = [
    ("", me.router),
    ("/cases", cases.router),
    ("/sessions", sessions.router),
    ("/sessions", reviews.router),
    ("/sessions", transcript.router),
]

DESCRIPTION = """The MedAction API: read cases, start and steer diagnostic sessions, read their
turns, events and metrics, read and add turn reviews, export transcripts (auditors). Authenticate
with a personal API token (Account → API tokens): `Authorization: Bearer mda_…`, or with the
browser's sign-in (unsafe methods need the X-CSRFToken header). Every error answers
`{"error": {"code": "…", "message": "…", "fields": {…}}}`. See docs/api.md."""


def build_api() -> NinjaAPI:
    api = NinjaAPI(
        title="MedAction API",
        version="1",
        description=DESCRIPTION,
        auth=[TokenAuth(), SessionAuth()],
        urls_namespace="api-v1",
        # No online validator badge: the docs page loads nothing from outside.
        docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
        docs_url="/docs",
        openapi_url="/openapi.json",
    )
    errors.install(api)
    for prefix, router in ROUTERS:
        api.add_router(prefix, router)
    return api


api = build_api()
