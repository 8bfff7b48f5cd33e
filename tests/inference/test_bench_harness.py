"""bench_inference's fixtures: its user and its case are made through the services."""

from __future__ import annotations

import pytest

from diagnosis.models import CaseStatus
from diagnosis.sessions.selectors import can_start_sessions
from inference.jobs.bench.harness import bench_case, bench_user

pytestmark = pytest.mark.django_db


def test_the_bench_case_is_a_published_case_with_a_recorded_version_made_once():
    case = bench_case()
    assert case.status == CaseStatus.PUBLISHED
    assert [m.name for m in case.menu_items.all()] == ["Complete blood count"]
    # Sessions record the version they ran on; that version must exist in the edit history.
    assert case.versions.filter(version=case.version).exists()
    assert bench_case().pk == case.pk and case.versions.count() == 1


def test_the_bench_user_is_a_clinician():
    user = bench_user()
    assert can_start_sessions(user) and bench_user().pk == user.pk
