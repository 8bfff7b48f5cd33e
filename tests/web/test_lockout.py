"""Failed sign-ins lock an address for a while; the counter lives in the shared cache (Redis when
REDIS_URL is set), so a restart or a second web process does not unlock it; a locked-out user is
told when the lock lifts, even with the right password."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent
PASSWORD = "correct-horse-battery"


@pytest.fixture
def locked_user(make_user):
    """A user of their own (other tests' counters stay apart); the counters cleared afterwards."""
    user = make_user(f"lock-{uuid.uuid4().hex[:10]}", "clinician")
    yield user
    _clear_counters(user.email)


def _clear_counters(email: str) -> None:
    from allauth.account.adapter import get_adapter
    from allauth.core.internal import ratelimit

    request = RequestFactory().post("/accounts/login/")
    key = get_adapter(request)._get_login_attempts_cache_key(request, email=email)
    ratelimit.clear(request, app="allauth.account", action="login_failed", key=key)


def _counter_keys(email: str) -> list[str]:
    from allauth.account.adapter import get_adapter
    from allauth.core.internal import ratelimit

    request = RequestFactory().post("/accounts/login/")
    key = get_adapter(request)._get_login_attempts_cache_key(request, email=email)
    rates = ratelimit.get_rates(app="allauth.account", action="login_failed")
    return [
        ratelimit.get_cache_key(
            request, app="allauth.account", action="login_failed", rate=rate, key=key
        )
        for rate in rates
        if rate.per == "key"
    ]


def _fail(client, email: str, times: int) -> None:
    for _ in range(times):
        response = client.post(reverse("account_login"), {"login": email, "password": "wrong"})
        assert response.status_code == 200


def test_a_correct_password_during_a_lockout_says_when_it_lifts(client, locked_user):
    _fail(client, locked_user.email, 5)
    response = client.post(
        reverse("account_login"), {"login": locked_user.email, "password": PASSWORD}
    )
    text = response.content.decode()
    assert response.status_code == 200
    match = re.search(r"Too many failed attempts: try again in (\d+) minutes?", text)
    assert match, text
    assert 1 <= int(match.group(1)) <= 5  # the default window is five minutes
    assert client.get(reverse("dashboard")).status_code == 302  # still not signed in


def test_the_lockout_counter_lives_in_the_shared_cache(settings):
    from django.conf import settings as live

    backend = live.CACHES["default"]["BACKEND"]
    if os.environ.get("REDIS_URL"):
        assert backend == "django.core.cache.backends.redis.RedisCache"
    else:
        assert backend == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.redis
def test_the_lockout_survives_a_restart_and_is_seen_by_a_second_process(client, locked_user):
    _fail(client, locked_user.email, 5)
    keys = _counter_keys(locked_user.email)
    assert keys and all(len(cache.get(k) or []) == 5 for k in keys)
    cache.close()  # this process's client goes; a "restarted" one reads the same counter
    from django.core.cache import caches

    del caches["default"]
    assert all(len(caches["default"].get(k) or []) == 5 for k in keys)

    code = (
        "import sys, django; django.setup(); from django.core.cache import cache; "
        "print(','.join(str(len(cache.get(k) or [])) for k in sys.argv[1:]))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "webapp.settings",
        "MEDACTION_VAR_DIR": os.environ.get("MEDACTION_VAR_DIR", "/tmp"),
    }
    from django.conf import settings as live

    env["MEDACTION_CACHE_PREFIX"] = live.CACHES["default"].get("KEY_PREFIX", "")
    result = subprocess.run(
        [sys.executable, "-c", code, *keys],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ",".join("5" for _ in keys)
