"""Writes of the distillation room: create (and dispatch) a run, start it, store its result."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from diagnosis.distillation.models import DistillationRun, DistillationStatus, DistillationTree
from diagnosis.sessions.dispatching import get_dispatcher


@transaction.atomic
def distillation_create(
    *, owner: Any, options: dict[str, Any], thresholds: dict[str, Any], origin: str = "ui"
) -> DistillationRun:
    """A pending run; a UI run is handed to the dispatcher once committed."""
    run = DistillationRun.objects.create(
        owner=owner, options=options, thresholds=thresholds, origin=origin
    )
    if origin == "ui":
        job = settings.MEDACTION_DISTILLATION_JOB
        transaction.on_commit(lambda: get_dispatcher().dispatch_job(job, run.pk))  # type: ignore[attr-defined]
    return run


def distillation_claim(*, run_id: int) -> DistillationRun | None:
    """pending -> running; None when another worker has it or it is gone."""
    claimed = DistillationRun.objects.filter(pk=run_id, status=DistillationStatus.PENDING).update(
        status=DistillationStatus.RUNNING
    )
    return DistillationRun.objects.get(pk=run_id) if claimed else None


@transaction.atomic
def distillation_complete(
    *,
    run: DistillationRun,
    summary: dict[str, Any],
    out_dir: str,
    trees: list[tuple[int | None, str, dict[str, int], list[dict[str, Any]]]],
) -> DistillationRun:
    """Store the summary and one row per tree: (case id, title, counts per label, nodes)."""
    DistillationTree.objects.filter(run=run).delete()
    DistillationTree.objects.bulk_create(
        DistillationTree(
            run=run, position=i, case_id=case_id, case_title=title[:300], counts=counts, nodes=nodes
        )
        for i, (case_id, title, counts, nodes) in enumerate(trees)
    )
    run.summary = summary
    run.out_dir = out_dir[:500]
    run.status = DistillationStatus.COMPLETED
    run.finished_at = timezone.now()
    run.error = ""
    run.save(update_fields=["summary", "out_dir", "status", "finished_at", "error"])
    return run


def distillation_fail(*, run: DistillationRun, error: str) -> DistillationRun:
    run.status = DistillationStatus.FAILED
    run.error = error[:2000]
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "error", "finished_at"])
    return run
