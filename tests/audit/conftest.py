"""Audit fixtures: each test signs with its own key, and a finished session to export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def signing_key(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDACTION_SIGNING_KEY_FILE = tmp_path / "keys" / "signing.pem"
    settings.MEDACTION_SIGNING_KEY_GENERATE = True
    return settings.MEDACTION_SIGNING_KEY_FILE


@pytest.fixture
def finished_session(personas, case, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """A simulated session run to its end by the scripted policy (orders, results, final)."""
    from diagnosis.sessions import services

    with django_capture_on_commit_callbacks(execute=True):
        session = services.session_start(
            owner=personas["owner"], mode="simulated", policy="scripted", case=case
        )
    session.refresh_from_db()
    turns = list(session.turns.values_list("index", "status", "error"))
    assert session.status == "completed", (session.error, turns)
    return session


def export(session, tmp_path: Path, fmt: str = "json", name: str = "") -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / (name or f"export.{fmt}")
    call_command("export_transcript", str(session.public_id), "--format", fmt, "--out", str(out))
    return out


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def dump(doc: dict[str, Any], path: Path) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path
