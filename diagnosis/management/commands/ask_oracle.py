"""python manage.py ask_oracle --orders FILE.jsonl [--score]

Reads lines {"case": "<case id or source id>", "order": "<free text>"} and prints one JSON line per
order: {"case", "order", "status", "item", "result", "score", "cost"}. With --score, lines that also
carry "expected" (a menu item name, or null for UNAVAILABLE) are scored: precision and recall go to
stderr.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from diagnosis.cases.snapshots import CaseSnapshot, case_snapshot
from diagnosis.environment.answers import answer_order
from diagnosis.environment.costs import cost_table
from diagnosis.models import Case


def case_lookup(key: Any) -> Case | None:
    text = str(key).strip()
    if text.isdigit():
        found = Case.objects.filter(pk=int(text)).first()
        if found is not None:
            return found
    matches = list(Case.objects.filter(source_id=text)[:2])
    if len(matches) == 1:
        return matches[0]
    if "/" in text:  # "dataset/source id" when a source id is not unique
        dataset, _, source_id = text.partition("/")
        return Case.objects.filter(source_dataset=dataset, source_id=source_id).first()
    return None


def score_answers(pairs: list[tuple[str | None, str | None]]) -> dict[str, float | int]:
    """pairs of (expected item or None, answered item or None) → precision, recall and counts."""
    tp = sum(1 for exp, got in pairs if got is not None and got == exp)
    answered = sum(1 for _, got in pairs if got is not None)
    expected = sum(1 for exp, _ in pairs if exp is not None)
    return {
        "orders": len(pairs),
        "answered": answered,
        "correct": tp,
        "precision": round(tp / answered, 4) if answered else 1.0,
        "recall": round(tp / expected, 4) if expected else 1.0,
    }


class Command(BaseCommand):
    help = (
        "Answer free-text orders from case menus, one JSON line per order "
        "(see the module docstring)."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--orders", required=True, type=Path, help="JSONL file of {case, order}"
        )
        parser.add_argument(
            "--score", action="store_true", help="Score lines that carry 'expected'."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["orders"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        table = cost_table()
        snapshots: dict[str, CaseSnapshot | None] = {}
        pairs: list[tuple[str | None, str | None]] = []
        failed = 0
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, 1):
                if not raw.strip():
                    continue
                try:
                    row = json.loads(raw.decode("utf-8"))
                    case_key, order = row["case"], row["order"]
                    if not isinstance(order, str) or not order.strip():
                        raise ValueError("'order' must be non-empty text")
                except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
                    failed += 1
                    self.stderr.write(
                        f"{path.name}:{number}: bad line ({exc.__class__.__name__}: {exc})"
                    )
                    continue
                key = str(case_key)
                if key not in snapshots:
                    case = case_lookup(key)
                    snapshots[key] = case_snapshot(case) if case is not None else None
                snapshot = snapshots[key]
                if snapshot is None:
                    failed += 1
                    self.stderr.write(f"{path.name}:{number}: no case {key!r}")
                    continue
                obs = answer_order(snapshot, order[:500], table=table)
                self.stdout.write(
                    json.dumps(
                        {
                            "case": case_key,
                            "order": order,
                            "status": obs.status,
                            "item": obs.item,
                            "result": obs.result,
                            "score": obs.score,
                            "cost": obs.cost,
                        },
                        ensure_ascii=False,
                    )
                )
                if options["score"] and "expected" in row:
                    pairs.append((row["expected"], obs.item if obs.status == "answered" else None))
        if options["score"]:
            self.stderr.write(json.dumps(score_answers(pairs)))
        if failed:
            raise CommandError(f"{failed} line(s) could not be answered; see above.", returncode=1)
