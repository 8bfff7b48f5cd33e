"""Session fragments: the transcript fold, out-of-band parts by stable id, escaping, the chart."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from diagnosis.models import Turn, TurnStatus
from diagnosis.sessions import services
from diagnosis.sessions.events import events_append
from diagnosis.web.charts import probability_chart
from diagnosis.web.fragments import page_context, render_events_html
from diagnosis.web.scorecard import final_stats, running_stats, turn_flags
from diagnosis.web.transcript import SessionView, fold

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_turns_run(settings):  # type: ignore[no-untyped-def]
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"


def ev(seq: int, kind: str, **payload):  # type: ignore[no-untyped-def]
    return {"seq": seq, "kind": kind, "payload": payload}


PARTIAL = {
    "reasoning": "Pale and tired",
    "differential": [
        {"diagnosis": "Hypothyroidism", "probability": 0.2},
        {"diagnosis": "Iron deficiency anaemia", "probability": 0.7},
        {"diagnosis": "", "probability": 0.1},  # still being written: no name yet
        {"diagnosis": "Coeliac disease"},  # no probability yet
    ],
}


def test_the_fold_ranks_a_half_written_differential_and_skips_unnamed_hypotheses():
    view = SessionView(public_id="x")
    touched = fold(
        view,
        [
            ev(1, "turn.created", turn=0),
            ev(2, "turn.started", turn=0, attempt=1),
            ev(3, "turn.partial", turn=0, attempt=1, partial=PARTIAL),
        ],
    )
    turn = view.turns[0]
    assert [h.diagnosis for h in turn.differential] == [
        "Iron deficiency anaemia",
        "Hypothyroidism",
        "Coeliac disease",
    ]
    assert turn.stage == "partial" and turn.status == "running"
    assert ("turn", 0) in touched and ("differential", 0) in touched
    assert view.last_seq == 3


def test_the_fold_survives_malformed_payloads():
    view = SessionView(public_id="x")
    fold(
        view,
        [
            ev(1, "turn.partial", turn="zero", partial="nonsense"),
            ev(
                2,
                "turn.partial",
                turn=0,
                partial={
                    "differential": [{"diagnosis": "X", "probability": "high"}],
                    "action": {"type": "order_tests", "tests": [{"test": ""}, 7]},
                },
            ),
            ev(
                3,
                "env.results",
                turn=0,
                observations=[{"order": "CBC", "status": "answered", "cost": "n/a"}, None],
            ),
            ev(4, "turn.metrics", turn=0, metrics=["not", "a", "dict"]),
        ],
    )
    turn = view.turns[0]
    assert turn.differential[0].probability is None and turn.orders == []
    assert turn.answers[0].cost == 0.0 and turn.answers[0].unavailable is False
    assert turn.metrics is None  # metrics that are not a mapping read as none at all


def _session(personas, case, **kwargs):  # type: ignore[no-untyped-def]
    return services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case, **kwargs
    )


def test_a_push_swaps_each_changed_part_by_its_stable_id_and_carries_the_last_seq(personas, case):
    session = _session(personas, case)
    html = render_events_html(
        session,
        [
            ev(7, "turn.started", turn=0, attempt=1),
            ev(8, "turn.partial", turn=0, attempt=1, partial=PARTIAL),
        ],
    )
    ids = re.findall(r'<[^>]+ id="([^"]+)"[^>]*hx-swap-oob', html)
    assert ids == [
        "turn-0-status",
        "turn-0-error",
        "turn-0-reasoning",
        "turn-0-differential",
        "turn-0-action",
        "stream-state",
    ]
    assert (
        'data-last-seq="8"' in html and 'data-first-seq="7"' in html and 'data-open="true"' in html
    )
    assert 'data-stage="partial"' in html


def test_a_new_turn_is_appended_once_with_its_parts_inside(personas, case):
    session = _session(personas, case)
    html = render_events_html(
        session,
        [
            ev(5, "turn.created", turn=1),
            ev(6, "turn.started", turn=1, attempt=1),
            ev(7, "turn.partial", turn=1, attempt=1, partial=PARTIAL),
        ],
    )
    assert html.count('hx-swap-oob="beforeend:#turns"') == 1
    assert html.count('id="turn-1-differential"') == 1  # not appended and then swapped again
    assert "Iron deficiency anaemia" in html


def test_model_and_case_text_is_escaped_in_fragments(personas, case):
    session = _session(personas, case)
    hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    html = render_events_html(
        session,
        [
            ev(
                9,
                "turn.partial",
                turn=0,
                attempt=1,
                partial={
                    "reasoning": hostile,
                    "differential": [
                        {"diagnosis": hostile, "probability": 0.5, "evidence_for": [hostile]}
                    ],
                    "action": {
                        "type": "order_tests",
                        "tests": [{"test": hostile, "rationale": hostile}],
                    },
                },
            )
        ],
    )
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_the_end_of_a_session_renders_the_banner_the_end_marker_and_a_closed_stream(personas, case):
    session = _session(personas, case)
    html = render_events_html(
        session,
        [
            ev(
                20,
                "session.completed",
                final_diagnosis="Iron deficiency anaemia",
                confidence=0.9,
                gold="Iron deficiency anaemia",
                metrics={"correct": True},
                reason="final_diagnosis",
            )
        ],
    )
    assert 'id="final"' in html and 'data-verdict="match"' in html
    assert 'id="session-end"' in html and "End of session" in html
    assert 'data-open="false"' in html and 'data-status="completed"' in html
    assert (
        "Session complete. Final diagnosis: Iron deficiency anaemia." in html
    )  # announced politely


def test_a_failed_turn_shows_its_error_and_a_retry_form(personas, case):
    session = _session(personas, case)
    html = render_events_html(
        session,
        [
            ev(
                4,
                "turn.failed",
                turn=0,
                attempt=1,
                error="Model server unavailable.",
                retryable=True,
            )
        ],
    )
    assert 'role="alert"' in html and "Model server unavailable." in html
    assert f'hx-post="/sessions/{session.public_id}/retry/"' in html


def test_an_error_alone_renders_only_the_error_box():
    html = render_events_html(None, [], error="Messages must be JSON objects.")
    assert html.startswith('<div id="ws-error"') and "Messages must be JSON objects." in html


def test_the_full_page_folds_the_whole_log(personas, case):
    session = _session(personas, case)
    context = page_context(session)
    assert context["view"].title == case.title
    assert context["view"].last_seq == session.last_seq == 2
    assert list(context["view"].turns) == [0]


def test_the_chart_joins_consecutive_turns_and_breaks_where_a_hypothesis_is_missing():
    chart = probability_chart(
        [(0, [("A", 0.5), ("B", 0.5)]), (1, [("A", 0.8)]), (2, [("a", 0.9), ("B", 0.1)])]
    )
    assert chart is not None
    a, b = chart.series
    assert a.label == "A" and [p.turn for p in a.points] == [0, 1, 2]
    assert a.path.count("M") == 1 and a.path.count("L") == 2
    assert b.path.count("M") == 2  # absent at turn 1: the line breaks
    assert chart.table() == [("A", ["50%", "80%", "90%"]), ("B", ["50%", "—", "10%"])]
    assert probability_chart([]) is None


def test_flags_and_stats_read_the_metric_keys_and_say_unknown_for_none():
    metrics = {
        "flags": {"ungrounded_order": True, "unsupported_update": False, "incoherent": True},
        "details": {
            "orders": [{"subject": "Urinalysis", "status": "ungrounded", "because": "no live link"}]
        },
        "incoherence": [{"kind": "repeated_test", "detail": "Ferritin"}],
        "dtc": 0.75,
        "rac": None,
        "kg_coverage": 0.5,
        "gold_rank": 2,
        "top3": True,
    }
    flags = turn_flags(metrics)
    assert [f.label for f in flags] == ["Ungrounded order", "Incoherence"]
    assert flags[0].details == ("Urinalysis — no live link",) and flags[1].details == (
        "repeats a test: Ferritin",
    )
    stats = {s.key: s for s in running_stats(metrics)}
    assert (
        stats["dtc"].value == "0.75"
        and stats["rac"].value == "unknown"
        and stats["gold_rank"].value == "#2"
    )
    assert stats["rac"].note == "KG coverage 50%"
    assert running_stats({"rac": 0.5, "top3": None, "dtc": None}) == [
        running_stats({"rac": 0.5})[0]
    ]  # live: no gold
    assert {s.key for s in final_stats({"correct": None, "dtc": None, "rac": 0.5})} == {"rac"}
    assert turn_flags({"flags": "garbage"}) == []


def test_a_full_page_reads_only_the_last_partial_of_each_turn_and_shows_the_same_transcript(
    personas, case
):
    from diagnosis.sessions.events import events_append
    from diagnosis.web.fragments import page_events, transcript_for

    session = _session(personas, case)
    for n in range(30):
        partial = {
            "reasoning": "word " * n,
            "differential": [{"diagnosis": "Anaemia", "probability": n / 100}],
        }
        events_append(
            session=session, items=[("turn.partial", {"turn": 0, "attempt": 1, "partial": partial})]
        )
    events_append(
        session=session,
        items=[("turn.failed", {"turn": 0, "attempt": 1, "error": "down", "retryable": True})],
    )
    read = page_events(session)
    assert [e["kind"] for e in read] == [
        "session.started",
        "turn.created",
        "turn.partial",
        "turn.failed",
    ]
    everything = SessionView(public_id=str(session.public_id))
    fold(everything, [e.as_wire() for e in session.events.order_by("seq")])
    page = transcript_for(session)
    assert page.turns[0] == everything.turns[0] and page.last_seq == everything.last_seq == 33
    assert page.turns[0].differential[0].probability == 0.29 and page.turns[0].error == "down"


def test_the_push_renderer_renders_what_a_client_would_from_a_fresh_read(personas, case):
    """The publisher's one render per push is the fragment each client used to render itself."""
    import uuid

    from diagnosis.web.fragments import render_progress_html, render_push

    session = _session(personas, case)
    batch = [
        ev(7, "turn.completed", turn=0, attempt=1, decision=PARTIAL),
        ev(8, "env.results", turn=0, observations=[{"order": "CBC", "status": "answered"}]),
        ev(9, "turn.metrics", turn=0, metrics={"information_gain": 0.4}),
    ]
    pushed = render_push(str(session.public_id), "events", batch)
    assert pushed == render_events_html(session, batch)
    assert 'id="turn-0-differential"' in pushed and 'data-last-seq="9"' in pushed
    frame = {"turn": 0, "attempt": 1, "partial": PARTIAL, "after_seq": 6}
    progress = render_push(str(session.public_id), "progress", [frame])
    assert progress == render_progress_html(session, frame) and "Pale and tired" in progress
    assert render_push(str(uuid.uuid4()), "events", batch) is None  # gone: clients render
    assert render_push(str(session.public_id), "something-new", batch) is None


