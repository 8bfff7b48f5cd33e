"""Load the demo cases we wrote ourselves (diagnosis/cases/demo_cases/*.json), published, and seed
the price table. Idempotent: an unchanged case is skipped, an edited file updates its case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from diagnosis.cases.importers import parse_file
from diagnosis.cases.services import case_upsert
from diagnosis.environment.costs import prices_seed
from diagnosis.models import CostPolicy

DEMO_DIR = Path(__file__).resolve().parents[2] / "cases" / "demo_cases"


class Command(BaseCommand):
    help = "Load (or refresh) the shipped demo cases and seed the test price table."

    def handle(self, *args: Any, **options: Any) -> None:
        files = sorted(DEMO_DIR.glob("*.json"))
        if not files:
            raise CommandError(f"No demo cases in {DEMO_DIR}")
        outcomes: dict[str, int] = {}
        with transaction.atomic():
            for path in files:
                for record in parse_file(path, "native"):
                    if record.case is None:
                        raise CommandError(f"{path.name}:{record.line}: {record.error}")
                    _case, outcome = case_upsert(native=record.case, publish=True, update=True)
                    outcomes[outcome] = outcomes.get(outcome, 0) + 1
            seeded = prices_seed()
            CostPolicy.objects.get_or_create(pk=1)
        summary = ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
        self.stdout.write(f"Demo cases: {summary}; prices seeded: {seeded}")
