"""python manage.py ask_oracle --orders FILE.jsonl [--orders FILE2.jsonl ...] [--score]

Reads lines {"case": "<case id or source id>", "order": "<free text>"} and prints one JSON line per
order: {"case", "order", "status", "item", "result", "score", "cost"}. With --score, lines that also
carry "expected" (a menu item name, or null for UNAVAILABLE) are scored: an answer is correct only
when it names the expected item and, when the line gives "expected_text", the answer ("item:
result") contains that text (case and spacing aside). Precision and recall go to stderr as one JSON
line per file, then one per "kind" when lines label it (sentence, exam_part, abbrev, target, plain,
absent), then the total over all files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Scored:
    """One labelled order and what the oracle said."""

    expected: str | None
    item: str | None  # the answered item, None when UNAVAILABLE
    answer_text: str = ""  # "item: result" as the user reads it
    expected_text: str | None = None
    kind: str = ""

    @property
    def correct(self) -> bool:
        if self.item is None or self.item != self.expected:
            return False
        return not self.expected_text or _squash(self.expected_text) in _squash(self.answer_text)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def score_rows(rows: Iterable[Scored]) -> dict[str, float | int]:
    """Precision (correct / answered) and recall (correct / orders the record can answer)."""
    rows = list(rows)
    tp = sum(1 for r in rows if r.correct)
    answered = sum(1 for r in rows if r.item is not None)
    expected = sum(1 for r in rows if r.expected is not None)
    return {
        "orders": len(rows),
        "answered": answered,
        "correct": tp,
        "precision": round(tp / answered, 4) if answered else 1.0,
        "recall": round(tp / expected, 4) if expected else 1.0,
    }


def score_answers(pairs: list[tuple[str | None, str | None]]) -> dict[str, float | int]:
    """pairs of (expected item or None, answered item or None) → precision, recall and counts."""
    return score_rows(Scored(expected, got) for expected, got in pairs)


def score_report(per_file: dict[str, list[Scored]]) -> list[dict[str, Any]]:
    """One line per file, per kind within a file, and the total."""
    lines: list[dict[str, Any]] = []
    for name, rows in per_file.items():
        lines.append({"file": name, **score_rows(rows)})
        for kind in sorted({r.kind for r in rows if r.kind}):
            lines.append(
                {"file": name, "kind": kind, **score_rows(r for r in rows if r.kind == kind)}
            )
    if len(per_file) > 1:
        lines.append({"file": "total", **score_rows(r for rows in per_file.values() for r in rows)})
    return lines


class Command(BaseCommand):
    help = (
        "Answer free-text orders from case menus, one JSON line per order "
        "(see the module docstring)."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--orders",
            required=True,
            type=Path,
            action="append",
            help="JSONL file of {case, order}; may be given more than once",
        )
        parser.add_argument(
            "--score", action="store_true", help="Score lines that carry 'expected'."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        paths: list[Path] = options["orders"]
        for path in paths:
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
        table = cost_table()
        snapshots: dict[str, CaseSnapshot | None] = {}
        per_file: dict[str, list[Scored]] = {}
        failed = 0
        for path in paths:
            scored = per_file.setdefault(path.name, [])
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
                        answered = obs.status == "answered"
                        scored.append(
                            Scored(
                                expected=row["expected"],
                                item=obs.item if answered else None,
                                answer_text=f"{obs.item}: {obs.result}" if answered else "",
                                expected_text=row.get("expected_text"),
                                kind=str(row.get("kind") or ""),
                            )
                        )
        if options["score"]:
            for line in score_report(per_file):
                self.stderr.write(json.dumps(line))
        if failed:
            raise CommandError(f"{failed} line(s) could not be answered; see above.", returncode=1)
