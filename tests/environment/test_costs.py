"""The cost ledger: prices from the table, free examinations, the visit fee, session totals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from diagnosis.environment import answers
from diagnosis.environment.costs import CostTable, PriceRow, cost_table, default_table, prices_seed
from diagnosis.models import CostPolicy, SessionStatus, TestPrice
from diagnosis.sessions import services

SNAPSHOT = {
    "menu": [
        {
            "name": "Complete blood count",
            "category": "Laboratory",
            "panel": "",
            "aliases": [],
            "result": "Hb 92",
            "cost": None,
        },
        {
            "name": "MRI left knee",
            "category": "Imaging",
            "panel": "",
            "aliases": [],
            "result": "Lesion",
            "cost": None,
        },
        {
            "name": "Knee examination",
            "category": "Examination",
            "panel": "",
            "aliases": [],
            "result": "Swollen",
            "cost": None,
        },
        {
            "name": "Ferritin",
            "category": "Laboratory",
            "panel": "",
            "aliases": [],
            "result": "6",
            "cost": 18.0,
        },
        {
            "name": "Zinc protoporphyrin",
            "category": "Laboratory",
            "panel": "",
            "aliases": [],
            "result": "high",
            "cost": None,
        },
    ]
}


def test_answers_are_priced_from_the_table_the_case_or_the_default():
    table = default_table()
    obs = answers.answer_orders(
        SNAPSHOT,
        ["FBC", "MRI knee", "knee exam", "ferritin", "zinc protoporphyrin", "CT"],
        table=table,
    )
    assert [o.cost for o in obs] == [7.77, 230.0, 0.0, 18.0, 25.0, 0.0]


def test_an_edited_price_row_changes_what_an_order_costs(db):
    prices_seed()
    TestPrice.objects.filter(name="Complete blood count").update(price=Decimal("12.50"))
    CostPolicy.objects.create(pk=1, default_test_price=Decimal("40"))
    obs = answers.answer_orders(SNAPSHOT, ["CBC", "zinc protoporphyrin"], table=cost_table())
    assert [o.cost for o in obs] == [12.5, 40.0]


def test_repeating_an_order_in_one_turn_is_not_charged_twice():
    table = CostTable(rows=(PriceRow("Complete blood count", ("CBC",), Decimal("7")),))
    obs = answers.answer_orders(SNAPSHOT, ["CBC", "full blood count"], table=table)
    assert [o.cost for o in obs] == [7.0, 0.0] and obs[1].status == "answered"


@pytest.mark.django_db(transaction=True)
def test_a_visit_fee_is_added_per_ordering_turn_and_totals_per_session(personas, case):
    CostPolicy.objects.create(pk=1, visit_fee=Decimal("20.00"))
    session = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )
    assert type(session).objects.get(pk=session.pk).status == SessionStatus.COMPLETED
    session.refresh_from_db()
    turns = list(session.turns.order_by("index"))
    assert turns[0].cost == Decimal("30.00")  # CBC at the case's own 10.00 + the 20.00 visit fee
    assert turns[1].cost == Decimal("0")  # the final diagnosis orders nothing
    assert session.total_cost == Decimal("30.00")


def test_the_kept_price_table_follows_every_kind_of_edit(db):
    """cost_table() is kept per process; an edit through the admin (save), a bulk update, a new row,
    a deleted row and a changed policy must each be seen by the next turn."""
    prices_seed()
    assert cost_table().price_of({"name": "Ferritin", "category": ""}) != Decimal("7.77")
    assert cost_table() is cost_table()  # unchanged: the same table, not rebuilt
    row = TestPrice.objects.get(name="Ferritin")
    row.price = Decimal("7.77")
    row.save()
    assert cost_table().price_of({"name": "Ferritin", "category": ""}) == Decimal("7.77")
    TestPrice.objects.filter(name="Ferritin").update(price=Decimal("8.88"))
    assert cost_table().price_of({"name": "Ferritin", "category": ""}) == Decimal("8.88")
    TestPrice.objects.create(name="Zinc protoporphyrin", price=Decimal("55"))
    assert cost_table().price_of({"name": "Zinc protoporphyrin", "category": ""}) == Decimal("55")
    TestPrice.objects.filter(name="Zinc protoporphyrin").delete()
    CostPolicy.objects.create(pk=1, default_test_price=Decimal("41"), visit_fee=Decimal("3"))
    table = cost_table()
    assert table.price_of({"name": "Zinc protoporphyrin", "category": ""}) == Decimal("41")
    assert table.visit_fee == Decimal("3")


@pytest.mark.django_db(transaction=True)
def test_the_same_order_costs_the_same_in_live_and_simulated_mode(personas):
    """A vital sign or an examination is part of the visit in both modes; a lab is its price."""
    from diagnosis.sessions import live_mode

    orders = ["Blood pressure", "Abdominal examination", "Complete blood count"]
    menu = {
        "menu": [
            {"name": "Blood pressure", "category": "Vital signs", "result": "150/95 mmHg"},
            {"name": "Abdominal examination", "category": "Examination", "result": "Soft"},
            {"name": "Complete blood count", "category": "Laboratory", "result": "Hb 90 g/L"},
        ]
    }
    simulated = [o.cost for o in answers.answer_orders(menu, orders, table=cost_table())]
    session = services.session_start(
        owner=personas["owner"],
        mode="live",
        policy="scripted",
        live_presentation="Tired for months, pale.",
    )
    live_mode.live_results_submit(
        session=session, results=[{"order": o, "result": "done"} for o in orders]
    )
    live = [o["cost"] for o in session.turns.get(index=0).observations]
    assert simulated == live == [0.0, 0.0, 7.77]


def test_the_kg_engine_optimises_and_quotes_the_prices_the_bill_charges():
    """Every KG test costs what the ledger's built-in prices charge for the test the engine
    orders (by its catalogue name): exams free, the catalogue's price, else the default."""
    from diagnosis.kg import get_kg

    kg = get_kg()
    table = default_table()
    billed = {
        t.name: float(table.price_of_answer(t.name, [{"name": t.name, "category": t.category}]))
        for t in kg.tests
    }
    assert {t.name: t.cost for t in kg.tests} == billed
    assert billed["Abdominal examination"] == 0.0 and billed["Vital signs"] == 0.0
    assert billed["Chest X-ray"] == 32.0 and billed["Plasma metanephrines"] == 25.0
    assert billed["Abdominal ultrasound"] == 115.0  # priced as an ultrasound, like the bill
