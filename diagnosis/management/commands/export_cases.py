"""python manage.py export_cases [OUTPUT.jsonl] [--dataset D] [--status S] [--schema PATH]

Writes cases as native JSONL (what `import_cases --format native` reads back, losslessly).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from diagnosis.cases.schema import write_json_schema
from diagnosis.cases.snapshots import case_to_native
from diagnosis.models import Case


class Command(BaseCommand):
    help = "Export cases in the native schema (JSONL), or write the schema itself with --schema."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("output", nargs="?", type=Path, help="File to write (default: stdout).")
        parser.add_argument("--dataset", help="Only this source dataset.")
        parser.add_argument("--status", choices=["draft", "published"])
        parser.add_argument(
            "--schema", type=Path, help="Write the native case JSON Schema to this path and stop."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schema"]:
            write_json_schema(options["schema"])
            self.stderr.write(f"Schema written to {options['schema']}")
            return
        cases = Case.objects.prefetch_related("menu_items").order_by("source_dataset", "source_id")
        if options["dataset"]:
            cases = cases.filter(source_dataset=options["dataset"])
        if options["status"]:
            cases = cases.filter(status=options["status"])
        output: Path | None = options["output"]
        count = 0
        handle = output.open("w", encoding="utf-8") if output else sys.stdout
        try:
            for case in cases.iterator(chunk_size=200):
                handle.write(case_to_native(case).model_dump_json() + "\n")
                count += 1
        finally:
            if output:
                handle.close()
        self.stderr.write(f"Exported {count} case(s)" + (f" to {output}" if output else ""))
