"""Shared fixtures: personas, a demo case, and backend markers (settings: webapp.settings_test).

Postgres/Redis-only tests are skipped when DATABASE_URL/REDIS_URL are not set; under CI=true any
skipped test fails the run (CI must exercise every backend).
"""

from __future__ import annotations

import os

import pytest
from django.conf import settings


def pytest_configure(config):  # type: ignore[no-untyped-def]
    # pytest-django prefers a DJANGO_SETTINGS_MODULE from the environment over pyproject's.
    if not getattr(settings, "MEDACTION_TEST_SETTINGS", False):
        raise pytest.UsageError(
            "The tests run on webapp.settings_test (pyproject.toml); unset DJANGO_SETTINGS_MODULE "
            f"(it is {os.environ.get('DJANGO_SETTINGS_MODULE')!r})."
        )


def on_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    for item in items:
        if "postgres" in item.keywords and not on_postgres():
            item.add_marker(pytest.mark.skip(reason="needs DATABASE_URL (PostgreSQL)"))
        if "redis" in item.keywords and not os.environ.get("REDIS_URL"):
            item.add_marker(pytest.mark.skip(reason="needs REDIS_URL (Redis)"))


def pytest_sessionfinish(session, exitstatus):  # type: ignore[no-untyped-def]
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if os.environ.get("CI", "").lower() == "true" and reporter is not None:
        skipped = len(reporter.stats.get("skipped", []))
        if skipped and exitstatus == 0:
            reporter.write_line(
                f"CI=true: {skipped} test(s) were skipped; CI must run every test.", red=True
            )
            session.exitstatus = 1


@pytest.fixture
def make_user(db, django_user_model):  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import Group

    def make(username: str, *roles: str, **extra):  # type: ignore[no-untyped-def]
        user = django_user_model.objects.create_user(
            username=username,
            email=f"{username}@example.org",
            password="correct-horse-battery",
            **extra,
        )
        if roles:
            user.groups.set(Group.objects.filter(name__in=roles))
        return user

    return make


@pytest.fixture
def personas(make_user):  # type: ignore[no-untyped-def]
    return {
        "owner": make_user("alice", "clinician"),
        "other_clinician": make_user("bob", "clinician"),
        "reviewer": make_user("rita", "reviewer"),
        "curator": make_user("carl", "curator"),
        "auditor": make_user("audrey", "auditor"),
    }


@pytest.fixture
def case(db):  # type: ignore[no-untyped-def]
    from tests.factories import CaseFactory

    return CaseFactory()
