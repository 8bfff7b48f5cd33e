"""Writes to the case library: import/update a case, publish, record versions.

Every write is transactional and records a CaseVersion, so a session's `case_version` always names
the exact record it ran on.
"""

from __future__ import annotations

import logging
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
def case_publish(*, case: Case, publish: bool = True, edited_by: Any = None) -> Case:
    """Publish or unpublish. Status is not clinical content, so the version stays."""
    Case.objects.filter(pk=case.pk).update(
        status=CaseStatus.PUBLISHED if publish else CaseStatus.DRAFT
    )
    case.refresh_from_db()
    return case


@transaction.atomic
def case_edited(*, case: Case, edited_by: Any = None, note: str = "edited in the admin") -> Case:
    """After an edit of the case or its menu: raise the version and record the new content."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    latest = locked.versions.order_by("-version").first()
    current = case_snapshot(locked).stored()
    if latest is None:  # a case created in the admin: its first version
        case_version_record(case=locked, edited_by=edited_by, note="created")
        return locked
    if _content(latest.snapshot) == _content(current):
        return locked
    Case.objects.filter(pk=locked.pk).update(version=locked.version + 1)
    locked.refresh_from_db()
    case_version_record(case=locked, edited_by=edited_by, note=note)
    case.version = locked.version  # the caller's instance starts new sessions on the new version
    return locked


def _content(snapshot: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in snapshot.items() if k not in ("id", "version", "status")}
