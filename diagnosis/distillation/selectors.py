"""Access-checked reads: a run is seen by its owner and by reviewers (superusers hold every
role); command runs (no owner) by reviewers only. Admin access (is_staff) grants nothing here."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from diagnosis.distillation.models import DistillationRun, DistillationTree
from diagnosis.sessions.selectors import CLINICIAN, REVIEWER, user_roles


def can_distill(user: Any) -> bool:
    """Clinicians and reviewers (and superusers, who hold every role). Being staff — admin
    access — grants nothing here."""
    return bool(user_roles(user) & {CLINICIAN, REVIEWER})


def _reviewer(user: Any) -> bool:
    return REVIEWER in user_roles(user)


def distillation_list_for_user(*, user: Any) -> QuerySet[DistillationRun]:
    runs = DistillationRun.objects.all()
    if not user.is_authenticated:
        return runs.none()
    if _reviewer(user):
        return runs
    return runs.filter(Q(owner=user))


def distillation_get_for_user(*, public_id: str, user: Any) -> DistillationRun | None:
    try:
        return distillation_list_for_user(user=user).filter(public_id=public_id).first()
    except Exception:  # not a UUID
        return None


def distillation_tree_get(*, run: DistillationRun, position: int) -> DistillationTree | None:
    return run.trees.filter(position=position).first()
