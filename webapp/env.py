"""Environment parsing for settings: every bad value stops start-up naming its variable."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "", environ: Mapping[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ
    return environ.get(name, default)


def env_bool(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    environ = os.environ if environ is None else environ
    if name not in environ:
        return default
    raw = environ[name].strip().lower()
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of true/false/1/0/yes/no/on/off, got {environ[name]!r}"
    )


def env_int(
    name: str, default: int, environ: Mapping[str, str] | None = None, *, minimum: int | None = None
) -> int:
    environ = os.environ if environ is None else environ
    if name not in environ or environ[name].strip() == "":
        return default
    try:
        value = int(environ[name].strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {environ[name]!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value}")
    return value


def env_float(name: str, default: float, environ: Mapping[str, str] | None = None) -> float:
    environ = os.environ if environ is None else environ
    if name not in environ or environ[name].strip() == "":
        return default
    try:
        return float(environ[name].strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, got {environ[name]!r}") from None


def env_list(name: str, default: list[str], environ: Mapping[str, str] | None = None) -> list[str]:
    environ = os.environ if environ is None else environ
    if name not in environ:
        return list(default)
    return [item.strip() for item in environ[name].split(",") if item.strip()]


def env_choice(
    name: str, default: str, choices: tuple[str, ...], environ: Mapping[str, str] | None = None
) -> str:
    environ = os.environ if environ is None else environ
    value = environ.get(name, default).strip().lower() or default
    if value not in choices:
        raise ImproperlyConfigured(
            f"{name} must be one of {', '.join(choices)}, got {environ[name]!r}"
        )
    return value


def env_secret(name: str, default: str, environ: Mapping[str, str] | None = None) -> str:
    """A secret from NAME, or from the file named by NAME_FILE (Docker/Kubernetes secrets)."""
    environ = os.environ if environ is None else environ
    file_var = f"{name}_FILE"
    if environ.get(file_var):
        path = Path(environ[file_var])
        try:
            value = path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(
                f"{file_var} points at {path}, which cannot be read: {exc.strerror}"
            ) from None
        if not value:
            raise ImproperlyConfigured(f"{file_var} points at {path}, which is empty")
        return value
    return environ.get(name, default)


def parse_database_url(url: str, *, name: str = "DATABASE_URL") -> dict[str, object]:
    """postgres://user:pass@host:port/db?sslmode=require → Django DATABASES entry (psycopg 3)."""
    parsed = urlparse(url)
    if parsed.scheme in ("postgres", "postgresql", "pgsql"):
        db_name = unquote(parsed.path.lstrip("/"))
        if not db_name:
            raise ImproperlyConfigured(
                f"{name} must name a database, e.g. postgres://user@host:5432/medaction"
            )
        try:
            port = parsed.port
        except ValueError:
            raise ImproperlyConfigured(f"{name} has an invalid port") from None
        options: dict[str, object] = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": db_name,
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    if parsed.scheme == "sqlite":
        path = url[len("sqlite:///") :] if url.startswith("sqlite:///") else ""
        if not path:
            raise ImproperlyConfigured(
                f"{name} for SQLite must look like sqlite:////absolute/path.sqlite3"
            )
        return sqlite_database(Path(path))
    raise ImproperlyConfigured(
        f"{name} must start with postgres:// or sqlite:///, got scheme {parsed.scheme!r}"
    )


def sqlite_database(path: Path) -> dict[str, object]:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        # WAL + IMMEDIATE transactions let the embedded worker threads write while pages read.
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
        "TEST": {"NAME": str(path.with_name("test-" + path.name))},
    }


def parse_redis_url(url: str, *, name: str = "REDIS_URL") -> str:
    parsed = urlparse(url)
    if parsed.scheme not in ("redis", "rediss", "unix"):
        raise ImproperlyConfigured(
            f"{name} must start with redis://, rediss:// or unix://, got {url!r}"
        )
    if parsed.scheme != "unix" and not parsed.hostname:
        raise ImproperlyConfigured(f"{name} must name a host, got {url!r}")
    return url


def redis_url_with_db(url: str, db: int) -> str:
    """Same server, another logical database (broker and channel layer kept apart)."""
    parsed = urlparse(url)
    return parsed._replace(path=f"/{db}").geturl()


def parse_endpoints(raw: list[str], *, name: str = "VLLM_ENDPOINTS") -> list[str]:
    endpoints = []
    for item in raw:
        parsed = urlparse(item)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ImproperlyConfigured(f"{name} entries must be http(s) base URLs, got {item!r}")
        endpoints.append(item.rstrip("/"))
    return endpoints
