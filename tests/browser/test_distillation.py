"""A distilled tree in a real browser: green / yellow / red paths, a node's decision and result
opening beside the tree; and a run started from the Distill form."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from diagnosis.distillation.models import DistillationRun
from tests.distillation.conftest import cases_file  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_a_reviewer_opens_a_distilled_tree_and_a_node(open_page, people, cases_file, tmp_path):  # noqa: F811
    call_command(
        "distill", cases=str(cases_file), format="agentclinic", branching=2, depth=3,
        out=str(tmp_path / "out"), workers=1, stdout=open("/dev/null", "w"),  # noqa: SIM115
    )  # fmt: skip
    run = DistillationRun.objects.get()
    page = open_page(people["rita"])
    page.get_by_role("link", name="Distill").click()
    page.locator("#distill-runs a").first.click()
    assert page.locator("#run-status").text_content() == "Completed"
    page.locator("#distill-trees a").first.click()
    tree = run.trees.get(position=0)
    counts = page.locator("#tree-counts").inner_text()
    for label, n in tree.counts.items():
        assert f"{label.title()} {n}" in counts
    # each path's colour: the border of its leaf's list item
    colours = {
        "retained": "rgb(26, 127, 55)",
        "truncated": "rgb(191, 135, 0)",
        "pruned": "rgb(207, 34, 46)",
    }
    leaves = [n for n in tree.nodes if n["leaf"]]
    for leaf in leaves:
        item = page.locator(f'[id="node-{leaf["node"]}"]').locator("xpath=..")
        colour = item.evaluate("el => getComputedStyle(el).borderLeftColor")
        assert colour == colours[leaf["path"]["label"]]
    leaf = leaves[0]
    page.locator(f'[id="node-{leaf["node"]}"]').click()
    detail = page.locator(f'[id="node-detail-{leaf["node"]}"]')
    detail.wait_for(timeout=10_000)
    text = detail.inner_text()
    assert leaf["path"]["id"] in text and "Final diagnosis" in text
    assert leaf["path"]["label"] in text.lower()
    first = page.locator('[id="node-r.0"]')
    first.click()
    page.locator('[id="node-detail-r.0"]').wait_for(timeout=10_000)
    assert "Result" in page.locator("#node-detail").inner_text()
    assert page.errors == []  # type: ignore[attr-defined]


def test_a_clinician_starts_a_run_from_the_distill_form_and_watches_it_finish(open_page, people):
    page = open_page(people["alice"])
    page.goto("/distill/")
    files = page.locator("#id_cases option").all_text_contents()
    assert files, "the server lists the case files of MEDACTION_DATA_DIR/cases"
    agentclinic = [f for f in files if "agentclinic" in f]
    assert agentclinic, "the AgentClinic dev file is among them"
    page.select_option("#id_cases", label=agentclinic[0])
    page.select_option("#id_format", "agentclinic")
    page.fill("#id_branching", "1")
    page.fill("#id_depth", "2")
    page.fill("#id_limit", "1")
    page.get_by_role("button", name="Distill").click()
    page.wait_for_url("**/distill/*-*/")
    page.locator("#run-status", has_text="Completed").wait_for(timeout=120_000)
    assert "Paths 1 over 1 cases" in page.locator("#run-counts").inner_text()
    run = DistillationRun.objects.get()
    assert run.owner == people["alice"] and run.origin == "ui"
    page.locator("#distill-trees a").first.click()
    page.locator('[id="node-r.0"]').click()
    page.locator('[id="node-detail-r.0"]').wait_for(timeout=10_000)
