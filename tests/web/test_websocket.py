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


@pytest.fixture
def renders(monkeypatch):
    """Count every render of a pushed fragment, wherever it runs (the publisher or a consumer)."""
    from diagnosis.web import consumers, fragments

    counts = {"events": 0, "progress": 0}
    real_events, real_progress = fragments.render_events_html, fragments.render_progress_html

    def events_html(session, events, **kwargs):
        counts["events"] += bool(events)  # an error frame alone renders no events
        return real_events(session, events, **kwargs)

    def progress_html(session, frame):
        counts["progress"] += 1
        return real_progress(session, frame)

    for module in (fragments, consumers):
        monkeypatch.setattr(module, "render_events_html", events_html)
        monkeypatch.setattr(module, "render_progress_html", progress_html)
    return counts


def html_socket(session, cookie: bytes, last_seq: int = 10) -> WebsocketCommunicator:
    return communicator(
        f"/ws/sessions/{session.public_id}/?last_seq={last_seq}&format=html", cookie
    )


TURN_DONE = [  # what a completed simulated turn appends in one batch
    (
        "turn.completed",
        {
            "turn": 0,
            "attempt": 1,
            "decision": {
                "reasoning": "Pale and tired",
                "differential": [{"diagnosis": "Iron deficiency anaemia", "probability": 0.7}],
                "action": {"type": "order_tests", "tests": [{"test": "Ferritin"}]},
            },
        },
    ),
    (
        "env.results",
        {"turn": 0, "observations": [{"order": "Ferritin", "status": "answered", "cost": 12.5}]},
    ),
    ("turn.metrics", {"turn": 0, "metrics": {"information_gain": 0.4}}),
]


def test_two_html_clients_share_one_render_per_batch_byte_for_byte(personas, session, renders):
    """Ten browsers on one session must not cost ten renders (and ten sidebar reads) per push."""
    cookie = cookie_for(personas["owner"])

    async def scenario():
        first, second = html_socket(session, cookie), html_socket(session, cookie)
        assert (await first.connect())[0] and (await second.connect())[0]
        await database_sync_to_async(events_append)(
            session=session, items=[("turn.started", {"turn": 0, "attempt": 1})]
        )
        started = await first.receive_from(timeout=5)
        assert await second.receive_from(timeout=5) == started
        assert 'id="turn-0-status"' in started and 'data-last-seq="11"' in started
        await database_sync_to_async(events_append)(session=session, items=TURN_DONE)
        done = await first.receive_from(timeout=5)
        assert await second.receive_from(timeout=5) == done
        assert 'data-first-seq="12"' in done and 'data-last-seq="14"' in done
        assert "Ferritin" in done and 'id="stats"' in done
        assert await first.receive_nothing(timeout=0.3) and await second.receive_nothing()
        await first.disconnect()
        await second.disconnect()

    async_to_sync(scenario)()
    assert renders["events"] == 2  # once per batch, not once per client


def test_an_html_client_that_missed_a_push_gets_the_gap_from_the_log(
    personas, session, renders, monkeypatch
):
    """The pre-rendered fragment of a push only fits a client that has everything before it."""
    from diagnosis.sessions import publish as live

    cookie = cookie_for(personas["owner"])

    async def scenario():
        behind = html_socket(session, cookie)
        assert (await behind.connect())[0]
        with monkeypatch.context() as quiet:  # seq 11 is written but its push is lost
            quiet.setattr(live, "publish_events", lambda *a, **k: None)
            await database_sync_to_async(events_append)(
                session=session, items=[("turn.created", {"turn": 1})]
            )
        current = html_socket(session, cookie)  # connects after: reads seq 11 from the log
        assert (await current.connect())[0]
        backlog = await current.receive_from(timeout=5)
        assert 'data-first-seq="11"' in backlog and 'id="turn-1"' in backlog
        await database_sync_to_async(events_append)(
            session=session, items=[("turn.started", {"turn": 1, "attempt": 1})]
        )
        pushed = await current.receive_from(timeout=5)
        assert 'data-first-seq="12"' in pushed and 'data-last-seq="12"' in pushed
        filled = await behind.receive_from(timeout=5)
        assert 'data-first-seq="11"' in filled and 'data-last-seq="12"' in filled
        assert 'id="turn-1"' in filled and 'id="turn-1-status"' in filled
        assert await behind.receive_nothing(timeout=0.3) and await current.receive_nothing()
        await behind.disconnect()
        await current.disconnect()

    async_to_sync(scenario)()


