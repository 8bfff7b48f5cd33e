"""`manage.py evaluate`: headless sessions through the real services, a report, a CSV, failures
counted."""

from __future__ import annotations

import csv
import json

import pytest
from django.core.management import CommandError, call_command

from diagnosis.models import DiagnosticSession, SessionStatus
from inference.jobs.evaluation import AGGREGATE_KEYS, EVALUATION_USERNAME
from tests.helpers import osce

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cases_file(tmp_path):
    path = tmp_path / "cases.jsonl"
    rows = [
        osce(
            "t-1",
            "Three days of fever, productive cough, pleuritic chest pain and crackles at the right "
            "base.",
            "Community-acquired pneumonia",
            {
                "Imaging": {"Chest_X-ray": "Right lower lobe consolidation"},
                "Blood_Tests": {"CRP": "180 mg/L (elevated)"},
            },
        ),
        osce(
            "t-2",
            "Two weeks of an itchy silvery scaly eruption.",
            "Quux syndrome of nowhere",
            {"Blood_Tests": {"CBC": "Normal"}},
        ),
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n{not json\n", encoding="utf-8")
    return path


def test_it_runs_every_case_and_writes_report_csv_and_table(cases_file, tmp_path, capsys):
    out = tmp_path / "report.json"
    call_command(
        "evaluate",
        cases=str(cases_file),
        format="agentclinic",
        policy="kg",
        workers=2,
        out=str(out),
    )
    report = json.loads(out.read_text())
    agg = report["aggregate"]
    assert tuple(agg) == AGGREGATE_KEYS
    assert agg["n"] == 2 and agg["completed"] == 2
    rows = {r["source_id"]: r for r in report["cases"]}
    assert rows["t-1"]["correct"] is True and rows["t-1"]["status"] == "completed"
    # The KG does not know the gold of t-2: it still completes, reported as unknown coverage.
    assert rows["t-2"]["status"] == "completed" and rows["t-2"]["gold_in_kg"] is False
    assert agg["accuracy_at_1"] == 0.5
    assert len(report["meta"]["import_errors"]) == 1
    with out.with_suffix(".csv").open() as fh:
        assert len(list(csv.DictReader(fh))) == 2
    printed = capsys.readouterr().out
    assert "accuracy_at_1" in printed and "kg_coverage" in printed
    # Sessions are real and visible afterwards, owned by the evaluation user.
    sessions = DiagnosticSession.objects.filter(owner__username=EVALUATION_USERNAME)
    assert sessions.count() == 2
    assert all(s.turns.exists() and s.metrics.get("turns") for s in sessions)


def test_a_policy_exception_fails_that_session_and_the_run_carries_on(cases_file, tmp_path):
    out = tmp_path / "crash.json"
    call_command(
        "evaluate",
        cases=str(cases_file),
        format="agentclinic",
        policy="crashing",
        workers=1,
        out=str(out),
    )
    report = json.loads(out.read_text())
    assert report["aggregate"]["n"] == 2 and report["aggregate"]["completed"] == 0
    assert report["aggregate"]["accuracy_at_1"] == 0.0
    assert {r["status"] for r in report["cases"]} == {SessionStatus.FAILED}
    assert all("turn 0 failed" in r["error"] for r in report["cases"])


def test_prior_baseline_orders_nothing(cases_file, tmp_path):
    out = tmp_path / "prior.json"
    call_command(
        "evaluate",
        cases=str(cases_file),
        format="agentclinic",
        policy="prior",
        limit=1,
        out=str(out),
    )
    report = json.loads(out.read_text())
    assert report["aggregate"]["n"] == 1 and report["aggregate"]["turns_mean"] == 1.0
    assert report["aggregate"]["cost_mean"] == 0.0


def test_it_rejects_bad_arguments_with_a_clear_message(cases_file, tmp_path):
    with pytest.raises(CommandError, match="No case file"):
        call_command(
            "evaluate",
            cases=str(tmp_path / "missing.jsonl"),
            format="agentclinic",
            out=str(tmp_path / "r.json"),
        )
    with pytest.raises(CommandError, match="Unknown policy"):
        call_command(
            "evaluate",
            cases=str(cases_file),
            format="agentclinic",
            policy="nope",
            out=str(tmp_path / "r.json"),
        )


def test_the_report_says_rac_is_self_judged_for_kg_and_gives_the_informative_order_rate(
    cases_file, tmp_path
):
    out = tmp_path / "kg.json"
    call_command("evaluate", cases=str(cases_file), format="agentclinic", policy="kg", out=str(out))
    report = json.loads(out.read_text())
    assert (
        report["meta"]["rac_self_judged"] is True and "same KG judge" in report["meta"]["rac_note"]
    )
    # Each row carries its session's rate; the aggregate pools the orders of every session.
    sessions = {
        s.case_snapshot["source"]["id"]: s.metrics
        for s in DiagnosticSession.objects.filter(owner__username=EVALUATION_USERNAME)
    }
    assert {r["source_id"]: r["informative_order_rate"] for r in report["cases"]} == {
        k: m["informative_order_rate"] for k, m in sessions.items()
    }
    counts = [m["informative_orders"] for m in sessions.values()]
    informative = sum(c["informative"] for c in counts)
    read = informative + sum(c["uninformative"] for c in counts)
    expected = round(informative / read, 4) if read else None
    assert report["aggregate"]["informative_order_rate"] == expected
    assert report["aggregate"]["turn_budget"] == 0
    assert {r["end_reason"] for r in report["cases"]} == {"final_diagnosis"}


def test_a_session_out_of_turns_has_no_final_diagnosis_and_counts_as_wrong(
    cases_file, tmp_path, settings
):
    settings.MEDACTION_EXTRA_POLICIES = {
        **settings.MEDACTION_EXTRA_POLICIES,
        "ordering": "tests.sessions.test_turns.OrderingPolicy",
    }
    out = tmp_path / "budget.json"
    call_command(
        "evaluate",
        cases=str(cases_file),
        format="agentclinic",
        policy="ordering",
        max_turns=2,
        out=str(out),
    )
    report = json.loads(out.read_text())
    agg = report["aggregate"]
    assert agg["completed"] == 2 and agg["turn_budget"] == 2 and agg["accuracy_at_1"] == 0.0
    assert all(r["final_diagnosis"] == "" and r["correct"] is False for r in report["cases"])
    assert {r["end_reason"] for r in report["cases"]} == {"turn_budget"}
    assert report["meta"]["rac_self_judged"] is False and report["meta"]["rac_note"] == ""
