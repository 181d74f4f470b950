"""Read docker-compose.yml the way compose does, for the checks and the end-to-end test."""

from __future__ import annotations

import shlex
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"


def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))  # resolves the anchors


def shakeup_services() -> dict[str, dict]:
    """The services that run the Shakeup image (the others are Kafka and its UI)."""
    return {name: service for name, service in compose()["services"].items()
            if service.get("image", "").startswith("shakeup")}


def service_command(service: dict) -> list[str]:
    command = service.get("command") or []
    return shlex.split(command) if isinstance(command, str) else list(command)


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines, as compose reads an env_file (no quotes processing, # comments)."""
    env = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            env[key.strip()] = value
    return env


def service_environment(service: dict) -> dict[str, str]:
    """env_file entries, then `environment:` on top, as compose merges them."""
    env: dict[str, str] = {}
    files = service.get("env_file") or []
    for name in [files] if isinstance(files, str) else files:
        env.update(read_env_file(ROOT / name))
    extra = service.get("environment") or {}
    if isinstance(extra, list):
        extra = dict(item.split("=", 1) for item in extra)
    env.update({k: str(v) for k, v in extra.items()})
    return env