def test_a_page_that_connects_after_a_fast_turn_still_sees_its_partial_differential_first(
    personas, session
):
    """A 10 ms KG turn can start, stream and finish between the page's render and its socket's
    subscription: the backlog replays the logged partial before the completion folds it away."""
    cookie = cookie_for(personas["owner"])
    partial = {
        "turn": 0,
        "attempt": 1,
        "partial": {"differential": [{"diagnosis": "Iron deficiency anaemia", "probability": 0.6}]},
    }
    events_append(
        session=session,
        items=[("turn.started", {"turn": 0, "attempt": 1}), ("turn.partial", partial), *TURN_DONE],
    )

    async def scenario():
        late = html_socket(session, cookie)  # the page was rendered at seq 10
        assert (await late.connect())[0]
        first = await late.receive_from(timeout=5)
        assert 'data-last-seq="12"' in first
        assert 'id="turn-0-differential"' in first and 'data-stage="partial"' in first
        assert "Iron deficiency anaemia" in first
        second = await late.receive_from(timeout=5)
        assert 'data-first-seq="13"' in second and 'data-last-seq="15"' in second
        assert 'data-stage="final"' in second
        assert await late.receive_nothing(timeout=0.3)
        await late.disconnect()

    async_to_sync(scenario)()


def test_html_progress_frames_are_rendered_once_and_still_filtered_per_client(
    personas, session, renders, monkeypatch
):
    from diagnosis.sessions import publish as live

    cookie = cookie_for(personas["owner"])
    public_id = str(session.public_id)
    frame = {"turn": 0, "attempt": 1, "partial": {"reasoning": "thinking"}, "after_seq": 11}

    async def scenario():
        behind = html_socket(session, cookie)
        assert (await behind.connect())[0]
        with monkeypatch.context() as quiet:  # the turn.started push never reaches `behind`
            quiet.setattr(live, "publish_events", lambda *a, **k: None)
            await database_sync_to_async(events_append)(
                session=session, items=[("turn.started", {"turn": 0, "attempt": 1})]
            )
        current = html_socket(session, cookie)
        assert (await current.connect())[0]
        assert 'data-last-seq="11"' in await current.receive_from(timeout=5)
        before = renders["progress"]
        await database_sync_to_async(live.publish_progress)(public_id, frame)
        shown = await current.receive_from(timeout=5)
        assert 'id="turn-0-reasoning"' in shown and "thinking" in shown
        assert "stream-state" not in shown  # a progress frame does not move last_seq
        # `behind` has not been told the turn started: it reads that from the log first.
        assert 'data-last-seq="11"' in await behind.receive_from(timeout=5)
        assert await behind.receive_from(timeout=5) == shown
        assert renders["progress"] - before == 1
        await database_sync_to_async(events_append)(
            session=session, items=[("turn.completed", {"turn": 0, "attempt": 1})]
        )
        assert 'data-last-seq="12"' in await current.receive_from(timeout=5)
        assert 'data-last-seq="12"' in await behind.receive_from(timeout=5)
        late = {**frame, "partial": {"reasoning": "late"}}
        await database_sync_to_async(live.publish_progress)(public_id, late)
        assert await current.receive_nothing(timeout=0.3) and await behind.receive_nothing()
        await behind.disconnect()
        await current.disconnect()

    async_to_sync(scenario)()


def test_nothing_is_rendered_when_nobody_can_be_listening(personas, session, renders, settings):
    """No channel layer (a management command, a batch run without Redis): no push, no render."""
    settings.CHANNEL_LAYERS = {}
    events_append(session=session, items=TURN_DONE)
    assert renders == {"events": 0, "progress": 0}


