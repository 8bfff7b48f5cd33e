"""The authorization matrix, generated from the URL conf and the WebSocket routing.

Every HTTP route the project serves (its own pages, the admin, allauth) and every WebSocket route
is tried by every persona — anonymous, a user with no role, clinician A (who owns the session),
clinician B, reviewer, curator, auditor, admin — with GET and with a POST that would write if it
were allowed. A refused request must change nothing in the database (a digest of every table) and
show nothing it may not (the live patient's presentation, the case's gold diagnosis). A route that
is not in the matrix fails `test_every_route_is_in_the_matrix`: adding a page means deciding who
may use it.

The admin's rights are the roles' permissions (`diagnosis.accounts.roles.ROLE_PERMISSIONS`): a
persona without `change_case` may not change a case through any admin view or bulk action, even
when it is staff (reviewers, curators and auditors are staff here, the most exposed deployment).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from asgiref.sync import async_to_sync
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from diagnosis.accounts.tokens import token_create
from diagnosis.audit import checkpoints as audit_checkpoints
from diagnosis.audit import services as audit_services
from diagnosis.audit.models import AuditLogEntry, SignedCheckpoint
from diagnosis.benchmarks.models import BenchmarkRun
from diagnosis.distillation.models import DistillationRun, DistillationTree
from diagnosis.models import CaseStatus, CostPolicy, DiagnosticSession, TestPrice
from diagnosis.sessions import services
from diagnosis.web.routing import websocket_urlpatterns
from tests.factories import CaseFactory
from tests.web.test_websocket import communicator, cookie_for, receive_events, refused_with

pytestmark = pytest.mark.django_db

PERSONAS = (
    "anonymous",
    "no_role",
    "clinician_a",
    "clinician_b",
    "reviewer",
    "curator",
    "auditor",
    "admin",
)
SIGNED_IN = frozenset(PERSONAS) - {"anonymous"}
CLINICIANS = frozenset({"clinician_a", "clinician_b", "admin"})
SESSION_READERS = frozenset({"clinician_a", "reviewer", "auditor", "admin"})
GOLD_READERS = frozenset({"reviewer", "curator", "admin"})
NOBODY: frozenset[str] = frozenset()
EVERYONE = frozenset(PERSONAS)
OWNER = frozenset({"clinician_a"})
REVIEWERS = frozenset({"reviewer", "admin"})
AUDITORS = frozenset({"auditor", "admin"})
BENCH_READERS = frozenset({"reviewer", "auditor", "admin"})
DISTILLERS = frozenset({"clinician_a", "clinician_b", "reviewer", "admin"})
DISTILL_READERS = frozenset({"clinician_a", "reviewer", "admin"})  # the run is clinician A's

LIVE_SECRET = "Zqx live patient: 41-year-old with a private presenting complaint"
GOLD_SECRET = "Zqx gold: Familial Mediterranean fever"


@dataclass(frozen=True)
class Rule:
    """Who may GET and who may POST a route (everyone else is refused, with no effect).

    `reads` names what the route shows: a refused persona's response must not contain it, and
    neither may an allowed persona's unless it is one of its readers."""

    get: frozenset[str]
    post: frozenset[str]
    reads: tuple[str, ...] = ()
    post_data: str = ""  # a key of post_payload(): a request that writes if allowed


