"""Child processes that never outlive Shakeup: own process group, parent-death signal, clean stop."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
from typing import IO, Mapping, Sequence

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    # Linux only: if the parent is SIGKILLed, the kernel sends SIGTERM to the child, so neither
    # the broker nor a worker is ever left behind. Elsewhere stop() in a finally block has to do.
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        except OSError:
            pass


def spawn(args: Sequence[str], *, env: Mapping[str, str] | None = None,
          output: IO | int | None = subprocess.DEVNULL) -> subprocess.Popen:
    """Start ``args`` in its own session (Ctrl-C reaches only us; we stop it in order)."""
    return subprocess.Popen(list(args), env=dict(env) if env is not None else None,
                            stdin=subprocess.DEVNULL, stdout=output, stderr=output,
                            start_new_session=True, preexec_fn=_die_with_parent)


def stop(process: subprocess.Popen, timeout: float = 10.0) -> int:
    """SIGTERM, wait up to ``timeout`` seconds, then SIGKILL. Returns the exit code."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()
    return process.returncode
