"""Reviewer pages over HTTP: who may read and write reviews, clear 4xx for bad input with nothing
written, the compare view and the review queue."""

from __future__ import annotations

import pytest
from django.urls import reverse

from diagnosis.models import Turn, TurnStatus
from diagnosis.reviews import services as review_services
from diagnosis.reviews.models import TurnReview
from tests.factories import CaseFactory
from tests.helpers import scored_session

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _no_turns_run(settings):  # type: ignore[no-untyped-def]
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"


def _as(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user)
    return client


def _review(**extra):  # type: ignore[no-untyped-def]
    data = {"turn": "0", "differential_rating": "4", "orders_rating": "2", "note": "fine"}
    data.update(extra)
    return data


def test_the_session_page_loads_the_review_panel(client, personas):
    session = scored_session(personas["owner"], [{"ungrounded_order": True}])
    page = _as(client, personas["reviewer"]).get(
        reverse("session_detail", args=[session.public_id])
    )
    url = reverse("session_reviews", args=[session.public_id])
    assert f'hx-get="{url}"'.encode() in page.content


def test_a_reviewer_sees_the_machine_flags_and_a_form_per_turn(client, personas):
    session = scored_session(personas["owner"], [{"ungrounded_order": True}, {}])
    url = reverse("session_reviews", args=[session.public_id])
    panel = _as(client, personas["reviewer"]).get(url, **HTMX).content.decode()
    assert panel.startswith('<section id="reviews" class="reviews card" data-loaded="true"')
    assert 'data-flag="ungrounded_order"' in panel
    assert panel.count('class="review-form"') == 2
    assert 'id="review-1-differential_rating"' in panel  # ids unique per turn


def test_a_reviewer_adds_a_review_and_the_panel_shows_it_with_agreement(client, personas):
    session = scored_session(personas["owner"], [{"ungrounded_order": True}])
    url = reverse("session_reviews", args=[session.public_id])
    reviewer = _as(client, personas["reviewer"])
    response = reviewer.post(url, _review(failure_modes=["ungrounded_order"]), **HTMX)
    assert response.status_code == 200
    panel = response.content.decode()
    assert 'data-tick="ungrounded_order"' in panel and "fine" in panel
    assert '<td class="num agreement-percent">100.0%</td>' in panel
    review = TurnReview.objects.get()
    assert (review.author, review.differential_rating, review.orders_rating) == (
        personas["reviewer"],
        4,
        2,
    )


def test_a_second_review_supersedes_the_first_and_both_are_kept(client, personas):
    session = scored_session(personas["owner"], [{}])
    url = reverse("session_reviews", args=[session.public_id])
    reviewer = _as(client, personas["reviewer"])
    reviewer.post(url, _review(note="first look"), **HTMX)
    panel = reviewer.post(url, _review(note="second look"), **HTMX).content.decode()
    assert TurnReview.objects.count() == 2
    assert "1 earlier review (kept, superseded)" in panel
    assert panel.index("second look") < panel.index("first look")


def test_without_htmx_a_review_redirects_back_to_the_reviews_page(client, personas):
    session = scored_session(personas["owner"], [{}])
    url = reverse("session_reviews", args=[session.public_id])
    response = _as(client, personas["reviewer"]).post(url, _review())
    assert response.status_code == 302 and response["Location"] == url
    assert TurnReview.objects.count() == 1


def test_the_owner_and_an_auditor_read_reviews_without_a_form(client, personas):
    session = scored_session(personas["owner"], [{}])
    review_services.review_add(
        session=session,
        turn_index=0,
        author=personas["reviewer"],
        differential_rating=3,
        note="seen by rita",
    )
    url = reverse("session_reviews", args=[session.public_id])
    for who in ("owner", "auditor"):
        page = _as(client, personas[who]).get(url, **HTMX).content.decode()
        assert "seen by rita" in page and "review-form" not in page


@pytest.mark.parametrize(
    "who, status", [("owner", 403), ("auditor", 403), ("curator", 404), ("other_clinician", 404)]
)
def test_non_reviewers_cannot_add_a_review(client, personas, who, status):
    session = scored_session(personas["owner"], [{}])
    url = reverse("session_reviews", args=[session.public_id])
    assert _as(client, personas[who]).post(url, _review(), **HTMX).status_code == status
    assert not TurnReview.objects.exists()


