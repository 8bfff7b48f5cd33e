"""`manage.py distill` refuses bad input with a clear message, a non-zero exit and no DIR."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db(transaction=True)


def run(cases, out, **kw):  # type: ignore[no-untyped-def]
    args = {"cases": str(cases), "format": "agentclinic", "out": str(out), **kw}
    call_command("distill", **args)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "nope"}, "unknown format 'nope'"),
        ({"branching": 0}, "--branching must be between 1 and 8"),
        ({"branching": 9}, "--branching must be between 1 and 8"),
        ({"depth": 0}, "--depth must be between 1 and 12"),
        ({"depth": 13}, "--depth must be between 1 and 12"),
        ({"workers": 0}, "--workers must be between 1 and 64"),
        ({"policy": "prior"}, "unknown policy 'prior'"),
        ({"min_rac": 1.5}, "min_rac must be between 0 and 1"),
        ({"profile": "missing"}, "unknown model profile 'missing'"),
    ],
)
def test_bad_options_are_refused_before_any_work(cases_file, tmp_path, change, message):
    with pytest.raises(CommandError, match=message):
        run(cases_file, tmp_path / "out", **change)
    assert not (tmp_path / "out").exists()


def test_a_missing_file_and_a_file_with_no_case_are_refused(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "absent.jsonl", tmp_path / "out")
    junk = tmp_path / "junk.jsonl"
    junk.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no case could be read"):
        run(junk, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["junk.jsonl"], "no work directory left behind"


def test_an_output_directory_with_files_is_never_overwritten(cases_file, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(CommandError, match="already exists and is not an empty directory"):
        run(cases_file, out)
    assert [p.name for p in out.iterdir()] == ["mine.txt"]


def test_the_process_exits_non_zero_with_the_message_on_stderr(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "distill",
            "--cases",
            str(tmp_path / "x.jsonl"),
            "--format",
            "agentclinic",
            "--out",
            str(tmp_path / "out"),
        ],  # fmt: skip
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "no such file" in done.stderr
    assert not (tmp_path / "out").exists()