# The product's pages. A new `path()` in diagnosis/web/urls.py needs a line here.
WEB: dict[str, Rule] = {
    "healthz": Rule(get=EVERYONE, post=NOBODY),
    "dashboard": Rule(get=SIGNED_IN, post=NOBODY),
    "case_list": Rule(get=SIGNED_IN, post=NOBODY, reads=("gold",)),
    "case_detail": Rule(get=SIGNED_IN, post=NOBODY, reads=("gold",)),
    "session_new": Rule(get=CLINICIANS, post=NOBODY),
    "session_start": Rule(get=NOBODY, post=CLINICIANS, post_data="start"),
    "session_detail": Rule(get=SESSION_READERS, post=NOBODY, reads=("live",)),
    "session_events": Rule(get=SESSION_READERS, post=NOBODY, reads=("live",)),
    "session_pause": Rule(get=NOBODY, post=OWNER),
    "session_resume": Rule(get=NOBODY, post=OWNER),
    "session_step": Rule(get=NOBODY, post=OWNER),
    "turn_retry": Rule(get=NOBODY, post=OWNER),
    "live_results": Rule(get=NOBODY, post=OWNER, post_data="results"),
    # Account → API tokens: anyone signed in keeps their own; only the token's owner revokes it.
    "api_tokens": Rule(get=SIGNED_IN, post=SIGNED_IN, post_data="token"),
    "api_token_revoke": Rule(get=NOBODY, post=OWNER),
    # Reviews: readers of the session read them, reviewers write them.
    "review_queue": Rule(get=REVIEWERS, post=NOBODY),
    "session_reviews": Rule(
        get=SESSION_READERS, post=REVIEWERS, reads=("live",), post_data="review"
    ),
    "session_compare": Rule(get=SESSION_READERS, post=NOBODY, reads=("live",)),
    # Audit: auditors export, verify and read the log.
    "session_export": Rule(get=AUDITORS, post=NOBODY, reads=("live",)),
    "audit_verify": Rule(get=AUDITORS, post=AUDITORS),
    "audit_log": Rule(get=AUDITORS, post=NOBODY),
    # Benchmark runs: reviewers launch and resume, reviewers and auditors read.
    "benchmark_list": Rule(get=BENCH_READERS, post=NOBODY),
    "benchmark_new": Rule(get=REVIEWERS, post=REVIEWERS, post_data="benchmark"),
    "benchmark_compare": Rule(get=BENCH_READERS, post=NOBODY),
    "benchmark_detail": Rule(get=BENCH_READERS, post=NOBODY),
    "benchmark_resume": Rule(get=NOBODY, post=REVIEWERS),
    "benchmark_export": Rule(get=BENCH_READERS, post=NOBODY),
    # Distillation: clinicians and reviewers distil; a run is its owner's and reviewers'.
    "distill_list": Rule(get=DISTILLERS, post=NOBODY),
    "distill_start": Rule(get=NOBODY, post=DISTILLERS),
    "distill_run": Rule(get=DISTILL_READERS, post=NOBODY),
    "distill_tree": Rule(get=DISTILL_READERS, post=NOBODY),
    "distill_node": Rule(get=DISTILL_READERS, post=NOBODY),
    # The admin's model-server health page: staff with diagnosis.view_model_health (the admin).
    "admin_health": Rule(get=frozenset({"admin"}), post=NOBODY),
    # The HTTP API (tried with each persona's own API token): the same rules as the pages.
    "api-v1:api-root": Rule(get=EVERYONE, post=NOBODY),
    # The schema and its docs page answer any method with the same read-only document.
    "api-v1:openapi-json": Rule(get=EVERYONE, post=EVERYONE),
    "api-v1:openapi-view": Rule(get=EVERYONE, post=EVERYONE),
    "api-v1:me": Rule(get=SIGNED_IN, post=NOBODY),
    "api-v1:policies": Rule(get=SIGNED_IN, post=NOBODY),
    "api-v1:case_list": Rule(get=SIGNED_IN, post=NOBODY, reads=("gold",)),
    "api-v1:case_read": Rule(get=SIGNED_IN, post=NOBODY, reads=("gold",)),
    # One path, two operations (GET lists, POST starts): both names carry both rules.
    "api-v1:session_list": Rule(
        get=SIGNED_IN, post=CLINICIANS, reads=("live",), post_data="api_start"
    ),
    "api-v1:session_start": Rule(
        get=SIGNED_IN, post=CLINICIANS, reads=("live",), post_data="api_start"
    ),
    "api-v1:session_read": Rule(get=SESSION_READERS, post=NOBODY, reads=("live",)),
    "api-v1:turn_list": Rule(get=SESSION_READERS, post=NOBODY, reads=("live",)),
    "api-v1:event_list": Rule(get=SESSION_READERS, post=NOBODY, reads=("live",)),
    "api-v1:session_metrics": Rule(get=SESSION_READERS, post=NOBODY, reads=("live",)),
    "api-v1:session_pause": Rule(get=NOBODY, post=OWNER),
    "api-v1:session_resume": Rule(get=NOBODY, post=OWNER),
    "api-v1:session_step": Rule(get=NOBODY, post=OWNER),
    "api-v1:turn_retry": Rule(get=NOBODY, post=OWNER),
    "api-v1:live_results": Rule(get=NOBODY, post=OWNER, post_data="api_results"),
    "api-v1:reviews_read": Rule(
        get=SESSION_READERS, post=REVIEWERS, reads=("live",), post_data="api_review"
    ),
    "api-v1:review_create": Rule(
        get=SESSION_READERS, post=REVIEWERS, reads=("live",), post_data="api_review"
    ),
    "api-v1:transcript_export": Rule(get=AUDITORS, post=NOBODY, reads=("live",)),
}
# allauth's account pages are for anyone (sign in, sign up, reset, two-factor set-up for oneself):
# what matters is that no request writes another user's data, which the digest checks below, and
# that none answers 5xx. A POST with no form data never writes.
ACCOUNT_PAGES = Rule(get=EVERYONE, post=EVERYONE)
# Admin pages that are not a model's: the index, login/logout, password change, jsi18n, …
ADMIN_SITE = Rule(get=EVERYONE, post=EVERYONE)
ADMIN_MODEL_VIEWS = ("changelist", "add", "change", "delete", "history")

