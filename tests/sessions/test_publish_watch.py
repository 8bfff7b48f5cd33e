"""The publisher renders a push's HTML only for a session a format=html client watches. On the
Redis layers group membership cannot be seen, so an HTML client sets a flag in the cache
(diagnosis.web.consumers); a session nobody watches in HTML (API clients, bench clients) costs no
rendering in the worker."""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync
from django.core.cache import cache

from diagnosis.sessions import publish
from tests.web.test_websocket import communicator, cookie_for

pytestmark = [pytest.mark.django_db, pytest.mark.redis]

RENDERED: list[str] = []


def spy_render(public_id: str, kind: str, items: list) -> str:
    RENDERED.append(public_id)
    return f"<div>{kind} {len(items)}</div>"


@pytest.fixture
def redis_layer(settings):
    """The suite's own channel layer, which is a Redis one when REDIS_URL is set."""
    if settings.CHANNEL_LAYERS["default"]["BACKEND"].endswith("InMemoryChannelLayer"):
        pytest.skip("needs a Redis channel layer (REDIS_URL)")
    settings.MEDACTION_PUSH_RENDERER = "tests.sessions.test_publish_watch.spy_render"
    publish._watch_memo.clear()
    RENDERED.clear()
    yield
    publish._watch_memo.clear()


def _render(public_id: str) -> list:
    items = [{"seq": 1, "kind": "note", "payload": {}}]
    return publish.Publisher()._render(public_id, publish.group_name(public_id), "events", items)


def test_on_a_redis_layer_nothing_is_rendered_for_a_session_no_html_client_watches(redis_layer):
    assert _render("a" * 32) == []
    assert RENDERED == []


def test_on_a_redis_layer_a_watched_session_gets_its_push_rendered_once(redis_layer):
    public_id = "b" * 32
    cache.set(publish.html_watch_key(public_id), 1, 30)
    pieces = _render(public_id)
    assert pieces == [{"first_seq": 1, "last_seq": 1, "html": "<div>events 1</div>"}]
    assert RENDERED == [public_id]


def test_an_unreadable_flag_renders_rather_than_leave_a_watcher_without(redis_layer, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", broken)
    assert publish.html_watched("c" * 32) is True


@pytest.mark.django_db(transaction=True)
def test_an_html_client_sets_the_watch_flag_on_connect_and_a_json_client_does_not(
    personas, case, redis_layer
):
    from diagnosis.sessions import services

    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )
    public_id = str(session.public_id)
    cache.delete(publish.html_watch_key(public_id))
    cookie = cookie_for(personas["owner"])

    async def connect(query: str) -> None:
        comm = communicator(f"/ws/sessions/{public_id}/{query}", cookie)
        assert (await comm.connect())[0]
        await comm.disconnect()

    async_to_sync(connect)("")
    assert cache.get(publish.html_watch_key(public_id)) is None
    assert publish.html_watched(public_id) is False
    async_to_sync(connect)("?format=html")
    assert cache.get(publish.html_watch_key(public_id)) == 1
    # The same process's memo of "not watched" is dropped: the next push is rendered.
    assert publish.html_watched(public_id) is True
