"""The demo cases we ship: enough of them, well formed, cited, and loaded idempotently."""

from __future__ import annotations

import io
import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from diagnosis.cases.importers import parse_file
from diagnosis.models import Case, CaseStatus, TestPrice

DEMO_DIR = Path(settings.BASE_DIR) / "diagnosis" / "cases" / "demo_cases"


def _demo_cases():  # type: ignore[no-untyped-def]
    return [r.case for p in sorted(DEMO_DIR.glob("*.json")) for r in parse_file(p, "native")]


def test_demo_cases_are_valid_cited_and_rich_enough():
    cases = _demo_cases()
    assert len(cases) >= 12
    assert len({c.gold.name for c in cases}) == len(cases)
    for case in cases:
        assert len(case.menu) >= 6, case.title
        assert case.source.references, case.title
        assert case.gold.codes.icd10, case.title
        assert any("normal" in m.result.lower() for m in case.menu), (
            f"{case.title} has no normal result"
        )
        assert case.source.dataset == "medaction-demo"
        # the title never gives the diagnosis away
        assert case.gold.name.lower() not in case.title.lower()


def test_demo_cases_include_rare_conditions_with_orphanet_codes():
    rare = [c for c in _demo_cases() if c.gold.codes.orpha]
    assert len(rare) >= 3


def test_load_demo_cases_publishes_once_and_seeds_prices(db):
    call_command("load_demo_cases", stdout=io.StringIO())
    count = Case.objects.count()
    assert count >= 12 and not Case.objects.exclude(status=CaseStatus.PUBLISHED).exists()
    assert TestPrice.objects.count() > 20
    out = io.StringIO()
    call_command("load_demo_cases", stdout=out)
    assert Case.objects.count() == count and "skipped" in out.getvalue()
    assert set(Case.objects.values_list("version", flat=True)) == {1}


def test_demo_case_files_are_plain_native_json():
    for path in DEMO_DIR.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert set(data) >= {"title", "initial_presentation", "menu", "gold", "source"}
