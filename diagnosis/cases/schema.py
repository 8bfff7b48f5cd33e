"""The native case schema: the one shape every importer produces and `export_cases` writes.

`python manage.py export_cases --schema` (or `write_json_schema()`) writes docs/case_schema.json.
Limits are generous for real cases and refuse absurd input (a 50 MB text field is an error, not a
case).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = 1
MAX_TEXT = 20_000  # one free-text field (a presentation, a result)
MAX_SHORT = 300

ShortText = Annotated[str, Field(max_length=MAX_SHORT)]


class HistoryItem(BaseModel):
    """A question the policy may ask and the answer the record gives."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=MAX_SHORT)
    answer: str = Field(min_length=1, max_length=MAX_TEXT)


class MenuItem(BaseModel):
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
    cost: float | None = Field(default=None, ge=0, le=1_000_000)

    @field_validator("name", "result", "category", "panel")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()


class Codes(BaseModel):
    model_config = ConfigDict(extra="forbid")

    icd10: list[ShortText] = Field(default_factory=list)
    omim: list[ShortText] = Field(default_factory=list)
    orpha: list[ShortText] = Field(default_factory=list)
    doid: list[ShortText] = Field(default_factory=list)


class Gold(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=500)
    aliases: list[Annotated[str, Field(max_length=500)]] = Field(
        default_factory=list, max_length=30
    )
    codes: Codes = Field(default_factory=Codes)


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")

    dataset: str = Field(min_length=1, max_length=50, pattern=r"^[a-z0-9_.-]+$")
    id: str = Field(min_length=1, max_length=200)
    url: str = Field(default="", max_length=500)
    licence: str = Field(default="", max_length=200)
    # Where the medicine in an original case comes from (guidelines, textbooks, reviews).
    references: list[Annotated[str, Field(max_length=500)]] = Field(
        default_factory=list, max_length=20
    )


class NativeCase(BaseModel):
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
