"""python manage.py bench_kg [--repeat N] [--max-turns N] [--json]: how long a KG turn takes.

A benchmark, not a test: each shipped demo case (diagnosis/cases/demo_cases/) is played through
the KG policy in memory, turn by turn, each order answered by the oracle from the case's menu
(built-in prices, no database), until the final diagnosis or the turn budget. Every policy turn
is timed (the whole stream, partials and the final decision) after one warm-up turn, as in a
running worker whose knowledge graph and per-term caches are loaded. Prints the median, p95 and
maximum in milliseconds per turn.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from diagnosis.cases.importers import parse_file
from diagnosis.cases.schema import NativeCase
from diagnosis.environment.answers import answer_orders
from diagnosis.environment.costs import default_table
from diagnosis.kg import get_kg
from diagnosis.protocol import FinalDecision, PastTurn, PolicyContext
from inference.jobs.bench.harness import percentile
from inference.policies.kg import KGPolicy

DEMO_DIR = Path(settings.BASE_DIR) / "diagnosis" / "cases" / "demo_cases"


def demo_cases() -> list[NativeCase]:
    cases = []
    for path in sorted(DEMO_DIR.glob("*.json")):
        for record in parse_file(path, "native"):
            if record.case is None:
                raise CommandError(f"{path.name}:{record.line}: {record.error}")
            cases.append(record.case)
    return cases


def play(policy: KGPolicy, case: NativeCase, max_turns: int) -> list[float]:
    """One simulated session in memory; the milliseconds each turn took."""
    snapshot = {"menu": [item.model_dump() for item in case.menu]}
    table = default_table()
    past: list[PastTurn] = []
    timings: list[float] = []
    for index in range(max_turns):
        context = PolicyContext(
            session_id=f"bench-kg-{case.source.id}",
            turn_index=index,
            mode="simulated",
            presentation=case.initial_presentation,
            demographics=case.demographics,
            history=tuple(h.model_dump() for h in case.history),
            past_turns=tuple(past),
            max_turns=max_turns,
            must_finalise=index + 1 >= max_turns,
        )
        started = time.perf_counter()
        final = [u for u in policy.run(context) if isinstance(u, FinalDecision)][-1]
        timings.append((time.perf_counter() - started) * 1000)
        action = final.decision.action
        if action.type != "order_tests":
            break
        observations = answer_orders(snapshot, [t.test for t in action.tests], table=table)
        past.append(
            PastTurn(index=index, decision=final.decision, observations=tuple(observations))
        )
    return timings


class Command(BaseCommand):
    help = "Time KG policy turns over the demo cases (median, p95 and max ms per turn)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--repeat", type=int, default=3, help="play every demo case this many times"
        )
        parser.add_argument(
            "--max-turns",
            type=int,
            default=settings.MEDACTION_MAX_TURNS,
            help="turn budget per case (default MEDACTION_MAX_TURNS)",
        )
        parser.add_argument(
            "--json", action="store_true", help="print one JSON object as the last line"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["repeat"] < 1 or not 1 <= opts["max_turns"] <= 50:
            raise CommandError("--repeat must be at least 1 and --max-turns between 1 and 50.")
        cases = demo_cases()
        if not cases:
            raise CommandError(f"No demo cases in {DEMO_DIR}")
        loaded = time.perf_counter()
        get_kg()
        load_s = time.perf_counter() - loaded
        policy = KGPolicy()
        play(policy, cases[0], 1)  # warm-up: per-term caches, as in a running worker
        timings: list[float] = []
        for _ in range(opts["repeat"]):
            for case in cases:
                timings += play(policy, case, opts["max_turns"])
        summary = {
            "turns": len(timings),
            "cases": len(cases),
            "repeat": opts["repeat"],
            "median_ms": round(statistics.median(timings), 2),
            "p95_ms": round(percentile(timings, 0.95), 2),
            "max_ms": round(max(timings), 2),
            "kg_load_s": round(load_s, 2),
        }
        self.stdout.write(
            f"KG turns over {summary['cases']} demo cases x {summary['repeat']}: "
            f"{summary['turns']} turns, median {summary['median_ms']} ms, "
            f"p95 {summary['p95_ms']} ms, max {summary['max_ms']} ms "
            f"(knowledge graph loaded in {summary['kg_load_s']} s)"
        )
        if opts["json"]:
            self.stdout.write(json.dumps(summary))
