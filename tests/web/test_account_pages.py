"""What a new user sees of their account: an Account menu (email, password, two-factor, sign
out), account pages in the product's layout, and an admin Add user form that asks for the email
sign-in needs."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, make_user):
    client.force_login(make_user("alice", "clinician"))
    return client


def test_every_page_has_an_account_menu_with_email_password_two_factor_and_sign_out(signed_in):
    text = signed_in.get(reverse("dashboard")).content.decode()
    menu = re.search(r'<details class="account-menu".*?</details>', text, re.S)
    assert menu, "no Account menu"
    menu_text = menu.group(0)
    assert ">Account<" in menu_text
    for name in ("account_email", "account_change_password", "mfa_index"):
        assert f'href="{reverse(name)}"' in menu_text, name
    assert "Two-factor authentication" in menu_text
    assert f'action="{reverse("account_logout")}"' in menu_text and "Sign out" in menu_text


@pytest.mark.parametrize(
    "name", ["account_email", "account_change_password", "mfa_index", "account_logout"]
)
def test_account_pages_use_the_products_layout(signed_in, name):
    response = signed_in.get(reverse(name))
    assert response.status_code == 200
    text = response.content.decode()
    assert "css/medaction.css" in text and 'class="topbar"' in text
    assert 'class="card account-page"' in text  # the account page frame
    assert re.search(r'<(button|a)[^>]*class="btn', text), "buttons carry the product's style"


def test_the_password_change_form_fields_are_styled(signed_in):
    text = signed_in.get(reverse("account_change_password")).content.decode()
    assert '<div class="field">' in text
    assert 'id="id_oldpassword"' in text


def test_the_admins_add_user_form_asks_for_a_required_email(client, make_user):
    admin = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = reverse("admin:auth_user_add")
    page = client.get(url).content.decode()
    assert re.search(r'<input[^>]*name="email"[^>]*required', page), "no required email field"
    password = "a-long-enough-pass-42"
    data = {
        "username": "newbie",
        "password1": password,
        "password2": password,
        "usable_password": "true",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert not get_user_model().objects.filter(username="newbie").exists()
    client.post(url, {**data, "email": "newbie@example.org"})
    user = get_user_model().objects.get(username="newbie")
    assert user.email == "newbie@example.org"
    client.logout()
    signed = client.post(
        reverse("account_login"), {"login": "newbie@example.org", "password": password}
    )
    assert signed.status_code == 302  # the new user can sign in with that email
