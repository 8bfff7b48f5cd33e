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
    if on_postgres():
        _flush_past_truncate_guard()


# Migration 0005 refuses TRUNCATE on the event and audit tables, and Django's flush (between
# transactional tests) truncates. The test database's owner may switch the guard off around its
# own flush, as any table owner can (docs/audit.md): production's app role owns no table.
TRUNCATE_GUARDED = (
    "diagnosis_sessionevent",
    "diagnosis_signedcheckpoint",
    "diagnosis_auditlogentry",
)


def _flush_past_truncate_guard() -> None:
    from django.db.backends.postgresql.operations import DatabaseOperations

    original = DatabaseOperations.sql_flush
    if getattr(original, "medaction_guarded", False):
        return

    def sql_flush(self, style, tables, **kwargs):  # type: ignore[no-untyped-def]
        statements = original(self, style, tables, **kwargs)
        guarded = [table for table in TRUNCATE_GUARDED if table in tables]
        if not statements or not guarded:
            return statements
        return [
            *(f"ALTER TABLE {t} DISABLE TRIGGER {t}_no_truncate;" for t in guarded),
            *statements,
            *(f"ALTER TABLE {t} ENABLE TRIGGER {t}_no_truncate;" for t in guarded),
        ]

    sql_flush.medaction_guarded = True  # type: ignore[attr-defined]
    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]


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
