"""Browser tests: a real ASGI server (daphne, WebSockets) in a subprocess, driven by Debian's
chromium.

The server runs against the pytest-django test database (SQLite file or Postgres), so tests use
transactional_db: rows a test creates are committed and the server sees them. Test policies are
registered in the server with MEDACTION_EXTRA_POLICIES. Without /usr/bin/chromium these tests skip
with a reason (under CI=true a skip fails the run).

Set MEDACTION_TEST_PORT_RANGE=8100-8199 to keep the server inside a port range; otherwise the OS
picks a free port.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct-horse-battery"
SERVER_POLICIES = ",".join(
    [
        "scripted=tests.doubles.ScriptedPolicy",
        "slow-scripted=tests.doubles.SlowScriptedPolicy",
        "echo=tests.browser.policies.EchoPolicy",
        "flaky=tests.browser.policies.FlakyPolicy",
        "outage=tests.browser.policies.OutagePolicy",
    ]
)


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    if os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"needs {CHROMIUM} (apt-get install chromium); CI installs it")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def _free_port() -> int:
    wanted = os.environ.get("MEDACTION_TEST_PORT_RANGE", "")
    candidates: list[int] = [0]
    if wanted:
        low, _, high = wanted.partition("-")
        candidates = list(range(int(low), int(high or low) + 1))
    for port in candidates:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port in {wanted}")


def _database_url() -> str:
    from django.db import connection

    settings = connection.settings_dict
    if settings["ENGINE"].endswith("sqlite3"):
        name = str(settings["NAME"])
        if name == ":memory:" or name.startswith("file:"):
            raise RuntimeError("browser tests need a file SQLite test database (settings give one)")
        return "sqlite:///" + name
    user = settings.get("USER") or ""
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"postgres://{auth}{settings.get('HOST') or '127.0.0.1'}{port}/{settings['NAME']}"


@pytest.fixture(scope="session")
def server_signing_key(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """The server's audit signing key, made here so that the test process signs with it too."""
    from diagnosis.audit.keys import key_pair_write

    path = tmp_path_factory.mktemp("server-key") / "signing.pem"
    key_pair_write(path)
    return path


@pytest.fixture(scope="session")
def live_server_url(  # type: ignore[no-untyped-def]
    django_db_setup, django_db_blocker, tmp_path_factory, server_signing_key
) -> Iterator[str]:
    """Daphne serving webapp.asgi on the test database, in-process turn workers."""
    with django_db_blocker.unblock():
        database_url = _database_url()
    port = _free_port()
    var_dir = tmp_path_factory.mktemp("server-var")
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MEDACTION_VAR_DIR": str(var_dir),
        "MEDACTION_SIGNING_KEY_FILE": str(server_signing_key),
        "MEDACTION_DISPATCH": "inprocess",
        "MEDACTION_EXTRA_POLICIES": SERVER_POLICIES,
        "DJANGO_SETTINGS_MODULE": "webapp.settings",
        "DEBUG": "true",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("MEDACTION_CHANNEL_LAYER", None)
    log_path = var_dir / "server.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "daphne",
                "-b",
                "127.0.0.1",
                "-p",
                str(port),
                "webapp.asgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise RuntimeError(
                    f"the test server exited ({server.returncode}); "
                    f"log: {log_path.read_text()[-3000:]}"
                )
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"the test server did not start; log: {log_path.read_text()[-3000:]}"
                )
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)


@pytest.fixture
def browser(live_server_url) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """A headless chromium for one test.

    Playwright's sync API keeps an event loop in this thread, which trips Django's async-safety
    check on our plain synchronous ORM calls; the flag is set only while the browser is alive.
    """
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            try:
                yield launched
            finally:
                launched.close()
                # ORM calls made while Playwright's loop runs get their own (context-local)
                # connections: close them here, or they keep the test database open.
                from django.db import connections

                connections.close_all()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def roles(transactional_db) -> None:  # type: ignore[no-untyped-def]
    """Role groups come from a migration, and a transactional test's flush removes them."""
    from django.contrib.auth.models import Group

    from diagnosis.sessions.selectors import ROLES

    for name in ROLES:
        Group.objects.get_or_create(name=name)


@pytest.fixture
def people(roles, settings, make_user) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    # The server checks passwords with the default hashers, not the suite's fast MD5 one.
    from django.conf import global_settings

    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    return {
        "alice": make_user("alice", "clinician"),
        "bob": make_user("bob", "clinician"),
        "rita": make_user("rita", "reviewer"),
    }


@pytest.fixture
def open_page(browser, live_server_url) -> Callable[..., Any]:  # type: ignore[no-untyped-def]
    """open_page(user) → a signed-in page (through the login form), at the dashboard."""

    def open_as(user: Any, *, width: int = 1280, height: int = 900) -> Any:
        context = browser.new_context(
            viewport={"width": width, "height": height}, base_url=live_server_url
        )
        page = context.new_page()
        page.errors = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))  # type: ignore[attr-defined]
        login(page, user.email)
        return page

    return open_as


def login(page: Any, email: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/accounts/login/" in page.url:
        raise AssertionError(
            f"sign-in as {email} failed: {page.locator('main').inner_text()[:500]}"
        )


@pytest.fixture
def no_local_turns(settings) -> None:  # type: ignore[no-untyped-def]
    """Turns asked for in the test process stay pending: only the server under test runs turns
    (a worker thread here would hold its own database connection past the test)."""
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"
