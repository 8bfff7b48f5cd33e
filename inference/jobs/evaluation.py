"""Headless evaluation: the case import and report pieces of `manage.py evaluate`.

The sessions themselves run as a benchmark run (inference/jobs/runs.py): one item per case,
through the same services and turn runner the app uses. Rows and aggregate come from
diagnosis.benchmarks.results, as on the results page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from diagnosis.benchmarks.results import AGGREGATE_KEYS, ROW_KEYS, aggregate, case_row
from diagnosis.benchmarks.services import EVALUATION_USERNAME, evaluation_user
from diagnosis.cases.importers import parse_file
from diagnosis.cases.services import case_upsert

__all__ = [
    "AGGREGATE_KEYS",
    "EVALUATION_USERNAME",
    "ROW_KEYS",
    "ImportSummary",
    "aggregate",
    "case_row",
    "evaluation_user",
    "import_cases",
]


@dataclass
class ImportSummary:
    case_ids: list[int]
    errors: list[str]


def import_cases(path: Path, fmt: str, limit: int | None) -> ImportSummary:
    """Lenient, as the command always was: an unreadable record is reported and skipped."""
    ids: list[int] = []
    errors: list[str] = []
    for record in parse_file(path, fmt):
        if limit is not None and len(ids) >= limit:
            break
        if record.case is None:
            errors.append(f"line {record.line}: {record.error}")
            continue
        case, _status = case_upsert(native=record.case, update=True)  # run what the file says
        ids.append(case.pk)
    return ImportSummary(ids, errors)
