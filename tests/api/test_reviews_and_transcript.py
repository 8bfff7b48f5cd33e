"""The API's reviews and transcript routes: the same rules as the review panel and the auditor's
export (who may, what is written, what is refused), in the API's one error shape."""

from __future__ import annotations

import json

import pytest

from diagnosis.audit.models import AuditLogEntry
from diagnosis.reviews.models import TurnReview
from tests.api.conftest import assert_error
from tests.helpers import scored_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(personas):  # type: ignore[no-untyped-def]
    return scored_session(personas["owner"], [{"ungrounded_order": True}, {}])


def test_a_reviewer_adds_a_review_and_everyone_who_reads_the_session_sees_it(api_as, session):
    url = f"/sessions/{session.public_id}/reviews"
    body = {
        "turn": 0,
        "differential_rating": 2,
        "orders_rating": 1,
        "failure_modes": ["ungrounded_order"],
        "note": "<script>x</script> no reason",
    }
    created = api_as("reviewer").post(url, body)
    assert created.status_code == 201, created.content
    assert created.json()["failure_modes"]["ungrounded_order"] is True
    for who in ("owner", "reviewer", "auditor"):
        got = api_as(who).get(url)
        assert got.status_code == 200
        data = got.json()
        assert [r["note"] for r in data["items"]] == ["<script>x</script> no reason"]
        kind = data["agreement"]["kinds"]["ungrounded_order"]
        assert (kind["both"], kind["n"]) == (1, 1)


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 403), ("auditor", 403), ("other_clinician", 404), ("curator", 404)],
)
def test_only_reviewers_write_reviews_and_strangers_learn_nothing(api_as, session, who, status):
    url = f"/sessions/{session.public_id}/reviews"
    assert_error(api_as(who).post(url, {"turn": 0, "differential_rating": 3}), status)
    assert not TurnReview.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"turn": 0, "differential_rating": 6},
        {"turn": 0, "differential_rating": 3, "failure_modes": ["made_up"]},
        {"turn": 0, "differential_rating": 3, "note": "bad \\u0000 byte"},
        {"turn": 7, "differential_rating": 3},
        {"turn": 0, "differential_rating": 3, "extra": 1},
    ],
)
def test_a_bad_review_is_a_422_and_writes_nothing(api_as, session, body):
    url = f"/sessions/{session.public_id}/reviews"
    raw = json.dumps(body).replace("\\\\u0000", "\\u0000")
    assert_error(api_as("reviewer").post(url, raw=raw), 422)
    assert not TurnReview.objects.exists()


def test_an_auditor_exports_the_transcript_and_it_is_logged(api_as, session, personas):
    response = api_as("auditor").get(f"/sessions/{session.public_id}/transcript", format="jsonl")
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines()
    header, trailer = json.loads(lines[0]), json.loads(lines[-1])
    assert header["record"] == "header" and trailer["record"] == "trailer"
    assert len(lines) - 2 == session.events.count()
    entry = AuditLogEntry.objects.get()
    assert (entry.user, entry.via, entry.format) == (personas["auditor"], "api", "jsonl")


@pytest.mark.parametrize(
    ("who", "status"), [("owner", 403), ("reviewer", 403), ("other_clinician", 403)]
)
def test_only_auditors_export(api_as, session, who, status):
    assert_error(api_as(who).get(f"/sessions/{session.public_id}/transcript"), status)
    assert not AuditLogEntry.objects.exists()


def test_an_unknown_format_is_a_422(api_as, session):
    response = api_as("auditor").get(f"/sessions/{session.public_id}/transcript", format="pdf")
    assert_error(response, 422)
