"""Log lines: JSON objects off a terminal, readable text on one, extra fields kept in both."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys

import pytest

from streams.observability.log_setup import configure_logging, logging_config, use_json


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def restore_root_logger():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_json_lines_off_a_terminal_carry_the_extra_fields(restore_root_logger):
    stream = io.StringIO()
    configure_logging("INFO", "auto", stream)
    log = logging.getLogger("streams.worker.agents")
    log.error("dead-lettered %s[%s]@%s: %s", "news.items", 2, 41, "BadMessage: no schema",
              extra={"topic": "news.items", "partition": 2, "offset": 41})
    try:
        raise ValueError("boom")
    except ValueError:
        log.exception("feed %s failed", "https://x.example/feed", extra={"feed_url": "https://x.example/feed"})
    log.debug("not at INFO")
    first, second = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert first["level"] == "error" and first["logger"] == "streams.worker.agents"
    assert first["message"] == "dead-lettered news.items[2]@41: BadMessage: no schema"
    assert (first["topic"], first["partition"], first["offset"]) == ("news.items", 2, 41)
    assert first["ts"].endswith("Z") and "T" in first["ts"]
    assert second["feed_url"] == "https://x.example/feed"
    assert "ValueError: boom" in second["exception"]


def test_readable_lines_on_a_terminal(restore_root_logger):
    stream = _Terminal()
    configure_logging("INFO", "auto", stream)
    logging.getLogger("streams.feeds").warning("feed parked", extra={"feed_url": "https://x/f"})
    line = stream.getvalue().rstrip("\n")
    assert " WARNING streams.feeds: feed parked  feed_url=https://x/f" in line
    assert not line.startswith("{")


@pytest.mark.parametrize("fmt, terminal, expected", [
    ("auto", True, False), ("auto", False, True), ("json", True, True), ("text", False, False)])
def test_format_choice(fmt, terminal, expected):
    assert use_json(fmt, _Terminal() if terminal else io.StringIO()) is expected


def test_faust_gets_the_same_configuration():
    config = logging_config("WARNING", "json", io.StringIO())
    formatter = config["formatters"]["shakeup"]
    assert formatter["json_lines"] is True and config["root"]["level"] == "WARNING"


def test_the_cli_logs_json_when_stderr_is_a_pipe(tmp_path):
    """A feed that fails names its URL in a structured field (no Kafka needed: check-feed)."""
    env = {**os.environ, "SHAKEUP_LOG_LEVEL": "INFO"}
    env.pop("SHAKEUP_LOG_FORMAT", None)
    done = subprocess.run([sys.executable, "-m", "streams", "check-feed", "http://127.0.0.1:9/feed.xml",
                           "--no-items"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    lines = [json.loads(line) for line in done.stderr.splitlines() if line.strip()]
    failed = [line for line in lines if line.get("feed_url") == "http://127.0.0.1:9/feed.xml"]
    assert failed and failed[0]["level"] in ("info", "warning", "error")


def test_the_worker_keeps_its_log_level_and_draws_no_spinner(monkeypatch, tmp_path):
    """At WARNING, Faust's Worker would install a terminal spinner: cursor codes on stdout and a
    root logger at DEBUG, so every debug call in Faust and aiokafka built a record."""
    from faust.worker import Worker

    from streams.settings import Settings
    from streams.worker.app import create_app, run_worker

    started = []
    monkeypatch.setattr(Worker, "execute_from_commandline", lambda self: started.append(self))
    settings = Settings(kafka_bootstrap="127.0.0.1:9", log_level="WARNING",
                        worker_data_dir=str(tmp_path / "worker"))
    run_worker(create_app(settings), settings)
    [worker] = started
    root = logging.getLogger("test-worker-root")
    root.addHandler(logging.NullHandler())
    root.setLevel(logging.WARNING)
    worker.on_setup_root_logger(root, logging.WARNING)  # what Faust calls while setting up logs
    assert worker.spinner is None
    assert root.level == logging.WARNING and len(root.handlers) == 1
