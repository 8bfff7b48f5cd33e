"""MedAction settings: one module, driven by environment variables, working with none set.

With nothing set you get the embedded defaults: a SQLite file under var/, the in-process channel
layer, in-process turn workers and the knowledge-graph policy. Production sets DATABASE_URL,
REDIS_URL, MEDACTION_DISPATCH=celery, SECRET_KEY(_FILE), DEBUG=false and VLLM_ENDPOINTS.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from webapp.env import (
    env_bool,
    env_choice,
    env_float,
    env_int,
    env_list,
    env_secret,
    env_str,
    parse_database_url,
    parse_endpoints,
    parse_redis_url,
    redis_url_with_db,
    sqlite_database,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("MEDACTION_VAR_DIR", str(BASE_DIR / "var")))

INSECURE_DEFAULT_SECRET_KEY = "django-insecure-medaction-embedded-default-do-not-deploy"
SECRET_KEY = env_secret("SECRET_KEY", INSECURE_DEFAULT_SECRET_KEY)
DEBUG = env_bool("DEBUG", True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
for _origin in CSRF_TRUSTED_ORIGINS:
    if not _origin.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            f"CSRF_TRUSTED_ORIGINS entries must start with http:// or https://, got {_origin!r}"
        )

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "diagnosis",
    "inference",
    "webapp.apps.WebappConfig",
    "ninja",  # the API's Swagger UI from ninja's own static files, not a CDN
]

MIDDLEWARE = [
    # Outermost: under /api/ every error answer is JSON in the API's shape (docs/api.md).
    "diagnosis.api.middleware.ApiErrorsMiddleware",
    # First: an over-long query string (414) or a NUL character (400) never reaches a view.
    "diagnosis.web.middleware.RequestLimitsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "diagnosis.web.middleware.LoginRequiredEverywhereMiddleware",
    "diagnosis.web.middleware.ProductErrorPagesMiddleware",
]
# Django's debug pages (tracebacks, settings, URL lists) for a 404/500 only when asked for: DEBUG
# is on by default (embedded), and a browser should see the product's own pages.
MEDACTION_DEBUG_PAGES = env_bool("MEDACTION_DEBUG_PAGES", False)

ROOT_URLCONF = "webapp.urls"
ASGI_APPLICATION = "webapp.asgi.application"
WSGI_APPLICATION = "webapp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "diagnosis.web.context_processors.roles",
            ],
            # The tag library lives with the rest of the web room, not at the app's top level.
            "libraries": {"medaction": "diagnosis.web.templatetags.medaction"},
        },
    },
]

# --- database -------------------------------------------------------------------------------
# DATABASE_URL, or DATABASE_URL_FILE naming a file that holds it (it carries the password).
if env_secret("DATABASE_URL", ""):
    DATABASES = {"default": parse_database_url(env_secret("DATABASE_URL", ""))}
else:
    DATABASES = {"default": sqlite_database(VAR_DIR / "medaction.sqlite3")}
# PostgreSQL connections come from a per-process psycopg pool (Django's "pool" option): a worker
# thread gives its connection back while the model streams (diagnosis.sessions.runner), so 64
# streaming turns in one worker hold a few connections, not 64. Off (0) by default until the
# pool has run the whole suite within CI's time: each thread then keeps its own connection for
# CONN_MAX_AGE seconds. With it on, a database that cannot be reached is reported only after
# MEDACTION_DB_POOL_TIMEOUT (the pool keeps trying), not at once.
MEDACTION_DB_POOL_MAX = env_int("MEDACTION_DB_POOL_MAX", 0, minimum=0)
MEDACTION_DB_POOL_TIMEOUT = env_float("MEDACTION_DB_POOL_TIMEOUT", 30.0)
_default_db: dict[str, Any] = DATABASES["default"]
if MEDACTION_DB_POOL_MAX and str(_default_db["ENGINE"]).endswith("postgresql"):
    _default_db["CONN_MAX_AGE"] = 0  # Django's pool refuses persistent connections
    _default_db["OPTIONS"]["pool"] = {
        "min_size": 1,
        "max_size": MEDACTION_DB_POOL_MAX,
        "timeout": MEDACTION_DB_POOL_TIMEOUT,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- channel layer, broker, dispatch ----------------------------------------------------------
REDIS_URL = parse_redis_url(env_str("REDIS_URL")) if env_str("REDIS_URL") else ""
CHANNEL_LAYER_BACKEND = env_choice(
    "MEDACTION_CHANNEL_LAYER", "pubsub" if REDIS_URL else "inmemory", ("inmemory", "pubsub", "core")
)
if CHANNEL_LAYER_BACKEND != "inmemory" and not REDIS_URL:
    raise ImproperlyConfigured("MEDACTION_CHANNEL_LAYER=pubsub/core needs REDIS_URL")
CHANNEL_LAYERS: dict[str, dict[str, Any]]
if CHANNEL_LAYER_BACKEND == "inmemory":
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
else:
    # The pubsub layer holds latency flat at 64 streams where the core layer queues and then
    # drops silently (../shared/notes/stack-latency.md). The Postgres event log stays the truth.
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer"
            if CHANNEL_LAYER_BACKEND == "pubsub"
            else "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [redis_url_with_db(REDIS_URL, env_int("REDIS_CHANNEL_DB", 1, minimum=0))],
                # Redis pub/sub channels ignore the database number: deployments (or test runs)
                # sharing one Redis keep apart by prefix.
                "prefix": env_str("MEDACTION_CHANNEL_PREFIX", "asgi"),
            },
        }
    }

# --- cache ---------------------------------------------------------------------------------------
# Shared state that must outlive a web process and be the same in every one: allauth's sign-in
# lockout counters (ACCOUNT_RATE_LIMITS) and the model servers' health. Redis (a database of its
# own, REDIS_CACHE_DB) when REDIS_URL is set; the process's memory otherwise (embedded: one
# process).
MEDACTION_CACHE_PREFIX = env_str("MEDACTION_CACHE_PREFIX", "medaction")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url_with_db(REDIS_URL, env_int("REDIS_CACHE_DB", 2, minimum=0)),
            "KEY_PREFIX": MEDACTION_CACHE_PREFIX,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "medaction",
            "KEY_PREFIX": MEDACTION_CACHE_PREFIX,
        }
    }

TURN_DISPATCH = env_choice("MEDACTION_DISPATCH", "inprocess", ("inprocess", "celery"))
if TURN_DISPATCH == "celery" and not REDIS_URL:
    raise ImproperlyConfigured("MEDACTION_DISPATCH=celery needs REDIS_URL (the Celery broker)")
MEDACTION_DISPATCHER = {
    "inprocess": "inference.dispatch.InProcessDispatcher",
    "celery": "inference.dispatch.CeleryDispatcher",
}[TURN_DISPATCH]
# A distillation run started from the Distill page (docs/distillation.md): the job the
# dispatcher runs, and where its files go.
MEDACTION_DISTILLATION_JOB = "inference.jobs.distillation.record.distillation_execute"
MEDACTION_DISTILLATION_DIR = VAR_DIR / "distillations"
MEDACTION_INPROCESS_WORKERS = env_int("MEDACTION_INPROCESS_WORKERS", 4, minimum=1)
# Benchmark runs: each case goes to a worker through this launcher (inference/jobs/runs.py): the
# Celery batch queue with MEDACTION_DISPATCH=celery, else a thread pool of its own in this process
# (MEDACTION_BATCH_WORKERS threads, apart from the interactive turn threads).
MEDACTION_BENCHMARK_LAUNCHER = "inference.jobs.runs.launch"
MEDACTION_BATCH_WORKERS = env_int("MEDACTION_BATCH_WORKERS", 2, minimum=1)
# The admin's model-server health page (/admin/health/) gets its report from this callable
# (inference/health.py: probes VLLM_ENDPOINTS through the pool, reads each server's /metrics).
MEDACTION_HEALTH_PROVIDER = "inference.health.health_report"
# diagnosis/ finds policies through this registry; it never imports inference/ itself.
MEDACTION_POLICY_REGISTRY = "inference.policies.registry"
# Extra policies, "key=dotted.path.Factory,key2=…" (plugins; the tests register a scripted one).
MEDACTION_EXTRA_POLICIES: dict[str, str] = {}
for _item in env_list("MEDACTION_EXTRA_POLICIES", []):
    _key, _sep, _path = _item.partition("=")
    if not _sep or not _key.strip() or "." not in _path:
        raise ImproperlyConfigured(
            "MEDACTION_EXTRA_POLICIES entries must look like key=package.module.Factory, "
            f"got {_item!r}"
        )
    MEDACTION_EXTRA_POLICIES[_key.strip()] = _path.strip()
MEDACTION_DEFAULT_POLICY = env_str("MEDACTION_DEFAULT_POLICY", "kg")
MEDACTION_MAX_TURNS = env_int("MEDACTION_MAX_TURNS", 8, minimum=1)
# How often streamed partial decisions become events (never one per token).
MEDACTION_STREAM_INTERVAL_MS = env_int("MEDACTION_STREAM_INTERVAL_MS", 75, minimum=10)
# How often one of those partial decisions is also written to the event log (the first always is).
MEDACTION_PARTIAL_PERSIST_MS = env_int("MEDACTION_PARTIAL_PERSIST_MS", 1000, minimum=0)
# Renders a push's HTML once for every format=html WebSocket client of the session (the publisher
# in diagnosis.sessions finds it here: it never imports diagnosis.web). Empty: clients render.
MEDACTION_PUSH_RENDERER = "diagnosis.web.fragments.render_push"
# A running turn whose worker stops renewing its lease for this long may be claimed again. The
# worker renews it on a timer (every third of it, at most 10 s), streaming or not.
MEDACTION_TURN_LEASE_SECONDS = env_int("MEDACTION_TURN_LEASE_SECONDS", 90, minimum=5)
# How often the sweeper (a thread in every Celery worker and in a web process running turns
# in-process) takes over turns whose lease ran out: a dead worker's turn runs again within
# lease + sweep interval (110 s on these defaults), not after the broker's visibility timeout.
# 0 turns the sweeper off (the test suite's settings).
MEDACTION_SWEEP_SECONDS = env_int("MEDACTION_SWEEP_SECONDS", 20, minimum=0)
# Serve bench_inference's bare-chain WebSocket (/ws/bench/echo/<token>/, a benchmark instrument:
# diagnosis/web/bench_consumer.py). Off in production; bench_inference turns it on for its stack.
MEDACTION_BENCH_ROUTES = env_bool("MEDACTION_BENCH_ROUTES", False)

CELERY_BROKER_URL = (
    redis_url_with_db(REDIS_URL, env_int("REDIS_BROKER_DB", 0, minimum=0))
    if REDIS_URL
    else "memory://"
)
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
# A turn's message is acknowledged only when the task returns, and a worker that dies mid-turn
# gives it back: the claim (a lease on the Turn row) makes the redelivery run it exactly once.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 300, minimum=1)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 360, minimum=1)
# Above the number of threads that submit (64 sessions at once): cold, the first apply_async per
# thread cost up to 1 s (../shared/notes/stack-latency.md).
CELERY_BROKER_POOL_LIMIT = env_int("CELERY_BROKER_POOL_LIMIT", 128, minimum=1)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Two queues: interactive turns never wait behind a batch evaluation.
CELERY_TASK_DEFAULT_QUEUE = "turns"
CELERY_TASK_ROUTES = {
    "medaction.generate_turn": {"queue": "turns"},
    "medaction.run_simulated_session": {"queue": "batch"},
    "medaction.run_benchmark_item": {"queue": "batch"},
}
# Threads, not prefork: a turn spends its time waiting on the model server's stream, so one
# process holds N turns (N model requests in flight, keeping vLLM's continuous batching full);
# prefork with 2 processes on 2 cores could hold 2 (../shared/notes/stack-latency.md).
CELERY_WORKER_POOL = env_choice(
    "CELERY_WORKER_POOL", "threads", ("threads", "prefork", "gevent", "solo")
)
CELERY_WORKER_CONCURRENCY = env_int("CELERY_WORKER_CONCURRENCY", 64, minimum=1)
# In a threads-pool worker, a turn's thread that wakes from I/O (a stream chunk, a query's
# answer) waits for the GIL for up to the interpreter's switch interval (5 ms) while another
# thread computes; every turn wakes dozens of times. 1 ms measured better at 16 sessions: P1 p50
# 52 -> 40 ms, p99 161 -> 67 ms (docs/model-serving.md). 0 keeps Python's default.
MEDACTION_WORKER_SWITCH_INTERVAL_MS = env_float("MEDACTION_WORKER_SWITCH_INTERVAL_MS", 1.0)
# A message whose worker died comes back after the visibility timeout; it must exceed the hard
# time limit, or a slow turn that is still running is delivered twice (the claim would refuse the
# second run, but it costs a wait). The restore sweep runs every CELERY_UNACKED_RESTORE_INTERVAL s.
# Recovery of a dead worker's turn does not wait for it: the turn sweeper (above) takes the turn
# over after its lease; the message restored later finds the turn done and is dropped.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 900, minimum=2),
    "unacked_restore_interval": env_int("CELERY_UNACKED_RESTORE_INTERVAL", 10, minimum=1),
    "unacked_restore_throttle": 1,
}

# --- model serving ------------------------------------------------------------------------------
VLLM_ENDPOINTS = parse_endpoints(env_list("VLLM_ENDPOINTS", []))
VLLM_MODEL = env_str("VLLM_MODEL", "medaction-8b")
VLLM_API_KEY = env_secret("VLLM_API_KEY", "")
VLLM_PROFILE = env_str("VLLM_PROFILE", "json-schema")
VLLM_MAX_CONCURRENCY_PER_ENDPOINT = env_int("VLLM_MAX_CONCURRENCY_PER_ENDPOINT", 64, minimum=1)
VLLM_CONNECT_TIMEOUT = env_float("VLLM_CONNECT_TIMEOUT", 5.0)
VLLM_FIRST_TOKEN_TIMEOUT = env_float("VLLM_FIRST_TOKEN_TIMEOUT", 60.0)
VLLM_TOTAL_TIMEOUT = env_float("VLLM_TOTAL_TIMEOUT", 240.0)
VLLM_MAX_TOKENS = env_int("VLLM_MAX_TOKENS", 1024, minimum=16)
# Tries per call (before the first token only), the first backoff (doubling, jittered) and how
# often endpoints are probed on /v1/models.
VLLM_MAX_ATTEMPTS = env_int("VLLM_MAX_ATTEMPTS", 3, minimum=1)
VLLM_RETRY_BACKOFF = env_float("VLLM_RETRY_BACKOFF", 0.25)
VLLM_HEALTH_INTERVAL = env_float("VLLM_HEALTH_INTERVAL", 10.0)
# Sent as `cache_salt` with every model request: vLLM shares prefix-cache entries only between
# requests with the same salt, so organisations served by one model server never share them.
# One deployment serves one organisation: give each its own (secret) salt. Empty: none sent.
VLLM_CACHE_SALT = env_secret("VLLM_CACHE_SALT", "")
# Directories of extra model profiles (*.toml) beside inference/serving/model_profiles/.
VLLM_PROFILE_DIRS = [Path(p) for p in env_list("VLLM_PROFILE_DIRS", [])]
# The swarm policy's profile (one with a [swarm] panel) and, when set, how many of a stage's
# sub-agents run at once (1: one after another; unset: the profile's max_parallel).
VLLM_SWARM_PROFILE = env_str("VLLM_SWARM_PROFILE", "swarm-panel")
MEDACTION_SWARM_MAX_PARALLEL = (
    env_int("MEDACTION_SWARM_MAX_PARALLEL", 0, minimum=0)
    if env_str("MEDACTION_SWARM_MAX_PARALLEL")
    else None
)

# --- data -----------------------------------------------------------------------------------------
_default_data_dir = (BASE_DIR.parent / "shared" / "data").resolve()
MEDACTION_DATA_DIR = Path(
    env_str("MEDACTION_DATA_DIR", str(_default_data_dir) if _default_data_dir.is_dir() else "")
)
if env_str("MEDACTION_DATA_DIR") and not MEDACTION_DATA_DIR.is_dir():
    raise ImproperlyConfigured(f"MEDACTION_DATA_DIR={MEDACTION_DATA_DIR} is not a directory")
# Where the Distill page finds case files (*.jsonl, *.json) to distil.
MEDACTION_DISTILLATION_CASE_DIRS = [
    Path(p) for p in env_list("MEDACTION_DISTILLATION_CASE_DIRS", [])
] or ([MEDACTION_DATA_DIR / "cases"] if str(MEDACTION_DATA_DIR) not in ("", ".") else [])

# --- audit (docs/audit.md) --------------------------------------------------------------------
# The Ed25519 key that signs chain heads: a file the database never holds. Unset (embedded), a key
# pair is made under MEDACTION_VAR_DIR on first use (0600, logged); production names its own
# (`python manage.py audit_keygen --out FILE`) and keeps it off the database host.
MEDACTION_SIGNING_KEY_FILE = Path(
    env_str("MEDACTION_SIGNING_KEY_FILE", str(VAR_DIR / "audit" / "signing-key.pem"))
)
MEDACTION_SIGNING_KEY_GENERATE = not env_str("MEDACTION_SIGNING_KEY_FILE")
# A signed checkpoint when a session ends and each time its chain crosses a multiple of this.
MEDACTION_CHECKPOINT_EVERY = env_int("MEDACTION_CHECKPOINT_EVERY", 50, minimum=1)
# The largest transcript the verify page accepts.
MEDACTION_VERIFY_MAX_BYTES = env_int("MEDACTION_VERIFY_MAX_BYTES", 50 * 1024 * 1024, minimum=1024)

# --- auth -----------------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "diagnosis.web.auth.ClosedSignupAdapter"
MEDACTION_OPEN_SIGNUP = env_bool("MEDACTION_OPEN_SIGNUP", False)
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# Failed sign-ins: 10 a minute from one address, 5 in 5 minutes for one account; the counters
# live in CACHES (shared by every web process, kept across restarts with Redis). The adapter says
# when a lockout lifts.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# The HTTP API (docs/api.md): requests per personal API token, and refused tokens per client
# address, counted in CACHES; past either the API answers 429 with Retry-After.
MEDACTION_API_TOKEN_RATE = env_str("MEDACTION_API_TOKEN_RATE", "600/m")
MEDACTION_API_FAILED_TOKEN_RATE = env_str("MEDACTION_API_FAILED_TOKEN_RATE", "20/m")
for _rate_name in ("MEDACTION_API_TOKEN_RATE", "MEDACTION_API_FAILED_TOKEN_RATE"):
    if not re.match(r"^\d+/\d*[smhd]$", globals()[_rate_name]):
        raise ImproperlyConfigured(f"{_rate_name} reads like 600/m or 20/5m")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "MedAction"
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "medaction@localhost")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- i18n, static ---------------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))

# --- security (production) ------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-free meta tag; kept default
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO").upper()},
    "loggers": {
        "daphne": {"level": "WARNING"},
        "django.channels.server": {"level": "WARNING"},
        # One INFO line per model request is noise next to the turn's own log line (the
        # pool records endpoint, tokens and timings on the turn).
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
    },
}

if not os.environ.get("MEDACTION_SKIP_VAR_DIR"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
