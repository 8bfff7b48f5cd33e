"""The test catalogue (tests.toml) and the oracle's other words (words.toml), loaded once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CONCEPT_KINDS = ("lab", "panel", "vital", "function", "micro", "path", "procedure", "exam")
KINDS = (*CONCEPT_KINDS, "imaging", "named")


@dataclass(frozen=True)
class TestEntry:
    """One test. For the oracle's concept kinds, `key` is the concept and `aliases` its phrases."""

    __test__ = False

    key: str
    name: str
    kind: str
    category: str
    aliases: tuple[str, ...]
    source: str
    code: str = ""
    price: Decimal | None = None
    price_source: str = ""
    abbreviations: tuple[tuple[str, str], ...] = ()  # (abbreviation, expansion)
    expansions: tuple[tuple[str, str], ...] = ()  # (abbreviation, spelled-out name shown)
    members: frozenset[str] = frozenset()
    includes: frozenset[str] = frozenset()
    mentions: tuple[str, ...] = ()
    exam_includes: frozenset[str] = frozenset()
    exam_parts: frozenset[str] = frozenset()
    specimen_prefix: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name, then every alias."""
        return (self.name, *self.aliases)

    @property
    def concept(self) -> tuple[str, str] | None:
        """The oracle's (kind, key) for this test, if the oracle has a concept for it."""
        return (self.kind, self.key) if self.kind in CONCEPT_KINDS else None


class Catalogue:
    """The entries in file order, by key, and the sources they cite."""

    def __init__(self, entries: tuple[TestEntry, ...], sources: dict[str, str]) -> None:
        self.entries = entries
        self.sources = sources
        self._by_key = {e.key: e for e in entries}
        if len(self._by_key) != len(entries):
            raise ValueError("tests.toml: duplicate keys")

    def __getitem__(self, key: str) -> TestEntry:
        return self._by_key[key]

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def of_kind(self, kind: str) -> list[TestEntry]:
        return [e for e in self.entries if e.kind == kind]

    def priced(self) -> list[TestEntry]:
        return [e for e in self.entries if e.price is not None]


def _entry(raw: dict[str, Any], sources: dict[str, str]) -> TestEntry:
    unknown = set(raw) - {f for f in TestEntry.__dataclass_fields__}
    if unknown:
        raise ValueError(f"tests.toml: {raw.get('key')}: unknown field(s) {sorted(unknown)}")
    if raw["kind"] not in KINDS:
        raise ValueError(f"tests.toml: {raw['key']}: unknown kind {raw['kind']!r}")
    for field in ("source", "price_source"):
        if raw.get(field) and raw[field] not in sources:
            raise ValueError(f"tests.toml: {raw['key']}: unknown {field} {raw[field]!r}")
    return TestEntry(
        key=raw["key"],
        name=raw["name"],
        kind=raw["kind"],
        category=raw["category"],
        aliases=tuple(raw.get("aliases", ())),
        source=raw["source"],
        code=raw.get("code", ""),
        price=Decimal(raw["price"]) if "price" in raw else None,
        price_source=raw.get("price_source", ""),
        abbreviations=tuple((raw.get("abbreviations") or {}).items()),
        expansions=tuple((raw.get("expansions") or {}).items()),
        members=frozenset(raw.get("members", ())),
        includes=frozenset(raw.get("includes", ())),
        mentions=tuple(raw.get("mentions", ())),
        exam_includes=frozenset(raw.get("exam_includes", ())),
        exam_parts=frozenset(raw.get("exam_parts", ())),
        specimen_prefix=raw.get("specimen_prefix", ""),
    )


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """Every test, in file order (the oracle's phrase table keeps the first claim of a phrase)."""
    data = tomllib.loads((HERE / "tests.toml").read_text(encoding="utf-8"))
    sources = dict(data["sources"])
    return Catalogue(tuple(_entry(raw, sources) for raw in data["test"]), sources)


@lru_cache(maxsize=1)
def oracle_words() -> dict[str, Any]:
    """words.toml as read: lists and tables of strings."""
    return tomllib.loads((HERE / "words.toml").read_text(encoding="utf-8"))
