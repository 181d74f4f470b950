"""When to poll a feed next: all politeness in one pure function, ``next_check(state, result, now)``.

Miniflux's ``ScheduleNextCheck`` is the model. Given what a feed's last poll came to, it decides:
- validators: a 200's ETag/Last-Modified are kept verbatim for the next conditional GET (a 304
  keeps the old ones unless it sends new ones);
- the interval: the feed's own (or the default), jittered by ``±jitter`` so thousands of feeds
  drift apart; a longer Cache-Control ``max-age`` wins, exactly; all bounded by min/max;
- errors: Retry-After (delta-seconds or HTTP-date) is honoured exactly, within min/max; without
  it the delay doubles per consecutive failure from ``backoff_base``, with "equal jitter" (half
  fixed, half random, so delays never shrink), capped at ``max_interval``;
- parking: 410 Gone parks at once; ``max_failures`` consecutive failures park. A parked feed is
  probed every ``parked_retry`` seconds (0: never) and one success un-parks it;
- moves: a 301/308 chain updates the fetch URL only when the poll through it succeeded — the
  fetcher's guarded connector has then connected to the target, so it passed the network guard.

Concurrency (the per-host limit) is not here: it is about the moment, not about a feed's history,
and lives in the dispatcher. No I/O, no clock, no global random: ``now`` and ``rng`` come in.
"""

from __future__ import annotations

import dataclasses
import random
import re
from dataclasses import dataclass
from datetime import timezone
from email.utils import parsedate_to_datetime

from streams.settings import Settings

_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*\"?(\d{1,10})\"?", re.I)
_NO_CACHE = re.compile(r"(?:^|[,\s])(?:no-store|no-cache)(?:$|[,\s=])", re.I)


@dataclass(frozen=True)
class FeedState:
    """Everything the poller remembers about one feed between polls (persisted)."""

    feed_url: str  # the identity, as in the feed list
    fetch_url: str  # where it is fetched now (a 301 moves it)
    etag: str | None = None
    last_modified: str | None = None
    last_check: float | None = None  # epoch seconds
    last_success: float | None = None
    last_error: str | None = None
    last_error_at: float | None = None
    last_status: int | None = None  # HTTP status of the last answer
    failures: int = 0  # consecutive
    next_check: float | None = None  # None: never (parked with no probing)
    parked: bool = False
    parked_reason: str | None = None

    @classmethod
    def new(cls, feed_url: str) -> "FeedState":
        return cls(feed_url=feed_url, fetch_url=feed_url)


@dataclass(frozen=True)
class PollResult:
    """What one poll came to, as far as scheduling cares."""

    ok: bool  # got a usable answer: a 200 that parsed, or a 304
    status: int | None = None  # HTTP status, None when there was no answer
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    cache_control: str | None = None
    retry_after: str | None = None
    permanent_url: str | None = None


@dataclass(frozen=True)
class SchedulePolicy:
    interval: float = 300.0
    min_interval: float = 60.0
    max_interval: float = 21_600.0
    backoff_base: float = 60.0
    jitter: float = 0.1
    max_failures: int = 10
    parked_retry: float = 86_400.0

    @classmethod
    def from_settings(cls, settings: Settings, feed_interval: float | None = None) -> "SchedulePolicy":
        return cls(interval=feed_interval or settings.poll_interval,
                   min_interval=settings.poll_min_interval, max_interval=settings.poll_max_interval,
                   backoff_base=settings.poll_backoff_base, jitter=settings.poll_jitter,
                   max_failures=settings.poll_max_failures, parked_retry=settings.poll_parked_retry)

    def bounded(self, seconds: float) -> float:
        return min(self.max_interval, max(self.min_interval, seconds))


def first_check(now: float, policy: SchedulePolicy, rng: random.Random | None = None, *,
                feeds: int | None = None, start_rate: float = 20.0) -> float:
    """When a never-polled feed is first due: spread uniformly over a start-up window.

    The window is one interval for a long list (so the polls stay spread out after the first
    round), but no longer than ``feeds / start_rate`` seconds: ten new feeds are polled within
    a second of starting, not over five minutes.
    """
    rng = rng or random
    window = policy.bounded(policy.interval)
    if feeds is not None and start_rate > 0:
        window = min(window, feeds / start_rate)
    return now + rng.uniform(0.0, window)


def next_check(state: FeedState, result: PollResult, now: float, policy: SchedulePolicy,
               rng: random.Random | None = None) -> FeedState:
    """The feed's state after ``result``, including when to check it next."""
    rng = rng or random
    common = {"last_check": now, "last_status": result.status}
    if result.ok:
        return _after_success(state, result, now, policy, rng, common)
    return _after_failure(state, result, now, policy, rng, common)


def _after_success(state: FeedState, result: PollResult, now: float, policy: SchedulePolicy,
                   rng: random.Random, common: dict) -> FeedState:
    if result.status == 304:
        etag, modified = result.etag or state.etag, result.last_modified or state.last_modified
    else:
        etag, modified = result.etag, result.last_modified
    delay = policy.interval * rng.uniform(1.0 - policy.jitter, 1.0 + policy.jitter)
    max_age = max_age_seconds(result.cache_control)
    if max_age is not None and max_age > delay:
        delay = float(max_age)  # the server asked us not to come back sooner
    return dataclasses.replace(
        state, **common, fetch_url=result.permanent_url or state.fetch_url, etag=etag,
        last_modified=modified, last_success=now, failures=0, parked=False, parked_reason=None,
        next_check=now + policy.bounded(delay))


def _after_failure(state: FeedState, result: PollResult, now: float, policy: SchedulePolicy,
                   rng: random.Random, common: dict) -> FeedState:
    failures = state.failures + 1
    error = result.error or (f"HTTP {result.status}" if result.status else "failed")
    parked_reason = None
    if result.status == 410:
        parked_reason = "HTTP 410 Gone: the feed was removed"
    elif failures >= policy.max_failures:
        parked_reason = f"{failures} consecutive failures, last: {error}"
    if parked_reason:
        due = now + policy.parked_retry if policy.parked_retry > 0 else None
        return dataclasses.replace(state, **common, failures=failures, last_error=error,
                                   last_error_at=now, parked=True, parked_reason=parked_reason,
                                   next_check=due)
    retry_after = retry_after_seconds(result.retry_after, now)
    if retry_after is not None:
        delay = retry_after  # exact: the server named the time
    else:
        ceiling = min(policy.max_interval, policy.backoff_base * 2.0 ** (failures - 1))
        delay = ceiling / 2 + rng.uniform(0.0, ceiling / 2)
    return dataclasses.replace(state, **common, failures=failures, last_error=error,
                               last_error_at=now, next_check=now + policy.bounded(delay))


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP-date; None if unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000" parses naive; RFC 9110 dates are GMT anyway
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - now)


def max_age_seconds(cache_control: str | None) -> int | None:
    """``max-age`` from a Cache-Control header, None when absent or overridden by no-cache."""
    if not cache_control or _NO_CACHE.search(cache_control):
        return None
    match = _MAX_AGE.search(cache_control)
    return int(match.group(1)) if match else None