# WebSocket routes: who may open each (the rest are refused and receive nothing).
WEBSOCKETS: dict[str, frozenset[str]] = {
    "ws/sessions/<str:public_id>/": SESSION_READERS,
    "ws/benchmarks/<int:run_id>/": BENCH_READERS,
}


@dataclass
class Route:
    name: str  # namespaced URL name
    pattern: str
    params: tuple[str, ...]
    kind: str = field(default="web")  # web | account | admin-model | admin-site


def _walk(
    patterns: list, namespace: str = "", prefix: str = "", in_admin: bool = False
) -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            yield from _walk(
                entry.url_patterns,
                f"{namespace}{ns}:" if ns else namespace,
                prefix + str(entry.pattern),
                in_admin or ns == "admin",
            )
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            params = tuple(entry.pattern.regex.groupindex)
            name = f"{namespace}{entry.name}" if entry.name else ""
            if in_admin:
                kind = "admin-model" if _admin_model_view(entry.name or "") else "admin-site"
            elif pattern.startswith("accounts/"):
                kind = "account"
            else:
                kind = "web"
            yield Route(name=name, pattern=pattern, params=params, kind=kind)


def _admin_model_view(url_name: str) -> tuple[type, str] | None:
    for model in admin.site._registry:
        opts = model._meta
        for view in ADMIN_MODEL_VIEWS:
            if url_name == f"{opts.app_label}_{opts.model_name}_{view}":
                return model, view
    return None


ROUTES = list(_walk(get_resolver().url_patterns))


def test_every_route_is_in_the_matrix():
    # The admin's unnamed patterns only redirect (…/<id>/ to …/<id>/change/, a catch-all to 404).
    unnamed = [r.pattern for r in ROUTES if not r.name and not r.kind.startswith("admin")]
    assert not unnamed, f"routes without a name cannot be in the matrix: {unnamed}"
    missing = [r.name for r in ROUTES if r.kind == "web" and r.name not in WEB]
    assert not missing, f"routes missing from the authorization matrix (add a Rule): {missing}"
    stale = sorted(set(WEB) - {r.name for r in ROUTES})
    assert not stale, f"matrix rows for routes that no longer exist: {stale}"
    ws = [str(p.pattern) for p in websocket_urlpatterns]
    assert sorted(ws) == sorted(WEBSOCKETS), "WebSocket routes and the matrix differ"
    assert any(r.kind == "admin-model" for r in ROUTES) and any(r.kind == "account" for r in ROUTES)


# --- the world every request runs against -----------------------------------------------------


