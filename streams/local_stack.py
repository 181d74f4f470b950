"""The broker and worker processes that `demo` and `run` start on one machine, stopped in order."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from streams.child_process import spawn, stop
from streams.errors import BrokerError
from streams.kafka.embedded_broker import EmbeddedBroker
from streams.kafka.topics import ensure_topics
from streams.settings import Settings, settings_env

log = logging.getLogger(__name__)


def shakeup_command(*args: str) -> list[str]:
    """The argv that runs a `shakeup` subcommand with this interpreter."""
    return [sys.executable, "-m", "streams", *args]


class LocalStack:
    """An embedded broker (unless ``settings.kafka_bootstrap`` names a Kafka) and one worker.

    Usage::

        async with LocalStack(settings, workdir) as stack:
            ...  # stack.settings points at the broker in use
    """

    def __init__(self, settings: Settings, workdir: Path, *, start_worker: bool = True):
        self.settings = settings
        self.workdir = Path(workdir)
        self.start_worker = start_worker
        self.broker: EmbeddedBroker | None = None
        self.worker: subprocess.Popen | None = None
        self.worker_log = self.workdir / "worker.log"

    async def __aenter__(self) -> "LocalStack":
        try:
            if not self.settings.kafka_bootstrap:
                self.broker = EmbeddedBroker().start()
                self.settings = self.settings.replace(kafka_bootstrap=self.broker.bootstrap)
                log.info("embedded broker on %s", self.broker.bootstrap)
            await ensure_topics(self.settings)
            if self.start_worker:
                self.worker = self.spawn_worker()
        except BaseException:
            self.close()
            raise
        return self

    def spawn_worker(self, **changes: object) -> subprocess.Popen:
        """Start `shakeup worker` with these settings (plus ``changes``), logging to a file."""
        settings = self.settings.replace(**changes) if changes else self.settings
        if not settings.worker_data_dir:
            settings = settings.replace(worker_data_dir=str(self.workdir / "worker-data"))
        self.workdir.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, **settings_env(settings)}
        with open(self.worker_log, "ab") as output:
            return spawn(shakeup_command("worker"), env=env, output=output)

    def check_worker(self) -> None:
        """Raise if the worker process died."""
        if self.worker is not None and self.worker.poll() is not None:
            tail = self.worker_log.read_text(errors="replace")[-2000:] if self.worker_log.exists() else ""
            raise BrokerError(f"the worker exited with code {self.worker.returncode}:\n{tail}")

    def close(self) -> None:
        if self.worker is not None:
            stop(self.worker, timeout=15.0)
            self.worker = None
        if self.broker is not None:
            self.broker.stop()
            self.broker = None

    async def __aexit__(self, *exc_info: object) -> None:
        self.close()
