"""When a process is healthy: pure rules over what its probes observed (no I/O, no clock).

A process is unhealthy, with a reason a person can act on, when
- Kafka did not answer a metadata request for ``kafka_grace_s`` (or never did since start);
- it is stuck: some work is waiting (a partition behind its end, an outbox not empty) and
  nothing moved for ``stall_s`` seconds;
- its event loop was blocked for more than ``loop_block_s`` within the last ``loop_window_s``
  (a blocked loop also leaves /healthz unanswered while it lasts: a probe's timeout catches that).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Hashable


@dataclass(frozen=True)
class HealthLimits:
    stall_s: float = 120.0
    loop_block_s: float = 5.0
    loop_window_s: float = 60.0
    kafka_grace_s: float = 15.0


@dataclass(frozen=True)
class HealthReport:
    healthy: bool
    reasons: tuple[str, ...] = ()
    checks: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"status": "ok" if self.healthy else "unhealthy", "reasons": list(self.reasons),
                "checks": self.checks}


@dataclass
class _Position:
    position: int
    end: int
    moved_at: float


class ProgressWatch:
    """Tracks positions (committed offsets, delivered counts) and flags the ones stuck behind.

    ``observe(key, position, end, now)`` per sampled key; a key is stalled when it is behind
    (``end > position``) and neither its position moved nor any activity was noted for
    ``stall_s``. Activity (``note_activity``) is for processes that legitimately wait on
    something else: the Slack forwarder backing off a 5xx is waiting, not stuck.
    """

    def __init__(self) -> None:
        self._keys: dict[Hashable, _Position] = {}
        self._activity_at: float | None = None

    def observe(self, key: Hashable, position: int, end: int, now: float) -> None:
        known = self._keys.get(key)
        if known is None or position != known.position or end <= position:
            self._keys[key] = _Position(position, end, now)
        else:
            known.end = end

    def retain(self, keys: set) -> None:
        """Forget keys no longer sampled (a revoked partition is not this process's to move)."""
        for key in [k for k in self._keys if k not in keys]:
            del self._keys[key]

    def note_activity(self, now: float) -> None:
        self._activity_at = now

    def behind(self) -> dict[Hashable, int]:
        return {key: max(0, p.end - p.position) for key, p in self._keys.items()}

    def stalled(self, now: float, stall_s: float) -> list[tuple[Hashable, int, float]]:
        """(key, records behind, seconds without progress) of every stalled key."""
        out = []
        for key, p in self._keys.items():
            if p.end <= p.position:
                continue
            since = max(p.moved_at, self._activity_at or p.moved_at)
            if now - since >= stall_s:
                out.append((key, p.end - p.position, now - since))
        return out


class LoopLagWindow:
    """The worst event-loop lag seen recently (samples from a watchdog task)."""

    def __init__(self) -> None:
        self._samples: list[tuple[float, float]] = []  # (time, lag)
        self.last = 0.0

    def record(self, now: float, lag: float, window_s: float) -> None:
        self.last = lag
        self._samples.append((now, lag))
        while self._samples and self._samples[0][0] < now - window_s:
            self._samples.pop(0)

    def worst(self, now: float, window_s: float) -> tuple[float, float] | None:
        """(lag, seconds ago) of the worst sample in the window, None without samples."""
        recent = [(lag, now - at) for at, lag in self._samples if at >= now - window_s]
        return max(recent) if recent else None


def describe_key(key: Hashable) -> str:
    if isinstance(key, tuple) and len(key) == 2:
        return f"{key[0]}[{key[1]}]"
    return str(key)


def assess(*, now: float, started_at: float, kafka_ok_at: float | None, kafka_error: str | None,
           progress: ProgressWatch, loop: LoopLagWindow, limits: HealthLimits,
           extra_reasons: tuple[str, ...] = ()) -> HealthReport:
    """The health of a process from its observations; every reason is one readable sentence."""
    reasons: list[str] = []
    if kafka_ok_at is None:
        if now - started_at >= limits.kafka_grace_s or kafka_error:
            reasons.append("Kafka has not answered since start" +
                           (f": {kafka_error}" if kafka_error else ""))
        else:
            reasons.append("starting: waiting for the first answer from Kafka")
    elif now - kafka_ok_at >= limits.kafka_grace_s:
        reasons.append(f"Kafka has not answered for {now - kafka_ok_at:.0f} s" +
                       (f": {kafka_error}" if kafka_error else ""))
    for key, behind, seconds in progress.stalled(now, limits.stall_s):
        reasons.append(f"stuck: {describe_key(key)} is {behind} behind and has not moved "
                       f"for {seconds:.0f} s")
    worst = loop.worst(now, limits.loop_window_s)
    if worst is not None and worst[0] >= limits.loop_block_s:
        reasons.append(f"event loop blocked for {worst[0]:.1f} s, {worst[1]:.0f} s ago")
    reasons.extend(extra_reasons)
    checks = {
        "kafka": {"ok": kafka_ok_at is not None and now - kafka_ok_at < limits.kafka_grace_s,
                  "last_answer_s_ago": None if kafka_ok_at is None else round(now - kafka_ok_at, 1),
                  "error": kafka_error},
        "backlog": {describe_key(k): v for k, v in progress.behind().items()},
        "event_loop_lag_s": round(loop.last, 3),
    }
    return HealthReport(not reasons, tuple(reasons), checks)
