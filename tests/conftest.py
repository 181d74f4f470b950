"""Shared fixtures: an embedded broker per test, settings pointing at it."""

from __future__ import annotations

import os
import uuid

import pytest

from streams.kafka.embedded_broker import EmbeddedBroker, free_port
from streams.settings import Settings


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead for our purposes
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


@pytest.fixture(scope="session", autouse=True)
def table_cache_dir(tmp_path_factory):
    """The compiled language tables of every `shakeup` the tests run (in process or spawned)
    go to one directory of the session, not the user's ~/.cache."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SHAKEUP_CACHE_DIR", str(tmp_path_factory.mktemp("table-cache")))
    yield
    mp.undo()


@pytest.fixture
def broker():
    with EmbeddedBroker() as running:
        pid = running.pid
        yield running
    assert not pid_alive(pid), "the embedded broker outlived its test"


@pytest.fixture
def settings(broker, tmp_path) -> Settings:
    """Settings for one test: its own broker, app id and state directories."""
    return Settings(kafka_bootstrap=broker.bootstrap, app_id=f"test-{uuid.uuid4().hex[:8]}",
                    worker_data_dir=str(tmp_path / "worker"), state_dir=str(tmp_path / "state"),
                    allow_private_networks=True, worker_web_port=free_port(), log_level="WARNING")
