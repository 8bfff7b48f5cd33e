"""Writes to the case library: import/update a case, publish, record versions.

Every write is transactional and records a CaseVersion, so a session's `case_version` always names
the exact record it ran on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from pydantic import ValidationError

from diagnosis.cases.schema import MenuItem, NativeCase
from diagnosis.cases.snapshots import case_snapshot, case_to_native
from diagnosis.models import Case, CaseStatus, CaseVersion, TestMenuItem

log = logging.getLogger(__name__)

IMPORTED, UPDATED, SKIPPED = "imported", "updated", "skipped"


def _case_fields(native: NativeCase) -> dict[str, Any]:
    return {
        "title": native.title,
        "demographics": native.demographics,
        "initial_presentation": native.initial_presentation,
        "history": [h.model_dump() for h in native.history],
        "gold_diagnosis": native.gold.name,
        "gold_aliases": list(native.gold.aliases),
        "gold_codes": {k: v for k, v in native.gold.codes.model_dump().items() if v},
        "reference_differential": list(native.reference_differential),
        "source_url": native.source.url,
        "licence": native.source.licence,
        "references": list(native.source.references),
    }


# Where each part of a NativeCase is stored on the Case row (the inverse of _case_fields).
CASE_FIELD_OF: dict[tuple[str, ...], str] = {
    ("title",): "title",
    ("demographics",): "demographics",
    ("initial_presentation",): "initial_presentation",
    ("history",): "history",
    ("gold", "name"): "gold_diagnosis",
    ("gold", "aliases"): "gold_aliases",
    ("gold", "codes"): "gold_codes",
    ("reference_differential",): "reference_differential",
    ("source", "dataset"): "source_dataset",
    ("source", "id"): "source_id",
    ("source", "url"): "source_url",
    ("source", "licence"): "licence",
    ("source", "references"): "references",
}
MENU_ITEM_FIELDS = ("category", "name", "aliases", "panel", "result", "values", "cost")


def native_from_fields(
    fields: Mapping[str, Any], menu: Iterable[Mapping[str, Any]] = ()
) -> NativeCase:
    """The NativeCase that Case fields (model field names) and menu items (MenuItem fields) make;
    raises pydantic's ValidationError, exactly as an importer would for the same content."""
    data: dict[str, Any] = {"menu": [_menu_item_data(m) for m in menu]}
    for loc, field in CASE_FIELD_OF.items():
        if field not in fields:
            continue
        target = data
        for key in loc[:-1]:
            target = target.setdefault(key, {})
        target[loc[-1]] = fields[field]
    return NativeCase.model_validate(data)


def _menu_item_data(item: Mapping[str, Any]) -> dict[str, Any]:
    data = {k: item[k] for k in MENU_ITEM_FIELDS if k in item}
    if isinstance(data.get("cost"), Decimal):
        data["cost"] = float(data["cost"])
    return data


