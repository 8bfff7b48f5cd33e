"""Writes to benchmark runs: create (from library cases or an uploaded file), launch or resume,
and the item lifecycle a worker drives: claim, session start, lease, finish or fail.

Claiming is exactly-once: an item is taken under its row lock, from pending (or failed, when a
resume asks for it, or running whose worker is gone: its item lease ran out and no turn of its
session holds a live lease). A done item is never taken again; a taken-over running item keeps
its session, so the case continues where it stopped instead of running twice.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from diagnosis.accounts.services import user_ensure
from diagnosis.benchmarks.models import BenchmarkItem, BenchmarkRun, ItemStatus, RunStatus
from diagnosis.cases.importers import UnknownFormatError, parse_file
from diagnosis.cases.services import case_upsert
from diagnosis.models import Case, DiagnosticSession, SessionStatus, Turn, TurnStatus
from diagnosis.sessions import publish
from diagnosis.sessions import services as session_services
from diagnosis.sessions.services import ServiceError

log = logging.getLogger(__name__)

EVALUATION_USERNAME = "evaluation"
MAX_CASES = 5000
MAX_NAME = 200
# (run id, item ids, allow_failed) -> None: sends each item to a worker
# (the callable MEDACTION_BENCHMARK_LAUNCHER names)
Launcher = Callable[[int, list[int], bool], None]


class ImportRejected(ServiceError):
    """An uploaded case file with unreadable records: nothing was written."""

    def __init__(self, errors: list[str]) -> None:
        shown = "; ".join(errors[:10]) + (
            f"; and {len(errors) - 10} more" if len(errors) > 10 else ""
        )
        super().__init__(f"The case file has {len(errors)} unreadable record(s): {shown}")
        self.errors = errors


def evaluation_user() -> Any:
    """The owner of benchmark sessions (no role: reviewers and auditors read its sessions)."""
    return user_ensure(username=EVALUATION_USERNAME, email="evaluation@medaction.local")


def case_key(case: Case) -> str:
    return f"{case.source_dataset}/{case.source_id}"


def case_set_key(keys: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()


def group_name(run_id: int) -> str:
    return f"benchmark.{run_id}"


def _notify(run_id: int) -> None:
    transaction.on_commit(
        lambda: publish.publish_to_group(group_name(run_id), {"type": "benchmark.changed"})
    )


# --- runs -------------------------------------------------------------------------------------


@transaction.atomic
def benchmark_create(
    *,
    name: str,
    cases: list[Case],
    policy: str,
    max_turns: int | None = None,
    description: str = "",
    parameters: dict[str, Any] | None = None,
    model_id: str = "",
    created_by: Any = None,
) -> BenchmarkRun:
    name = name.strip()
    if not name:
        raise ServiceError("A run needs a name.")
    if len(name) > MAX_NAME:
        raise ServiceError(f"The run name is too long ({MAX_NAME} characters at most).")
    if "\x00" in name or "\x00" in description:
        raise ServiceError("The name or description contains a NUL character.")
    session_services.policy_validate(policy)
    max_turns = max_turns or settings.MEDACTION_MAX_TURNS
    if not 1 <= max_turns <= 50:
        raise ServiceError("The turn budget must be between 1 and 50.")
    unique = list({c.pk: c for c in cases}.values())
    if not unique:
        raise ServiceError("The case set is empty: choose at least one case.")
    if len(unique) > MAX_CASES:
        raise ServiceError(f"A run holds at most {MAX_CASES} cases ({len(unique)} chosen).")
    if BenchmarkRun.objects.filter(name=name).exists():
        raise ServiceError(f"A run named {name!r} exists already; choose another name.")
    keys = [case_key(c) for c in unique]
    try:
        with transaction.atomic():
            run = BenchmarkRun.objects.create(
                name=name,
                description=description.strip()[:500] or f"{len(unique)} cases",
                case_set_key=case_set_key(keys),
                policy=policy,
                parameters=parameters or {},
                model_id=model_id or _model_id(policy),
                max_turns=max_turns,
                created_by=created_by if getattr(created_by, "pk", None) else None,
            )
    except IntegrityError as exc:  # a concurrent create took the name
        raise ServiceError(f"A run named {name!r} exists already; choose another name.") from exc
    BenchmarkItem.objects.bulk_create(
        BenchmarkItem(run=run, case=c, case_key=k, position=i)
        for i, (c, k) in enumerate(zip(unique, keys, strict=True))
    )
    return run


def _model_id(policy: str) -> str:
    if policy.startswith("llm"):
        return str(getattr(settings, "VLLM_MODEL", "") or "")
    return "kg-engine" if policy == "kg" else policy


@transaction.atomic
def cases_import_strict(*, path: Path, fmt: str, limit: int | None = None) -> list[Case]:
    """Every record of the file becomes a case, or nothing is written: an unreadable record is an
    ImportRejected naming its line. A case already in the library (same source and id) is reused
    unchanged."""
    try:
        records = list(parse_file(path, fmt))
    except UnknownFormatError as exc:
        raise ServiceError(str(exc)) from exc
    errors = [f"line {r.line}: {r.error}" for r in records if r.case is None]
    if errors:
        raise ImportRejected(errors)
    if not records:
        raise ServiceError("The case file holds no records.")
    if limit is not None:
        records = records[:limit]
    cases = []
    for record in records:
        assert record.case is not None
        case, _status = case_upsert(native=record.case)
        cases.append(case)
    return cases


@transaction.atomic
def benchmark_create_from_file(*, path: Path, fmt: str, **run: Any) -> BenchmarkRun:
    """Import the file and create the run in one transaction: a bad record or a bad run option
    leaves neither cases nor run behind."""
    return benchmark_create(cases=cases_import_strict(path=path, fmt=fmt), **run)


def _launcher() -> Launcher:
    return import_string(settings.MEDACTION_BENCHMARK_LAUNCHER)


@transaction.atomic
def benchmark_launch(
    *, run: BenchmarkRun, resume: bool = False, launcher: Launcher | None = None
) -> list[int]:
    """Send the run's cases to workers, on commit. First launch: its pending items. Resume: the
    pending, the failed, and the running ones whose worker is gone. Returns the item ids sent."""
    run = BenchmarkRun.objects.select_for_update().get(pk=run.pk)
    if not resume and run.status != RunStatus.PENDING:
        raise ServiceError(f"Run {run.name!r} was launched already; resume it instead.")
    wanted = [ItemStatus.PENDING]
    if resume:
        wanted += [ItemStatus.FAILED, ItemStatus.RUNNING]
    items = list(
        BenchmarkItem.objects.filter(run=run, status__in=wanted).values_list("pk", "status")
    )
    ids = [pk for pk, status in items if status != ItemStatus.RUNNING or item_claimable(pk)]
    if resume and not ids:
        left = BenchmarkItem.objects.filter(run=run, status=ItemStatus.RUNNING).count()
        if left:
            raise ServiceError(f"Nothing to resume: {left} case(s) are still running.")
        raise ServiceError("Nothing to resume: every case of this run is done.")
    run.status = RunStatus.RUNNING
    run.launched_at = timezone.now()
    run.started_at = run.started_at or run.launched_at
    run.finished_at = None
    run.save(update_fields=["status", "started_at", "launched_at", "finished_at"])
    send = launcher or _launcher()
    transaction.on_commit(lambda: send(run.pk, ids, resume))
    _notify(run.pk)
    return ids


def item_claimable(item_id: int) -> bool:
    """A running item whose worker is gone: its lease ran out and no turn of its session is
    running under a live lease."""
    now = timezone.now()
    item = BenchmarkItem.objects.filter(pk=item_id).values("status", "lease_expires_at", "session")
    row = item.first()
    if row is None or row["status"] != ItemStatus.RUNNING:
        return row is not None and row["status"] != ItemStatus.DONE
    if row["lease_expires_at"] is not None and row["lease_expires_at"] > now:
        return False
    return not Turn.objects.filter(
        session_id=row["session"], status=TurnStatus.RUNNING, lease_expires_at__gt=now
    ).exists()


def item_lease_wait(item_id: int) -> float | None:
    """Seconds until a running item's lease ends (a delivery that found it taken looks again
    then), or None when there is nothing to wait for."""
    row = (
        BenchmarkItem.objects.filter(pk=item_id, status=ItemStatus.RUNNING)
        .values_list("lease_expires_at", flat=True)
        .first()
    )
    if row is None:
        return None
    return max((row - timezone.now()).total_seconds(), 0.0) + 0.5


def _lease() -> Any:
    return timezone.now() + timedelta(seconds=settings.MEDACTION_TURN_LEASE_SECONDS)


@transaction.atomic
def item_claim(*, item_id: int, allow_failed: bool = False) -> BenchmarkItem | None:
    """Take the item for running, or None when it is not to be run (done, running elsewhere,
    failed without a resume, gone)."""
    item = BenchmarkItem.objects.select_for_update().filter(pk=item_id).first()
    if item is None or item.status == ItemStatus.DONE:
        return None
    if item.status == ItemStatus.FAILED and not allow_failed:
        return None
    if item.status == ItemStatus.RUNNING and not item_claimable(item.pk):
        return None
    if item.status == ItemStatus.FAILED:
        item.session = None  # a failed case runs again in a new session; the old one stays
    item.status = ItemStatus.RUNNING
    item.attempts += 1
    item.lease_expires_at = _lease()
    item.error = ""
    item.started_at = timezone.now()
    item.finished_at = None
    item.save()
    _notify(item.run_id)
    return item


def item_lease_renew(*, item: BenchmarkItem) -> bool:
    return bool(
        BenchmarkItem.objects.filter(
            pk=item.pk, status=ItemStatus.RUNNING, attempts=item.attempts
        ).update(lease_expires_at=_lease())
    )


@transaction.atomic
def item_session_start(*, item: BenchmarkItem) -> DiagnosticSession:
    """The item's session (a new one, linked to the item in the same transaction)."""
    run = item.run
    case = Case.objects.prefetch_related("menu_items").get(pk=item.case_id)
    session = session_services.session_start(
        owner=evaluation_user(),
        mode="simulated",
        policy=run.policy,
        case=case,
        max_turns=run.max_turns,
        batch_label=run.name[:200],
    )
    BenchmarkItem.objects.filter(pk=item.pk).update(session=session)
    item.session = session
    return session


