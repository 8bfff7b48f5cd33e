"""Native cases: the schema itself, as JSONL or as one JSON document (object or array)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from diagnosis.cases.importers.base import (
    MAX_LINE_BYTES,
    ParsedRecord,
    RecordError,
    convert_record,
)
from diagnosis.cases.schema import MAX_DEPTH, NativeCase

# Keys a case_snapshot carries that are not content: accepted and dropped on import.
_SNAPSHOT_ONLY = ("id", "version", "status")


def native_from_dict(record: dict[str, Any]) -> NativeCase:
    data = {k: v for k, v in record.items() if k not in _SNAPSHOT_ONLY}
    return NativeCase.model_validate(data)


def parse_native_json(path: Path) -> Iterator[ParsedRecord]:
    size = path.stat().st_size
    if size > MAX_LINE_BYTES * 8:
        yield ParsedRecord(
            line=1, error=f"file is {size / 1e6:.1f} MB; write large collections as JSONL"
        )
        return
    raw = path.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        yield ParsedRecord(line=1, error=f"nested too deeply (over {MAX_DEPTH} levels)")
        return
    except UnicodeDecodeError as exc:
        yield ParsedRecord(
            line=raw[: exc.start].count(b"\n") + 1,
            error=f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
        )
        return
    except json.JSONDecodeError as exc:
        yield ParsedRecord(line=exc.lineno, error=f"invalid JSON ({exc.msg} at column {exc.colno})")
        return
    records = data if isinstance(data, list) else [data]
    for position, record in enumerate(records, 1):
        try:
            yield ParsedRecord(
                line=position, case=convert_record(record, native_from_dict, "native")
            )
        except RecordError as exc:
            yield ParsedRecord(line=position, error=str(exc))
