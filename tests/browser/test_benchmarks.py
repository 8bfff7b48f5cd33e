"""Benchmark runs in the browser: a reviewer launches a small run, watches its progress reach done
over the WebSocket (no reload), sees the plots, and compares two runs on the same cases."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import CaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _launch(page: Any, name: str, policy: str, search: str = "Benchmark case") -> None:
    page.goto("/benchmarks/")
    page.get_by_role("link", name="Launch a run").click()
    page.get_by_label("Run name").fill(name)
    page.get_by_label("Cases from the library").check()
    page.get_by_label("Search the library").fill(search)
    page.get_by_label("Policy").select_option(policy)
    page.get_by_label("Turn budget").fill("4")
    page.get_by_role("button", name="Launch").click()
    page.wait_for_url("**/benchmarks/*/")


def test_a_reviewer_launches_a_run_watches_it_finish_and_compares_two_runs(open_page, people):
    for n in range(3):
        CaseFactory(title=f"Benchmark case {n}")
    page = open_page(people["rita"])
    page.get_by_role("link", name="Benchmarks").click()
    page.wait_for_url("**/benchmarks/")

    _launch(page, "slow-run", "slow-scripted")  # about 3.6 s a case, two cases at a time
    page.evaluate("window.__notReloaded = true")
    progress = page.locator("#benchmark-progress")
    progress.locator(".p-running", has_text="1").or_(
        progress.locator(".p-running", has_text="2")
    ).first.wait_for(timeout=30_000)
    page.wait_for_selector("#benchmark-progress[data-status='done']", timeout=60_000)
    assert "3 done" in " ".join(progress.inner_text().split())
    assert page.evaluate("window.__notReloaded") is True  # it came over the WebSocket
    # The results were pushed with the last progress card: plots and per-case rows.
    for plot in ("cost", "turns", "dtc", "rac", "gold-rank"):
        assert page.locator(f"#plot-{plot} svg").count() == 1, plot
    assert page.locator("#plot-cost svg .mark").count() == 3
    assert page.locator("#benchmark-cases tbody tr a").count() == 3
    assert page.locator("#benchmark-aggregate .agg-accuracy_at_1").inner_text() == "1.0"
    assert page.errors == []

    _launch(page, "prior-run", "prior")
    page.wait_for_selector("#benchmark-progress[data-status='done']", timeout=60_000)
    page.get_by_label("Run", exact=True).select_option(label="slow-run")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url("**/benchmarks/compare/**")
    metric = page.locator("#compare-metrics tr[data-metric='accuracy_at_1']")
    cells = metric.locator("td").all_inner_texts()
    a, b, delta = (float(c) for c in cells)  # prior (A) against slow-scripted (B)
    assert b == 1.0 and delta == pytest.approx(b - a)
    turns = page.locator("#compare-metrics tr[data-metric='turns_mean'] td").all_inner_texts()
    assert turns[0] == "1.0" and turns[1] == "2.0" and turns[2] == "1.0"  # prior orders nothing
    assert page.locator("#compare-cases tbody tr").count() == 3
    assert page.errors == []


def test_a_run_whose_cases_failed_is_resumed_with_the_button_and_finishes(open_page, people):
    for n in range(2):
        CaseFactory(
            title=f"Outage case {n}",
            initial_presentation=f"Outage case {n}: three months of fatigue; pale conjunctivae.",
        )
    page = open_page(people["rita"])
    _launch(page, "outage-run", "outage", search="Outage case")
    page.wait_for_selector("#benchmark-progress[data-status='failed']", timeout=60_000)
    progress = page.locator("#benchmark-progress")
    assert "0 done · 2 failed" in " ".join(progress.inner_text().split())
    page.reload()  # the failures' messages are in the rows
    assert page.locator("#benchmark-cases").get_by_text("turn 0 failed").count() == 2
    page.get_by_role("button", name="Resume").click()
    page.wait_for_selector("#benchmark-progress[data-status='done']", timeout=60_000)
    assert "2 done · 0 failed" in " ".join(progress.inner_text().split())
    assert page.locator("#benchmark-aggregate .agg-accuracy_at_1").inner_text() == "1.0"
    assert page.errors == []