def test_another_clinician_cannot_read_the_reviews(client, personas):
    session = scored_session(personas["owner"], [{}])
    url = reverse("session_reviews", args=[session.public_id])
    assert _as(client, personas["other_clinician"]).get(url).status_code == 404


def test_anonymous_is_sent_to_sign_in_and_nothing_is_written(client, personas):
    session = scored_session(personas["owner"], [{}])
    url = reverse("session_reviews", args=[session.public_id])
    response = client.post(url, _review())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not TurnReview.objects.exists()


@pytest.mark.parametrize(
    "bad, says",
    [
        ({"differential_rating": "9"}, "Select a valid choice"),
        ({"differential_rating": ""}, "required"),
        ({"orders_rating": "abc"}, "Select a valid choice"),
        ({"note": "a\x00b"}, "NUL character"),
        ({"note": "x" * 2001}, "at most 2000"),
        ({"failure_modes": ["vibes"]}, "Select a valid choice"),
        ({"turn": "3"}, "no turn 4"),
        ({"turn": "-1"}, "names no turn"),
        ({"turn": "9" * 40}, "names no turn"),
    ],
)
def test_bad_input_answers_400_with_the_reason_and_writes_nothing(client, personas, bad, says):
    session = scored_session(personas["owner"], [{}])
    url = reverse("session_reviews", args=[session.public_id])
    reviewer = _as(client, personas["reviewer"])
    response = reviewer.post(url, _review(**bad), **HTMX)
    assert response.status_code == 400 and says in response.content.decode()
    page = reviewer.post(url, _review(**bad))  # without htmx: the page with the message
    assert page.status_code == 400 and says in page.content.decode()
    assert not TurnReview.objects.exists()


def test_a_running_turn_cannot_be_rated(client, personas):
    session = scored_session(personas["owner"], [{}])
    Turn.objects.create(session=session, index=1, status=TurnStatus.RUNNING)
    url = reverse("session_reviews", args=[session.public_id])
    response = _as(client, personas["reviewer"]).post(url, _review(turn="1"), **HTMX)
    assert response.status_code == 400 and "not completed" in response.content.decode()


# --- compare ---------------------------------------------------------------------------------


def test_compare_lists_other_runs_of_the_case_the_user_can_read(client, personas):
    case = CaseFactory()
    mine = scored_session(personas["owner"], [{}], case=case)
    mine_too = scored_session(personas["owner"], [{}], case=case)
    theirs = scored_session(personas["other_clinician"], [{}], case=case)
    url = reverse("session_compare", args=[mine.public_id])
    owner_page = _as(client, personas["owner"]).get(url).content.decode()
    assert str(mine_too.public_id) in owner_page and str(theirs.public_id) not in owner_page
    reviewer_page = _as(client, personas["reviewer"]).get(url).content.decode()
    assert str(theirs.public_id) in reviewer_page


def test_compare_of_two_cases_is_a_clear_400(client, personas):
    one = scored_session(personas["owner"], [{}])
    two = scored_session(personas["owner"], [{}])
    url = reverse("session_compare", args=[one.public_id])
    response = _as(client, personas["owner"]).get(url, {"with": str(two.public_id)})
    assert response.status_code == 400
    assert "These sessions ran different cases" in response.content.decode()


@pytest.mark.parametrize("other", ["not-a-uuid", "x" * 5000])
def test_compare_with_a_malformed_id_is_400(client, personas, other):
    one = scored_session(personas["owner"], [{}])
    url = reverse("session_compare", args=[one.public_id])
    assert _as(client, personas["owner"]).get(url, {"with": other}).status_code == 400


def test_compare_with_a_session_the_user_cannot_read_is_404(client, personas):
    case = CaseFactory()
    mine = scored_session(personas["owner"], [{}], case=case)
    theirs = scored_session(personas["other_clinician"], [{}], case=case)
    url = reverse("session_compare", args=[mine.public_id])
    response = _as(client, personas["owner"]).get(url, {"with": str(theirs.public_id)})
    assert response.status_code == 404


