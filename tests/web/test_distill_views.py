"""The Distill pages over HTTP: who may start and read a run, the form's 400s, the tree and a
node's htmx fragment."""

from __future__ import annotations

import pytest
from django.urls import reverse

from diagnosis.distillation.models import DistillationRun, DistillationStatus
from inference.jobs.distillation.record import distillation_record_command
from inference.jobs.distillation.run import DistillOptions, distill
from tests.distillation.conftest import cases_file  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def recorded(cases_file, tmp_path):  # type: ignore[no-untyped-def]  # noqa: F811
    options = DistillOptions(
        cases=cases_file, fmt="agentclinic", policy="kg", branching=2, depth=3,
        out=tmp_path / "out", workers=1,
    )  # fmt: skip
    return distillation_record_command(options, distill(options))


@pytest.fixture
def case_dir(settings, cases_file, tmp_path):  # type: ignore[no-untyped-def]  # noqa: F811
    settings.MEDACTION_DISTILLATION_CASE_DIRS = [cases_file.parent]
    settings.MEDACTION_DISTILLATION_DIR = tmp_path / "runs"
    return cases_file


def form(path, **change):  # type: ignore[no-untyped-def]
    data = {
        "cases": str(path), "format": "agentclinic", "policy": "kg", "branching": 2,
        "depth": 3, "seed": 0, "workers": 1, "limit": "", "min_rac": 0.5, "min_dtc": 0.5,
        "max_gold_rank": 3, "min_prefix_turns": 2,
    }  # fmt: skip
    data.update(change)
    return data


def test_a_clinician_starts_a_run_that_the_dispatcher_completes(
    client, personas, case_dir, django_capture_on_commit_callbacks
):
    client.force_login(personas["owner"])
    page = client.get(reverse("distill_list"))
    assert page.status_code == 200 and b'id="distill-form"' in page.content
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("distill_start"), form(case_dir))
    run = DistillationRun.objects.get()
    assert answer.status_code == 302 and answer["Location"].endswith(f"/distill/{run.public_id}/")
    assert run.status == DistillationStatus.COMPLETED and run.owner == personas["owner"]
    assert run.summary["cases"] == 2 and run.trees.count() == 2
    shown = client.get(answer["Location"])
    assert b"Retained" in shown.content and b'id="distill-trees"' in shown.content


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"branching": 9}, b"less than or equal to 8"),
        ({"depth": 0}, b"greater than or equal to 1"),
        ({"cases": "/etc/passwd"}, b"Select a valid choice"),
        ({"min_rac": 2}, b"less than or equal to 1"),
    ],
)
def test_bad_options_answer_400_and_start_nothing(client, personas, case_dir, change, error):
    client.force_login(personas["owner"])
    answer = client.post(reverse("distill_start"), form(case_dir, **change))
    assert answer.status_code == 400 and error in answer.content
    assert not DistillationRun.objects.exists()


def test_a_user_without_a_role_may_not_start_a_run(client, make_user, case_dir):
    client.force_login(make_user("nobody"))
    assert client.post(reverse("distill_start"), form(case_dir)).status_code == 403
    assert b'id="distill-form"' not in client.get(reverse("distill_list")).content


def test_a_command_run_is_read_by_reviewers_not_by_a_clinician(client, personas, recorded):
    url = reverse("distill_run", args=[recorded.public_id])
    client.force_login(personas["other_clinician"])
    assert client.get(url).status_code == 404
    assert client.get(reverse("distill_run", args=["not-a-uuid"])).status_code == 404
    client.force_login(personas["reviewer"])
    assert client.get(url).status_code == 200


def test_the_tree_shows_counts_and_paths_and_a_node_opens_over_htmx(client, personas, recorded):
    client.force_login(personas["reviewer"])
    tree = recorded.trees.first()
    page = client.get(reverse("distill_tree", args=[recorded.public_id, tree.position]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="tree-counts"' in html and 'id="node-r"' in html
    for label, count in tree.counts.items():
        assert f'class="dl-{label}">{label.title()} <strong>{count}</strong>' in html
    leaf = next(n for n in tree.nodes if n["leaf"])
    assert html.count('class="badge badge-label-') == sum(tree.counts.values())
    url = reverse("distill_node", args=[recorded.public_id, tree.position, leaf["node"]])
    fragment = client.get(url, **HTMX)
    assert fragment.status_code == 200 and b"<html" not in fragment.content
    assert leaf["path"]["id"].encode() in fragment.content
    assert f"badge-label-{leaf['path']['label']}".encode() in fragment.content
    assert b"<html" in client.get(url).content
    missing = reverse("distill_node", args=[recorded.public_id, tree.position, "r.9.9"])
    assert client.get(missing).status_code == 404
    assert client.get(reverse("distill_tree", args=[recorded.public_id, 99])).status_code == 404
