"""python manage.py distill --cases FILE --format FMT --policy P --branching K --depth D --out DIR
[--seed S] [--workers W] [--bench] [thresholds…]  (docs/distillation.md)"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from inference.jobs.distillation.labels import Thresholds
from inference.jobs.distillation.run import DistillError, DistillOptions, distill


class Command(BaseCommand):
    help = (
        "Grow a tree of trajectories per case, label every path retained / truncated / pruned "
        "and write the kept ones as SFT chat transcripts."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        d = Thresholds()
        parser.add_argument("--cases", required=True, help="Case file in an importer format.")
        parser.add_argument("--format", required=True, help="Importer format, e.g. agentclinic.")
        parser.add_argument("--policy", default="kg", help="kg, llm or llm:<profile>.")
        parser.add_argument("--branching", type=int, default=2, help="K: decisions per node.")
        parser.add_argument("--depth", type=int, default=5, help="D: turns per path at most.")
        parser.add_argument("--out", required=True, help="Output directory (new or empty).")
        parser.add_argument("--seed", type=int, default=0, help="Sampling seed (llm).")
        parser.add_argument("--workers", type=int, default=4, help="Expansion worker threads.")
        parser.add_argument("--temperature", type=float, default=0.8, help="Sampling (llm).")
        parser.add_argument("--profile", default=None, help="Model profile of the SFT format.")
        parser.add_argument("--limit", type=int, default=None, help="The first N cases only.")
        parser.add_argument("--min-rac", type=float, default=d.min_rac)
        parser.add_argument("--min-dtc", type=float, default=d.min_dtc)
        parser.add_argument("--max-gold-rank", type=int, default=d.max_gold_rank)
        parser.add_argument("--min-prefix-turns", type=int, default=d.min_prefix_turns)
        parser.add_argument(
            "--bench",
            action="store_true",
            help="Also time the trees of the first --bench-cases cases on the stand-in server "
            "(fixed latency) with --workers threads against one node at a time.",
        )
        parser.add_argument("--bench-cases", type=int, default=4)
        parser.add_argument("--bench-latency-ms", type=float, default=200.0)
        parser.add_argument("--bench-port", type=int, default=0, help="Stand-in port (0: any).")
        parser.add_argument(
            "--no-record", action="store_true", help="Do not record the run in the database."
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            thresholds = Thresholds(
                min_rac=opts["min_rac"],
                min_dtc=opts["min_dtc"],
                max_gold_rank=opts["max_gold_rank"],
                min_prefix_turns=opts["min_prefix_turns"],
            )
            options = DistillOptions(
                cases=Path(opts["cases"]),
                fmt=opts["format"],
                policy=opts["policy"],
                branching=opts["branching"],
                depth=opts["depth"],
                out=Path(opts["out"]),
                seed=opts["seed"],
                workers=opts["workers"],
                temperature=opts["temperature"],
                profile=opts["profile"],
                limit=opts["limit"],
                thresholds=thresholds,
            )
            options.check()
            extra = self._bench(options, opts) if opts["bench"] else None
            result = distill(options, progress=self._progress, extra_summary=extra)
        except (DistillError, ValueError) as exc:
            raise CommandError(str(exc)) from None
        sys.stderr.write("\n")
        if not opts["no_record"]:
            from inference.jobs.distillation.record import distillation_record_command

            run = distillation_record_command(options, result)
            result.summary["run"] = run.pk
        for error in result.import_errors[:5]:
            self.stderr.write(f"skipped {error}")
        self.stdout.write(json.dumps(result.summary, indent=2))

    def _bench(self, options: DistillOptions, opts: dict[str, Any]) -> dict[str, Any]:
        from dataclasses import replace

        from diagnosis.environment.costs import cost_table
        from diagnosis.kg import get_kg
        from inference.jobs.distillation.bench import bench_parallel
        from inference.jobs.distillation.run import load_roots

        roots, _ = load_roots(replace(options, limit=opts["bench_cases"]))
        figures = bench_parallel(
            roots,
            k=options.branching,
            workers=options.workers,
            latency_ms=opts["bench_latency_ms"],
            table=cost_table(),
            kg=get_kg(),
            seed=options.seed,
            port=opts["bench_port"],
        )
        self.stderr.write(
            f"parallel expansion: {figures['expansions']} expansions of {figures['cases']} trees "
            f"at {figures['model_latency_ms']:g} ms: one at a time {figures['sequential_s']} s, "
            f"{figures['workers']} workers {figures['parallel_s']} s, ratio {figures['ratio']} "
            f"(same tree: {figures['same_tree']})"
        )
        return {"parallel": figures}

    _shown = -1

    def _progress(self, done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        if percent != self._shown or done == total:
            self._shown = percent
            sys.stderr.write(f"\rexpanded {done}/{total} nodes ({percent}%)")
            sys.stderr.flush()