def test_the_in_memory_layer_renders_only_for_a_session_someone_watches(
    personas, session, case, renders, settings
):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    cookie = cookie_for(personas["owner"])
    other = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )

    async def scenario():
        watching = html_socket(session, cookie)
        assert (await watching.connect())[0]
        await database_sync_to_async(events_append)(session=other, items=TURN_DONE)
        assert renders["events"] == 0  # nobody is in the other session's group
        await database_sync_to_async(events_append)(session=session, items=TURN_DONE)
        assert 'data-last-seq="13"' in await watching.receive_from(timeout=5)
        assert renders["events"] == 1
        await watching.disconnect()

    async_to_sync(scenario)()


def test_batches_committed_together_reach_html_clients_whole_and_in_order(
    personas, session, renders
):
    """Two batches in one transaction publish back to back (and may travel as one message): each
    client gets every part, once per batch rendered, the same bytes as the other client."""
    from django.db import transaction

    cookie = cookie_for(personas["owner"])

    def two_batches() -> None:
        with transaction.atomic():
            events_append(session=session, items=[("turn.started", {"turn": 0, "attempt": 1})])
            events_append(session=session, items=TURN_DONE)

    async def until_seq(comm: WebsocketCommunicator, seq: int) -> list[str]:
        frames = [await comm.receive_from(timeout=5)]
        while f'data-last-seq="{seq}"' not in frames[-1]:
            frames.append(await comm.receive_from(timeout=5))
        return frames

    async def scenario():
        first, second = html_socket(session, cookie), html_socket(session, cookie)
        assert (await first.connect())[0] and (await second.connect())[0]
        await database_sync_to_async(two_batches)()
        got = await until_seq(first, 14)
        assert await until_seq(second, 14) == got
        html = "".join(got)
        assert 'id="turn-0-status"' in html and "Ferritin" in html and 'id="stats"' in html
        assert await first.receive_nothing(timeout=0.3) and await second.receive_nothing()
        await first.disconnect()
        await second.disconnect()

    async_to_sync(scenario)()
    assert renders["events"] == 2


def test_a_coalesced_push_is_sent_piece_by_piece_only_where_it_follows_on(
    personas, session, monkeypatch
):
    """Batches queued while a send is in flight travel as one message carrying each batch's
    render: a client sends those in order; one that already has part of a batch renders the rest."""
    from channels.layers import get_channel_layer

    from diagnosis.sessions import publish as live

    cookie = cookie_for(personas["owner"])
    monkeypatch.setattr(live, "publish_events", lambda *a, **k: None)  # the test pushes by hand

    def write(note: int) -> dict:
        return events_append(session=session, items=[("note", {"n": note})])[0].as_wire()

    async def scenario():
        behind = html_socket(session, cookie)
        assert (await behind.connect())[0]
        wire = [await database_sync_to_async(write)(n) for n in (11, 12)]
        partly = html_socket(session, cookie, last_seq=12)
        assert (await partly.connect())[0]
        wire.append(await database_sync_to_async(write)(13))
        pieces = [
            {"first_seq": 11, "last_seq": 11, "html": "<p>eleven</p>"},
            {"first_seq": 12, "last_seq": 13, "html": "<p>twelve and thirteen</p>"},
        ]
        await get_channel_layer().group_send(
            live.group_name(str(session.public_id)),
            {"type": "session.events", "events": wire, "html": pieces},
        )
        assert await behind.receive_from(timeout=5) == "<p>eleven</p>"
        assert await behind.receive_from(timeout=5) == "<p>twelve and thirteen</p>"
        own = await partly.receive_from(timeout=5)  # it has 12: the 12-13 piece does not fit
        assert 'data-first-seq="13"' in own and 'data-last-seq="13"' in own
        assert await behind.receive_nothing(timeout=0.3) and await partly.receive_nothing()
        await behind.disconnect()
        await partly.disconnect()

    async_to_sync(scenario)()
