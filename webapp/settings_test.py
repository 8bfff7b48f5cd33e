"""Settings for the test suite: webapp.settings (still driven by the environment, so
DATABASE_URL and REDIS_URL select Postgres and Redis) with what tests need on top.

Named by pyproject.toml's [tool.pytest.ini_options]. Servers and workers that tests start in
subprocesses (tests/workers.py, tests/browser/conftest.py) run on webapp.settings instead: they
exercise the real dispatchers, configured through the environment as in production.
"""

from __future__ import annotations

import os
from typing import Any

from webapp.settings import *  # noqa: F403
from webapp.settings import MEDACTION_EXTRA_POLICIES

MEDACTION_TEST_SETTINGS = True  # tests/conftest.py refuses to run the suite without these settings

# Each run's cache keys apart (a shared Redis cache DB keeps sign-in lockout counters for minutes).
CACHES = {
    name: {**cache, "KEY_PREFIX": f"{cache.get('KEY_PREFIX', '')}-test-{os.getpid()}"}
    for name, cache in CACHES.items()  # noqa: F405
}


# The test process keeps plain per-thread connections: pytest-django renames the database to
# test_<name> after settings load, and a pool opened before that would serve the wrong one. The
# servers and workers tests start (webapp.settings) follow MEDACTION_DB_POOL_MAX (off by default;
# the pool tests set it on the workers they start).
def _without_pool(db: dict[str, Any]) -> dict[str, Any]:
    options = dict(db.get("OPTIONS", {}))
    if options.pop("pool", None) is None:
        return db
    return {**db, "CONN_MAX_AGE": 60, "OPTIONS": options}


DATABASES = {alias: _without_pool(db) for alias, db in DATABASES.items()}  # noqa: F405

# Hashing passwords properly costs ~0.3 s per user on these machines; tests make many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Scripted policies for the tests (tests/doubles.py), beside the built-in ones.
TEST_POLICIES = {
    "scripted": "tests.doubles.ScriptedPolicy",
    "slow-scripted": "tests.doubles.SlowScriptedPolicy",
    "patient": "tests.doubles.PatientScriptedPolicy",
    "failing": "tests.doubles.FailingPolicy",
    "crashing": "tests.doubles.CrashingPolicy",
}
MEDACTION_EXTRA_POLICIES = {**MEDACTION_EXTRA_POLICIES, **TEST_POLICIES}

# Turns run on commit in the test's own thread: a service call returns after the turns it set
# off have run. Tests of the real dispatchers (in-process threads, Celery) name theirs.
MEDACTION_DISPATCHER = "tests.doubles.SyncDispatcher"
# Benchmark items likewise run on commit, one after another, in the launching thread.
MEDACTION_BENCHMARK_LAUNCHER = "tests.doubles.launch_inline"

# No sweeper thread in the test process: it would take over turns of other tests. Tests of the
# sweeper call diagnosis.sessions.recovery.turns_sweep, or start servers and workers that run one.
MEDACTION_SWEEP_SECONDS = 0
