"""python manage.py evaluate --cases PATH --format F --policy kg|prior [--limit N] [--workers N]
--out report.json"""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from diagnosis.cases.importers import FORMATS, UnknownFormatError
from diagnosis.metrics import rac_self_judged
from inference.jobs import evaluation

RAC_NOTE = (
    "RAC is self-judged for this policy: it picks its tests with the same KG judge that scores "
    "RAC. Read informative_order_rate beside it (docs/metrics.md)."
)


class Command(BaseCommand):
    help = (
        "Run simulated sessions over a case file headless and report accuracy, DTC, RAC, cost "
        "and KG coverage."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--cases", required=True, help="Case file (JSONL or native JSON).")
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("--policy", default="kg", help="Policy key, e.g. kg or prior.")
        parser.add_argument(
            "--limit", type=int, default=None, help="Evaluate the first N cases only."
        )
        parser.add_argument("--workers", type=int, default=2, help="Turn workers (threads).")
        parser.add_argument("--max-turns", type=int, default=None, help="Turn budget per session.")
        parser.add_argument(
            "--out", required=True, help="Where to write report.json (a .csv goes beside it)."
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        path = Path(opts["cases"])
        if not path.is_file():
            raise CommandError(f"No case file at {path}.")
        if opts["limit"] is not None and opts["limit"] < 1:
            raise CommandError("--limit must be at least 1.")
        if not 1 <= opts["workers"] <= 32:
            raise CommandError("--workers must be between 1 and 32.")
        from diagnosis.sessions.services import ServiceError, policy_validate

        try:
            policy_validate(opts["policy"])
        except ServiceError as exc:
            raise CommandError(str(exc)) from exc
        out = Path(opts["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        from diagnosis.kg import get_kg

        kg_stats = dict(get_kg().stats)
        try:
            imported = evaluation.import_cases(path, opts["format"], opts["limit"])
        except UnknownFormatError as exc:
            raise CommandError(str(exc)) from exc
        if not imported.case_ids:
            raise CommandError(
                f"No case could be read from {path} ({len(imported.errors)} errors)."
            )
        label = f"evaluate {opts['policy']} {path.name} {timezone.now():%Y-%m-%d %H:%M}"
        sessions = evaluation.run_sessions(
            case_ids=imported.case_ids,
            policy=opts["policy"],
            workers=opts["workers"],
            label=label,
            max_turns=opts["max_turns"],
            progress=self._progress,
        )
        sys.stderr.write("\n")
        rows = sorted((evaluation.case_row(s) for s in sessions), key=lambda r: str(r["source_id"]))
        agg = evaluation.aggregate(rows, sessions)
        wall = round(time.perf_counter() - started, 2)
        gold_known = [r["gold_in_kg"] for r in rows if r["gold_in_kg"] is not None]
        report = {
            "aggregate": agg,
            "meta": {
                "cases": str(path),
                "format": opts["format"],
                "policy": opts["policy"],
                "rac_self_judged": rac_self_judged(opts["policy"]),
                "rac_note": RAC_NOTE if rac_self_judged(opts["policy"]) else "",
                "batch_label": label,
                "workers": opts["workers"],
                "wall_seconds": wall,
                "import_errors": imported.errors[:50],
                "gold_in_kg_share": round(sum(gold_known) / len(gold_known), 4)
                if gold_known
                else None,
                "kg": {
                    k: kg_stats.get(k)
                    for k in ("load_seconds", "packs", "diseases", "candidates", "curated_diseases")
                },
            },
            "cases": rows,
        }
        out.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
        csv_path = out.with_suffix(".csv")
        with csv_path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(evaluation.ROW_KEYS))
            writer.writeheader()
            writer.writerows(rows)
        self.stdout.write(self._table(agg, opts["policy"], path.name, wall))
        if rac_self_judged(opts["policy"]):
            self.stdout.write(RAC_NOTE)
        self.stdout.write(
            f"Report: {out}  CSV: {csv_path}  ({len(imported.errors)} unreadable records)"
        )

    _shown = -1

    def _progress(self, done: int, total: int) -> None:
        if done == self._shown:
            return
        self._shown = done
        width = 30
        filled = int(width * done / total) if total else width
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} sessions")
        sys.stderr.flush()

    @staticmethod
    def _table(agg: dict[str, Any], policy: str, name: str, wall: float) -> str:
        lines = [f"{name} - policy {policy} - {wall:.1f} s", f"{'metric':<24}{'value':>10}"]
        for key in evaluation.AGGREGATE_KEYS:
            value = agg.get(key)
            shown = (
                "unknown"
                if value is None
                else (f"{value:.3f}" if isinstance(value, float) else str(value))
            )
            lines.append(f"{key:<24}{shown:>10}")
        return "\n".join(lines) + "\n"