@pytest.fixture
def world(make_user, settings):
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"
    people = {
        "no_role": make_user("nora"),
        "clinician_a": make_user("alice", "clinician"),
        "clinician_b": make_user("bob", "clinician"),
        "reviewer": make_user("rita", "reviewer", is_staff=True),
        "curator": make_user("carl", "curator", is_staff=True),
        "auditor": make_user("audrey", "auditor", is_staff=True),
        "admin": make_user("ada", "clinician", is_staff=True, is_superuser=True),
    }
    case = CaseFactory(gold_diagnosis=GOLD_SECRET, gold_aliases=[])
    draft = CaseFactory(status=CaseStatus.DRAFT, gold_diagnosis=GOLD_SECRET, gold_aliases=[])
    simulated = services.session_start(
        owner=people["clinician_a"], mode="simulated", policy="scripted", case=case
    )
    live = services.session_start(
        owner=people["clinician_a"],
        mode="live",
        policy="scripted",
        live_title="Private live patient",
        live_presentation=LIVE_SECRET,
    )
    tokens = {who: token_create(user=user, name="matrix").secret for who, user in people.items()}
    revocable = token_create(user=people["clinician_a"], name="to revoke").token
    run = BenchmarkRun.objects.create(
        name="matrix run", case_set_key="0" * 64, policy="scripted", max_turns=2
    )
    distillation = DistillationRun.objects.create(owner=people["clinician_a"])
    DistillationTree.objects.create(run=distillation, position=0, case=case, nodes=[])
    return {
        "people": people,
        "case": case,
        "draft": draft,
        "simulated": simulated,
        "live": live,
        "tokens": tokens,
        "revocable": revocable,
        "run": run,
        "distillation": distillation,
    }


# Stamps of use, not writes of data: signing in sets last_login, a token's use its last_used_at.
USE_STAMPS = {"auth.User": "last_login", "diagnosis.ApiToken": "last_used_at"}


def db_digest() -> str:
    """A hash of every row of every table but Django's session store (signing in writes there)."""
    h = hashlib.sha256()
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        if model is Session:
            continue
        stamp = USE_STAMPS.get(model._meta.label)
        names = [f.attname for f in model._meta.concrete_fields if f.attname != stamp]
        rows = model._base_manager.order_by("pk").values_list(*names)
        h.update(model._meta.label.encode())
        for row in rows:
            h.update(repr(row).encode())
    return h.hexdigest()


def client_for(world, persona: str, *, api: bool = False) -> Client:
    """A signed-in browser client, or for the API one that carries the persona's own token."""
    if api:
        token = world["tokens"].get(persona)
        return Client(headers={"Authorization": f"Bearer {token}"} if token else {})
    client = Client()
    if persona != "anonymous":
        client.force_login(world["people"][persona])
    return client


def kwargs_for(route: Route, world) -> dict:
    values = {
        "public_id": world["live"].public_id,
        "session_id": world["live"].public_id,
        "case_id": world["case"].pk,
        "token_id": world["revocable"].pk,
        "run_id": world["run"].pk,
        "fmt": "json",
        "position": 0,
        "node": "0",
        "object_id": "0",
        "app_label": "diagnosis",
    }
    if route.name.startswith("distill_"):
        values["public_id"] = world["distillation"].public_id
    out = {}
    for param in route.params:
        out[param] = values.get(param, "0" if param.endswith("id") else "x")
    return out


def post_payload(key: str, world) -> dict:
    if key == "start":
        return {"mode": "simulated", "policy": "scripted", "case": world["case"].pk}
    if key == "results":
        return {"note": "written by someone who may not", "extra_findings": "Temp 39.9"}
    if key == "token":
        return {"name": "made by the matrix"}
    if key == "review":
        return {"turn": 0, "differential_rating": 3, "note": "a review"}
    if key == "benchmark":
        return {
            "name": "matrix launch",
            "source": "library",
            "policy": "scripted",
            "max_turns": 2,
            "limit": 1,
        }
    if key == "api_start":
        return {"mode": "simulated", "policy": "scripted", "case_id": world["case"].pk}
    if key == "api_review":
        return {"turn": 0, "differential_rating": 3}
    if key == "api_results":
        return {"turn": 0, "results": [{"order": "Temperature", "result": "39.9"}]}
    return {}


def secrets_shown(body: str) -> set[str]:
    return {name for name, text in (("live", LIVE_SECRET), ("gold", GOLD_SECRET)) if text in body}


def may_read(persona: str, secret: str) -> bool:
    return persona in (SESSION_READERS if secret == "live" else GOLD_READERS)


def refused(status: int, persona: str) -> bool:
    if persona == "anonymous":
        return status in (302, 401, 403, 404, 405)
    return status in (403, 404, 405)


