"""python manage.py import_cases PATH --format agentclinic|medrbench|mediq|native
[--dry-run] [--publish] [--update]"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from diagnosis.cases.importers import FORMATS, parse_file
from diagnosis.cases.services import case_upsert

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Import cases from a dataset file. Each record is imported or fails alone "
        "(errors name the line); "
        "an existing (dataset, source id) is skipped unless --update. "
        "Exit code 1 when any record failed."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--format", required=True, dest="fmt", help=f"one of: {', '.join(FORMATS)}"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Parse and validate only; write nothing."
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish imported cases (default: draft)."
        )
        parser.add_argument(
            "--update", action="store_true", help="Replace cases that already exist."
        )
        parser.add_argument(
            "--json", action="store_true", help="Print the summary as one JSON object."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        fmt: str = options["fmt"]
        if fmt not in FORMATS:
            raise CommandError(f"Unknown --format {fmt!r}; expected one of: {', '.join(FORMATS)}.")
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        started = time.monotonic()
        counts: Counter[str] = Counter()
        no_menu: list[str] = []
        menu_sizes: list[int] = []
        for record in parse_file(path, fmt):
            if record.case is None:
                counts["failed"] += 1
                self.stderr.write(f"{path.name}:{record.line}: {record.error}")
                continue
            native = record.case
            menu_sizes.append(len(native.menu))
            if not native.menu:
                no_menu.append(native.source.id)
            if options["dry_run"]:
                counts["valid"] += 1
                continue
            try:
                _case, outcome = case_upsert(
                    native=native, publish=options["publish"], update=options["update"]
                )
            except DatabaseError as exc:  # one record's write failed; it was rolled back alone
                counts["failed"] += 1
                self.stderr.write(
                    f"{path.name}:{record.line}: could not store case {native.source.id}: "
                    f"{exc.__class__.__name__}"
                )
                continue
            counts[outcome] += 1
        summary = {
            "file": str(path),
            "format": fmt,
            "dry_run": options["dry_run"],
            "imported": counts["imported"],
            "updated": counts["updated"],
            "skipped": counts["skipped"],
            "failed": counts["failed"],
            "valid": counts["valid"] if options["dry_run"] else None,
            "no_test_menu": len(no_menu),
            "no_test_menu_ids": no_menu[:50],
            "menu_items": _spread(menu_sizes),
            "seconds": round(time.monotonic() - started, 2),
        }
        if options["json"]:
            self.stdout.write(json.dumps(summary))
        else:
            self.stdout.write(_summary_text(summary))
        if counts["failed"]:
            raise CommandError(
                f"{counts['failed']} record(s) failed; see the errors above.", returncode=1
            )


def _spread(sizes: list[int]) -> dict[str, float] | None:
    if not sizes:
        return None
    ordered = sorted(sizes)
    mid = len(ordered) // 2
    median = ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
    return {"min": ordered[0], "median": median, "max": ordered[-1]}


def _summary_text(s: dict[str, Any]) -> str:
    head = "Dry run (nothing written)" if s["dry_run"] else "Import"
    counts = (
        f"valid {s['valid']}"
        if s["dry_run"]
        else f"imported {s['imported']}, updated {s['updated']}, skipped {s['skipped']}"
    )
    lines = [
        f"{head} of {s['file']} as {s['format']}: {counts}, failed {s['failed']} ({s['seconds']} s)"
    ]
    if s["menu_items"]:
        m = s["menu_items"]
        lines.append(f"Menu items per case: min {m['min']}, median {m['median']}, max {m['max']}")
    if s["no_test_menu"]:
        ids = ", ".join(s["no_test_menu_ids"][:10]) + (" …" if s["no_test_menu"] > 10 else "")
        lines.append(f"Cases with no test menu: {s['no_test_menu']} ({ids})")
    return "\n".join(lines)
