"""Case importers: AgentClinic OSCE, MedR-Bench, MediQ iCraft-MD and our native schema.

`parse_file(path, fmt)` yields one ParsedRecord per record (line numbers from 1). It never writes;
`diagnosis.cases.services.case_upsert` stores what parsed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from diagnosis.cases.importers.agentclinic import agentclinic_to_native
from diagnosis.cases.importers.base import MAX_LINE_BYTES, ParsedRecord, RecordError, parse_jsonl
from diagnosis.cases.importers.mediq import mediq_to_native
from diagnosis.cases.importers.medrbench import medrbench_to_native
from diagnosis.cases.importers.native import native_from_dict, parse_native_json

CONVERTERS = {
    "agentclinic": agentclinic_to_native,
    "medrbench": medrbench_to_native,
    "mediq": mediq_to_native,
    "native": native_from_dict,
}
FORMATS = tuple(CONVERTERS)

__all__ = [
    "FORMATS",
    "MAX_LINE_BYTES",
    "ParsedRecord",
    "RecordError",
    "UnknownFormatError",
    "parse_file",
]


class UnknownFormatError(ValueError):
    pass


def parse_file(path: Path, fmt: str) -> Iterator[ParsedRecord]:
    """Parse a case file in one of FORMATS. A native file may be JSONL or one JSON document
    (an object or an array of objects; then `line` is the record's 1-based position)."""
    if fmt not in CONVERTERS:
        raise UnknownFormatError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    path = Path(path)
    if fmt == "native" and path.suffix.lower() == ".json":
        return parse_native_json(path)
    return parse_jsonl(path, CONVERTERS[fmt], fmt)
