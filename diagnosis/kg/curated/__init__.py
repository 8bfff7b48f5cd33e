"""Curated common-disease knowledge shipped with MedAction (parsed from the tables beside this)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from diagnosis.kg.curated.diseases_a import DISEASES_A
from diagnosis.kg.curated.diseases_b import DISEASES_B
from diagnosis.kg.curated.diseases_c import DISEASES_C
from diagnosis.kg.curated.diseases_derm import DISEASES_DERM, EXTRA_LINKS
from diagnosis.kg.curated.diseases_usmle import DISEASES_USMLE
from diagnosis.kg.curated.diseases_usmle_b import DISEASES_USMLE_B
from diagnosis.kg.curated.findings import FINDINGS_TABLE
from diagnosis.kg.curated.findings_c import FINDINGS_C
from diagnosis.kg.curated.findings_derm import FINDINGS_DERM, PRESENT_ONLY
from diagnosis.kg.curated.findings_usmle import FINDINGS_USMLE
from diagnosis.kg.curated.labs import LAB_ANALYTES_TABLE, NUMERIC_TABLE
from diagnosis.kg.curated.sources import SOURCES
from diagnosis.kg.curated.sources_derm import SOURCES_DERM
from diagnosis.kg.curated.sources_usmle import SOURCES_USMLE
from diagnosis.kg.curated.tests import TESTS_TABLE, list_price

PRIOR_BY_TIER = {4: 0.03, 3: 0.01, 2: 0.003, 1: 0.001}
ALL_SOURCES = {
    **SOURCES,
    **SOURCES_DERM,
    **SOURCES_USMLE,
}  # every reference key a disease row may cite

# Skin diseases (diseases_derm.py's docstring): ICD-10 chapter XII (L00-L99) and the skin codes of
# other chapters (cutaneous infections and infestations, skin tumours and naevi, genodermatoses).
SKIN_ICD = (
    "L",
    "B00",
    "B02",
    "B07",
    "B08.1",
    "B35",
    "B36",
    "B85",
    "B86",
    "C43",
    "C44",
    "D22",
    "D23",
)
SKIN_COMPLAINT = "skin_complaint"
SKIN_COMPLAINT_P = 0.95


@dataclass(frozen=True)
class CuratedFinding:
    key: str
    name: str
    hpo_name: str
    synonyms: tuple[str, ...]
    leak: float


@dataclass(frozen=True)
class CuratedDisease:
    key: str
    name: str
    aliases: tuple[str, ...]
    icd10: str
    tier: int
    findings: tuple[tuple[str, float], ...]
    sources: tuple[str, ...]
    # related names ("~name = synonym" in the aliases cell): a subtype, or the group the disease
    # belongs to; each tuple is one concept's names. Not synonyms: never the same diagnosis.
    related: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class CuratedTest:
    name: str
    aliases: tuple[str, ...]
    category: str
    cost: float
    reveals: tuple[str, ...]


def _rows(table: str) -> list[list[str]]:
    return [
        [c.strip() for c in line.split("|")] for line in table.strip().splitlines() if line.strip()
    ]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in cell.split(";") if s.strip())


def disease_key(name: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in name.lower()).strip("_")


def findings() -> list[CuratedFinding]:
    return [
        CuratedFinding(key=r[0], name=r[1], hpo_name=r[2], synonyms=_split(r[3]), leak=float(r[4]))
        for r in _rows(FINDINGS_TABLE)
        + _rows(FINDINGS_C)
        + _rows(FINDINGS_DERM)
        + _rows(FINDINGS_USMLE)
    ]


def present_only() -> frozenset[str]:
    """Keys of the findings whose negated mentions are not read as absence (findings_derm.py)."""
    return PRESENT_ONLY


def analytes() -> list[tuple[tuple[str, ...], str, str]]:
    return [(_split(r[0]), r[1], r[2]) for r in _rows(LAB_ANALYTES_TABLE)]


def numeric_rules() -> list[tuple[tuple[str, ...], float | None, float | None, str]]:
    def num(cell: str) -> float | None:
        return float(cell) if cell else None

    return [(_split(r[0]), num(r[1]), num(r[2]), r[3]) for r in _rows(NUMERIC_TABLE)]


def _pairs(cell: str) -> tuple[tuple[str, float], ...]:
    return tuple((k, float(v)) for k, v in (item.split(":") for item in cell.split()))


def diseases() -> list[CuratedDisease]:
    out = []
    derm = {r[0] for r in _rows(DISEASES_DERM)}
    extra = {r[0]: r[1] for r in _rows(EXTRA_LINKS)}
    tables = _rows(DISEASES_A) + _rows(DISEASES_B) + _rows(DISEASES_C) + _rows(DISEASES_DERM)
    for r in tables + _usmle_rows():
        pairs = _pairs(f"{r[4]} {extra.get(r[0], '')}")
        if (r[0] in derm or r[2].startswith(SKIN_ICD)) and SKIN_COMPLAINT not in dict(pairs):
            pairs += ((SKIN_COMPLAINT, SKIN_COMPLAINT_P),)
        names = _split(r[1])
        extra.pop(r[0], None)
        out.append(
            CuratedDisease(
                key=disease_key(r[0]),
                name=r[0],
                aliases=tuple(a for a in names if not a.startswith("~")),
                icd10=r[2],
                tier=int(r[3]),
                findings=pairs,
                sources=_split(r[5]),
                related=tuple(
                    tuple(n.strip() for n in a[1:].split("=") if n.strip())
                    for a in names
                    if a.startswith("~")
                ),
            )
        )
    if extra:
        raise ValueError(f"EXTRA_LINKS names diseases no table holds: {sorted(extra)}")
    return out


def tests() -> list[CuratedTest]:
    """The graph's tests, named as the catalogue names them, with the aliases of the tests each
    also stands for (less the names another of the graph's tests has as its own)."""
    from diagnosis.kg.text import normalise_name
    from diagnosis.vocabulary import catalogue

    tests = catalogue()
    rows = _rows(re.sub(r"\n[ \t]+", " ", TESTS_TABLE))  # indented lines continue the row
    own = {normalise_name(n) for r in rows for n in tests[r[0]].names}
    out = []
    for key, also, priced_as, reveals in rows:
        entry = tests[key]
        extra = [n for k in _split(also) for n in tests[k].names if normalise_name(n) not in own]
        aliases = list(dict.fromkeys((*entry.aliases, *extra)))
        out.append(
            CuratedTest(
                name=entry.name,
                aliases=tuple(aliases),
                category=entry.category,
                cost=list_price(tests, key, priced_as),  # what the bill charges
                reveals=tuple(reveals.split()),
            )
        )
    return out


def _usmle_rows() -> list[list[str]]:
    return _rows(DISEASES_USMLE) + _rows(DISEASES_USMLE_B)


def citation(key: str) -> str:
    return ALL_SOURCES[key]
