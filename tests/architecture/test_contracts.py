"""The floor-plan checks catch what they claim to: a room rendering a template, a long module."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.architecture.module_size import long_modules_without_reason

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

CONFIG = """
[importlinter]
root_package = pkg
include_external_packages = True
contract_types =
    forbidden_external_submodules: tests.architecture.contracts.ForbiddenExternalSubmodulesContract

[importlinter:contract:web-only]
name = Only the web room renders templates
type = forbidden_external_submodules
source_modules =
    pkg
ignore_modules =
    pkg.web
forbidden_submodules =
    django.template
    channels.generic
"""


def _lint(tmp_path: Path, sessions_source: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "pkg" / "web").mkdir(parents=True)
    (tmp_path / "pkg" / "sessions").mkdir()
    for init in ("pkg", "pkg/web", "pkg/sessions"):
        (tmp_path / init / "__init__.py").write_text("")
    (tmp_path / "pkg/web/views.py").write_text(
        "from django.template.loader import render_to_string\n"
    )
    (tmp_path / "pkg/sessions/services.py").write_text(sessions_source)
    (tmp_path / ".importlinter").write_text(CONFIG)
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", ".importlinter", "--no-cache"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_room_below_the_web_that_renders_a_template_breaks_the_contract(tmp_path):
    done = _lint(tmp_path, "from django import template\nfrom django.db import transaction\n")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "pkg.sessions.services:1 imports django.template" in done.stdout


def test_the_same_tree_without_it_keeps_the_contract(tmp_path):
    done = _lint(tmp_path, "from django.db import transaction\nimport channels.layers\n")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "KEPT" in done.stdout


def test_a_long_module_needs_a_reason_at_its_top(tmp_path):
    room = tmp_path / "diagnosis"
    room.mkdir()
    (room / "long.py").write_text('"""Long."""\n' + "x = 1\n" * 420)
    (room / "explained.py").write_text("# Over 400 lines: one table.\n" + "x = 1\n" * 420)
    (room / "short.py").write_text("x = 1\n" * 50)
    (tmp_path / "inference").mkdir()
    assert long_modules_without_reason(tmp_path) == [(Path("diagnosis/long.py"), 421)]
