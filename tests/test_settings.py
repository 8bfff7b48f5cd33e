"""Settings come from the environment; a bad value stops start-up naming its variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "DEBUG",
            "SECRET_KEY",
            "SECRET_KEY_FILE",
            "MEDACTION_DISPATCH",
            "VLLM_ENDPOINTS",
            "MEDACTION_CHANNEL_LAYER",
            "MEDACTION_DATA_DIR",
            "CSRF_TRUSTED_ORIGINS",
            "MEDACTION_EXTRA_POLICIES",
        }
    }
    clean.update(
        {"MEDACTION_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "webapp.settings", **env}
    )
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CHANNEL_LAYERS['default']['BACKEND'], "
        "s.MEDACTION_DISPATCHER)"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_works_with_nothing_set(tmp_path):
    result = load_settings(tmp_path)
    assert result.returncode == 0, result.stderr
    assert (
        "sqlite3 channels.layers.InMemoryChannelLayer inference.dispatch.InProcessDispatcher"
        in result.stdout
    )


def test_it_uses_postgres_redis_pubsub_and_celery_when_configured(tmp_path):
    result = load_settings(
        tmp_path,
        DATABASE_URL="postgres://u:p@db.example:5432/medaction",
        REDIS_URL="redis://cache.example:6379/0",
        MEDACTION_DISPATCH="celery",
    )
    assert result.returncode == 0, result.stderr
    assert (
        "postgresql channels_redis.pubsub.RedisPubSubChannelLayer "
        "inference.dispatch.CeleryDispatcher" in result.stdout
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"DATABASE_URL": "mysql://x@y/z"}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgres://u@host:notaport/db"}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgres://u@host:5432/"}, "DATABASE_URL"),
        ({"REDIS_URL": "http://localhost:6379"}, "REDIS_URL"),
        ({"MEDACTION_DISPATCH": "celery"}, "MEDACTION_DISPATCH"),
        ({"MEDACTION_DISPATCH": "kafka"}, "MEDACTION_DISPATCH"),
        ({"VLLM_ENDPOINTS": "localhost:8000"}, "VLLM_ENDPOINTS"),
        ({"MEDACTION_MAX_TURNS": "eight"}, "MEDACTION_MAX_TURNS"),
        ({"MEDACTION_MAX_TURNS": "0"}, "MEDACTION_MAX_TURNS"),
        ({"CSRF_TRUSTED_ORIGINS": "medaction.example"}, "CSRF_TRUSTED_ORIGINS"),
        ({"SECRET_KEY_FILE": "/nonexistent/secret"}, "SECRET_KEY_FILE"),
        ({"MEDACTION_DATA_DIR": "/nonexistent/data"}, "MEDACTION_DATA_DIR"),
        ({"MEDACTION_EXTRA_POLICIES": "nonsense"}, "MEDACTION_EXTRA_POLICIES"),
    ],
)
def test_a_malformed_value_stops_start_up_naming_the_variable(tmp_path, env, named):
    result = load_settings(tmp_path, **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and named in result.stderr


def test_secret_key_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s3cr3t-from-file\n")
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL", "REDIS_URL"}
    }
    clean.update(
        {
            "MEDACTION_VAR_DIR": str(tmp_path),
            "SECRET_KEY_FILE": str(secret),
            "DJANGO_SETTINGS_MODULE": "webapp.settings",
        }
    )
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.SECRET_KEY)",
        ],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.stdout.strip() == "s3cr3t-from-file"


def _check_deploy(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "MEDACTION_DISPATCH"}
    }
    clean.update(
        {
            "MEDACTION_VAR_DIR": str(tmp_path),
            "DEBUG": "false",
            # The production settings, not the suite's webapp.settings_test inherited from pytest.
            "DJANGO_SETTINGS_MODULE": "webapp.settings",
            **env,
        }
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_deploy_check_refuses_production_on_embedded_backends(tmp_path):
    result = _check_deploy(tmp_path)
    assert result.returncode != 0
    for code in ("medaction.E001", "medaction.E002", "medaction.E003", "medaction.E004"):
        assert code in result.stderr


def test_deploy_check_passes_with_production_variables(tmp_path):
    result = _check_deploy(
        tmp_path,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/medaction",
        REDIS_URL="redis://127.0.0.1:6379/0",
        MEDACTION_DISPATCH="celery",
        SECRET_KEY="a-production-secret-key-that-is-long-and-random-1234567890abcdef",
        ALLOWED_HOSTS="medaction.example",
        CSRF_TRUSTED_ORIGINS="https://medaction.example",
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_a_worker_shortens_the_gil_switch_interval_as_configured(settings):
    import sys

    from webapp.celery import _set_switch_interval

    original = sys.getswitchinterval()
    try:
        settings.MEDACTION_WORKER_SWITCH_INTERVAL_MS = 1.0
        _set_switch_interval()
        assert sys.getswitchinterval() == pytest.approx(0.001)
        sys.setswitchinterval(original)
        settings.MEDACTION_WORKER_SWITCH_INTERVAL_MS = 0  # 0: leave Python's default alone
        _set_switch_interval()
        assert sys.getswitchinterval() == original
    finally:
        sys.setswitchinterval(original)