def _section(html: str, element_id: str) -> str:
    """The markup from the element with this id up to the next element with an id of a turn."""
    start = html.index(f'id="{element_id}"')
    following = re.search(r'id="turn-\d+"', html[start + 1 :])
    return html[start : start + 1 + following.start()] if following else html[start:]


def test_a_half_written_partial_renders_what_is_written_so_far(personas, case):
    session = _session(personas, case)
    partial = {
        **PARTIAL,
        "action": {"type": "order_tests", "tests": [{"test": "Ferritin"}, {"test": ""}, {"te": 1}]},
    }
    html = render_events_html(session, [ev(8, "turn.partial", turn=0, attempt=1, partial=partial)])
    differential = _section(html, "turn-0-differential")
    assert re.findall(r'class="hyp-name">([^<]*)<', differential) == [
        "Iron deficiency anaemia",
        "Hypothyroidism",
        "Coeliac disease",
    ]
    assert re.findall(r'class="hyp-pct">([^<]*)<', differential) == ["70%", "20%", "…"]
    assert "updating" in differential and 'data-count="3"' in differential
    action = _section(html, "turn-0-action")
    assert re.findall(r'class="order-name">([^<]*)<', action) == ["Ferritin"]


GOOD = {
    "reasoning": "Low ferritin fits.",
    "differential": [
        {"diagnosis": "Coeliac disease", "probability": 0.25},
        {"diagnosis": "Iron deficiency anaemia", "probability": 0.75},
    ],
    "action": {
        "type": "final_diagnosis",
        "diagnosis": "Iron deficiency anaemia",
        "confidence": 0.8,
    },
}
# Valid as a partial, not as a stored decision: a probability above 1 and an unknown action.
MALFORMED = {
    "reasoning": "Looks fine as a partial.",
    "differential": [{"diagnosis": "Ghost", "probability": 1.5}],
    "action": {"type": "discharge"},
}


