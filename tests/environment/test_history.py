"""History questions answered from the facts a case holds back (MediQ): a fact is revealed only
when a question asks about it, read through the KG's findings; a silent record is UNAVAILABLE;
asking costs nothing; a test order never lands on a history fact by accident."""

from __future__ import annotations

import pytest

from diagnosis.cases.snapshots import as_snapshot
from diagnosis.environment import history, oracle
from diagnosis.environment.answers import answer_order
from diagnosis.environment.costs import default_table


def fact(n: int, text: str) -> dict:
    return {"name": f"Reported fact {n}", "result": text, "category": "History", "aliases": []}


MENU = [
    fact(1, "The man complains of itching."),
    fact(2, "He denies any fever."),
    fact(3, "The rash started on his elbows six months ago."),
]


@pytest.mark.parametrize(
    "order,expected",
    [
        ("History: Pruritus?", "itching"),  # the KG reads "itching" as pruritus
        ("Ask about: itching", "itching"),
        ("History: fever?", "denies any fever"),  # an absent finding is an answer too
        ("history - elbows", "elbows"),  # no KG finding: every content word said
    ],
)
def test_a_history_question_is_answered_with_the_fact_that_speaks_of_it(order, expected):
    found = oracle.match(order, MENU)
    assert found.status == "answered" and found.via == "history"
    assert expected in (found.result or "")
    assert len(found.items) == 1


def test_a_question_the_record_is_silent_on_is_unavailable_not_a_no():
    assert oracle.match("History: chest pain?", MENU).status == "unavailable"
    assert oracle.match("History: weight loss?", MENU).status == "unavailable"


def test_a_test_order_is_not_answered_from_history_and_a_question_not_from_a_test():
    labs = {"name": "Complete blood count", "result": "Normal.", "category": "Laboratory"}
    assert oracle.match("Complete blood count", MENU).status == "unavailable"
    assert oracle.match("History: complete blood count?", [labs]).status == "unavailable"


def test_asking_costs_nothing_on_the_ledger():
    snap = as_snapshot(
        {
            "title": "t",
            "initial_presentation": "A rash.",
            "menu": MENU,
            "gold": {"name": "Pellagra"},
            "source": {"dataset": "mediq", "id": "x"},
        }
    )
    obs = answer_order(snap, "History: itching?", table=default_table())
    assert obs.status == "answered" and obs.cost == 0.0


def test_only_prefixed_orders_are_history_questions():
    assert history.question_of("History: chest pain on exertion?") == "chest pain on exertion"
    assert history.question_of("Ask about: fever") == "fever"
    assert history.question_of("Chest X-ray") is None
    assert history.question_of("History:") is None