def test_compare_marks_the_turn_where_two_runs_differ(
    client, personas, settings, django_capture_on_commit_callbacks
):
    settings.MEDACTION_DISPATCHER = "tests.doubles.SyncDispatcher"  # run the turns for real
    from diagnosis.sessions import services

    case = CaseFactory()
    runs = []
    for max_turns in (3, 1):  # the short run must commit at once; the long one orders tests
        with django_capture_on_commit_callbacks(execute=True):
            runs.append(
                services.session_start(
                    owner=personas["owner"],
                    mode="simulated",
                    policy="scripted",
                    case=case,
                    max_turns=max_turns,
                )
            )
    long_run, short_run = runs
    for run in runs:
        run.refresh_from_db()
        assert run.status == "completed"
    url = reverse("session_compare", args=[long_run.public_id])
    page = _as(client, personas["reviewer"]).get(url, {"with": str(short_run.public_id)})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="compare-turn-0" class="compare-turn differs" data-differs="true"' in html
    assert 'data-aspect="orders" data-differs="true"' in html
    assert 'data-summary="turns" data-differs="true"' in html


# --- queue -----------------------------------------------------------------------------------


def test_the_queue_is_for_reviewers(client, personas):
    for who in ("owner", "auditor", "curator"):
        assert _as(client, personas[who]).get(reverse("review_queue")).status_code == 403


def test_the_queue_lists_unreviewed_sessions_and_reviewed_ones_on_the_toggle(client, personas):
    waiting = scored_session(personas["owner"], [{}])
    done = scored_session(personas["owner"], [{"ungrounded_order": True}])
    review_services.review_add(
        session=done,
        turn_index=0,
        author=personas["reviewer"],
        differential_rating=3,
        failure_modes=["ungrounded_order"],
    )
    reviewer = _as(client, personas["reviewer"])
    page = reviewer.get(reverse("review_queue")).content.decode()
    assert str(waiting.public_id) in page and str(done.public_id) not in page
    page = reviewer.get(reverse("review_queue"), {"reviewed": "on"}).content.decode()
    assert str(done.public_id) in page and "Agreement with the machine" in page


def test_the_queue_filters_by_case_policy_flag_and_outcome(client, personas):
    case = CaseFactory()
    flagged = scored_session(personas["owner"], [{"incoherence": True}], case=case)
    plain = scored_session(personas["owner"], [{}])
    reviewer = _as(client, personas["reviewer"])

    def listed(**query):  # type: ignore[no-untyped-def]
        page = reviewer.get(reverse("review_queue"), query)
        assert page.status_code == 200
        html = page.content.decode()
        return {s for s in (flagged, plain) if str(s.public_id) in html}

    assert listed() == {flagged, plain}
    assert listed(case=str(case.pk)) == {flagged}
    assert listed(flag="incoherence") == {flagged}
    assert listed(policy="scripted") == {flagged, plain}
    assert listed(outcome="unfinished") == {flagged, plain}
    assert listed(outcome="correct") == set()


@pytest.mark.parametrize(
    "query",
    [
        {"flag": "bogus"},
        {"outcome": "maybe"},
        {"case": "abc"},
        {"case": "99999"},
        {"policy": "<script>"},
    ],
)
def test_bad_queue_filters_answer_400_with_a_message(client, personas, query):
    scored_session(personas["owner"], [{}])
    page = _as(client, personas["reviewer"]).get(reverse("review_queue"), query)
    assert page.status_code == 400
    html = page.content.decode()
    assert 'id="queue-error"' in html and "<script>" not in html.split("</header>", 1)[1]


def test_the_queue_costs_the_same_queries_for_few_sessions_as_for_many(client, personas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    reviewer = _as(client, personas["reviewer"])

    def queries_with(count: int) -> int:
        for _ in range(count):
            session = scored_session(personas["owner"], [{"ungrounded_order": True}, {}])
            review_services.review_add(
                session=session, turn_index=0, author=personas["reviewer"], differential_rating=3
            )
        with CaptureQueriesContext(connection) as captured:
            page = reviewer.get(reverse("review_queue"), {"reviewed": "on"})
        assert page.status_code == 200
        return len(captured)

    assert queries_with(2) == queries_with(10)
