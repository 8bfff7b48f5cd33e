"""The end of a session as the page says it: a final diagnosis, or the turn budget used up."""

from __future__ import annotations

import re

import pytest

from diagnosis.sessions import services
from diagnosis.web.fragments import render_events_html

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_turns_run(settings):  # type: ignore[no-untyped-def]
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"


def _end(personas, case, **payload):  # type: ignore[no-untyped-def]
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )
    return render_events_html(
        session, [{"seq": 20, "kind": "session.completed", "payload": payload}]
    )


def test_a_session_out_of_turns_says_so_and_names_the_leading_hypothesis_as_such(personas, case):
    html = _end(
        personas,
        case,
        final_diagnosis="",
        confidence=None,
        gold="Iron deficiency anaemia",
        metrics={"correct": False, "end_reason": "turn_budget"},
        reason="turn_budget",
        leading={"diagnosis": "Iron deficiency anaemia", "probability": 0.62},
    )
    line = (
        "Turn budget used up without a final diagnosis — leading hypothesis: "
        "Iron deficiency anaemia (62 %)"
    )
    banner = re.search(r'<div id="final".*?</div>\s*</div>', html, re.S)
    assert banner is not None
    assert line in " ".join(re.sub(r"<[^>]+>", "", banner.group(0)).split())  # the banner's text
    assert "data-final-diagnosis" not in html  # no final diagnosis is shown as one
    assert 'data-verdict="match"' not in html and 'data-verdict="none"' in html
    assert f"Session complete. {line}." in html  # the live region says the same


def test_a_final_diagnosis_is_still_shown_as_the_final_diagnosis(personas, case):
    html = _end(
        personas,
        case,
        final_diagnosis="Iron deficiency anaemia",
        confidence=0.9,
        gold="Iron deficiency anaemia",
        metrics={"correct": True, "end_reason": "final_diagnosis"},
        reason="final_diagnosis",
    )
    assert "Turn budget" not in html and 'data-verdict="match"' in html
    assert "Session complete. Final diagnosis: Iron deficiency anaemia." in html