def _outcome(session: DiagnosticSession) -> dict[str, Any]:
    m = session.metrics or {}
    failed = session.status == SessionStatus.FAILED
    return {
        "correct": False if failed else m.get("correct"),
        "top3": False if failed else m.get("top3"),
        "dtc": m.get("dtc"),
        "rac": m.get("rac"),
        "cost": m.get("cost"),
        "turns": m.get("turns"),
        "gold_in_kg": m.get("gold_in_kg"),
        "kg_coverage": m.get("kg_coverage"),
    }


@transaction.atomic
def item_finish(*, item_id: int, attempt: int) -> BenchmarkItem | None:
    """Record the outcome of the item's closed session; None when this attempt lost the item."""
    item = BenchmarkItem.objects.select_for_update().filter(pk=item_id).first()
    if item is None or item.status != ItemStatus.RUNNING or item.attempts != attempt:
        return None
    session = (
        DiagnosticSession.objects.filter(pk=item.session_id).first() if item.session_id else None
    )
    if session is None or session.is_open:
        return _item_failed(item, "The case's session did not finish.")
    for field, value in _outcome(session).items():
        setattr(item, field, value)
    if session.status == SessionStatus.COMPLETED:
        item.status = ItemStatus.DONE
    else:
        item.status = ItemStatus.FAILED
        item.error = session.error[:2000]
    item.lease_expires_at = None
    item.finished_at = timezone.now()
    item.save()
    _run_settle(item.run_id)
    _notify(item.run_id)
    return item


