"""An open session WebSocket follows the user's access: a role removed, a sign-out or a deactivated
account closes it (4403) and it receives nothing more; a change that keeps access keeps it open.

Run on the in-memory channel layer, and on the Redis pubsub layer when REDIS_URL is set.
"""

from __future__ import annotations

import json
import os

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.contrib.auth.models import Group
from django.test import Client

from diagnosis.sessions import services
from diagnosis.sessions.events import events_append
from tests.web.test_websocket import communicator, cookie_for, receive_events, refused_with

pytestmark = pytest.mark.django_db(transaction=True)

CLOSE_REVOKED = 4403


def _layers() -> list:
    layers = [pytest.param({"BACKEND": "channels.layers.InMemoryChannelLayer"}, id="inmemory")]
    redis_url = os.environ.get("REDIS_URL", "")
    if redis_url:
        from webapp.env import redis_url_with_db

        db = int(os.environ.get("REDIS_CHANNEL_DB", "1"))
        layers.append(
            pytest.param(
                {
                    "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
                    "CONFIG": {"hosts": [redis_url_with_db(redis_url, db)]},
                },
                id="redis-pubsub",
                marks=pytest.mark.redis,
            )
        )
    return layers


@pytest.fixture(params=_layers())
def layer(request, settings):
    settings.CHANNEL_LAYERS = {"default": request.param}
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"
    return request.param


@pytest.fixture
def session(personas, case, layer):
    return services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )


def _connect_path(session) -> str:
    return f"/ws/sessions/{session.public_id}/?last_seq=0"


async def _drain_backlog(comm) -> None:
    while not await comm.receive_nothing(timeout=0.3):
        frame = json.loads(await comm.receive_from(timeout=5))
        assert frame["type"] == "events", frame


async def _closed_with(comm) -> int:
    """The code of the close that ends the socket (frames before it are events)."""
    while True:
        message = await comm.receive_output(timeout=5)
        if message["type"] == "websocket.close":
            return message["code"]
        assert message["type"] == "websocket.send", message


def _remove_role(user, role: str) -> None:
    user.groups.remove(Group.objects.get(name=role))


def test_removing_the_reviewer_role_closes_the_socket_and_nothing_more_arrives(personas, session):
    reviewer = personas["reviewer"]
    cookie = cookie_for(reviewer)

    async def scenario():
        comm = communicator(_connect_path(session), cookie)
        assert (await comm.connect())[0]
        await _drain_backlog(comm)
        await database_sync_to_async(events_append)(session=session, items=[("note", {"n": 1})])
        assert len(await receive_events(comm, 1)) == 1  # it streams while access holds

        await database_sync_to_async(_remove_role)(reviewer, "reviewer")
        assert await _closed_with(comm) == CLOSE_REVOKED
        await database_sync_to_async(events_append)(session=session, items=[("note", {"n": 2})])
        assert await comm.receive_nothing(timeout=0.5)
        await comm.disconnect()

        # and on reconnect: refused, as the page is
        again = communicator(_connect_path(session), cookie)
        assert await refused_with(again) == 4404

    async_to_sync(scenario)()


def test_removing_the_role_through_the_group_side_closes_the_socket(personas, session):
    reviewer = personas["reviewer"]
    cookie = cookie_for(reviewer)

    def remove_from_group() -> None:
        Group.objects.get(name="reviewer").user_set.remove(reviewer)

    async def scenario():
        comm = communicator(_connect_path(session), cookie)
        assert (await comm.connect())[0]
        await _drain_backlog(comm)
        await database_sync_to_async(remove_from_group)()
        assert await _closed_with(comm) == CLOSE_REVOKED
        await comm.disconnect()

    async_to_sync(scenario)()


def test_signing_out_closes_the_sockets_of_that_sign_in(personas, session):
    owner = personas["owner"]
    browser = Client()
    browser.force_login(owner)
    cookie = f"sessionid={browser.cookies['sessionid'].value}".encode()

    async def scenario():
        comm = communicator(_connect_path(session), cookie)
        assert (await comm.connect())[0]
        await _drain_backlog(comm)
        await database_sync_to_async(browser.logout)()
        assert await _closed_with(comm) == CLOSE_REVOKED
        await database_sync_to_async(events_append)(session=session, items=[("note", {"n": 3})])
        assert await comm.receive_nothing(timeout=0.5)
        await comm.disconnect()

    async_to_sync(scenario)()


def test_a_deactivated_account_loses_its_socket(personas, session):
    owner = personas["owner"]
    cookie = cookie_for(owner)

    def deactivate() -> None:
        owner.is_active = False
        owner.save()

    async def scenario():
        comm = communicator(_connect_path(session), cookie)
        assert (await comm.connect())[0]
        await _drain_backlog(comm)
        await database_sync_to_async(deactivate)()
        assert await _closed_with(comm) == CLOSE_REVOKED
        await comm.disconnect()

    async_to_sync(scenario)()


def test_a_role_change_that_keeps_access_keeps_the_socket_streaming(personas, session):
    owner = personas["owner"]
    cookie = cookie_for(owner)

    def add_curator() -> None:
        owner.groups.add(Group.objects.get(name="curator"))

    async def scenario():
        comm = communicator(_connect_path(session), cookie)
        assert (await comm.connect())[0]
        await _drain_backlog(comm)
        await database_sync_to_async(add_curator)()
        await database_sync_to_async(events_append)(session=session, items=[("note", {"n": 4})])
        got = await receive_events(comm, 1)
        assert got[-1]["payload"] == {"n": 4}
        await comm.disconnect()

    async_to_sync(scenario)()