def test_a_malformed_stored_decision_shows_an_error_line_for_its_turn_only(personas, case):
    session = _session(personas, case)
    html = render_events_html(
        session,
        [
            ev(3, "turn.completed", turn=0, attempt=1, decision=MALFORMED),
            ev(4, "turn.created", turn=1),
            ev(5, "turn.completed", turn=1, attempt=1, decision=GOOD),
        ],
    )
    bad, good = _section(html, "turn-0-reasoning"), _section(html, "turn-1")
    assert "The stored decision of this turn could not be read" in bad
    assert "Ghost" not in html and "Looks fine as a partial." not in html
    assert "could not be read" not in good and "Low ferritin fits." in good
    assert re.findall(r'class="hyp-name">([^<]*)<', good) == [
        "Iron deficiency anaemia",
        "Coeliac disease",
    ]
    assert "Commits to a diagnosis" in good and "confidence 80%" in good


def test_a_page_with_a_malformed_stored_decision_renders_the_other_turns_and_the_chart(
    client, personas, case
):
    session = _session(personas, case)
    not_a_decision = ["not", "a", "decision"]
    Turn.objects.filter(session=session, index=0).update(
        status=TurnStatus.COMPLETED, decision=not_a_decision
    )
    Turn.objects.create(session=session, index=1, status=TurnStatus.COMPLETED, decision=GOOD)
    events_append(
        session=session,
        items=[
            ("turn.completed", {"turn": 0, "attempt": 1, "decision": not_a_decision}),
            ("turn.created", {"turn": 1}),
            ("turn.completed", {"turn": 1, "attempt": 1, "decision": GOOD}),
        ],
    )
    client.force_login(personas["owner"])
    page = client.get(reverse("session_detail", args=[session.public_id]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "The stored decision of this turn could not be read" in _section(html, "turn-0")
    assert "could not be read" not in _section(html, "turn-1")
    assert "Low ferritin fits." in _section(html, "turn-1")
    chart = html[html.index('id="chart"') :]
    assert '<span class="legend-name">Iron deficiency anaemia</span>' in chart
    assert 'data-stat="turns">2 of' in html


def test_the_sidebar_counts_the_flags_raised_per_kind_and_the_turns_that_raised_them(
    personas, case
):
    from diagnosis.web.fragments import sidebar_for

    session = _session(personas, case)
    ungrounded = {"subject": "Urinalysis", "status": "ungrounded", "because": "no live link"}
    Turn.objects.filter(session=session, index=0).update(
        status=TurnStatus.COMPLETED,
        metrics={
            "flags": {"ungrounded_order": True},
            "orders": {"grounded": 0, "ungrounded": 2},
            "details": {"orders": [ungrounded, {**ungrounded, "subject": "Lipase"}]},
        },
    )
    Turn.objects.create(
        session=session,
        index=1,
        status=TurnStatus.COMPLETED,
        metrics={
            # a count with no details, and two incoherences behind one flag
            "flags": {"ungrounded_order": True, "incoherent": True},
            "orders": {"ungrounded": 1},
            "incoherence": [{"kind": "repeated_test"}, {"kind": "dropped_leader"}],
        },
    )
    Turn.objects.create(
        session=session,
        index=2,
        status=TurnStatus.COMPLETED,
        metrics={"flags": {"unsupported_update": True}},  # a flag with nothing counted: one
    )
    sidebar = sidebar_for(session)
    assert sidebar.flag_counts == [
        ("Incoherence", 2, 1),
        ("Ungrounded order", 3, 2),
        ("Unsupported update", 1, 1),
    ]
    html = render_events_html(session, [ev(99, "turn.metrics", turn=2, metrics={})])
    stats = html[html.index('id="stats"') :]
    assert "Flags raised so far" in stats
    assert re.search(r"Ungrounded order</span> × 3 <span[^>]*>on 2 turns", stats)
    assert re.search(r"Incoherence</span> × 2 <span[^>]*>on 1 turn<", stats)


def test_dtc_and_rac_are_named_in_full_and_explained_in_a_line(personas, case):
    from django.template.loader import render_to_string

    from diagnosis.web.fragments import sidebar_for

    session = _session(personas, case)
    Turn.objects.filter(session=session, index=0).update(
        status=TurnStatus.COMPLETED, metrics={"dtc": 0.5, "rac": 0.25, "top3": True}
    )
    html = render_to_string(
        "diagnosis/partials/stats.html", {"sidebar": sidebar_for(session), "oob": False}
    )
    assert '<abbr title="Diagnostic trajectory convergence">DTC</abbr>' in html
    assert '<abbr title="Reasoning–action consistency">RAC</abbr>' in html
    assert "How steadily the differential converged on the correct diagnosis" in html
    assert "Share of orders and belief changes backed by the evidence" in html
