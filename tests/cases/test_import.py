"""Importers and import_cases/export_cases: real dev files, bad input, idempotence, round trip."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError

from diagnosis.cases.importers import parse_file
from diagnosis.cases.services import case_upsert
from diagnosis.cases.snapshots import case_to_native
from diagnosis.models import Case, CaseVersion, TestMenuItem

DEMO = (
    Path(settings.BASE_DIR)
    / "diagnosis"
    / "cases"
    / "demo_cases"
    / "01-iron-deficiency-anaemia.json"
)
DATA = Path(settings.MEDACTION_DATA_DIR) / "cases" if str(settings.MEDACTION_DATA_DIR) else None
needs_data = pytest.mark.skipif(
    DATA is None or not DATA.is_dir(),
    reason="MEDACTION_DATA_DIR/cases is missing (the shared dev datasets)",
)


def _native_line() -> str:
    return json.dumps(json.loads(DEMO.read_text()))


def _import(path: Path, fmt: str, *args: str) -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("import_cases", str(path), "--format", fmt, *args, stdout=out, stderr=err)
    except CommandError as exc:
        code = exc.returncode or 1
        err.write(str(exc))
    return out.getvalue(), err.getvalue(), code


@needs_data
@pytest.mark.parametrize(
    "name,fmt,count,min_menu",
    [
        ("agentclinic_medqa_ext.dev.jsonl", "agentclinic", 150, 5),
        ("medrbench_pmc400.dev.jsonl", "medrbench", 280, 0),
        ("mediq_icraftmd.dev.jsonl", "mediq", 98, 0),
    ],
)
def test_it_parses_every_dev_record(name, fmt, count, min_menu):
    records = list(parse_file(DATA / name, fmt))
    assert [r.error for r in records if r.error] == []
    assert len(records) == count
    assert min(len(r.case.menu) for r in records) >= min_menu


@needs_data
def test_agentclinic_leaves_become_named_menu_items_with_panels():
    case = next(
        r.case
        for r in parse_file(DATA / "agentclinic_medqa_ext.dev.jsonl", "agentclinic")
        if r.case and r.case.source.id == "acmedqa-003"
    )
    items = {m.name: m for m in case.menu}
    assert items["Hemoglobin"].panel == "Complete blood count"
    assert items["Hemoglobin"].category == "Laboratory"
    assert any(m.category == "Imaging" for m in case.menu)
    assert case.gold.name and case.source.licence.startswith("MIT")
    assert "Findings" not in items  # generic leaf keys take their parent's name


@needs_data
def test_medrbench_ancillary_tests_split_into_one_item_per_test():
    case = next(
        r.case
        for r in parse_file(DATA / "medrbench_pmc400.dev.jsonl", "medrbench")
        if r.case and r.case.source.id == "PMC11331560"
    )
    assert [m.name for m in case.menu][:4] == ["CT head", "CT angiogram", "Echocardiogram", "ECG"]
    assert "Ancillary" not in case.initial_presentation
    assert case.source.url.endswith("PMC11331560/")
    assert case.reference_differential


@needs_data
def test_mediq_shows_only_the_presentation_and_holds_the_facts_back_for_asking():
    record = json.loads((DATA / "mediq_icraftmd.dev.jsonl").open().readline())
    case = next(r.case for r in parse_file(DATA / "mediq_icraftmd.dev.jsonl", "mediq") if r.case)
    assert case.history == []  # nothing but the presentation at turn 0
    assert case.initial_presentation.rstrip(".") == record["context"][0].strip().rstrip(".")
    held = [m for m in case.menu if m.category == "History"]
    assert len(held) == len(record["facts"]) and held[-1].result in record["facts"][-1]
    assert len(case.reference_differential) == 4
    assert case.gold.name in case.reference_differential


def test_it_reports_wrong_format_per_record_with_a_hint(db, tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text(_native_line() + "\n")
    out, err, code = _import(path, "medrbench")
    assert code == 1
    assert "cases.jsonl:1:" in err and "looks like a native record" in err
    assert Case.objects.count() == 0


def test_it_refuses_an_unknown_format_flag(db, tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text(_native_line() + "\n")
    with pytest.raises(CommandError, match="Unknown --format"):
        call_command("import_cases", str(path), "--format", "csv", stdout=io.StringIO())


def test_bad_lines_fail_alone_with_line_numbers_and_nothing_half_written(db, tmp_path):
    good = json.loads(_native_line())
    missing = {k: v for k, v in good.items() if k != "gold"} | {
        "source": {**good["source"], "id": "missing-gold"}
    }
    lines = [
        json.dumps(good).encode(),
        json.dumps(good).encode()[:200],  # truncated JSON
        json.dumps(missing).encode(),  # required field missing
        b'{"title": "caf\xe9"}',  # Latin-1 byte, not UTF-8
        json.dumps(
            {
                **good,
                "initial_presentation": "x" * (50 * 1024 * 1024),
                "source": {**good["source"], "id": "huge"},
            }
        ).encode(),  # 50 MB text field
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    out, err, code = _import(path, "native")
    assert code == 1
    assert "mixed.jsonl:2: invalid JSON" in err
    assert "mixed.jsonl:3: invalid case: gold" in err
    assert "mixed.jsonl:4: not valid UTF-8" in err
    assert "mixed.jsonl:5: line is 52.4 MB" in err
    assert "imported 1" in out and "failed 4" in out
    assert list(Case.objects.values_list("source_id", flat=True)) == [good["source"]["id"]]


def test_a_record_whose_write_fails_leaves_no_trace(db, tmp_path, monkeypatch):
    path = tmp_path / "one.jsonl"
    path.write_text(_native_line() + "\n")

    def broken_bulk_create(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise DatabaseError("disk full")

    monkeypatch.setattr(TestMenuItem.objects, "bulk_create", broken_bulk_create)
    out, err, code = _import(path, "native")
    assert code == 1 and "could not store case" in err
    assert Case.objects.count() == 0 and CaseVersion.objects.count() == 0


def test_reimport_skips_unless_update_and_update_raises_the_version(db, tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_text(_native_line() + "\n")
    assert "imported 1" in _import(path, "native")[0]
    assert "skipped 1" in _import(path, "native")[0]
    assert (
        "skipped 1" in _import(path, "native", "--update")[0]
    )  # unchanged content: no new version
    changed = json.loads(_native_line())
    changed["menu"][0]["result"] = "101/min, regular"
    path.write_text(json.dumps(changed) + "\n")
    assert "skipped 1" in _import(path, "native")[0]
    out, _, code = _import(path, "native", "--update")
    assert code == 0 and "updated 1" in out
    case = Case.objects.get()
    assert case.version == 2
    assert list(case.versions.values_list("version", flat=True)) == [2, 1]
    assert case.versions.get(version=1).snapshot["menu"][0]["result"] == "96/min, regular"


def test_dry_run_writes_nothing_and_summary_names_cases_without_tests(db, tmp_path):
    no_menu = json.loads(_native_line())
    no_menu["menu"] = []
    no_menu["source"]["id"] = "no-menu"
    path = tmp_path / "two.jsonl"
    path.write_text(_native_line() + "\n" + json.dumps(no_menu) + "\n")
    out, _, code = _import(path, "native", "--dry-run")
    assert code == 0 and "valid 2" in out and "Cases with no test menu: 1 (no-menu)" in out
    assert Case.objects.count() == 0


def test_export_then_import_is_lossless(db, tmp_path):
    native = next(parse_file(DEMO, "native")).case
    case, outcome = case_upsert(native=native, publish=True)
    assert outcome == "imported" and case.status == "published"
    exported = tmp_path / "export.jsonl"
    call_command("export_cases", str(exported), stderr=io.StringIO())
    back = [r.case for r in parse_file(exported, "native")]
    assert back == [native]
    assert case_to_native(case) == native


def test_native_json_array_files_are_read_record_by_record(db, tmp_path):
    good = json.loads(_native_line())
    path = tmp_path / "cases.json"
    path.write_text(json.dumps([good, {"title": "no source"}]))
    records = list(parse_file(path, "native"))
    assert (
        records[0].case is not None
        and records[1].line == 2
        and "source" in (records[1].error or "")
    )
