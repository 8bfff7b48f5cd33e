"""The model-server health page: an empty state with no endpoint, a down endpoint shown
unhealthy with its error (never a 500), 403 for a clinician, and the link on the admin index."""

from __future__ import annotations

import os
import re

import pytest
from django.test import Client

from inference.serving.pool import close_pools
from tests.workers import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(make_user):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(make_user("ada", "clinician", is_staff=True, is_superuser=True))
    return client


def test_no_endpoint_shows_the_empty_state(operator, settings):
    settings.VLLM_ENDPOINTS = []
    response = operator.get("/admin/health/")
    assert response.status_code == 200 and b"health-empty" in response.content


def test_a_down_endpoint_shows_unhealthy_with_its_error(operator, settings):
    settings.VLLM_ENDPOINTS = [f"http://127.0.0.1:{free_port()}"]
    settings.VLLM_CONNECT_TIMEOUT = 1.0
    try:
        response = operator.get("/admin/health/")
    finally:
        close_pools()
    body = response.content.decode()
    assert response.status_code == 200
    assert "<strong>unhealthy</strong>" in body and 'class="last-error"' in body, body[-2000:]


def test_a_clinician_is_refused_and_the_operator_sees_the_link(operator, make_user):
    clinician = Client()
    clinician.force_login(make_user("bob", "clinician"))
    assert clinician.get("/admin/health/").status_code == 403
    assert "model-health-link" in operator.get("/admin/").content.decode()


VLLM_ENDPOINT = os.environ.get("VLLM_TEST_ENDPOINT", "").rstrip("/")
VLLM_MODEL = os.environ.get("VLLM_TEST_MODEL", "smollm2-135m")


@pytest.mark.vllm
@pytest.mark.slow
@pytest.mark.skipif(not VLLM_ENDPOINT, reason="needs VLLM_TEST_ENDPOINT (a vLLM server)")
def test_an_operator_with_the_permission_sees_a_real_vllm_servers_figures(make_user, settings):
    """Against the REAL vLLM server: after a few multi-turn conversations, the page shows it
    healthy, the model it serves, its prefix-cache hit rate and its queue-time p50."""
    from django.contrib.auth.models import Permission

    from inference.jobs.bench.prefix_cache import measure

    measure(VLLM_ENDPOINT, VLLM_MODEL, sessions=1, turns=3)  # traffic for the counters
    settings.VLLM_ENDPOINTS = [VLLM_ENDPOINT]
    settings.VLLM_MODEL = VLLM_MODEL
    staff = make_user("olga", "clinician", is_staff=True)  # staff, not a superuser
    client = Client()
    client.force_login(staff)
    assert client.get("/admin/health/").status_code == 403  # staff alone is not enough
    staff.user_permissions.add(Permission.objects.get(codename="view_model_health"))
    try:
        body = client.get("/admin/health/").content.decode()
    finally:
        close_pools()
    row = body[body.index('<tr class="endpoint') :]
    assert "<strong>healthy</strong>" in row, row[:1500]
    assert VLLM_MODEL in row.split('class="models">', 1)[1].split("</td>", 1)[0]
    hit_rate = row.split('class="hit-rate">', 1)[1].split("</td>", 1)[0]
    assert re.match(r"\d+\.\d&nbsp;%", hit_rate) and float(hit_rate.split("&")[0]) > 0, hit_rate
    assert "ms" in row.split('class="queue-p50">', 1)[1].split("</td>", 1)[0]
