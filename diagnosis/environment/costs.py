"""The cost ledger: what an answered order costs, the optional per-turn visit fee, session totals.

Prices come from the TestPrice table (editable in the admin). When the table is empty the built-in
prices of the test catalogue (diagnosis/vocabulary/tests.toml, the entries with a `price`) are used;
`load_demo_cases` seeds the table from them. They are our own round approximations of US Medicare
2024 national fee schedule amounts (Clinical Laboratory Fee Schedule for laboratory codes; Physician
Fee Schedule, non-facility global, for imaging and procedures), with the CPT/HCPCS code each refers
to, so a curator can check and replace them. A row is matched by the test's name and every alias the
catalogue gives it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from diagnosis.environment import oracle
from diagnosis.vocabulary import catalogue

FREE_CATEGORIES = {
    "examination",
    "physical examination",
    "vital signs",
    "history",
}  # part of the visit: examining and asking cost nothing


@dataclass(frozen=True)
class PriceRow:
    name: str
    aliases: tuple[str, ...]
    price: Decimal


@dataclass(frozen=True)
class CostTable:
    rows: tuple[PriceRow, ...]
    default_price: Decimal = Decimal("25")
    visit_fee: Decimal = Decimal("0")

    def price_of(self, item: dict[str, Any]) -> Decimal:
        """The case's own cost when set; exams and vital signs are free (by the item's category,
        or by its name when it has none: a clinician's "Blood pressure"); else the best table
        row; else the default."""
        if item.get("cost") is not None:
            return Decimal(str(item["cost"]))
        if is_free(item["name"], item.get("category")):
            return Decimal("0")
        for name in [item["name"], *(item.get("aliases") or [])]:
            row = _best_row(self.rows, name)
            if row is not None:
                return row.price
        return self.default_price

    def price_of_answer(self, label: str, items: list[dict[str, Any]]) -> Decimal:
        """What one answered order costs: the one pricing function of both modes (a case menu's
        items in a simulated session, the clinician's own entry in a live one)."""
        if len(items) == 1:
            return self.price_of(items[0])
        whole = self.price_of({"name": label, "category": items[0].get("category")})
        if whole != self.default_price:
            return whole  # a panel priced as a panel, not as its leaves
        return sum((self.price_of(i) for i in items), Decimal("0"))


def is_free(name: str, category: str | None) -> bool:
    """An examination or a vital sign, part of the visit: by category when there is one, else by
    what the name names (the oracle's concepts: examinations, vital signs, the vitals panel)."""
    if category:
        return category.lower() in FREE_CATEGORIES
    parsed = oracle.parse(name)
    free = {(k, key) for k, key in parsed.concepts if k in ("vital", "exam")}
    free |= {("panel", "vitals")} & parsed.concepts
    # every concept it names is one (not "Peripheral smear examination"), and it is no imaging
    return bool(free) and free == set(parsed.concepts) and not parsed.imaging


def live_result_price(table: CostTable, order: str) -> Decimal:
    """A test the clinician did, priced as the same test answered from a case menu."""
    return table.price_of_answer(order, [{"name": order, "category": ""}])


@lru_cache(maxsize=8192)
def _best_row(rows: tuple[PriceRow, ...], name: str) -> PriceRow | None:
    """The price row that names the same test (same concepts, modality and region), if any."""
    wanted = oracle.parse(name)
    best: tuple[float, PriceRow | None] = (0.0, None)
    for row in rows:
        for label in (row.name, *row.aliases):
            score = oracle.similarity(wanted, oracle.parse(label))
            if score > best[0]:
                best = (score, row)
    return best[1] if best[0] >= 85 else None  # "MRI left knee" is priced as an MRI


def default_table() -> CostTable:
    """The catalogue's built-in prices."""
    return CostTable(
        rows=tuple(PriceRow(e.name, e.aliases, e.price) for e in catalogue().priced() if e.price)
    )


_table_cache: tuple[tuple[Any, ...], CostTable] | None = None


def cost_table() -> CostTable:
    """The table in the database (the built-in defaults when nobody has entered prices yet).

    Every turn prices its orders, so the table is kept per process and rebuilt only when the
    database says it changed: one small query (row count, newest edit, highest id, and the
    policy's prices; a bulk price update that skips updated_at still changes the sum) instead of
    loading every price row each turn.
    """
    from django.db import connection

    from diagnosis.models import CostPolicy, TestPrice

    global _table_cache
    prices, policies = TestPrice._meta.db_table, CostPolicy._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT count(*) FROM {prices}), (SELECT max(updated_at) FROM {prices}), "  # noqa: S608 - table names from models
            f"(SELECT max(id) FROM {prices}), (SELECT sum(price) FROM {prices}), "
            f"p.default_test_price, p.visit_fee, p.updated_at "
            f"FROM (SELECT 1) AS one LEFT JOIN {policies} AS p ON p.id = 1"
        )
        key = tuple(cursor.fetchone())
    cached = _table_cache
    if cached is not None and cached[0] == key:
        return cached[1]
    rows = tuple(PriceRow(p.name, tuple(p.aliases or []), p.price) for p in TestPrice.objects.all())
    base = CostTable(rows=rows) if rows else default_table()
    default_price, visit_fee = key[4], key[5]
    table = (
        base
        if default_price is None
        else CostTable(rows=base.rows, default_price=default_price, visit_fee=visit_fee)
    )
    _table_cache = (key, table)
    return table


def prices_seed() -> int:
    """Fill an empty TestPrice table from the catalogue's prices; returns the rows added."""
    from diagnosis.models import TestPrice

    if TestPrice.objects.exists():
        return 0
    tests = catalogue()
    rows = [
        TestPrice(
            name=e.name,
            category=e.category,
            code=e.code,
            price=e.price or Decimal(0),  # priced() holds only entries with a price
            aliases=list(e.aliases),
            source=tests.sources[e.price_source],
        )
        for e in tests.priced()
    ]
    TestPrice.objects.bulk_create(rows)
    return len(rows)


def turn_cost(*, observations_cost: float, ordered: bool, table: CostTable) -> Decimal:
    """What one turn costs: its answered orders plus the visit fee when it ordered anything."""
    total = Decimal(str(round(observations_cost, 2)))
    if ordered and table.visit_fee:
        total += table.visit_fee
    return total
