"""Access-checked reads: a run is seen by its owner, by reviewers and by staff; command runs
(no owner) by reviewers and staff."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from diagnosis.distillation.models import DistillationRun, DistillationTree


def can_distill(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_staff or _reviewer(user) or _clinician(user)))


def _reviewer(user: Any) -> bool:
    return bool(user.groups.filter(name="reviewer").exists())


def _clinician(user: Any) -> bool:
    return bool(user.groups.filter(name="clinician").exists())


def distillation_list_for_user(*, user: Any) -> QuerySet[DistillationRun]:
    runs = DistillationRun.objects.all()
    if not user.is_authenticated:
        return runs.none()
    if user.is_staff or _reviewer(user):
        return runs
    return runs.filter(Q(owner=user))


def distillation_get_for_user(*, public_id: str, user: Any) -> DistillationRun | None:
    try:
        return distillation_list_for_user(user=user).filter(public_id=public_id).first()
    except Exception:  # not a UUID
        return None


def distillation_tree_get(*, run: DistillationRun, position: int) -> DistillationTree | None:
    return run.trees.filter(position=position).first()
