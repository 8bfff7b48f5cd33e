"""Headless evaluation: import cases, run simulated sessions through the same services and turn
runner the app uses, in our own worker pool, and summarise the session metrics.

The app's dispatcher is swapped for a queue during the run, so every turn the services dispatch
(the first one at session_start, the next ones on turn completion) lands in our pool.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection

from diagnosis.accounts.services import user_ensure
from diagnosis.cases.importers import parse_file
from diagnosis.cases.services import case_upsert
from diagnosis.models import DiagnosticSession, SessionStatus, Turn, TurnStatus
from diagnosis.sessions import dispatching, services
from diagnosis.sessions.runner import turn_run

log = logging.getLogger(__name__)

EVALUATION_USERNAME = "evaluation"
AGGREGATE_KEYS = (
    "n",
    "completed",
    "turn_budget",
    "accuracy_at_1",
    "accuracy_at_3",
    "dtc_mean",
    "rac_mean",
    "informative_order_rate",
    "cost_mean",
    "turns_mean",
    "kg_coverage",
)
ROW_KEYS = (
    "case",
    "source_id",
    "session",
    "status",
    "end_reason",
    "gold",
    "final_diagnosis",
    "correct",
    "top3",
    "dtc",
    "rac",
    "grounded_order_rate",
    "supported_update_rate",
    "informative_order_rate",
    "cost",
    "turns",
    "tests",
    "kg_coverage",
    "gold_in_kg",
    "incoherent_turns",
    "error",
)

_turns: queue.Queue[int] = queue.Queue()
_finished: set[int] = set()  # sessions the workers saw close (progress only)
_finished_lock = threading.Lock()


class QueueDispatcher:
    """Stands in for the app's dispatcher during an evaluation: turn ids go to our pool."""

    def dispatch_turn(self, turn_id: int, *, batch: bool | None = None) -> None:
        _turns.put(turn_id)


QUEUE_DISPATCHER = f"{__name__}.QueueDispatcher"


@dataclass
class ImportSummary:
    case_ids: list[int]
    errors: list[str]


def evaluation_user() -> Any:
    """The owner of evaluation sessions (no role: reviewers and auditors read its sessions)."""
    return user_ensure(username=EVALUATION_USERNAME, email="evaluation@medaction.local")


def import_cases(path: Path, fmt: str, limit: int | None) -> ImportSummary:
    ids: list[int] = []
    errors: list[str] = []
    for record in parse_file(path, fmt):
        if limit is not None and len(ids) >= limit:
            break
        if record.case is None:
            errors.append(f"line {record.line}: {record.error}")
            continue
        case, _status = case_upsert(native=record.case, update=True)  # run what the file says
        ids.append(case.pk)
    return ImportSummary(ids, errors)


def _worker(stop: threading.Event) -> None:
    try:
        _work(stop)
    finally:
        # This thread's own connection; leaving it open blocks dropping the database.
        connection.close()


def _work(stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            turn_id = _turns.get(timeout=0.1)
        except queue.Empty:
            continue
        try:
            close_old_connections()
            outcome = turn_run(turn_id)
            if outcome in ("completed", "failed"):
                _note_progress(turn_id, outcome)
        except Exception:  # the runner already records policy failures; this is the runner itself
            log.exception("evaluation turn %s crashed", turn_id)
        finally:
            _turns.task_done()


def _note_progress(turn_id: int, outcome: str) -> None:
    row = Turn.objects.filter(pk=turn_id).values_list("session_id", "session__status").first()
    if row and (outcome == "failed" or row[1] not in (SessionStatus.ACTIVE, SessionStatus.PAUSED)):
        with _finished_lock:
            _finished.add(row[0])


def run_sessions(
    *,
    case_ids: list[int],
    policy: str,
    workers: int,
    label: str,
    max_turns: int | None,
    progress: Callable[[int, int], None] | None = None,
) -> list[DiagnosticSession]:
    from diagnosis.models import Case

    user = evaluation_user()
    previous = settings.MEDACTION_DISPATCHER
    settings.MEDACTION_DISPATCHER = QUEUE_DISPATCHER
    stop = threading.Event()
    threads = [
        threading.Thread(target=_worker, args=(stop,), daemon=True, name=f"evaluate-{i}")
        for i in range(workers)
    ]
    for t in threads:
        t.start()
    sessions: list[DiagnosticSession] = []
    try:
        for case in Case.objects.filter(pk__in=case_ids).prefetch_related("menu_items"):
            sessions.append(
                services.session_start(
                    owner=user,
                    mode="simulated",
                    policy=policy,
                    case=case,
                    max_turns=max_turns,
                    batch_label=label,
                )
            )
        ids = {s.pk for s in sessions}
        # A turn's successor is queued (on commit) before the turn is marked done, so an empty,
        # finished queue means every session has stopped: no database polling needed.
        while _turns.unfinished_tasks:
            if progress:
                with _finished_lock:
                    done = len(_finished & ids)
                progress(done, len(ids))
            time.sleep(0.1)
        if progress:
            progress(len(ids), len(ids))
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=30)
        settings.MEDACTION_DISPATCHER = previous
        dispatching._dispatcher.cache_clear()
    _fail_stuck(sessions)
    return list(
        DiagnosticSession.objects.filter(pk__in=[s.pk for s in sessions]).select_related("case")
    )


