"""python manage.py evaluate --cases PATH --format F --policy kg|prior [--limit N] [--workers N]
[--run NAME] --out report.json;  python manage.py evaluate --run NAME --resume --out report.json

A front end to benchmark runs (diagnosis.benchmarks): the cases become a run, one item per case,
which runs in this process on --workers threads (or on the Celery batch queue with
MEDACTION_DISPATCH=celery); --resume runs only its missing or failed cases."""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from diagnosis.benchmarks import selectors as benchmark_selectors
from diagnosis.benchmarks import services as benchmarks
from diagnosis.cases.importers import FORMATS, UnknownFormatError
from diagnosis.metrics import rac_self_judged
from diagnosis.models import Case
from inference.jobs import evaluation, runs

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
        parser.add_argument("--cases", help="Case file (JSONL or native JSON).")
        parser.add_argument("--format", choices=FORMATS)
        parser.add_argument(
            "--run", default=None, help="Name of the benchmark run (default: made from the file)."
        )
        parser.add_argument(
            "--resume",
            action="store_true",
            help="Resume run --run: only its missing or failed cases run.",
        )
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
        if not 1 <= opts["workers"] <= 32:
            raise CommandError("--workers must be between 1 and 32.")
        out = Path(opts["out"])
        started = time.perf_counter()
        from diagnosis.kg import get_kg

        if opts["resume"]:
            run, imported = self._resumed(opts), evaluation.ImportSummary([], [])
            source, fmt = run.description, run.parameters.get("format", "")
        else:
            run, imported = self._created(opts)
            source, fmt = str(opts["cases"]), opts["format"]
        kg_stats = dict(get_kg().stats)
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            runs.execute(
                run=run, resume=opts["resume"], workers=opts["workers"], progress=self._progress
            )
        except benchmarks.ServiceError as exc:
            raise CommandError(str(exc)) from exc
        sys.stderr.write("\n")
        sessions = benchmark_selectors.run_sessions(run)
        rows = sorted((evaluation.case_row(s) for s in sessions), key=lambda r: str(r["source_id"]))
        agg = evaluation.aggregate(rows, sessions)
        wall = round(time.perf_counter() - started, 2)
        gold_known = [r["gold_in_kg"] for r in rows if r["gold_in_kg"] is not None]
        report = {
            "aggregate": agg,
            "meta": {
                "run": run.name,
                "resumed": opts["resume"],
                "cases": source,
                "format": fmt,
                "policy": run.policy,
                "rac_self_judged": rac_self_judged(run.policy),
                "rac_note": RAC_NOTE if rac_self_judged(run.policy) else "",
                "batch_label": run.name,
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
        self.stdout.write(self._table(agg, run.policy, run.name, wall))
        if rac_self_judged(run.policy):
            self.stdout.write(RAC_NOTE)
        self.stdout.write(
            f"Run: {run.name}  Report: {out}  CSV: {csv_path}  "
            f"({len(imported.errors)} unreadable records)"
        )

    @staticmethod
    def _resumed(opts: dict[str, Any]) -> Any:
        if not opts["run"]:
            raise CommandError("--resume needs --run NAME (the run to resume).")
        run = benchmark_selectors.run_get_by_name(opts["run"])
        if run is None:
            raise CommandError(f"No benchmark run named {opts['run']!r}.")
        return run

    @staticmethod
    def _created(opts: dict[str, Any]) -> tuple[Any, evaluation.ImportSummary]:
        if not opts["cases"] or not opts["format"]:
            raise CommandError("--cases and --format are required (unless --resume).")
        path = Path(opts["cases"])
        if not path.is_file():
            raise CommandError(f"No case file at {path}.")
        if opts["limit"] is not None and opts["limit"] < 1:
            raise CommandError("--limit must be at least 1.")
        from diagnosis.sessions.services import ServiceError, policy_validate

        try:
            policy_validate(opts["policy"])
        except ServiceError as exc:
            raise CommandError(str(exc)) from exc
        name = opts["run"] or (
            f"evaluate {opts['policy']} {path.name} {timezone.now():%Y-%m-%d %H:%M:%S.%f}"
        )
        if benchmark_selectors.run_get_by_name(name) is not None:
            raise CommandError(f"A run named {name!r} exists already; add --resume to resume it.")
        try:
            imported = evaluation.import_cases(path, opts["format"], opts["limit"])
        except UnknownFormatError as exc:
            raise CommandError(str(exc)) from exc
        if not imported.case_ids:
            raise CommandError(
                f"No case could be read from {path} ({len(imported.errors)} errors)."
            )
        by_id = Case.objects.in_bulk(imported.case_ids)
        try:
            run = benchmarks.benchmark_create(
                name=name,
                cases=[by_id[pk] for pk in imported.case_ids],
                policy=opts["policy"],
                max_turns=opts["max_turns"],
                description=str(path),
                parameters={"format": opts["format"], "limit": opts["limit"]},
            )
        except ServiceError as exc:
            raise CommandError(str(exc)) from exc
        return run, imported

    _shown: tuple[int, int, int] | None = None

    def _progress(self, state: benchmark_selectors.Progress) -> None:
        shown = (state.done, state.failed, state.running)
        if shown == self._shown:
            return
        self._shown = shown
        width = 30
        filled = int(width * state.settled / state.total) if state.total else width
        eta = "" if state.eta_seconds is None else f"  ETA {state.eta_seconds:.0f} s"
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {state.settled}/{state.total} cases:"
            f" {state.done} done, {state.failed} failed, {state.running} running{eta}   "
        )
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
