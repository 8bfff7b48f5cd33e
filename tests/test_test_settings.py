"""The suite's own settings (webapp.settings_test) and its synchronous turn dispatcher."""

from __future__ import annotations

import os
import threading

import pytest
from django.conf import settings

from diagnosis.models import SessionStatus, TurnStatus
from diagnosis.sessions import services


def test_the_suite_runs_on_the_test_settings():
    assert os.environ["DJANGO_SETTINGS_MODULE"] == "webapp.settings_test"
    assert settings.MEDACTION_TEST_SETTINGS is True
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.MD5PasswordHasher"
    assert settings.MEDACTION_EXTRA_POLICIES["scripted"] == "tests.doubles.ScriptedPolicy"
    assert settings.MEDACTION_DISPATCHER == "tests.doubles.SyncDispatcher"


def test_subprocess_servers_and_workers_run_on_the_production_settings(monkeypatch):
    """A Celery worker or ASGI server started by a test runs the real dispatchers, configured by
    the environment like production, not the in-thread test dispatcher."""
    from tests import workers

    monkeypatch.setattr(workers, "database_url_for_subprocess", lambda: "postgres://u@h:5432/d")
    assert os.environ["DJANGO_SETTINGS_MODULE"] == "webapp.settings_test"
    env = workers.subprocess_env(
        {"MEDACTION_EXTRA_POLICIES": "scripted=tests.doubles.ScriptedPolicy"}
    )
    assert env["DJANGO_SETTINGS_MODULE"] == "webapp.settings"
    assert env["MEDACTION_DISPATCH"] == "celery"


@pytest.mark.django_db(transaction=True)
def test_a_started_session_has_run_to_its_end_when_the_service_returns(personas, case, monkeypatch):
    """Turns run on commit in the caller's thread, one after another: the turn a completing turn
    dispatches is queued and run when that one has returned, never inside it."""
    from diagnosis.sessions import runner

    real_run = runner.turn_run
    depth, calls = [0], []

    def counting_run(turn_id: int) -> str:
        depth[0] += 1
        calls.append((turn_id, depth[0], threading.current_thread() is threading.main_thread()))
        try:
            return real_run(turn_id)
        finally:
            depth[0] -= 1

    monkeypatch.setattr(runner, "turn_run", counting_run)
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )
    session.refresh_from_db()
    assert session.status == SessionStatus.COMPLETED
    assert [t.status for t in session.turns.all()] == [TurnStatus.COMPLETED] * 2
    assert [(depth_, main) for _id, depth_, main in calls] == [(1, True), (1, True)]
