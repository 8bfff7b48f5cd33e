"""A swarm session in a real browser: one lane per sub-agent under each turn, then the merged
decision, and the turn's critical path beside running its sub-agents one after another."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from diagnosis.models import Case
from tests.browser.pages import start_simulated, wait_final

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_a_kg_swarm_session_shows_a_lane_per_sub_agent_and_its_times(open_page, people):
    call_command("load_demo_cases", verbosity=0)
    case = Case.objects.get(source_id="demo-iron-deficiency-anaemia")
    page = open_page(people["alice"])
    start_simulated(page, case, "Swarm panel (KG)")
    page.wait_for_selector("#turn-0-swarm .swarm-lane", timeout=60_000)
    wait_final(page)

    lanes = page.locator("#turn-0-swarm .swarm-lane")
    assert lanes.count() >= 4
    roles = {lanes.nth(i).get_attribute("data-role") for i in range(lanes.count())}
    assert {"advocate", "test_chooser", "challenger", "steward"} <= roles
    assert all(lanes.nth(i).is_visible() for i in range(lanes.count()))
    assert page.locator("#turn-0-swarm .lane-label", has_text="Advocate:").count() >= 1
    times = page.locator("#turn-0-swarm .swarm-times")
    assert "Critical path" in times.inner_text() and "one after another" in times.inner_text()
    # the merged decision sits under the lanes
    assert page.locator("#turn-0-differential .hyp").count() >= 1

    page.reload()  # a fresh load folds the same lanes from the log
    assert page.locator("#turn-0-swarm .swarm-lane").count() == lanes.count()
