"""The production stack's files: docker/compose.yml passes the structural check, and a stack with
a missing health check, an unknown model server or an ungenerated secret does not; the secrets
command writes every secret the stack reads (and a certificate openssl accepts), and keeps them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCKER = ROOT / "docker"


def _load_check():  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location("compose_check", DOCKER / "compose_check.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.check


def _variant(tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """A copy of docker/ (beside a copy of .gitignore) with compose.yml changed."""
    shutil.copytree(DOCKER, tmp_path / "docker", ignore=shutil.ignore_patterns("secrets"))
    shutil.copy(ROOT / ".gitignore", tmp_path / ".gitignore")
    (tmp_path / ".ci").mkdir()
    path = tmp_path / "docker" / "compose.yml"
    doc = yaml.safe_load(path.read_text())
    change(doc)
    path.write_text(yaml.safe_dump(doc))
    return path


def test_the_compose_file_passes_the_check():
    assert _load_check()(DOCKER / "compose.yml") == []


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda d: d["services"]["redis"].pop("healthcheck"), "service redis: no health check"),
        (lambda d: d["services"]["worker"].pop("restart"), "service worker: no restart policy"),
        (
            lambda d: d["services"]["web"]["environment"].update(
                VLLM_ENDPOINTS="http://vllm-9:8000/v1"
            ),
            "names 'vllm-9'",
        ),
        (
            lambda d: d["secrets"].update(extra={"file": "./secrets/extra"}),
            "secret extra: docker/make-secrets.sh does not write it",
        ),
        (lambda d: d["services"].pop("proxy"), "no TLS proxy"),
        (lambda d: d["services"].pop("vllm-cpu"), "'cpu' profile"),
        (lambda d: d["services"]["web"].update(ports=["8000:8000"]), "publishes ports"),
    ],
)
def test_a_broken_stack_is_named(tmp_path, change, complaint):  # type: ignore[no-untyped-def]
    problems = _load_check()(_variant(tmp_path, change))
    assert any(complaint in p for p in problems), problems


def test_make_secrets_writes_every_secret_the_stack_reads_and_keeps_them(tmp_path):
    out = tmp_path / "secrets"
    env = {"PATH": "/usr/bin:/bin", "MEDACTION_SECRETS_DIR": str(out)}
    subprocess.run(["bash", str(DOCKER / "make-secrets.sh"), "medaction.test"], env=env, check=True)
    declared = yaml.safe_load((DOCKER / "compose.yml").read_text())["secrets"]
    for name in declared:
        assert (out / name).stat().st_size > 0, name
    password = (out / "postgres_password").read_text()
    assert f":{password}@postgres:5432/" in (out / "database_url").read_text()
    subject = subprocess.run(
        ["openssl", "x509", "-in", str(out / "tls.crt"), "-noout", "-subject"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "medaction.test" in subject
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    subprocess.run(["bash", str(DOCKER / "make-secrets.sh")], env=env, check=True)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # never rotated by a re-run
