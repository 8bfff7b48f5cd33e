"""The OpenAPI schema is valid, lists every route, and the interactive docs load nothing from
outside (ninja's own Swagger UI files)."""

from __future__ import annotations

import re

import jsonschema
import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db

ROUTES = {
    ("get", "/api/v1/me"),
    ("get", "/api/v1/policies"),
    ("get", "/api/v1/cases"),
    ("get", "/api/v1/cases/{case_id}"),
    ("get", "/api/v1/sessions"),
    ("post", "/api/v1/sessions"),
    ("get", "/api/v1/sessions/{session_id}"),
    ("post", "/api/v1/sessions/{session_id}/pause"),
    ("post", "/api/v1/sessions/{session_id}/resume"),
    ("post", "/api/v1/sessions/{session_id}/step"),
    ("post", "/api/v1/sessions/{session_id}/retry"),
    ("post", "/api/v1/sessions/{session_id}/results"),
    ("get", "/api/v1/sessions/{session_id}/turns"),
    ("get", "/api/v1/sessions/{session_id}/events"),
    ("get", "/api/v1/sessions/{session_id}/metrics"),
    ("get", "/api/v1/sessions/{session_id}/reviews"),
    ("post", "/api/v1/sessions/{session_id}/reviews"),
    ("get", "/api/v1/sessions/{session_id}/transcript"),
}


@pytest.fixture
def schema() -> dict:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_valid_openapi_3_1(schema):
    from schemathesis.specs.openapi.definitions import OPENAPI_31

    assert schema["openapi"].startswith("3.1")
    jsonschema.Draft202012Validator(OPENAPI_31).validate(schema)
    for component in schema["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(component)


def test_the_schema_lists_every_route_and_each_one_its_errors(schema):
    listed = {(m, p) for p, ops in schema["paths"].items() for m in ops}
    assert listed == ROUTES
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            assert {"401", "403", "404", "422", "429"} <= set(op["responses"]), (method, path)
            assert op["security"], (method, path)


def test_every_api_url_is_in_the_schema(schema):
    from diagnosis.api.api import api

    patterns, _, _ = api.urls
    own = {"openapi-json", "openapi-view", "api-root"}  # the schema, the docs, ninja's root
    routes = {
        "/api/v1/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(p.pattern))
        for p in patterns
        if p.name not in own
    }
    assert routes == set(schema["paths"])


def test_the_schema_names_both_ways_to_sign_in(schema):
    schemes = schema["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
    assert any(s.get("scheme") == "bearer" for s in schemes.values())


def test_the_docs_page_loads_only_our_own_files(db):
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls, html
    for url in urls:
        assert url.startswith("/static/"), url
        assert finders.find(url.removeprefix("/static/")), url
    assert not re.search(r"https?://", html)
    assert '"validatorUrl": null' in html  # Swagger UI's online validator badge is off
