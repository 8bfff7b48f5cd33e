"""Storing a distillation in the database: a command run is recorded as completed; a run from
the Distill page is executed here (the dispatcher's job, by run id)."""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path
from typing import Any

from django.conf import settings

from diagnosis.distillation import services
from diagnosis.distillation.models import DistillationRun
from inference.jobs.distillation.labels import LABELS, Thresholds
from inference.jobs.distillation.run import DistillError, DistillOptions, DistillResult, distill

log = logging.getLogger(__name__)


def _trees(result: DistillResult) -> list[tuple[int | None, str, dict[str, int], list[Any]]]:
    rows = []
    for key, tree in result.trees.items():
        counts = Counter(p.label.label for p in result.paths[key])
        snap = tree.nodes["r"].state.snapshot
        rows.append(
            (
                snap.id,
                snap.title or snap.source.id or key,
                {label: counts.get(label, 0) for label in LABELS},
                result.records[key],
            )
        )
    return rows


def distillation_record_command(options: DistillOptions, result: DistillResult) -> DistillationRun:
    run = services.distillation_create(
        owner=None,
        options=options.as_dict(),
        thresholds=options.thresholds.as_dict(),
        origin="command",
    )
    return services.distillation_complete(
        run=run, summary=result.summary, out_dir=str(options.out), trees=_trees(result)
    )


def options_from_run(run: DistillationRun) -> DistillOptions:
    o = run.options
    return DistillOptions(
        cases=Path(o["cases"]),
        fmt=o["format"],
        policy=o["policy"],
        branching=int(o["branching"]),
        depth=int(o["depth"]),
        out=Path(settings.MEDACTION_DISTILLATION_DIR) / str(run.public_id),
        seed=int(o.get("seed", 0)),
        workers=int(o.get("workers", 2)),
        temperature=float(o.get("temperature", 0.8)),
        profile=o.get("profile") or None,
        limit=o.get("limit"),
        thresholds=Thresholds(**run.thresholds),
    )


def distillation_execute(run_id: int) -> None:
    """The dispatcher's job for a run started from the Distill page."""
    run = services.distillation_claim(run_id=run_id)
    if run is None:
        return
    try:
        options = options_from_run(run)
        result = distill(options)
    except (DistillError, ValueError) as exc:
        services.distillation_fail(run=run, error=str(exc))
        return
    except Exception as exc:
        log.exception("distillation run %s crashed", run_id)
        services.distillation_fail(run=run, error=f"The run crashed ({type(exc).__name__}).")
        return
    services.distillation_complete(
        run=run, summary=result.summary, out_dir=str(options.out), trees=_trees(result)
    )
