"""The cost ledger: what an answered order costs, the optional per-turn visit fee, session totals.

Prices come from the TestPrice table (editable in the admin). When the table is empty the built-in
DEFAULT_PRICES below are used; `load_demo_cases` seeds the table from them. They are our own round
approximations of US Medicare 2024 national fee schedule amounts (Clinical Laboratory Fee Schedule
for laboratory codes; Physician Fee Schedule, non-facility global, for imaging and procedures),
with the CPT/HCPCS code each refers to, so a curator can check and replace them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from diagnosis.environment import oracle

SOURCE = "Approximation of US Medicare 2024 national fee schedule (CLFS / MPFS non-facility), written by MedAction"
FREE_CATEGORIES = {"examination", "physical examination", "vital signs"}  # part of the visit

# (name, category, CPT/HCPCS, price USD, aliases)
DEFAULT_PRICES: list[tuple[str, str, str, str, list[str]]] = [
    ("Complete blood count", "Laboratory", "85025", "7.77", ["CBC", "FBC"]),
    ("Hemoglobin", "Laboratory", "85018", "2.33", []),
    ("WBC count", "Laboratory", "85048", "2.49", []),
    ("Platelet count", "Laboratory", "85049", "4.93", []),
    ("Differential", "Laboratory", "85007", "3.62", []),
    ("Reticulocyte count", "Laboratory", "85045", "4.20", []),
    ("Sodium", "Laboratory", "84295", "5.23", []),
    ("Potassium", "Laboratory", "84132", "4.96", []),
    ("Calcium", "Laboratory", "82310", "5.22", []),
    ("ALT", "Laboratory", "84460", "5.35", []),
    ("AST", "Laboratory", "84450", "5.28", []),
    ("Bilirubin", "Laboratory", "82247", "5.15", []),
    ("Albumin", "Laboratory", "82040", "5.01", []),
    ("Basic metabolic panel", "Laboratory", "80048", "8.46", ["BMP", "chem 7"]),
    ("Comprehensive metabolic panel", "Laboratory", "80053", "10.56", ["CMP"]),
    ("Electrolytes", "Laboratory", "80051", "6.98", []),
    ("Renal function panel", "Laboratory", "80069", "8.68", ["U&E"]),
    ("Liver function tests", "Laboratory", "80076", "8.17", ["LFTs", "hepatic panel"]),
    ("Creatinine", "Laboratory", "82565", "5.20", []),
    ("Glucose", "Laboratory", "82947", "3.93", []),
    ("HbA1c", "Laboratory", "83036", "9.71", []),
    ("Lipid panel", "Laboratory", "80061", "13.39", []),
    ("TSH", "Laboratory", "84443", "16.80", []),
    ("Free T4", "Laboratory", "84439", "9.11", []),
    ("Troponin", "Laboratory", "84484", "9.87", []),
    ("BNP", "Laboratory", "83880", "34.39", ["NT-proBNP"]),
    ("D-dimer", "Laboratory", "85379", "9.59", []),
    ("PT/INR", "Laboratory", "85610", "4.29", ["INR"]),
    ("aPTT", "Laboratory", "85730", "5.86", []),
    ("CRP", "Laboratory", "86140", "5.18", []),
    ("ESR", "Laboratory", "85652", "2.73", []),
    ("Lipase", "Laboratory", "83690", "6.88", []),
    ("Ferritin", "Laboratory", "82728", "13.58", []),
    ("Iron studies", "Laboratory", "83540", "6.50", []),
    ("Vitamin B12", "Laboratory", "82607", "14.88", []),
    ("Lactate", "Laboratory", "83605", "10.20", []),
    ("hCG", "Laboratory", "84703", "7.30", ["pregnancy test"]),
    ("Urinalysis", "Laboratory", "81001", "3.17", ["UA"]),
    ("Arterial blood gas", "Laboratory", "82803", "19.84", ["ABG"]),
    ("ANA", "Laboratory", "86038", "11.74", []),
    ("Blood culture", "Microbiology", "87040", "9.96", []),
    ("Urine culture", "Microbiology", "87086", "7.97", []),
    ("Peripheral blood smear", "Laboratory", "85060", "22.00", []),
    ("ECG", "Function tests", "93000", "16.00", ["EKG"]),
    ("Chest X-ray", "Imaging", "71046", "32.00", ["CXR"]),
    ("X-ray", "Imaging", "73030", "30.00", []),
    ("CT head", "Imaging", "70450", "111.00", []),
    ("CT chest", "Imaging", "71260", "165.00", []),
    ("CT abdomen and pelvis", "Imaging", "74177", "240.00", []),
    ("CT", "Imaging", "74176", "150.00", ["CT scan"]),
    ("CT angiography", "Imaging", "71275", "250.00", ["CTPA"]),
    ("MRI brain", "Imaging", "70553", "340.00", []),
    ("MRI", "Imaging", "72148", "230.00", []),
    ("Ultrasound", "Imaging", "76700", "115.00", ["abdominal ultrasound"]),
    ("Echocardiogram", "Imaging", "93306", "205.00", ["TTE"]),
    ("Spirometry", "Function tests", "94010", "36.00", ["PFT"]),
    ("EEG", "Function tests", "95816", "280.00", []),
    ("EMG", "Function tests", "95886", "120.00", ["nerve conduction"]),
    ("Lumbar puncture", "Procedures", "62270", "170.00", ["CSF analysis"]),
    ("Biopsy", "Pathology", "88305", "70.00", ["histopathology"]),
    ("Upper endoscopy", "Procedures", "43239", "300.00", ["EGD"]),
    ("Colonoscopy", "Procedures", "45380", "380.00", []),
]


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
        """The case's own cost when set; exams are free; else the best table row; else the default."""
        if item.get("cost") is not None:
            return Decimal(str(item["cost"]))
        if (item.get("category") or "").lower() in FREE_CATEGORIES:
            return Decimal("0")
        for name in [item["name"], *(item.get("aliases") or [])]:
            row = _best_row(self.rows, name)
            if row is not None:
                return row.price
        return self.default_price

    def price_of_answer(self, label: str, items: list[dict[str, Any]]) -> Decimal:
        if len(items) == 1:
            return self.price_of(items[0])
        whole = self.price_of({"name": label, "category": items[0].get("category")})
        if whole != self.default_price:
            return whole  # a panel priced as a panel, not as its leaves
        return sum((self.price_of(i) for i in items), Decimal("0"))


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
    return CostTable(
        rows=tuple(PriceRow(n, tuple(a), Decimal(p)) for n, _c, _code, p, a in DEFAULT_PRICES)
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
    """Fill an empty TestPrice table from DEFAULT_PRICES; returns how many rows were added."""
    from diagnosis.models import TestPrice

    if TestPrice.objects.exists():
        return 0
    TestPrice.objects.bulk_create(
        [
            TestPrice(name=n, category=c, code=code, price=Decimal(p), aliases=a, source=SOURCE)
            for n, c, code, p, a in DEFAULT_PRICES
        ]
    )
    return len(DEFAULT_PRICES)


def turn_cost(*, observations_cost: float, ordered: bool, table: CostTable) -> Decimal:
    """What one turn costs: its answered orders plus the visit fee when it ordered anything."""
    total = Decimal(str(round(observations_cost, 2)))
    if ordered and table.visit_fee:
        total += table.visit_fee
    return total
