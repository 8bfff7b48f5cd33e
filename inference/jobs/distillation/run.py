"""One distillation: a case file in, DIR with trajectories.sft.jsonl, trees.jsonl, summary.json.

Used by `python manage.py distill` and by a run started from the Distill page. Every option is
checked before any work; the files are written to a fresh directory beside DIR and renamed into
place only when complete, so a failed run leaves no partial DIR behind.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from diagnosis.cases.importers import FORMATS
from diagnosis.cases.snapshots import case_snapshot
from diagnosis.distillation.options import MAX_BRANCHING, MAX_DEPTH, MAX_WORKERS
from diagnosis.environment.costs import cost_table
from diagnosis.kg import get_kg
from inference.jobs.distillation.export import ScoredPath, node_records, score_tree, sft_record
from inference.jobs.distillation.labels import LABELS, Thresholds
from inference.jobs.distillation.proposals import LLMProposer, Proposer, proposer_for
from inference.jobs.distillation.state import EnvState
from inference.jobs.distillation.tree import Tree, grow
from inference.serving.profiles import Profile, get_profile

OUTPUT_FILES = ("trajectories.sft.jsonl", "trees.jsonl", "summary.json")


class DistillError(ValueError):
    """Bad options or input: the message says what to change."""


@dataclass(frozen=True)
class DistillOptions:
    cases: Path
    fmt: str
    policy: str
    branching: int
    depth: int
    out: Path
    seed: int = 0
    workers: int = 4
    temperature: float = 0.8
    profile: str | None = None  # the SFT format (kg policy); an llm policy uses its own profile
    limit: int | None = None  # the first N cases of the file
    thresholds: Thresholds = field(default_factory=Thresholds)

    def check(self) -> None:
        if not self.cases.is_file():
            raise DistillError(f"{self.cases}: no such file")
        if self.fmt not in FORMATS:
            raise DistillError(f"unknown format {self.fmt!r}; expected one of {', '.join(FORMATS)}")
        if not 1 <= self.branching <= MAX_BRANCHING:
            raise DistillError(f"--branching must be between 1 and {MAX_BRANCHING}")
        if not 1 <= self.depth <= MAX_DEPTH:
            raise DistillError(f"--depth must be between 1 and {MAX_DEPTH}")
        if not 1 <= self.workers <= MAX_WORKERS:
            raise DistillError(f"--workers must be between 1 and {MAX_WORKERS}")
        if not 0.0 <= self.temperature <= 2.0:
            raise DistillError("--temperature must be between 0 and 2")
        if self.limit is not None and self.limit < 1:
            raise DistillError("--limit must be at least 1")
        if self.out.exists() and (not self.out.is_dir() or any(self.out.iterdir())):
            raise DistillError(f"{self.out} already exists and is not an empty directory")
        if self.policy != "kg" and not (self.policy == "llm" or self.policy.startswith("llm:")):
            raise DistillError(f"unknown policy {self.policy!r}: expected kg, llm or llm:<profile>")
        try:
            self.sft_profile()
        except KeyError as exc:
            raise DistillError(str(exc.args[0])) from None

    def sft_profile(self) -> Profile:
        name = self.policy.partition(":")[2] if self.policy.startswith("llm:") else None
        return get_profile(name or self.profile or settings.VLLM_PROFILE)

    def as_dict(self) -> dict[str, Any]:
        return {
            "cases": str(self.cases),
            "format": self.fmt,
            "policy": self.policy,
            "branching": self.branching,
            "depth": self.depth,
            "seed": self.seed,
            "workers": self.workers,
            "temperature": self.temperature,
            "profile": self.sft_profile().key,
            "limit": self.limit,
        }


@dataclass
class DistillResult:
    summary: dict[str, Any]
    trees: dict[str, Tree]
    paths: dict[str, list[ScoredPath]]
    records: dict[str, list[dict[str, Any]]]  # trees.jsonl rows, per case key
    import_errors: list[str]


def load_roots(options: DistillOptions) -> tuple[dict[str, EnvState], list[str]]:
    from diagnosis.models import Case
    from inference.jobs.evaluation import import_cases

    try:
        imported = import_cases(options.cases, options.fmt, options.limit)
    except (OSError, ValueError) as exc:
        raise DistillError(f"{options.cases}: {exc}") from None
    if not imported.case_ids:
        first = imported.errors[0] if imported.errors else "the file has no records"
        raise DistillError(f"{options.cases}: no case could be read ({first})")
    cases = Case.objects.filter(pk__in=imported.case_ids).prefetch_related("menu_items")
    by_id = {c.pk: c for c in cases}
    roots = {
        str(pk): EnvState(snapshot=case_snapshot(by_id[pk]), max_turns=options.depth)
        for pk in dict.fromkeys(imported.case_ids)
    }
    return roots, imported.errors


def make_proposer(options: DistillOptions) -> Proposer:
    try:
        return proposer_for(
            options.policy,
            seed=options.seed,
            temperature=options.temperature,
            profile=options.profile,
        )
    except Exception as exc:  # no model server configured, unknown profile
        raise DistillError(f"policy {options.policy}: {exc}") from None


def distill(
    options: DistillOptions,
    *,
    proposer: Proposer | None = None,
    progress: Callable[[int, int], None] | None = None,
    extra_summary: dict[str, Any] | None = None,
) -> DistillResult:
    options.check()
    roots, import_errors = load_roots(options)
    proposer = proposer or make_proposer(options)
    kg, table = get_kg(), cost_table()
    trees, wall = grow(
        roots,
        proposer,
        k=options.branching,
        workers=options.workers,
        table=table,
        kg=kg,
        progress=progress,
    )
    profile = proposer.profile if isinstance(proposer, LLMProposer) else options.sft_profile()
    paths = {key: score_tree(tree, options.thresholds, kg) for key, tree in trees.items()}
    records = {key: node_records(trees[key], paths[key]) for key in trees}
    labels = Counter(p.label.label for ps in paths.values() for p in ps)
    rules = Counter(
        f"{p.label.label}:{p.label.rule}" for ps in paths.values() for p in ps if p.label.rule
    )
    summary: dict[str, Any] = {
        "cases": len(trees),
        "paths": sum(len(ps) for ps in paths.values()),
        **{label: labels.get(label, 0) for label in LABELS},
        "nodes": sum(len(t.nodes) for t in trees.values()),
        "trajectories": labels.get("retained", 0) + labels.get("truncated", 0),
        "by_rule": dict(sorted(rules.items())),
        "thresholds": options.thresholds.as_dict(),
        "options": options.as_dict(),
        "wall_time_s": round(wall, 3),
        "import_errors": len(import_errors),
        **(extra_summary or {}),
    }
    _write(options.out, profile, paths, records, summary)
    return DistillResult(summary, trees, paths, records, import_errors)


def _write(
    out: Path,
    profile: Profile,
    paths: dict[str, list[ScoredPath]],
    records: dict[str, list[dict[str, Any]]],
    summary: dict[str, Any],
) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        with (work / "trajectories.sft.jsonl").open("w", encoding="utf-8") as handle:
            for key in paths:
                for path in paths[key]:
                    record = sft_record(path, profile)
                    if record is not None:
                        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        with (work / "trees.jsonl").open("w", encoding="utf-8") as handle:
            for key in records:
                for row in records[key]:
                    handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        (work / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        if out.exists():
            out.rmdir()  # checked empty before the run
        work.rename(out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