@transaction.atomic
def item_fail(*, item_id: int, attempt: int, error: str) -> BenchmarkItem | None:
    item = BenchmarkItem.objects.select_for_update().filter(pk=item_id).first()
    if item is None or item.status != ItemStatus.RUNNING or item.attempts != attempt:
        return None
    if item.session_id:
        session = DiagnosticSession.objects.filter(pk=item.session_id).first()
        if session is not None:
            session_services.session_fail(session=session, error=error)
    return _item_failed(item, error)


def _item_failed(item: BenchmarkItem, error: str) -> BenchmarkItem:
    item.status = ItemStatus.FAILED
    item.error = error[:2000]
    item.correct = item.top3 = False
    item.lease_expires_at = None
    item.finished_at = timezone.now()
    item.save()
    _run_settle(item.run_id)
    _notify(item.run_id)
    return item


def _run_settle(run_id: int) -> None:
    """A run whose items have all finished is done (or done with failures)."""
    open_items = BenchmarkItem.objects.filter(
        run_id=run_id, status__in=[ItemStatus.PENDING, ItemStatus.RUNNING]
    )
    if open_items.exists():
        return
    failed = BenchmarkItem.objects.filter(run_id=run_id, status=ItemStatus.FAILED).exists()
    BenchmarkRun.objects.filter(pk=run_id).update(
        status=RunStatus.FAILED if failed else RunStatus.DONE, finished_at=timezone.now()
    )


@transaction.atomic
def benchmark_open(
    *, cases: list[Case] | None = None, path: Path | None = None, fmt: str = "", **run: Any
) -> BenchmarkRun:
    """Create a run (from library cases, or from a case file imported whole) and launch it, in
    one transaction: when anything is refused, nothing is written and nothing is sent."""
    if path is not None:
        created = benchmark_create_from_file(path=path, fmt=fmt, **run)
    else:
        created = benchmark_create(cases=cases or [], **run)
    benchmark_launch(run=created)
    return created
