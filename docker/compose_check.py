"""Structural check of docker/compose.yml where no Docker engine is at hand (`make compose-check`
runs `docker compose config` instead where there is one).

    python docker/compose_check.py [docker/compose.yml]

Checks what would stop the stack from starting or staying up: every service but the one-shot
`migrate` has a restart policy and a health check; `depends_on` names services that exist (with
a health check when it waits for health); every secret used is declared, its file is written by
docker/make-secrets.sh and git-ignored; the model servers VLLM_ENDPOINTS names exist in a profile;
the data directory is mounted where MEDACTION_DATA_DIR points; only the TLS proxy publishes ports
and its Caddyfile reads the generated certificate; build files exist. Prints each problem, exits 1.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

ONE_SHOT = {"migrate"}
_VAR = re.compile(r"\$\{([A-Z0-9_]+)(?::?-([^}]*))?\}")


def _default(text: str) -> str:
    """The value with ${VAR:-default} replaced by its default (what a bare `up` would use)."""
    return _VAR.sub(lambda m: m.group(2) or "", text)


def check(path: Path) -> list[str]:
    here = path.parent
    problems: list[str] = []
    doc: dict[str, Any] = yaml.safe_load(path.read_text())
    services: dict[str, dict[str, Any]] = doc.get("services") or {}
    secrets = doc.get("secrets") or {}
    script = (here / "make-secrets.sh").read_text() if (here / "make-secrets.sh").is_file() else ""
    if not script:
        problems.append("docker/make-secrets.sh is missing: nothing generates the secrets")
    ignored = (
        (here.parent / ".gitignore").read_text() if (here.parent / ".gitignore").is_file() else ""
    )
    for name, spec in secrets.items():
        file = spec.get("file", "")
        if not file.startswith("./secrets/"):
            problems.append(f"secret {name}: file {file!r} is not under docker/secrets/")
        if name not in script and name.split(".")[0] not in script:
            problems.append(f"secret {name}: docker/make-secrets.sh does not write it")
    if "/docker/secrets/" not in ignored:
        problems.append("docker/secrets/ is not git-ignored: secrets could be committed")

    for name, svc in services.items():
        where = f"service {name}"
        if name not in ONE_SHOT:
            if svc.get("restart") not in ("always", "unless-stopped", "on-failure"):
                problems.append(f"{where}: no restart policy")
            if not (svc.get("healthcheck") or {}).get("test"):
                problems.append(f"{where}: no health check")
        if not svc.get("image") and not svc.get("build"):
            problems.append(f"{where}: neither image nor build")
        build = svc.get("build") or {}
        if build:
            dockerfile = here / build.get("context", ".") / build.get("dockerfile", "Dockerfile")
            if not dockerfile.resolve().is_file():
                problems.append(f"{where}: build file {dockerfile} does not exist")
        depends = svc.get("depends_on") or {}
        for dep, how in (
            depends.items() if isinstance(depends, dict) else ((d, {}) for d in depends)
        ):
            if dep not in services:
                problems.append(f"{where}: depends on {dep!r}, which is not a service")
                continue
            condition = (how or {}).get("condition")
            if condition == "service_healthy" and not services[dep].get("healthcheck"):
                problems.append(f"{where}: waits for {dep} to be healthy; it has no health check")
            if condition == "service_completed_successfully" and dep not in ONE_SHOT:
                problems.append(f"{where}: waits for {dep} to complete; it is not a one-shot")
        for used in svc.get("secrets") or []:
            used = used if isinstance(used, str) else used.get("source")
            if used not in secrets:
                problems.append(f"{where}: secret {used!r} is not declared")
        if svc.get("ports") and name != "proxy":
            problems.append(f"{where}: publishes ports; only the TLS proxy should")
        env = svc.get("environment") or {}
        for key, value in env.items() if isinstance(env, dict) else ():
            if key.endswith("_FILE") and str(value).startswith("/run/secrets/"):
                if str(value).removeprefix("/run/secrets/") not in (svc.get("secrets") or []):
                    problems.append(f"{where}: {key} reads a secret the service is not given")
        if env.get("MEDACTION_DATA_DIR") if isinstance(env, dict) else None:
            mounts = [_default(str(v)).split(":")[1] for v in svc.get("volumes") or [] if ":" in v]
            if env["MEDACTION_DATA_DIR"] not in mounts:
                problems.append(
                    f"{where}: MEDACTION_DATA_DIR {env['MEDACTION_DATA_DIR']} not mounted"
                )
        endpoints = _default(str(env.get("VLLM_ENDPOINTS", ""))) if isinstance(env, dict) else ""
        for url in filter(None, endpoints.split(",")):
            host = urlsplit(url.strip()).hostname or ""
            if host not in services:
                problems.append(f"{where}: VLLM_ENDPOINTS names {host!r}, which is not a service")

    profiles = {p for svc in services.values() for p in svc.get("profiles") or []}
    for wanted in ("gpu", "cpu"):
        if wanted not in profiles:
            problems.append(f"no service in the {wanted!r} profile (model servers)")
    if "proxy" not in services:
        problems.append("no TLS proxy service: DEBUG=false redirects to HTTPS")
    else:
        caddyfile = here / "Caddyfile"
        text = caddyfile.read_text() if caddyfile.is_file() else ""
        if "tls /run/secrets/tls.crt /run/secrets/tls.key" not in text:
            problems.append("docker/Caddyfile does not terminate TLS with the generated cert")
        if "reverse_proxy web:8000" not in text:
            problems.append("docker/Caddyfile does not proxy to web:8000")
    return problems


def main(argv: list[str]) -> int:
    path = Path(argv[1] if len(argv) > 1 else Path(__file__).with_name("compose.yml"))
    problems = check(path)
    for problem in problems:
        print(f"compose-check: {problem}")
    if not problems:
        count = len(yaml.safe_load(path.read_text())["services"])
        print(f"compose-check: {path} ok ({count} services)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
