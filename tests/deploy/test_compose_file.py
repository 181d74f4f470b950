"""docker-compose.yml is valid, and every Shakeup service runs a real command with real settings."""

from __future__ import annotations

import shutil
import subprocess

import click
import pytest

from streams.cli.main import cli
from streams.settings import describe_settings
from tests.deploy.compose_services import (
    COMPOSE_FILE, ROOT, compose, read_env_file, service_command, service_environment,
    shakeup_services)

KNOWN_SETTINGS = {env for env, _, _ in describe_settings()}


def test_docker_compose_accepts_the_file():
    docker_compose = shutil.which("docker-compose")
    assert docker_compose, "docker-compose is missing: ./scripts/test.sh installs it (Debian package)"
    done = subprocess.run([docker_compose, "-f", str(COMPOSE_FILE), "config", "-q"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    profiles = subprocess.run([docker_compose, "-f", str(COMPOSE_FILE), "--profile", "slack",
                               "config", "--services"], cwd=ROOT, capture_output=True, text=True,
                              timeout=60)
    assert set(profiles.stdout.split()) >= {"kafka", "kafka-init", "poller", "worker", "slack",
                                            "kafka-ui"}


@pytest.mark.parametrize("name", sorted(shakeup_services()))
def test_each_service_command_exists_with_the_options_it_uses(name):
    args = service_command(shakeup_services()[name])
    assert args, f"service {name} has no command"
    ctx = cli.make_context("shakeup", list(args), resilient_parsing=False)
    command = cli.get_command(ctx, args[0])
    assert command is not None, f"service {name}: `shakeup {args[0]}` does not exist"
    try:
        command.make_context(args[0], list(args[1:]))  # parses options without running
    except click.UsageError as exc:  # pragma: no cover - the failure message is the point
        pytest.fail(f"service {name}: `shakeup {' '.join(args)}`: {exc}")


def test_the_env_file_documents_every_setting():
    env = read_env_file(ROOT / "deploy" / "shakeup.env")
    assert set(env) == KNOWN_SETTINGS
    text = (ROOT / "deploy" / "shakeup.env").read_text(encoding="utf-8")
    for env_name, default, _ in describe_settings():
        assert f"(default: {default})\n{env_name}=" in text, env_name
    assert env["SHAKEUP_KAFKA_BOOTSTRAP"] == "kafka:9092"


def test_services_only_use_settings_that_exist_and_share_one_env_file():
    for name, service in shakeup_services().items():
        assert service.get("env_file") == "deploy/shakeup.env", name
        unknown = {k for k in service_environment(service) if k.startswith("SHAKEUP_")} - KNOWN_SETTINGS
        assert not unknown, f"service {name} sets unknown settings {unknown}"


def test_kafka_is_kraft_with_a_pinned_image_a_volume_and_a_healthcheck():
    kafka = compose()["services"]["kafka"]
    assert kafka["image"].startswith("apache/kafka:") and kafka["image"].split(":")[1][0].isdigit()
    assert "controller" in kafka["environment"]["KAFKA_PROCESS_ROLES"]
    assert any(v.startswith("kafka-data:") for v in kafka["volumes"])
    assert kafka["healthcheck"]["test"]
    for name, service in shakeup_services().items():
        assert service.get("restart") in ("unless-stopped", "on-failure", "always"), name
    assert compose()["services"]["slack"]["profiles"] == ["slack"]
