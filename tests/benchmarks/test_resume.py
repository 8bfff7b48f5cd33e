"""A run killed mid-way (the `evaluate` process, SIGKILL) and resumed: every case runs to
completion exactly once, the interrupted ones continue the session they had."""

from __future__ import annotations

import collections
import json
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from diagnosis.benchmarks import services
from diagnosis.benchmarks.models import BenchmarkItem, BenchmarkRun, ItemStatus, RunStatus
from diagnosis.models import DiagnosticSession, SessionStatus
from diagnosis.sessions.events import chain_verify
from tests.benchmarks.helpers import write_cases
from tests.helpers import wait_for
from tests.workers import BIN, kill_hard, spawn, subprocess_env

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

NAME = "killed-and-resumed"


def test_a_run_killed_mid_way_resumes_and_every_case_runs_exactly_once(tmp_path):
    cases = write_cases(tmp_path / "cases.jsonl", 4)
    env = subprocess_env(
        {
            "MEDACTION_DISPATCH": "inprocess",
            "MEDACTION_EXTRA_POLICIES": "slow-scripted=tests.doubles.SlowScriptedPolicy",
            "MEDACTION_TURN_LEASE_SECONDS": "5",
        }
    )
    cmd = [
        str(BIN / "python"),
        "manage.py",
        "evaluate",
        "--cases",
        str(cases),
        "--format",
        "agentclinic",
        "--policy",
        "slow-scripted",
        "--workers",
        "2",
        "--run",
        NAME,
        "--out",
        str(tmp_path / "first.json"),
    ]
    proc, watcher = spawn(cmd, env)
    try:
        # Kill it once a case is done and another is mid-turn, well before its end (a case
        # takes about 3.6 s: two turns of three 0.6 s partials).
        def mid_run() -> bool:
            items = BenchmarkItem.objects.filter(run__name=NAME)
            return (
                items.filter(status=ItemStatus.DONE).exists()
                and items.filter(
                    status=ItemStatus.RUNNING,
                    started_at__lt=timezone.now() - timedelta(seconds=0.3),
                    session__turns__status="running",
                ).exists()
            )

        wait_for(mid_run, timeout=90, interval=0.05)
    finally:
        kill_hard(proc)
    watcher.join(5)
    # The progress bar (stderr, redrawn with \r) had counted the finished case.
    shown = watcher.tail()
    assert " done, " in shown and "running" in shown and "ETA " in shown, shown
    assert not (tmp_path / "first.json").exists()
    items = BenchmarkItem.objects.filter(run__name=NAME)
    assert items.filter(status=ItemStatus.RUNNING).exists()
    left = items.exclude(status=ItemStatus.DONE).count()
    assert left >= 1
    interrupted = set(items.filter(status=ItemStatus.RUNNING).values_list("pk", flat=True))
    done_before = set(items.filter(status=ItemStatus.DONE).values_list("pk", flat=True))
    # The dead process's leases run out (5 s) before anyone may take its cases over.
    run = BenchmarkRun.objects.get(name=NAME)
    assert all(not services.item_claimable(pk) for pk in interrupted)
    wait_for(lambda: all(services.item_claimable(pk) for pk in interrupted), timeout=20)

    out = tmp_path / "resumed.json"
    call_command("evaluate", run=NAME, resume=True, workers=2, out=str(out))

    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    items = list(BenchmarkItem.objects.filter(run=run))
    assert all(i.status == ItemStatus.DONE for i in items)
    attempts = {i.pk: i.attempts for i in items}
    assert all(attempts[pk] == 1 for pk in done_before)  # done cases were not touched
    assert all(attempts[pk] == 2 for pk in interrupted)  # taken over once each
    # Exactly one session per case, each completed, every turn completed exactly once.
    sessions = list(DiagnosticSession.objects.filter(batch_label=NAME))
    assert len(sessions) == 4 == len({i.session_id for i in items})
    for session in sessions:
        assert session.status == SessionStatus.COMPLETED
        completed = collections.Counter(
            e.payload["turn"] for e in session.events.filter(kind="turn.completed")
        )
        assert completed == {0: 1, 1: 1}
        assert chain_verify(session).ok
    report = json.loads(out.read_text())
    assert report["aggregate"]["n"] == 4 and report["aggregate"]["completed"] == 4
    assert report["meta"]["resumed"] is True
    started = time.monotonic()
    with pytest.raises(Exception, match="every case of this run is done"):
        call_command("evaluate", run=NAME, resume=True, out=str(out))
    assert time.monotonic() - started < 30
