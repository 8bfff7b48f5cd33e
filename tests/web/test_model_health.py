"""The model-server health page: an empty state with no endpoint, a down endpoint shown
unhealthy with its error (never a 500), 403 for a clinician, and the link on the admin index."""

from __future__ import annotations

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
