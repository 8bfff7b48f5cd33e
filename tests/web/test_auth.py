"""Sign-in with email and password; sign-up closed by default; TOTP two-factor available."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def totp(secret_b32: str, at: float | None = None) -> str:
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    counter = int((at or time.time()) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


def test_a_user_signs_in_with_email_and_password(client, make_user):
    make_user("alice", "clinician")
    response = client.post(
        reverse("account_login"),
        {"login": "alice@example.org", "password": "correct-horse-battery"},
    )
    assert response.status_code == 302 and response.url == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_wrong_password_is_refused_with_a_message(client, make_user):
    make_user("alice", "clinician")
    response = client.post(
        reverse("account_login"), {"login": "alice@example.org", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "not correct" in response.content.decode().lower()
    assert client.get(reverse("dashboard")).status_code == 302


def test_sign_up_is_closed_unless_enabled(client, settings):
    response = client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": "x" * 12, "password2": "x" * 12},
    )
    assert "closed" in response.content.decode().lower()
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(email="new@example.org").exists()


def test_totp_two_factor_can_be_turned_on_and_is_then_required(client, make_user):
    make_user("alice", "clinician")
    client.post(
        reverse("account_login"),
        {"login": "alice@example.org", "password": "correct-horse-battery"},
    )
    page = client.get(reverse("mfa_activate_totp"))
    if (
        page.status_code == 302 and "reauthenticate" in page.url
    ):  # allauth asks for the password again
        client.post(reverse("account_reauthenticate"), {"password": "correct-horse-battery"})
        page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp(secret)})
    assert response.status_code == 302
    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": "alice@example.org", "password": "correct-horse-battery"},
    )
    assert response.status_code == 302 and response.url == reverse("mfa_authenticate")
    assert (
        client.get(reverse("dashboard")).status_code == 302
    )  # not signed in until the code is given
    client.post(reverse("mfa_authenticate"), {"code": totp(secret)})
    assert client.get(reverse("dashboard")).status_code == 200