def _check(response, persona: str, allowed: bool, before: str, label: str) -> None:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    body = raw.decode(errors="replace")
    assert response.status_code < 500, f"{label}: {response.status_code}"
    leaked = {s for s in secrets_shown(body) if not may_read(persona, s)}
    assert not leaked, f"{label}: shows {leaked} to {persona}"
    if not allowed:
        assert refused(response.status_code, persona), f"{label}: {response.status_code}"
        assert db_digest() == before, f"{label}: a refused request wrote to the database"


WEB_CASES = [
    pytest.param(route, persona, id=f"{route.name}-{persona}")
    for route in ROUTES
    if route.kind == "web" and route.name in WEB
    for persona in PERSONAS
]


@pytest.mark.parametrize(("route", "persona"), WEB_CASES)
def test_product_routes(world, route, persona):
    rule = WEB[route.name]
    url = reverse(route.name, kwargs=kwargs_for(route, world))
    api = route.name.startswith("api-v1:")
    client = client_for(world, persona, api=api)
    before = db_digest()
    _check(client.get(url), persona, persona in rule.get, before, f"GET {url}")
    before = db_digest()
    data = post_payload(rule.post_data, world)
    if api:
        response = client.post(url, json.dumps(data), content_type="application/json")
    else:
        response = client.post(url, data)
    _check(response, persona, persona in rule.post, before, f"POST {url}")


def test_a_draft_case_is_shown_to_curators_reviewers_and_admins_only(world):
    url = reverse("case_detail", kwargs={"case_id": world["draft"].pk})
    for persona in PERSONAS:
        status = client_for(world, persona).get(url).status_code
        allowed = persona in {"reviewer", "curator", "admin"}
        assert (status == 200) is allowed, (persona, status)


def test_the_simulated_session_is_refused_alike(world):
    """The matrix runs on the live session; the simulated one answers the same personas."""
    public_id = world["simulated"].public_id
    for persona in PERSONAS:
        status = client_for(world, persona).get(f"/sessions/{public_id}/").status_code
        assert (status == 200) is (persona in SESSION_READERS), (persona, status)


OTHER_CASES = [
    pytest.param(route, persona, id=f"{route.name}-{persona}")
    for route in ROUTES
    if route.kind in ("account", "admin-site") and route.name
    for persona in PERSONAS
]


@pytest.mark.parametrize(("route", "persona"), OTHER_CASES)
def test_account_and_admin_site_pages_never_fail_or_write_for_anyone(world, route, persona):
    try:
        url = reverse(route.name, kwargs=kwargs_for(route, world))
    except Exception:  # a pattern whose parameters take a shape we cannot guess
        pytest.fail(f"cannot build a URL for {route.name} ({route.pattern}): extend kwargs_for")
    client = client_for(world, persona)
    if route.name.endswith("logout"):
        assert client.get(url).status_code < 500
        return
    before = db_digest()
    _check(client.get(url), persona, True, before, f"GET {url}")
    before = db_digest()
    response = client.post(url, {})
    assert response.status_code < 500, f"POST {url}: {response.status_code}"
    if route.kind == "admin-site":
        assert db_digest() == before, f"POST {url}: an empty admin form wrote"


# --- the admin, model by model, with every bulk action ------------------------------------------


def _instance_of(model):
    return model._base_manager.order_by("pk").first()


def _perm(user, model, action: str) -> bool:
    opts = model._meta
    return (
        user.is_active
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
    )


ADMIN_CASES = [
    pytest.param(model, persona, id=f"{model._meta.label}-{persona}")
    for model in admin.site._registry
    for persona in PERSONAS
]


@pytest.mark.parametrize(("model", "persona"), ADMIN_CASES)
def test_admin_model_views_follow_the_role_permissions(world, model, persona):
    opts = model._meta
    user = world["people"].get(persona)
    client = client_for(world, persona)
    obj = _instance_of(model) or _world_object(model, world)
    views = {"changelist": [], "add": []}
    if obj is not None:
        views.update({"change": [obj.pk], "delete": [obj.pk], "history": [obj.pk]})
    needs = {"changelist": "view", "change": "view", "history": "view", "add": "add"}
    needs["delete"] = "delete"
    for view, args in views.items():
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)
        may = user is not None and (
            _perm(user, model, needs[view])
            or (needs[view] == "view" and _perm(user, model, "change"))
        )
        before = db_digest()
        response = client.get(url)
        assert response.status_code < 500, f"GET {url}: {response.status_code}"
        if not may:
            assert response.status_code in (302, 403, 404), f"GET {url}: {response.status_code}"
            body = response.content.decode(errors="replace")
            assert not {s for s in secrets_shown(body) if not may_read(persona, s)}
        # A POST that would write: confirm a delete, save the object unchanged, add an empty one.
        data = {"post": "yes"} if view == "delete" else {}
        if view in ("change", "delete", "add"):
            writes = {"change": "change", "delete": "delete", "add": "add"}[view]
            allowed = user is not None and _perm(user, model, writes)
            response = client.post(url, data)
            assert response.status_code < 500, f"POST {url}: {response.status_code}"
            if not allowed:
                assert db_digest() == before, f"POST {url} by {persona} wrote"


