"""Writes to the case library: import/update a case, publish, record versions.

Every write is transactional and records a CaseVersion, so a session's `case_version` always names
the exact record it ran on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import transaction

from diagnosis.cases.schema import NativeCase
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
