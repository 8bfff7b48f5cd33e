"""Account → API tokens in a real browser: create a token, see it once, use it from an HTTP
client, revoke it, see it refused; and the API's docs page loads nothing from outside."""

from __future__ import annotations

from urllib.parse import urlparse

import httpx
import pytest

from tests.factories import CaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_a_token_made_on_the_page_works_once_shown_and_stops_when_revoked(
    open_page, people, live_server_url
):
    case = CaseFactory(title="Tired and pale, API edition")
    page = open_page(people["alice"])
    page.get_by_text("Account", exact=True).click()
    page.get_by_role("link", name="API tokens").click()
    page.wait_for_url("**/account/api-tokens/")
    page.get_by_label("Token name").fill("ward script")
    page.get_by_role("button", name="Create token").click()
    token = page.get_by_label("New token", exact=True).input_value()
    assert token.startswith("mda_")
    assert "shown only this once" in page.locator("main").inner_text()

    # Shown once: the list page names it by prefix, never in full.
    page.goto("/account/api-tokens/")
    html = page.content()
    assert "ward script" in html and token[:12] in html and token not in html

    api = f"{live_server_url}/api/v1"
    headers = {"Authorization": f"Bearer {token}"}
    listed = httpx.get(f"{api}/cases", headers=headers, timeout=10)
    assert listed.status_code == 200
    assert case.title in [c["title"] for c in listed.json()["items"]]

    page.get_by_role("button", name="Revoke ward script").click()
    page.wait_for_selector('#token-list tr[data-state="revoked"]')
    assert "is revoked" in page.locator("main").inner_text()
    refused = httpx.get(f"{api}/cases", headers=headers, timeout=10)
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "unauthenticated"
    assert "revoked" in refused.json()["error"]["message"]
    assert page.errors == []  # type: ignore[attr-defined]


def test_the_api_docs_render_from_our_own_server_only(open_page, people, live_server_url):
    page = open_page(people["alice"])
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/api/v1/docs")
    page.locator(".swagger-ui .opblock").first.wait_for(timeout=30_000)
    assert page.locator(".swagger-ui .opblock").count() >= 15
    ours = urlparse(live_server_url).netloc
    outside = [u for u in requested if urlparse(u).scheme in ("http", "https")]
    outside = [u for u in outside if urlparse(u).netloc != ours]
    assert outside == [], outside
    assert any(u.endswith("/api/v1/openapi.json") for u in requested)
