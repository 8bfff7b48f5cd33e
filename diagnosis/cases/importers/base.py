"""Reading case files record by record: every record succeeds or fails alone, with its line
number."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from diagnosis.cases.schema import MAX_DEPTH, NativeCase, too_deep

# A line longer than this is refused unread: real records are < 200 kB (MedR-Bench's full article
# text is the largest field), so 8 MB leaves room and a 50 MB field is an error, not a case.
MAX_LINE_BYTES = 8 * 1024 * 1024
_CHUNK = 1024 * 1024


class RecordError(ValueError):
    """A record that cannot become a case; the message is safe to print (no case text)."""


@dataclass(frozen=True)
class ParsedRecord:
    line: int
    case: NativeCase | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.case is not None


Converter = Callable[[dict[str, Any]], NativeCase]


def _lines(handle: IO[bytes]) -> Iterator[tuple[int, bytes | None, str | None]]:
    """Yield (line number, raw bytes or None, error) without ever holding an over-long line."""
    number = 0
    while True:
        raw = handle.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            size = len(raw)
            while True:  # skip the rest of the line in chunks
                rest = handle.readline(_CHUNK)
                size += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield (
                number,
                None,
                f"line is {size / 1e6:.1f} MB, over the "
                f"{MAX_LINE_BYTES // (1024 * 1024)} MB limit for one record",
            )
            continue
        yield number, raw, None


def load_json(text: str) -> Any:
    """Parse one JSON record; nesting deeper than MAX_DEPTH is a RecordError, never a crash
    (json.loads itself gives up with RecursionError at about 1,000 levels)."""
    try:
        data = json.loads(text)
    except RecursionError:
        data = None
        deep = True
    else:
        deep = too_deep(data)
    if deep:
        raise RecordError(f"nested too deeply (over {MAX_DEPTH} levels)")
    return data


def validation_message(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err["loc"]) or "record"
        parts.append(f"{where}: {err['msg']}")
    more = f" (+{exc.error_count() - 5} more)" if exc.error_count() > 5 else ""
    return "invalid case: " + "; ".join(parts) + more


def convert_record(data: Any, converter: Converter, fmt: str) -> NativeCase:
    if not isinstance(data, dict):
        raise RecordError(f"expected a JSON object, got {type(data).__name__}")
    if too_deep(data):
        raise RecordError(f"nested too deeply (over {MAX_DEPTH} levels)")
    try:
        return converter(data)
    except ValidationError as exc:
        raise RecordError(validation_message(exc)) from None
    except (KeyError, TypeError, AttributeError) as exc:
        hint = sniff_hint(data, fmt)
        raise RecordError(f"not a valid {fmt} record: {type(exc).__name__} {exc}{hint}") from None


def sniff_format(data: dict[str, Any]) -> str | None:
    if "OSCE_Examination" in data:
        return "agentclinic"
    if "generate_case" in data or "derived" in data:
        return "medrbench"
    if "facts" in data and "options" in data:
        return "mediq"
    if "initial_presentation" in data and "gold" in data:
        return "native"
    return None


def sniff_hint(data: dict[str, Any], fmt: str) -> str:
    guess = sniff_format(data)
    if guess and guess != fmt:
        return f" (this looks like a {guess} record: wrong --format?)"
    return ""


def parse_jsonl(path: Path, converter: Converter, fmt: str) -> Iterator[ParsedRecord]:
    with path.open("rb") as handle:
        for number, raw, error in _lines(handle):
            if error is not None:
                yield ParsedRecord(line=number, error=error)
                continue
            assert raw is not None
            if not raw.strip():
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield ParsedRecord(
                    line=number,
                    error=f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
                )
                continue
            try:
                data = load_json(text)
            except json.JSONDecodeError as exc:
                yield ParsedRecord(
                    line=number,
                    error=f"invalid JSON ({exc.msg} at column {exc.colno}); truncated line?",
                )
                continue
            except RecordError as exc:
                yield ParsedRecord(line=number, error=str(exc))
                continue
            try:
                yield ParsedRecord(line=number, case=convert_record(data, converter, fmt))
            except RecordError as exc:
                yield ParsedRecord(line=number, error=str(exc))
