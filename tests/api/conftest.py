"""Fixtures for the API tests: personas with personal API tokens, a JSON client, clean rate
counters (they live in the shared cache)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from diagnosis.accounts import tokens

API = "/api/v1"


@pytest.fixture(autouse=True)
def clean_counters() -> Any:
    from django.core.cache import cache

    cache.clear()  # this run's own cache database (REDIS_CACHE_DB), or the process's memory
    yield
    cache.clear()


class ApiClient:
    """Django's test client speaking JSON with a bearer token (or none)."""

    def __init__(self, token: str | None = None, **defaults: Any) -> None:
        self.client = Client(**defaults)
        self.token = token

    def _headers(self, extra: dict[str, str] | None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return {**headers, **(extra or {})}

    def get(self, path: str, headers: dict[str, str] | None = None, **query: Any) -> Any:
        return self.client.get(API + path, query, headers=self._headers(headers))

    def post(
        self,
        path: str,
        body: Any = None,
        *,
        raw: bytes | str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        data = raw if raw is not None else json.dumps(body if body is not None else {})
        return self.client.post(
            API + path, data, content_type="application/json", headers=self._headers(headers)
        )

    def request(self, method: str, path: str) -> Any:
        return getattr(self.client, method.lower())(API + path, headers=self._headers(None))


def token_for(user: Any, name: str = "script") -> str:
    return tokens.token_create(user=user, name=name).secret


@pytest.fixture
def api_as(personas):  # type: ignore[no-untyped-def]
    """api_as("owner") → an ApiClient with a fresh token of that persona."""

    def make(who: str) -> ApiClient:
        return ApiClient(token_for(personas[who], name=f"{who}'s script"))

    return make


def assert_error(response: Any, status: int, code: str | None = None) -> dict:
    """The response is an error in the API's one shape; returns its "error" object."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"code", "message", "fields"}
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["fields"], dict)
    if code is not None:
        assert error["code"] == code
    return error


@pytest.fixture
def roles(transactional_db) -> None:  # type: ignore[no-untyped-def]
    """Role groups come from a migration, and a transactional test's flush removes them."""
    from django.contrib.auth.models import Group

    from diagnosis.sessions.selectors import ROLES

    for name in ROLES:
        Group.objects.get_or_create(name=name)
