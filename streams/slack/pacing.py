"""When the next Slack request may go: per-channel pacing, Retry-After, retry backoff. Pure.

Nothing here sleeps or reads a clock: callers pass ``now`` (monotonic seconds) and a random
number, and get back how long to wait. That keeps the rules testable in microseconds and lets
the tests run a "10-minute outage" on a virtual clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_RETRY_AFTER = 3600.0  # a Retry-After beyond an hour is a bug on the other side


@dataclass
class ChannelPacer:
    """Per destination, the earliest moment the next request may start.

    Slack allows about one message per second per channel and answers 429 with Retry-After
    beyond that; a 429 pushes that destination's next slot back by Retry-After, others are
    untouched.
    """

    min_interval: float
    _next: dict[str, float] = field(default_factory=dict)

    def delay(self, destination: str, now: float) -> float:
        """Seconds to wait before the next request to ``destination``."""
        return max(0.0, self._next.get(destination, now) - now)

    def sent(self, destination: str, now: float) -> None:
        """A request to ``destination`` started at ``now`` (whatever its outcome)."""
        self._push(destination, now + self.min_interval)

    def rate_limited(self, destination: str, now: float, retry_after: float) -> None:
        """Slack answered 429: nothing more to ``destination`` before Retry-After has passed."""
        self._push(destination, now + max(retry_after, self.min_interval))

    def _push(self, destination: str, moment: float) -> None:
        self._next[destination] = max(self._next.get(destination, moment), moment)


def parse_retry_after(value: str | None, default: float = 1.0) -> float:
    """Retry-After in seconds (Slack sends whole seconds); ``default`` when absent or unreadable."""
    if value is None:
        return default
    try:
        seconds = float(value.strip())
    except ValueError:
        return default
    if seconds != seconds or seconds < 0:  # NaN or negative
        return default
    return min(seconds, MAX_RETRY_AFTER)


def backoff_delay(attempt: int, *, base: float, cap: float, rand: float) -> float:
    """Delay before retry number ``attempt`` (1 = the first retry): exponential, capped, jittered.

    "Equal jitter": half of ``min(cap, base * 2**(attempt-1))`` fixed, the other half random, so
    delays still grow visibly while retrying clients spread out.

    Args:
        rand: a number in [0, 1) (``random.random()`` in production, fixed in tests).
    """
    ceiling = min(cap, base * 2.0 ** max(0, min(attempt - 1, 60)))
    return ceiling / 2 + ceiling / 2 * rand


@dataclass(frozen=True)
class RetryPolicy:
    """How long one message may keep trying: backoff shape and a time budget."""

    base: float
    cap: float
    budget: float

    def next_delay(self, attempt: int, started: float, now: float, rand: float) -> float | None:
        """The wait before retry ``attempt``, or None when it would overrun the budget."""
        delay = backoff_delay(attempt, base=self.base, cap=self.cap, rand=rand)
        return None if self.exhausted(started, now + delay) else delay

    def exhausted(self, started: float, moment: float) -> bool:
        """Whether trying again at ``moment`` is beyond the budget of a message first tried at ``started``."""
        return moment - started > self.budget