def _messages(
    exc: ValidationError, field_of: Callable[[tuple[Any, ...]], tuple[str, int]]
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for err in exc.errors():
        loc = tuple(err["loc"])
        field, used = field_of(loc)
        where = ".".join(f"item {p + 1}" if isinstance(p, int) else str(p) for p in loc[used:])
        message = err["msg"].removeprefix("Value error, ")
        errors.setdefault(field, []).append(f"{where}: {message}" if where else message)
    return errors


def case_field_errors(fields: Mapping[str, Any]) -> dict[str, list[str]]:
    """Messages by Case field name for what the native schema refuses in `fields` (the menu is
    checked item by item, see menu_item_errors); "__all__" for what belongs to no field."""
    try:
        native_from_fields(fields)
    except ValidationError as exc:

        def field_of(loc: tuple[Any, ...]) -> tuple[str, int]:
            for size in (2, 1):
                if loc[:size] in CASE_FIELD_OF:
                    return CASE_FIELD_OF[loc[:size]], size
            return "__all__", 0

        return _messages(exc, field_of)
    return {}


def menu_item_errors(item: Mapping[str, Any]) -> dict[str, list[str]]:
    """Messages by MenuItem field name for what the native schema refuses in one menu item."""
    try:
        MenuItem.model_validate(_menu_item_data(item))
    except ValidationError as exc:
        return _messages(
            exc,
            lambda loc: (str(loc[0]), 1) if loc and loc[0] in MENU_ITEM_FIELDS else ("__all__", 0),
        )
    return {}


def _menu_replace(case: Case, native: NativeCase) -> None:
    case.menu_items.all().delete()
    TestMenuItem.objects.bulk_create(
        [
            TestMenuItem(
                case=case,
                position=pos,
                category=item.category,
                name=item.name,
                aliases=list(item.aliases),
                panel=item.panel,
                result=item.result,
                values=dict(item.values),
                cost=Decimal(str(item.cost)) if item.cost is not None else None,
            )
            for pos, item in enumerate(native.menu)
        ]
    )


def case_version_record(*, case: Case, edited_by: Any = None, note: str = "") -> CaseVersion:
    """Store the case as it is now under its current version number (idempotent per version)."""
    snapshot = case_snapshot(case).stored()
    version, _ = CaseVersion.objects.update_or_create(
        case=case,
        version=case.version,
        defaults={"snapshot": snapshot, "edited_by": edited_by, "note": note[:300]},
    )
    return version


@transaction.atomic
def case_upsert(
    *, native: NativeCase, publish: bool = False, update: bool = False
) -> tuple[Case, str]:
    """Create the case for (dataset, source id), or with update=True replace its content.

    Returns the case and "imported" | "updated" | "skipped". An existing case is never touched
    without update=True; an update that changes nothing is "skipped" and keeps its version.
    """
    dataset, source_id = native.key
    existing = (
        Case.objects.select_for_update().filter(source_dataset=dataset, source_id=source_id).first()
    )
    status = CaseStatus.PUBLISHED if publish else CaseStatus.DRAFT
    if existing is None:
        case = Case.objects.create(
            source_dataset=dataset,
            source_id=source_id,
            status=status,
            version=1,
            **_case_fields(native),
        )
        _menu_replace(case, native)
        case_version_record(case=case, note="imported")
        log.debug("case %s imported from %s/%s", case.pk, dataset, source_id)
        return case, IMPORTED
    if not update:
        return existing, SKIPPED
    if case_to_native(existing) == native and (
        not publish or existing.status == CaseStatus.PUBLISHED
    ):
        return existing, SKIPPED
    for field, value in _case_fields(native).items():
        setattr(existing, field, value)
    if publish:
        existing.status = CaseStatus.PUBLISHED
    existing.version += 1
    existing.save()
    _menu_replace(existing, native)
    case_version_record(case=existing, note="re-imported with --update")
    log.debug("case %s updated to v%s", existing.pk, existing.version)
    return existing, UPDATED


@transaction.atomic
def case_publish(*, case: Case, publish: bool = True) -> Case:
    """Publish or unpublish. Status is not clinical content, so the version stays."""
    Case.objects.filter(pk=case.pk).update(
        status=CaseStatus.PUBLISHED if publish else CaseStatus.DRAFT
    )
    case.refresh_from_db()
    return case


@transaction.atomic
def case_edit(
    *,
    case: Case,
    write: Callable[[Case], None],
    edited_by: Any = None,
    note: str = "edited in the admin",
) -> Case:
    """Save an edit of a case and its menu and version it, in one transaction.

    `write(case)` saves the case row and its menu (in the admin: the change form and its inline
    formsets). A case that `write` creates gets version 1, recorded. For an existing case the row
    is locked first; if its current version was never recorded (a case from before versions were
    kept), the content its sessions ran on is recorded under that number before the edit. An edit
    that changes the clinical content raises the version and records the new content; one that
    changes only the status, or nothing, keeps it. Returns the case as saved.
    """
    if case.pk is None:
        write(case)
        case_version_record(case=case, edited_by=edited_by, note="created")
        return case
    locked = Case.objects.select_for_update().get(pk=case.pk)
    recorded = locked.versions.filter(version=locked.version).first()
    if recorded is None:
        recorded = case_version_record(case=locked, note="as it was before its first edit")
    case.version = locked.version  # the caller's instance must not write back a stale number
    write(case)
    saved = Case.objects.get(pk=case.pk)
    if _content(case_snapshot(saved).stored()) != _content(recorded.snapshot):
        saved.version = locked.version + 1
        Case.objects.filter(pk=saved.pk).update(version=saved.version)
        case_version_record(case=saved, edited_by=edited_by, note=note)
        log.debug("case %s edited: v%s", saved.pk, saved.version)
    case.version = saved.version  # the caller's instance starts new sessions on the new version
    return saved


def _content(snapshot: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in snapshot.items() if k not in ("id", "version", "status")}
