"""Benchmark services: create from the library or a file, claim each case exactly once, resume
only what is missing or failed, aggregate."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from diagnosis.benchmarks import selectors, services
from diagnosis.benchmarks.models import BenchmarkItem, BenchmarkRun, ItemStatus, RunStatus
from diagnosis.models import Case, DiagnosticSession, SessionStatus
from diagnosis.sessions.services import ServiceError
from tests.benchmarks.helpers import write_cases
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _run(name: str = "r1", n: int = 3, policy: str = "scripted") -> BenchmarkRun:
    cases = [CaseFactory() for _ in range(n)]
    return services.benchmark_create(name=name, cases=cases, policy=policy, max_turns=4)


def test_a_run_has_one_pending_item_per_case_and_runs_each_once():
    run = _run()
    assert [i.status for i in run.items.all()] == [ItemStatus.PENDING] * 3
    sent = services.benchmark_launch(run=run)
    assert len(sent) == 3
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.finished_at is not None
    items = list(run.items.all())
    assert all(i.status == ItemStatus.DONE and i.attempts == 1 for i in items)
    assert all(i.correct is True and i.turns == 2 for i in items)
    assert DiagnosticSession.objects.filter(batch_label="r1").count() == 3
    report = selectors.run_report(run)
    assert report["aggregate"]["n"] == 3 and report["aggregate"]["accuracy_at_1"] == 1.0
    assert {r["item_status"] for r in report["cases"]} == {"done"}


def test_a_done_item_is_never_claimed_again():
    run = _run(n=1)
    services.benchmark_launch(run=run)
    item = run.items.get()
    assert services.item_claim(item_id=item.pk) is None
    assert services.item_claim(item_id=item.pk, allow_failed=True) is None
    with pytest.raises(ServiceError, match="every case of this run is done"):
        services.benchmark_launch(run=run, resume=True)
    with pytest.raises(ServiceError, match="launched already"):
        services.benchmark_launch(run=run)


@pytest.mark.postgres
def test_two_workers_claiming_the_same_item_at_once_one_wins():
    run = _run(n=1)
    item = run.items.get()
    barrier = threading.Barrier(4)
    won: list[object] = []

    def claim() -> None:
        barrier.wait()
        try:
            won.append(services.item_claim(item_id=item.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=claim) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(w is not None for w in won) == 1
    assert BenchmarkItem.objects.get(pk=item.pk).attempts == 1


def test_resume_runs_only_the_failed_and_missing_cases(settings):
    run = _run(n=3, policy="failing")
    services.benchmark_launch(run=run)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    items = list(run.items.all())
    assert {i.status for i in items} == {ItemStatus.FAILED}
    assert all("turn 0 failed" in i.error for i in items)
    # One case fixed by hand (as if it ran well), one never started: resume takes the other two.
    first, second, third = items
    BenchmarkItem.objects.filter(pk=first.pk).update(status=ItemStatus.DONE)
    BenchmarkItem.objects.filter(pk=second.pk).update(status=ItemStatus.PENDING, session=None)
    BenchmarkRun.objects.filter(pk=run.pk).update(policy="scripted")
    run.refresh_from_db()
    sent = services.benchmark_launch(run=run, resume=True)
    assert sorted(sent) == sorted([second.pk, third.pk])
    after = {i.pk: i for i in run.items.all()}
    assert after[first.pk].attempts == 1  # untouched
    assert after[second.pk].status == after[third.pk].status == ItemStatus.DONE
    assert after[third.pk].attempts == 2 and after[third.pk].session_id != third.session_id
    # The failed attempt's session stays as it was: a record of what happened.
    assert DiagnosticSession.objects.get(pk=third.session_id).status == SessionStatus.FAILED


def test_a_first_launch_does_not_rerun_failed_items():
    run = _run(n=1, policy="failing")
    services.benchmark_launch(run=run)
    item = run.items.get()
    assert services.item_claim(item_id=item.pk) is None  # a redelivery without resume


def test_run_options_are_checked_and_nothing_is_written():
    case = CaseFactory()
    for kwargs, message in (
        ({"name": " "}, "needs a name"),
        ({"name": "x" * 201}, "too long"),
        ({"name": "ok", "policy": "nope"}, "Unknown policy"),
        ({"name": "ok", "max_turns": 99}, "between 1 and 50"),
        ({"name": "ok", "cases": []}, "empty"),
    ):
        args = {"cases": [case], "policy": "scripted", **kwargs}
        with pytest.raises(ServiceError, match=message):
            services.benchmark_create(**args)
    _run(name="taken", n=1)
    with pytest.raises(ServiceError, match="exists already"):
        services.benchmark_create(name="taken", cases=[case], policy="scripted")
    assert BenchmarkRun.objects.count() == 1


def test_a_file_with_an_unreadable_line_is_rejected_whole_with_its_line_number(tmp_path):
    path = write_cases(tmp_path / "cases.jsonl", 2, bad_line=True)
    with pytest.raises(services.ImportRejected, match="line 2") as caught:
        services.benchmark_create_from_file(
            path=path, fmt="agentclinic", name="from-file", policy="scripted"
        )
    assert caught.value.errors[0].startswith("line 2:")
    assert not Case.objects.exists() and not BenchmarkRun.objects.exists()


def test_a_good_file_imports_its_cases_and_a_bad_run_option_undoes_the_import(tmp_path):
    path = write_cases(tmp_path / "cases.jsonl", 2)
    with pytest.raises(ServiceError, match="between 1 and 50"):
        services.benchmark_create_from_file(
            path=path, fmt="agentclinic", name="f", policy="scripted", max_turns=51
        )
    assert not Case.objects.exists()
    run = services.benchmark_create_from_file(
        path=path, fmt="agentclinic", name="f", policy="scripted"
    )
    assert run.items.count() == 2 and Case.objects.count() == 2


def test_runs_on_the_same_cases_compare_and_other_case_sets_do_not():
    cases = [CaseFactory() for _ in range(2)]
    a = services.benchmark_create(name="a", cases=cases, policy="scripted")
    b = services.benchmark_create(name="b", cases=list(reversed(cases)), policy="prior")
    c = services.benchmark_create(name="c", cases=cases[:1], policy="scripted")
    services.benchmark_launch(run=a)
    services.benchmark_launch(run=b)
    result = selectors.runs_compare(a, b)
    by_metric = {m["metric"]: m for m in result["metrics"]}
    assert by_metric["accuracy_at_1"]["a"] == 1.0
    assert by_metric["accuracy_at_1"]["delta"] == round(
        by_metric["accuracy_at_1"]["b"] - by_metric["accuracy_at_1"]["a"], 4
    )
    assert len(result["cases"]) == 2
    with pytest.raises(selectors.DifferentCaseSets, match="different case sets"):
        selectors.runs_compare(a, c)


def test_progress_counts_and_eta():
    run = _run(n=2)
    progress = selectors.run_progress(run)
    assert (progress.total, progress.pending, progress.eta_seconds) == (2, 2, None)
    services.benchmark_launch(run=run)
    progress = selectors.run_progress(run)
    assert (progress.done, progress.failed, progress.running) == (2, 0, 0)
    assert progress.finished and progress.eta_seconds == 0.0