def _fail_stuck(sessions: list[DiagnosticSession]) -> None:
    """A session whose turn failed (policy exception) ends in a clear failed state."""
    for session in DiagnosticSession.objects.filter(
        pk__in=[s.pk for s in sessions],
        status__in=[SessionStatus.ACTIVE, SessionStatus.PAUSED, SessionStatus.AWAITING_CLINICIAN],
    ):
        failed = session.turns.filter(status=TurnStatus.FAILED).order_by("-index").first()
        why = (
            f"turn {failed.index} failed: {failed.error}"
            if failed
            else "the session did not finish"
        )
        services.session_fail(session=session, error=f"Evaluation stopped this session: {why}")


def case_row(session: DiagnosticSession) -> dict[str, Any]:
    m = session.metrics or {}
    snapshot = session.case_snapshot or {}
    failed = session.status == SessionStatus.FAILED
    return {
        "case": snapshot.get("id"),
        "source_id": (snapshot.get("source") or {}).get("id"),
        "session": str(session.public_id),
        "status": session.status,
        "end_reason": m.get("end_reason"),
        "gold": (snapshot.get("gold") or {}).get("name"),
        "final_diagnosis": session.final_diagnosis,
        "correct": False if failed else m.get("correct"),
        "top3": False if failed else m.get("top3"),
        "dtc": m.get("dtc"),
        "rac": m.get("rac"),
        "grounded_order_rate": m.get("grounded_order_rate"),
        "supported_update_rate": m.get("supported_update_rate"),
        "informative_order_rate": m.get("informative_order_rate"),
        "cost": m.get("cost"),
        "turns": m.get("turns"),
        "tests": m.get("tests"),
        "kg_coverage": m.get("kg_coverage"),
        "gold_in_kg": m.get("gold_in_kg"),
        "incoherent_turns": m.get("incoherent_turns"),
        "error": session.error,
    }


def _mean(values: list[Any]) -> float | None:
    nums = [float(v) for v in values if v is not None]
    return round(sum(nums) / len(nums), 4) if nums else None


def aggregate(rows: list[dict[str, Any]], sessions: list[DiagnosticSession]) -> dict[str, Any]:
    """Accuracy over all cases (a failed session, or one that used up its turn budget without a
    final diagnosis, counts as wrong); means over completed sessions that have the number;
    kg_coverage pooled over every judged order and update, the informative-order rate over every
    answered order whose result the KG could read."""
    n = len(rows)
    done = [r for r in rows if r["status"] == SessionStatus.COMPLETED]
    judged = total = 0
    informative = read = 0
    for s in sessions:
        m = s.metrics or {}
        counts = m.get("informative_orders") or {}
        informative += counts.get("informative", 0)
        read += counts.get("informative", 0) + counts.get("uninformative", 0)
        for key, good, bad in (
            ("orders", "grounded", "ungrounded"),
            ("updates", "supported", "unsupported"),
        ):
            counts = m.get(key) or {}
            judged += counts.get(good, 0) + counts.get(bad, 0)
            total += counts.get(good, 0) + counts.get(bad, 0) + counts.get("unknown", 0)
    return {
        "n": n,
        "completed": len(done),
        "turn_budget": sum(r["end_reason"] == "turn_budget" for r in done),
        "accuracy_at_1": round(sum(bool(r["correct"]) for r in rows) / n, 4) if n else None,
        "accuracy_at_3": round(sum(bool(r["top3"]) for r in rows) / n, 4) if n else None,
        "dtc_mean": _mean([r["dtc"] for r in done]),
        "rac_mean": _mean([r["rac"] for r in done]),
        "informative_order_rate": round(informative / read, 4) if read else None,
        "cost_mean": _mean([r["cost"] for r in done]),
        "turns_mean": _mean([r["turns"] for r in done]),
        "kg_coverage": round(judged / total, 4) if total else None,
    }
