"""Rate limits: requests per token, refused tokens per client address (429 with Retry-After,
counted in the shared cache), and the sign-in limits allauth enforces."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.test import Client

from tests.api.conftest import ApiClient, assert_error, token_for

pytestmark = pytest.mark.django_db


def test_a_token_over_its_rate_gets_429_with_retry_after(personas, settings):
    settings.MEDACTION_API_TOKEN_RATE = "3/m"
    api = ApiClient(token_for(personas["owner"]))
    assert [api.get("/me").status_code for _ in range(3)] == [200, 200, 200]
    response = api.get("/me")
    assert_error(response, 429, "rate_limited")
    assert 1 <= int(response["Retry-After"]) <= 60
    # Another token of the same user has its own counter.
    assert ApiClient(token_for(personas["owner"], "second")).get("/me").status_code == 200


def test_refused_tokens_from_one_address_get_429_even_with_a_good_token(personas, settings):
    settings.MEDACTION_API_FAILED_TOKEN_RATE = "3/m"
    good = token_for(personas["owner"])
    here, there = Client(REMOTE_ADDR="10.0.0.7"), Client(REMOTE_ADDR="10.0.0.8")
    for n in range(3):
        bad = {"Authorization": f"Bearer mda_0000000{n}_guess"}
        assert_error(here.get("/api/v1/cases", headers=bad), 401)
    response = here.get("/api/v1/cases", headers={"Authorization": f"Bearer {good}"})
    assert_error(response, 429, "rate_limited")
    assert int(response["Retry-After"]) >= 1
    # Another address is not held back.
    assert (
        there.get("/api/v1/cases", headers={"Authorization": f"Bearer {good}"}).status_code == 200
    )


def test_good_tokens_do_not_count_as_refused(personas, settings):
    settings.MEDACTION_API_FAILED_TOKEN_RATE = "2/m"
    api = ApiClient(token_for(personas["owner"]))
    assert all(api.get("/me").status_code == 200 for _ in range(5))


def test_sign_in_failures_are_limited_by_allauth():
    # What docs/api.md shows: 10 a minute per address, 5 in 5 minutes per account.
    assert django_settings.ACCOUNT_RATE_LIMITS["login_failed"] == "10/m/ip,5/5m/key"


def test_a_malformed_rate_setting_fails_loudly():
    from django.core.exceptions import ImproperlyConfigured

    from diagnosis.api.ratelimit import parse_rate

    assert parse_rate("20/5m").seconds == 300
    with pytest.raises(ImproperlyConfigured):
        parse_rate("lots")
