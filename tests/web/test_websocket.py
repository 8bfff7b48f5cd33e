"""The session WebSocket: access on connect, resume after last_seq, then live pushes; bad input."""

from __future__ import annotations

import json
import uuid

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from diagnosis.sessions import services
from diagnosis.sessions.events import events_append
from webapp.asgi import application

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _no_turns(settings):
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"


def cookie_for(user) -> bytes:
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}".encode()


def communicator(path: str, cookie: bytes | None = None) -> WebsocketCommunicator:
    headers = [(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1")]
    if cookie is not None:
        headers.append((b"cookie", cookie))
    return WebsocketCommunicator(application, path, headers=headers)


async def refused_with(comm: WebsocketCommunicator) -> int:
    """The close code of a refused connection (accepted, closed with a reason, nothing sent)."""
    connected, _ = await comm.connect()
    assert connected
    message = await comm.receive_output(timeout=5)
    assert message["type"] == "websocket.close", message
    return message["code"]


async def receive_events(
    comm: WebsocketCommunicator, count: int, timeout: float = 5.0
) -> list[dict]:
    got: list[dict] = []
    while len(got) < count:
        frame = json.loads(await comm.receive_from(timeout=timeout))
        assert frame["type"] == "events", frame
        got.extend(frame["events"])
    return got


@pytest.fixture
def session(personas, case):
    s = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )
    events_append(session=s, items=[("note", {"n": i}) for i in range(8)])  # seq 1..10
    return s


def test_it_resumes_after_last_seq_then_forwards_live_pushes_in_order(personas, session):
    cookie = cookie_for(personas["owner"])

    async def scenario():
        comm = communicator(f"/ws/sessions/{session.public_id}/?last_seq=4", cookie)
        connected, _ = await comm.connect()
        assert connected
        backlog = await receive_events(comm, 6)
        assert [e["seq"] for e in backlog] == [5, 6, 7, 8, 9, 10]
        await database_sync_to_async(events_append)(
            session=session, items=[("note", {"live": 1}), ("note", {"live": 2})]
        )
        pushed = await receive_events(comm, 2)
        assert [e["seq"] for e in pushed] == [11, 12]
        assert pushed[0]["payload"] == {"live": 1}
        assert await comm.receive_nothing(timeout=0.3)
        await comm.disconnect()

    async_to_sync(scenario)()


def test_a_resume_message_replays_only_what_the_client_missed(personas, session):
    cookie = cookie_for(personas["owner"])

    async def scenario():
        comm = communicator(f"/ws/sessions/{session.public_id}/?last_seq=10", cookie)
        assert (await comm.connect())[0]
        assert await comm.receive_nothing(timeout=0.2)
        await comm.send_to(text_data=json.dumps({"type": "resume", "last_seq": 7}))
        assert [e["seq"] for e in await receive_events(comm, 3)] == [8, 9, 10]
        await comm.disconnect()

    async_to_sync(scenario)()


def test_malformed_messages_get_an_error_frame_and_the_connection_stays(personas, session):
    cookie = cookie_for(personas["owner"])

    async def scenario():
        comm = communicator(f"/ws/sessions/{session.public_id}/?last_seq=10", cookie)
        assert (await comm.connect())[0]
        for bad in [
            "not json",
            "[1, 2]",
            json.dumps({"type": "launch-missiles"}),
            json.dumps({"type": "resume", "last_seq": "x"}),
        ]:
            await comm.send_to(text_data=bad)
            frame = json.loads(await comm.receive_from(timeout=5))
            assert frame["type"] == "error" and frame["error"]
        await comm.send_to(text_data=json.dumps({"type": "ping"}))
        assert json.loads(await comm.receive_from(timeout=5)) == {"type": "pong", "last_seq": 10}
        await database_sync_to_async(events_append)(
            session=session, items=[("note", {"after": "errors"})]
        )
        assert [e["seq"] for e in await receive_events(comm, 1)] == [11]
        await comm.disconnect()

    async_to_sync(scenario)()
    assert session.events.count() == 11  # nothing written by the bad messages


def test_a_pushed_batch_after_a_gap_is_filled_from_the_log(personas, session):
    """A push lost by the channel layer (here: never sent) is recovered from the event log."""
    cookie = cookie_for(personas["owner"])

    async def scenario():
        comm = communicator(f"/ws/sessions/{session.public_id}/?last_seq=10", cookie)
        assert (await comm.connect())[0]
        # Write seq 11 without publishing it, then publish seq 12 only.
        from diagnosis.sessions import publish as live

        original = live.publish_events
        live.publish_events = lambda *a, **k: None
        try:
            await database_sync_to_async(events_append)(
                session=session, items=[("note", {"silent": True})]
            )
        finally:
            live.publish_events = original
        await database_sync_to_async(events_append)(
            session=session, items=[("note", {"loud": True})]
        )
        got = await receive_events(comm, 2)
        assert [e["seq"] for e in got] == [11, 12]
        await comm.disconnect()

    async_to_sync(scenario)()


EXPECTED = {
    "anonymous": 4401,
    "other_clinician": 4404,
    "curator": 4404,
    "owner": None,
    "reviewer": None,
    "auditor": None,
}


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_websocket_access_matches_the_page_access(personas, session, persona):
    cookie = None if persona == "anonymous" else cookie_for(personas[persona])

    async def scenario():
        comm = communicator(f"/ws/sessions/{session.public_id}/", cookie)
        if EXPECTED[persona] is None:
            connected, code = await comm.connect()
            assert connected, code
            assert len(await receive_events(comm, 10)) == 10
            await comm.disconnect()
        else:
            assert await refused_with(comm) == EXPECTED[persona]

    async_to_sync(scenario)()


@pytest.mark.parametrize("path", [f"/ws/sessions/{uuid.uuid4()}/", "/ws/sessions/not-a-uuid/"])
def test_unknown_sessions_close_with_not_found(personas, path):
    cookie = cookie_for(personas["owner"])

    async def scenario():
        assert await refused_with(communicator(path, cookie)) == 4404

    async_to_sync(scenario)()


def test_a_foreign_origin_is_refused(personas, session):
    cookie = cookie_for(personas["owner"])

    async def scenario():
        comm = WebsocketCommunicator(
            application,
            f"/ws/sessions/{session.public_id}/",
            headers=[(b"origin", b"http://evil.example"), (b"cookie", cookie)],
        )
        connected, _ = await comm.connect()
        assert not connected

    async_to_sync(scenario)()


def test_progress_frames_are_forwarded_for_running_turns_only(personas, session):
    """Streamed partial decisions travel as transient frames; one for a finished turn (late, or
    from a stale worker) is dropped so it cannot overwrite the completed decision on screen."""
    from diagnosis.sessions import publish as live

    cookie = cookie_for(personas["owner"])
    public_id = str(session.public_id)

    async def scenario():
        comm = communicator(f"/ws/sessions/{public_id}/?last_seq=10", cookie)
        assert (await comm.connect())[0]
        await database_sync_to_async(events_append)(
            session=session, items=[("turn.started", {"turn": 0, "attempt": 1})]
        )
        assert [e["seq"] for e in await receive_events(comm, 1)] == [11]
        live.publish_progress(
            public_id,
            {"turn": 0, "attempt": 1, "partial": {"reasoning": "thinking"}, "after_seq": 11},
        )
        frame = json.loads(await comm.receive_from(timeout=5))
        assert frame == {
            "type": "progress",
            "turn": 0,
            "attempt": 1,
            "partial": {"reasoning": "thinking"},
        }
        await database_sync_to_async(events_append)(
            session=session, items=[("turn.completed", {"turn": 0, "attempt": 1})]
        )
        assert [e["seq"] for e in await receive_events(comm, 1)] == [12]
        live.publish_progress(
            public_id, {"turn": 0, "attempt": 1, "partial": {"reasoning": "late"}, "after_seq": 11}
        )
        assert await comm.receive_nothing(timeout=0.3)
        await comm.disconnect()

    async_to_sync(scenario)()
    assert session.events.count() == 12  # progress frames are not written to the log
