"""Benchmark pages: who may read and launch, launching from the library or a file, bad input
answered 4xx with nothing written, results with plots, exports, compare, resume."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from diagnosis.benchmarks import services
from diagnosis.benchmarks.models import BenchmarkItem, BenchmarkRun, ItemStatus
from diagnosis.models import Case
from tests.benchmarks.helpers import write_cases
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _as(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user)
    return client


def _launch(client, **data):  # type: ignore[no-untyped-def]
    form = {"name": "web-run", "source": "library", "policy": "scripted", "max_turns": 4}
    form.update(data)
    return client.post(reverse("benchmark_new"), form)


def _file(tmp_path, n=2, bad_line=False):  # type: ignore[no-untyped-def]
    path = write_cases(tmp_path / "up.jsonl", n, bad_line=bad_line)
    return SimpleUploadedFile("up.jsonl", path.read_bytes(), content_type="application/json")


def test_clinicians_see_no_benchmarks_and_auditors_read_but_cannot_launch(client, personas):
    run = services.benchmark_create(name="r", cases=[CaseFactory()], policy="scripted")
    _as(client, personas["owner"])
    for url in (reverse("benchmark_list"), reverse("benchmark_detail", args=[run.pk])):
        assert client.get(url).status_code == 404
    assert client.get(reverse("benchmark_new")).status_code == 404
    assert _launch(client).status_code == 404
    _as(client, personas["auditor"])
    assert client.get(reverse("benchmark_list")).status_code == 200
    assert client.get(reverse("benchmark_detail", args=[run.pk])).status_code == 200
    assert client.get(reverse("benchmark_new")).status_code == 403
    assert _launch(client, name="other").status_code == 403
    resume = client.post(reverse("benchmark_resume", args=[run.pk]))
    assert resume.status_code == 403
    assert BenchmarkRun.objects.count() == 1
    client.logout()
    assert client.get(reverse("benchmark_list")).status_code in (302, 404)


def test_a_reviewer_launches_a_run_from_library_filters_and_sees_its_results(client, personas):
    CaseFactory(title="Zebra one")
    CaseFactory(title="Zebra two")
    CaseFactory(title="Something else")
    _as(client, personas["reviewer"])
    response = _launch(client, q="Zebra")
    assert response.status_code == 302
    run = BenchmarkRun.objects.get(name="web-run")
    assert run.items.count() == 2 and run.created_by == personas["reviewer"]
    assert "q='Zebra'" in run.description
    assert set(run.items.values_list("status", flat=True)) == {ItemStatus.DONE}
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    for plot in ("plot-cost", "plot-turns", "plot-dtc", "plot-rac", "plot-gold-rank"):
        assert f'id="{plot}"' in html
    assert html.count("<svg") >= 5 and "No case has finished yet" not in html
    assert 'ws-connect="/ws/benchmarks/' in html
    session = run.items.first().session
    assert reverse("session_detail", args=[session.public_id]) in html
    # Its sessions open for the reviewer.
    assert client.get(reverse("session_detail", args=[session.public_id])).status_code == 200


def test_an_uploaded_file_with_a_bad_line_is_a_400_naming_the_line_and_writes_nothing(
    client, personas, tmp_path
):
    _as(client, personas["reviewer"])
    response = _launch(
        client, source="file", format="agentclinic", file=_file(tmp_path, bad_line=True)
    )
    assert response.status_code == 400
    assert "line 2" in response.content.decode()
    assert not BenchmarkRun.objects.exists() and not Case.objects.exists()


def test_an_uploaded_file_becomes_a_run(client, personas, tmp_path):
    _as(client, personas["reviewer"])
    response = _launch(client, source="file", format="agentclinic", file=_file(tmp_path, n=3))
    assert response.status_code == 302
    run = BenchmarkRun.objects.get()
    assert run.items.count() == 3 and run.description.startswith("file: up.jsonl")


@pytest.mark.parametrize(
    "data, message",
    [
        ({"name": ""}, "This field is required"),
        ({"max_turns": 0}, "greater than or equal to 1"),
        ({"policy": "nope"}, "Select a valid choice"),
        ({"source": "file"}, "Choose a case file"),
        ({"q": "no case has these words"}, "empty"),
        ({"name": "bad\x00name"}, "NUL"),
    ],
)
def test_bad_launch_input_is_a_400_with_a_message_and_nothing_written(
    client, personas, data, message
):
    CaseFactory()
    _as(client, personas["reviewer"])
    response = _launch(client, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not BenchmarkRun.objects.exists() and not BenchmarkItem.objects.exists()


def test_a_taken_name_is_a_400(client, personas):
    CaseFactory()
    _as(client, personas["reviewer"])
    assert _launch(client).status_code == 302
    response = _launch(client)
    assert response.status_code == 400 and "exists already" in response.content.decode()
    assert BenchmarkRun.objects.count() == 1


def test_exports_carry_every_case(client, personas):
    cases = [CaseFactory() for _ in range(2)]
    run = services.benchmark_open(name="exp", cases=cases, policy="scripted")
    _as(client, personas["auditor"])
    response = client.get(reverse("benchmark_export", args=[run.pk, "csv"]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["item_status"] for r in rows] == ["done", "done"]
    assert {r["correct"] for r in rows} == {"True"}
    report = json.loads(client.get(reverse("benchmark_export", args=[run.pk, "json"])).content)
    assert report["run"]["name"] == "exp" and report["aggregate"]["accuracy_at_1"] == 1.0
    assert len(report["cases"]) == 2
    assert client.get(reverse("benchmark_export", args=[run.pk, "xml"])).status_code == 404


def test_compare_gives_deltas_on_the_same_cases_and_a_400_otherwise(client, personas):
    cases = [CaseFactory() for _ in range(2)]
    a = services.benchmark_open(name="a", cases=cases, policy="scripted")
    b = services.benchmark_open(name="b", cases=cases, policy="prior")
    c = services.benchmark_open(name="c", cases=cases[:1], policy="scripted")
    _as(client, personas["reviewer"])
    url = reverse("benchmark_compare")
    page = client.get(url, {"a": a.pk, "b": b.pk})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-metric="accuracy_at_1"' in html and html.count('data-case="') == 2
    data = json.loads(client.get(url, {"a": a.pk, "b": b.pk, "format": "json"}).content)
    acc = next(m for m in data["metrics"] if m["metric"] == "accuracy_at_1")
    assert acc["a"] == 1.0 and acc["delta"] == round(acc["b"] - acc["a"], 4)
    different = client.get(url, {"a": a.pk, "b": c.pk})
    assert different.status_code == 400 and "different case sets" in different.content.decode()
    assert client.get(url, {"a": a.pk}).status_code == 400
    assert client.get(url, {"a": a.pk, "b": a.pk}).status_code == 400
    assert client.get(url, {"a": a.pk, "b": 99999}).status_code == 404


def test_resume_with_nothing_left_is_a_409_and_with_failures_runs_them(client, personas):
    run = services.benchmark_open(name="res", cases=[CaseFactory()], policy="failing")
    assert run.items.get().status == ItemStatus.FAILED
    _as(client, personas["reviewer"])
    page = client.get(reverse("benchmark_detail", args=[run.pk])).content.decode()
    assert 'id="resume-run"' in page and "turn 0 failed" in page
    BenchmarkRun.objects.filter(pk=run.pk).update(policy="scripted")
    response = client.post(reverse("benchmark_resume", args=[run.pk]))
    assert response.status_code == 302
    item = run.items.get()
    assert item.status == ItemStatus.DONE and item.attempts == 2
    assert (
        'id="resume-run"'
        not in client.get(reverse("benchmark_detail", args=[run.pk])).content.decode()
    )
    again = client.post(reverse("benchmark_resume", args=[run.pk]))
    assert again.status_code == 409 and "every case of this run is done" in again.content.decode()
