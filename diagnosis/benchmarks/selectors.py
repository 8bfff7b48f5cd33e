"""Reads of benchmark runs with access checks, progress, results rows and comparisons.

Who: reviewers (researchers) and superusers launch runs and read them; auditors read them;
clinicians see none (a run's sessions show hidden case content: gold diagnoses, test menus).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from diagnosis.benchmarks.models import BenchmarkItem, BenchmarkRun, ItemStatus
from diagnosis.benchmarks.results import aggregate, case_row
from diagnosis.models import DiagnosticSession
from diagnosis.sessions.selectors import AUDITOR, REVIEWER, User, user_roles

METRICS = ("accuracy_at_1", "accuracy_at_3", "dtc_mean", "rac_mean", "cost_mean", "turns_mean")


def can_launch_benchmarks(user: User) -> bool:
    return REVIEWER in user_roles(user)


def can_read_benchmarks(user: User) -> bool:
    return bool(user_roles(user) & {REVIEWER, AUDITOR})


def runs_visible_to(user: User) -> QuerySet[BenchmarkRun]:
    if not can_read_benchmarks(user):
        return BenchmarkRun.objects.none()
    return BenchmarkRun.objects.select_related("created_by")


def run_get_for_user(*, run_id: int | str, user: User) -> BenchmarkRun | None:
    try:
        pk = int(run_id)
    except (TypeError, ValueError):
        return None
    return runs_visible_to(user).filter(pk=pk).first()


def run_get_by_name(name: str) -> BenchmarkRun | None:
    """For the command line (no user)."""
    return BenchmarkRun.objects.filter(name=name).first()


@dataclass(frozen=True)
class Progress:
    total: int
    pending: int
    running: int
    done: int
    failed: int
    eta_seconds: float | None

    @property
    def settled(self) -> int:
        return self.done + self.failed

    @property
    def finished(self) -> bool:
        return self.pending == 0 and self.running == 0

    @property
    def percent(self) -> int:
        return round(100 * self.settled / self.total) if self.total else 100

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "pending": self.pending,
            "running": self.running,
            "done": self.done,
            "failed": self.failed,
            "eta_seconds": self.eta_seconds,
        }


def run_progress(run: BenchmarkRun) -> Progress:
    counts = dict.fromkeys(ItemStatus.values, 0)
    for status in BenchmarkItem.objects.filter(run=run).values_list("status", flat=True):
        counts[status] += 1
    total = sum(counts.values())
    settled = counts[ItemStatus.DONE] + counts[ItemStatus.FAILED]
    left = total - settled
    eta = None
    if left == 0:
        eta = 0.0
    else:
        # The pace since the last launch or resume: cases settled per second, times those left.
        # (launched_at read afresh: the caller's copy of the run may predate the launch.)
        launched = BenchmarkRun.objects.filter(pk=run.pk).values_list("launched_at", flat=True)
        since = launched.first()
        recent = (
            BenchmarkItem.objects.filter(run=run, finished_at__gte=since).count() if since else 0
        )
        if since and recent:
            elapsed = max((timezone.now() - since).total_seconds(), 0.001)
            eta = round(left * elapsed / recent, 1)
    return Progress(
        total=total,
        pending=counts[ItemStatus.PENDING],
        running=counts[ItemStatus.RUNNING],
        done=counts[ItemStatus.DONE],
        failed=counts[ItemStatus.FAILED],
        eta_seconds=eta,
    )


def run_items(run: BenchmarkRun) -> list[BenchmarkItem]:
    return list(
        BenchmarkItem.objects.filter(run=run).select_related("case", "session").order_by("position")
    )


def run_sessions(run: BenchmarkRun) -> list[DiagnosticSession]:
    ids = BenchmarkItem.objects.filter(run=run, session__isnull=False).values_list(
        "session_id", flat=True
    )
    return list(DiagnosticSession.objects.filter(pk__in=list(ids)).select_related("case"))


def run_report(run: BenchmarkRun) -> dict[str, Any]:
    """The run's rows (one per case, in case order; a case not run yet has its key and status
    only) and the aggregate over the cases that have a session."""
    sessions = {s.pk: s for s in run_sessions(run)}
    rows = []
    for item in run_items(run):
        session = sessions.get(item.session_id) if item.session_id else None
        row: dict[str, Any] = dict.fromkeys(("case_key", "item_status"))
        if session is not None:
            row.update(case_row(session))
        row.update(
            case_key=item.case_key,
            item_status=item.status,
            attempts=item.attempts,
            item_error=item.error,
        )
        rows.append(row)
    with_session = [r for r in rows if r.get("session")]
    return {
        "run": run_meta(run),
        "aggregate": aggregate(with_session, list(sessions.values())),
        "cases": rows,
    }


def run_meta(run: BenchmarkRun) -> dict[str, Any]:
    return {
        "name": run.name,
        "description": run.description,
        "policy": run.policy,
        "parameters": run.parameters,
        "model_id": run.model_id,
        "max_turns": run.max_turns,
        "status": run.status,
        "created_by": getattr(run.created_by, "username", None),
        "created_at": run.created_at.isoformat(),
        "started_at": run.started_at.isoformat() if run.started_at else None,
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        "case_set_key": run.case_set_key,
    }


class DifferentCaseSets(ValueError):
    pass


def runs_compare(a: BenchmarkRun, b: BenchmarkRun) -> dict[str, Any]:
    """Deltas (b minus a) per aggregate metric and per case; only for runs on the same cases."""
    if a.case_set_key != b.case_set_key:
        raise DifferentCaseSets(
            f"{a.name!r} and {b.name!r} ran on different case sets; only runs on the same cases "
            "can be compared."
        )
    ra, rb = run_report(a), run_report(b)
    metrics = []
    for key in METRICS:
        va, vb = ra["aggregate"].get(key), rb["aggregate"].get(key)
        delta = round(vb - va, 4) if va is not None and vb is not None else None
        metrics.append({"metric": key, "a": va, "b": vb, "delta": delta})
    by_key = {r["case_key"]: r for r in rb["cases"]}
    cases = []
    for row_a in ra["cases"]:
        row_b = by_key.get(row_a["case_key"], {})
        entry: dict[str, Any] = {"case_key": row_a["case_key"], "gold": row_a.get("gold")}
        for key in ("correct", "top3", "dtc", "rac", "cost", "turns"):
            va, vb = row_a.get(key), row_b.get(key)
            entry[key] = {"a": va, "b": vb, "delta": _delta(va, vb)}
        entry["session_a"], entry["session_b"] = row_a.get("session"), row_b.get("session")
        cases.append(entry)
    return {"a": run_meta(a), "b": run_meta(b), "metrics": metrics, "cases": cases}


def _delta(va: Any, vb: Any) -> float | None:
    if va is None or vb is None:
        return None
    return round(float(vb) - float(va), 4)


def run_gold_ranks(run: BenchmarkRun) -> dict[int, list[int | None]]:
    """For each turn index, the gold diagnosis's rank after that turn in each finished case that
    reached it (None: not in the differential)."""
    from diagnosis.models import Turn, TurnStatus

    sessions = BenchmarkItem.objects.filter(
        run=run, status=ItemStatus.DONE, session__isnull=False
    ).values_list("session_id", flat=True)
    ranks: dict[int, list[int | None]] = {}
    for index, metrics in Turn.objects.filter(
        session_id__in=list(sessions), status=TurnStatus.COMPLETED
    ).values_list("index", "metrics"):
        rank = (metrics or {}).get("gold_rank")
        ranks.setdefault(index, []).append(rank if isinstance(rank, int) else None)
    return ranks
