"""A 404 or a 500 is the product's own page, also with DEBUG on (the embedded default), unless
MEDACTION_DEBUG_PAGES asks for Django's debug pages."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import path

from webapp import urls as product

# The product's URLconf with one crashing view added (handlers as the product names them).
handler404 = getattr(product, "handler404", "django.views.defaults.page_not_found")
handler500 = getattr(product, "handler500", "django.views.defaults.server_error")

pytestmark = pytest.mark.django_db


def _boom(request):  # type: ignore[no-untyped-def]
    raise RuntimeError("secret-internal-detail")


urlpatterns = [path("boom/", _boom), *product.urlpatterns]

DEBUG_PAGE_MARKS = ("Using the URLconf", "Traceback", "secret-internal-detail", "technical")


@pytest.fixture
def browser(make_user, settings):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    client.force_login(make_user("alice", "clinician"))
    return client


def _is_product_page(response, heading: str) -> None:
    text = response.content.decode()
    assert f"<h1>{heading}</h1>" in text, text[:500]
    assert "MedAction" in text
    for mark in DEBUG_PAGE_MARKS:
        assert mark not in text


@pytest.mark.parametrize("debug", [True, False])
def test_an_unknown_address_is_the_products_not_found_page(browser, settings, debug):
    settings.DEBUG = debug
    response = browser.get("/no/such/page/")
    assert response.status_code == 404
    _is_product_page(response, "Not found")


@pytest.mark.parametrize("debug", [True, False])
def test_a_missing_session_is_the_products_not_found_page(browser, settings, debug):
    settings.DEBUG = debug
    response = browser.get("/sessions/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404
    _is_product_page(response, "Not found")


@pytest.mark.parametrize("debug", [True, False])
def test_a_crash_is_the_products_error_page(browser, settings, debug):
    settings.DEBUG = debug
    response = browser.get("/boom/")
    assert response.status_code == 500
    _is_product_page(response, "Something went wrong")


def test_debug_pages_can_be_asked_for(browser, settings):
    settings.DEBUG = True
    settings.MEDACTION_DEBUG_PAGES = True
    response = browser.get("/no/such/page/")
    assert response.status_code == 404
    assert "Using the URLconf" in response.content.decode()