def _actions(model) -> list[str]:
    model_admin = admin.site._registry[model]
    names = [a.__name__ if callable(a) else a for a in (model_admin.actions or [])]
    return ["delete_selected", *names]


ACTION_CASES = [
    pytest.param(model, action, persona, id=f"{model._meta.label}-{action}-{persona}")
    for model in admin.site._registry
    for action in _actions(model)
    for persona in PERSONAS
]


@pytest.mark.parametrize(("model", "action", "persona"), ACTION_CASES)
def test_admin_bulk_actions_need_the_change_right(world, model, action, persona):
    """The bulk publish/unpublish a reviewer could once run: only a persona with the model's
    change (or delete) permission changes anything."""
    obj = _instance_of(model)
    if obj is None:
        obj = _world_object(model, world)
    if obj is None:
        pytest.fail(f"no {model._meta.label} to act on: add one to _world_object")
    opts = model._meta
    user = world["people"].get(persona)
    needs = "delete" if action == "delete_selected" else "change"
    allowed = user is not None and _perm(user, model, needs)
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    client = client_for(world, persona)  # signing in writes last_login: before the digest
    before = db_digest()
    data = {"action": action, "_selected_action": [obj.pk], "post": "yes", "index": 0}
    response = client.post(url, data)
    assert response.status_code < 500
    if not allowed:
        assert db_digest() == before, f"{persona} ran {action} on {opts.label}"


def _world_object(model, world):
    """One row of each admin model a fresh world has none of (the admin has nothing to act on)."""
    alice = world["people"]["clinician_a"]
    if model is Group:
        return Group.objects.first()
    if model is DiagnosticSession:
        return world["live"]
    if model is EmailAddress:
        return EmailAddress.objects.create(user=alice, email=alice.email, primary=True)
    if model is AuditLogEntry:
        return audit_services.audit_log_record(
            user=None, action="export", ok=True, result="for the matrix", via="command"
        )
    if model is SignedCheckpoint:
        audit_checkpoints.session_sweep(world["live"])
        return SignedCheckpoint.objects.first()
    if model is TestPrice:
        return TestPrice.objects.create(name="Zqx ferritin", price=Decimal("18.00"))
    if model is CostPolicy:
        return CostPolicy.objects.create(pk=1)
    if model is Authenticator:
        return Authenticator.objects.create(
            user=alice, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "00" * 20}
        )
    return None


# --- WebSockets -------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("pattern", sorted(WEBSOCKETS))
def test_websocket_routes(world, pattern, persona, settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    path = "/" + pattern.replace("<str:public_id>", str(world["live"].public_id)).replace(
        "<int:run_id>", str(world["run"].pk)
    )
    path += "?last_seq=0"
    cookie = None if persona == "anonymous" else cookie_for(world["people"][persona])

    async def scenario():
        comm = communicator(path, cookie)
        if persona in WEBSOCKETS[pattern]:
            connected, _ = await comm.connect()
            assert connected
            if pattern.startswith("ws/sessions/"):
                events = await receive_events(comm, 1)
                assert events[0]["seq"] == 1
            else:  # whatever it sends first, it is not a close
                try:
                    message = await comm.receive_output(timeout=1)
                except Exception:  # nothing yet: still open
                    message = {"type": "websocket.send"}
                assert message["type"] != "websocket.close", message
            await comm.disconnect()
        else:
            assert await refused_with(comm) >= 4000
            assert await comm.receive_nothing(timeout=0.2)

    async_to_sync(scenario)()
