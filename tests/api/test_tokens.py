"""Personal API tokens: shown once, hashed at rest, refused when revoked or expired, and the
Account → API tokens page that makes and revokes them."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.test import Client
from django.utils import timezone

from diagnosis.accounts import tokens
from diagnosis.accounts.models import ApiToken
from tests.api.conftest import ApiClient, assert_error

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_the_page_shows_a_new_token_once_and_keeps_only_its_hash(personas):
    alice = personas["owner"]
    client = _signed_in(alice)
    response = client.post("/account/api-tokens/", {"name": "ward script", "expires": "30"})
    assert response.status_code == 201
    assert response["Cache-Control"] == "no-store"
    secret = response.context["created"].secret
    assert secret.startswith("mda_") and secret in response.content.decode()
    # Stored: the prefix and the SHA-256 of the whole token, never the token or its secret part.
    row = ApiToken.objects.get(user=alice)
    assert row.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(row.prefix + "_")
    stored = " ".join(str(v) for v in ApiToken.objects.filter(pk=row.pk).values().first().values())
    assert secret[len(row.prefix) + 1 :] not in stored
    assert row.expires_at is not None and row.expires_at > timezone.now() + dt.timedelta(days=29)
    # Listed afterwards by name and prefix only.
    page = client.get("/account/api-tokens/").content.decode()
    assert "ward script" in page and row.prefix in page and secret not in page
    # And it works.
    assert ApiClient(secret).get("/me").json()["username"] == "alice"


def test_the_page_refuses_a_token_without_a_name(personas):
    response = _signed_in(personas["owner"]).post("/account/api-tokens/", {"name": " "})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_the_account_menu_links_to_the_token_page(personas):
    page = _signed_in(personas["owner"]).get("/").content.decode()
    assert 'href="/account/api-tokens/"' in page


def test_the_token_page_needs_a_sign_in():
    response = Client().get("/account/api-tokens/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_revoked_token_is_refused(personas):
    alice = personas["owner"]
    created = tokens.token_create(user=alice, name="old script")
    api = ApiClient(created.secret)
    assert api.get("/cases").status_code == 200
    response = _signed_in(alice).post(f"/account/api-tokens/{created.token.pk}/revoke/")
    assert response.status_code == 302
    error = assert_error(api.get("/cases"), 401, "unauthenticated")
    assert "revoked" in error["message"]
    assert 'data-state="revoked"' in _signed_in(alice).get("/account/api-tokens/").content.decode()


def test_nobody_revokes_another_users_token(personas):
    created = tokens.token_create(user=personas["owner"], name="alice's")
    response = _signed_in(personas["other_clinician"]).post(
        f"/account/api-tokens/{created.token.pk}/revoke/"
    )
    assert response.status_code == 404
    created.token.refresh_from_db()
    assert created.token.revoked_at is None
    assert ApiClient(created.secret).get("/cases").status_code == 200


def test_an_expired_token_is_refused(personas):
    created = tokens.token_create(user=personas["owner"], name="short", expires_in_days=1)
    ApiToken.objects.filter(pk=created.token.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    error = assert_error(ApiClient(created.secret).get("/cases"), 401)
    assert "expired" in error["message"]


def test_a_token_of_a_deactivated_user_is_refused(personas):
    created = tokens.token_create(user=personas["owner"], name="x")
    personas["owner"].is_active = False
    personas["owner"].save()
    assert_error(ApiClient(created.secret).get("/cases"), 401)


@pytest.mark.parametrize(
    "header",
    [
        "Bearer mda_00000000_notarealtoken",
        "Bearer nonsense",
        "Bearer ",
        "Bearer " + "x" * 5000,
    ],
)
def test_a_wrong_token_is_a_401_in_json(personas, header):
    tokens.token_create(user=personas["owner"], name="real")
    response = Client().get("/api/v1/cases", headers={"Authorization": header})
    assert_error(response, 401, "unauthenticated")
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_tampered_token_with_a_real_prefix_is_refused(personas):
    secret = tokens.token_create(user=personas["owner"], name="real").secret
    forged = secret[:-1] + ("A" if secret[-1] != "A" else "B")
    assert_error(ApiClient(forged).get("/cases"), 401)


def test_no_credentials_is_a_401(db):
    assert_error(Client().get("/api/v1/cases"), 401, "unauthenticated")


def test_use_is_recorded(personas):
    created = tokens.token_create(user=personas["owner"], name="x")
    assert created.token.last_used_at is None
    ApiClient(created.secret).get("/me")
    created.token.refresh_from_db()
    assert created.token.last_used_at is not None


def test_the_browser_sign_in_works_and_unsafe_methods_need_csrf(personas, case):
    from diagnosis.models import DiagnosticSession

    client = Client(enforce_csrf_checks=True)
    client.force_login(personas["owner"])
    me = client.get("/api/v1/me").json()
    assert me["auth"] == "session" and me["roles"] == ["clinician"]
    body = {"mode": "simulated", "case_id": case.pk, "policy": "scripted"}
    response = client.post("/api/v1/sessions", body, content_type="application/json")
    assert_error(response, 403, "csrf_failed")
    assert not DiagnosticSession.objects.exists()
    client.get("/account/api-tokens/")  # any page sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    response = client.post(
        "/api/v1/sessions", body, content_type="application/json", headers={"X-CSRFToken": csrf}
    )
    assert response.status_code == 201
    assert DiagnosticSession.objects.filter(owner=personas["owner"]).count() == 1
