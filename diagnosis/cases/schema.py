"""The native case schema: the one shape every importer produces and `export_cases` writes.

`python manage.py export_cases --schema` (or `write_json_schema()`) writes docs/case_schema.json.
Limits are generous for real cases and refuse absurd input (a 50 MB text field is an error, not a
case). No text may hold a NUL character (PostgreSQL cannot store one), no number may be NaN or
infinite (JSON has neither) and no value may nest deeper than MAX_DEPTH. The importers and the admin
both validate through these models, so a case that is stored always exports and re-imports.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = 1
MAX_TEXT = 20_000  # one free-text field (a presentation, a result)
MAX_SHORT = 300
MAX_DEPTH = 32  # real records nest at most 7 levels (AgentClinic test results)

ShortText = Annotated[str, Field(max_length=MAX_SHORT)]


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether lists and dicts in `value` nest deeper than `limit` (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list | tuple):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def storable_problem(value: Any) -> str | None:
    """Why `value` (plain JSON data) cannot be stored as a case, or None if it can."""
    if too_deep(value):
        return f"nested too deeply (over {MAX_DEPTH} levels)"
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return "contains a NUL character"
        elif isinstance(item, float):
            if not math.isfinite(item):
                return "numbers must be finite (not NaN or infinity)"
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return None


class _Record(BaseModel):
    """A part of a case: every field must be storable (see `storable_problem`)."""

    @field_validator("*", mode="after")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        if isinstance(value, BaseModel):
            return value  # checked as its own record
        problem = storable_problem(value)
        if problem:
            raise ValueError(problem)
        return value


class HistoryItem(_Record):
    """A question the policy may ask and the answer the record gives."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=MAX_SHORT)
    answer: str = Field(min_length=1, max_length=MAX_TEXT)


class MenuItem(_Record):
    """One orderable test (or examination) with its hidden result.

    `panel` groups leaves that are ordered together ("Complete blood count" holds haemoglobin,
    WBC, platelets); the oracle answers a panel order with all of its items.
    """

    model_config = ConfigDict(extra="forbid")

    category: str = Field(default="", max_length=100)
    name: str = Field(min_length=1, max_length=MAX_SHORT)
    aliases: list[ShortText] = Field(default_factory=list, max_length=30)
    panel: str = Field(default="", max_length=MAX_SHORT)
    result: str = Field(min_length=1, max_length=MAX_TEXT)
    values: dict[str, Any] = Field(default_factory=dict)
    cost: float | None = Field(default=None, ge=0, le=1_000_000, allow_inf_nan=False)

    @field_validator("name", "result", "category", "panel")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()


class Codes(_Record):
    model_config = ConfigDict(extra="forbid")

    icd10: list[ShortText] = Field(default_factory=list)
    omim: list[ShortText] = Field(default_factory=list)
    orpha: list[ShortText] = Field(default_factory=list)
    doid: list[ShortText] = Field(default_factory=list)


class Gold(_Record):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=500)
    aliases: list[Annotated[str, Field(max_length=500)]] = Field(
        default_factory=list, max_length=30
    )
    codes: Codes = Field(default_factory=Codes)


class Source(_Record):
    model_config = ConfigDict(extra="forbid")

    dataset: str = Field(min_length=1, max_length=50, pattern=r"^[a-z0-9_.-]+$")
    id: str = Field(min_length=1, max_length=200)
    url: str = Field(default="", max_length=500)
    licence: str = Field(default="", max_length=200)
    # Where the medicine in an original case comes from (guidelines, textbooks, reviews).
    references: list[Annotated[str, Field(max_length=500)]] = Field(
        default_factory=list, max_length=20
    )


class NativeCase(_Record):
    """A case: what is seen at turn 0, answerable history, a hidden test menu and the gold."""

    model_config = ConfigDict(extra="forbid")

    schema_version: int = SCHEMA_VERSION
    title: str = Field(min_length=1, max_length=MAX_SHORT)
    demographics: str = Field(default="", max_length=MAX_SHORT)
    initial_presentation: str = Field(min_length=1, max_length=MAX_TEXT)
    history: list[HistoryItem] = Field(default_factory=list, max_length=200)
    menu: list[MenuItem] = Field(default_factory=list, max_length=300)
    gold: Gold
    reference_differential: list[Annotated[str, Field(max_length=500)]] = Field(
        default_factory=list, max_length=30
    )
    source: Source

    @property
    def key(self) -> tuple[str, str]:
        return (self.source.dataset, self.source.id)


def case_json_schema() -> dict[str, Any]:
    schema = NativeCase.model_json_schema()
    schema["$id"] = "https://medaction.local/schemas/case.json"
    schema["title"] = "MedAction native case"
    return schema


def write_json_schema(path: Path) -> None:
    path.write_text(
        json.dumps(case_json_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
