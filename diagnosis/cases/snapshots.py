"""Case snapshots: the case as a session saw it at start, in the native case shape.

`CaseSnapshot` is the typed snapshot. It is stored as JSON on the session
(`DiagnosticSession.case_snapshot`) with the keys it has always had, and read back once through
`snapshot_of(session)`; everything else reads attributes.

The snapshot reuses the native schema's shapes (`diagnosis.cases.schema`) but not its limits: a
snapshot is a record of what a session saw, not input to check. Its limits were applied when the
case was imported, a case edited in the admin since may break them (a blank alias, an extra code
system), and a snapshot an older release stored must load whatever it holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from diagnosis.cases.schema import Codes, Gold, HistoryItem, MenuItem, NativeCase, Source

if TYPE_CHECKING:
    from diagnosis.models import Case, DiagnosticSession

_RECORD = ConfigDict(extra="ignore", frozen=True)


class SnapshotHistoryItem(BaseModel):
    """A `schema.HistoryItem` as stored: a question and the record's answer."""

    model_config = _RECORD

    question: str = ""
    answer: str = ""


class SnapshotMenuItem(BaseModel):
    """A `schema.MenuItem` as stored: one orderable test with its hidden result."""

    model_config = _RECORD

    category: str = ""
    name: str = ""
    aliases: list[str] = Field(default_factory=list)
    panel: str = ""
    result: str = ""
    values: dict[str, Any] = Field(default_factory=dict)
    cost: float | None = None


class SnapshotGold(BaseModel):
    """A `schema.Gold` as stored; `codes` keeps whatever code systems the case had."""

    model_config = _RECORD

    name: str = ""
    aliases: list[str] = Field(default_factory=list)
    codes: dict[str, Any] = Field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        """The gold diagnosis and its aliases, blanks left out."""
        return [n for n in [self.name, *self.aliases] if n]


class SnapshotSource(BaseModel):
    """A `schema.Source` as stored (a live snapshot has no id and no references)."""

    model_config = _RECORD

    dataset: str = ""
    id: str = ""
    url: str = ""
    licence: str = ""
    references: list[str] | None = None


class CaseSnapshot(BaseModel):
    """The case a session runs on: what the policy sees at turn 0, the hidden menu and gold."""

    model_config = _RECORD

    id: int | None = None
    version: int | None = None
    title: str = ""
    demographics: str = ""
    initial_presentation: str = ""
    history: list[SnapshotHistoryItem] = Field(default_factory=list)
    menu: list[SnapshotMenuItem] = Field(default_factory=list)
    gold: SnapshotGold | None = None
    reference_differential: list[str] = Field(default_factory=list)
    source: SnapshotSource = Field(default_factory=SnapshotSource)

    @classmethod
    def from_stored(cls, data: Mapping[str, Any] | None) -> CaseSnapshot:
        return cls.model_validate(dict(data or {}))

    def stored(self) -> dict[str, Any]:
        """The JSON stored on the session (the keys a snapshot has always had)."""
        data = self.model_dump(mode="json")
        if data["source"].get("references") is None:
            del data["source"]["references"]  # a live snapshot never had the key
        return data

    @property
    def gold_name(self) -> str | None:
        return self.gold.name if self.gold is not None else None

    @property
    def gold_names(self) -> list[str]:
        return self.gold.names if self.gold is not None else []

    @cached_property
    def oracle_menu(self) -> list[dict[str, Any]]:
        """The menu as the oracle matches it (plain dicts), built once per snapshot."""
        return [item.model_dump() for item in self.menu]

    def without_menu(self) -> CaseSnapshot:
        """The snapshot of a live session on a recorded case: results come from the clinician."""
        return self.model_copy(update={"menu": []})


def as_snapshot(snapshot: CaseSnapshot | Mapping[str, Any] | None) -> CaseSnapshot:
    """A snapshot, given either the typed one or its stored JSON."""
    if isinstance(snapshot, CaseSnapshot):
        return snapshot
    return CaseSnapshot.from_stored(snapshot)


_CACHE_ATTR = "_typed_case_snapshot"


def snapshot_of(session: DiagnosticSession) -> CaseSnapshot:
    """The session's case snapshot, typed: the one way to read `session.case_snapshot`.

    Validated once per session instance (and again only if its stored JSON is replaced)."""
    stored = session.case_snapshot
    cached = session.__dict__.get(_CACHE_ATTR)
    if cached is not None and cached[0] is stored:
        return cached[1]  # type: ignore[no-any-return]
    snapshot = CaseSnapshot.from_stored(stored)
    session.__dict__[_CACHE_ATTR] = (stored, snapshot)
    return snapshot


def _menu(case: Case) -> list[SnapshotMenuItem]:
    return [
        SnapshotMenuItem(
            category=item.category,
            name=item.name,
            aliases=list(item.aliases or []),
            panel=item.panel,
            result=item.result,
            values=dict(item.values or {}),
            cost=float(item.cost) if item.cost is not None else None,
        )
        for item in case.menu_items.all()
    ]


def case_snapshot(case: Case) -> CaseSnapshot:
    return CaseSnapshot(
        id=case.pk,
        version=case.version,
        title=case.title,
        demographics=case.demographics,
        initial_presentation=case.initial_presentation,
        history=[SnapshotHistoryItem.model_validate(h) for h in case.history or []],
        menu=_menu(case),
        gold=SnapshotGold(
            name=case.gold_diagnosis,
            aliases=list(case.gold_aliases or []),
            codes=dict(case.gold_codes or {}),
        ),
        reference_differential=list(case.reference_differential or []),
        source=SnapshotSource(
            dataset=case.source_dataset,
            id=case.source_id,
            url=case.source_url,
            licence=case.licence,
            references=list(case.references or []),
        ),
    )


def case_to_native(case: Case) -> NativeCase:
    """The stored case back in the native schema (what export_cases writes)."""
    codes = {k: list(v) for k, v in (case.gold_codes or {}).items() if k in Codes.model_fields}
    return NativeCase(
        title=case.title,
        demographics=case.demographics,
        initial_presentation=case.initial_presentation,
        history=[HistoryItem(**h) for h in case.history or []],
        menu=[MenuItem(**m.model_dump()) for m in _menu(case)],
        gold=Gold(
            name=case.gold_diagnosis, aliases=list(case.gold_aliases or []), codes=Codes(**codes)
        ),
        reference_differential=list(case.reference_differential or []),
        source=Source(
            dataset=case.source_dataset,
            id=case.source_id,
            url=case.source_url,
            licence=case.licence,
            references=list(case.references or []),
        ),
    )


class Turn0View(BaseModel):
    """What a policy sees at turn 0; everything else in the snapshot stays hidden."""

    model_config = _RECORD

    demographics: str = ""
    initial_presentation: str = ""
    history: list[SnapshotHistoryItem] = Field(default_factory=list)


def turn0_view(snapshot: CaseSnapshot) -> Turn0View:
    return Turn0View(
        demographics=snapshot.demographics,
        initial_presentation=snapshot.initial_presentation,
        history=list(snapshot.history),
    )


def live_snapshot(*, title: str, presentation: str, demographics: str = "") -> CaseSnapshot:
    return CaseSnapshot(
        title=title,
        demographics=demographics,
        initial_presentation=presentation,
        source=SnapshotSource(dataset="live"),
    )
