"""next_check: the pure politeness rules (RELIABILITY.md 24, 25, 27, 28 at the unit level)."""

import random
from email.utils import formatdate

import pytest

from streams.feeds.schedule import (
    FeedState, PollResult, SchedulePolicy, first_check, max_age_seconds, next_check,
    retry_after_seconds)

NOW = 1_800_000_000.0
POLICY = SchedulePolicy(interval=300, min_interval=60, max_interval=3600, backoff_base=60,
                        jitter=0.1, max_failures=5, parked_retry=86_400)
OK = PollResult(ok=True, status=200)
FAIL = PollResult(ok=False, status=500, error="HTTP 500")


def rng() -> random.Random:
    return random.Random(7)


def test_validators_of_a_200_are_kept_verbatim_and_a_304_keeps_them():
    state = FeedState.new("https://a.example/feed")
    weird_etag, date = 'W/"abc\\"def"', "Tue, 06 Aug 2024 09:15:00 GMT"
    state = next_check(state, PollResult(ok=True, status=200, etag=weird_etag, last_modified=date),
                       NOW, POLICY, rng())
    assert (state.etag, state.last_modified) == (weird_etag, date)
    state = next_check(state, PollResult(ok=True, status=304), NOW + 300, POLICY, rng())
    assert (state.etag, state.last_modified) == (weird_etag, date)
    state = next_check(state, PollResult(ok=True, status=200), NOW + 600, POLICY, rng())
    assert (state.etag, state.last_modified) == (None, None)  # the server dropped them


def test_interval_is_jittered_within_bounds_and_spreads_feeds():
    dues = [next_check(FeedState.new("u"), OK, NOW, POLICY, random.Random(i)).next_check - NOW
            for i in range(200)]
    assert all(270 <= d <= 330 for d in dues)
    assert max(dues) - min(dues) > 40  # feeds drift apart instead of firing together
    firsts = [first_check(NOW, POLICY, random.Random(i)) - NOW for i in range(200)]
    assert min(firsts) < 30 and max(firsts) > 270


@pytest.mark.parametrize("cache_control, expected", [
    ("public, max-age=1200", 1200),       # longer than the interval: honoured exactly
    ("max-age=100000", 3600),             # bounded by max_interval
    ("max-age=30", None),                 # shorter than our interval: ours (jittered) wins
    ("no-cache, max-age=1200", None),
    ("s-maxage=1200", None),
])
def test_cache_control_max_age(cache_control, expected):
    state = next_check(FeedState.new("u"), PollResult(ok=True, status=200, cache_control=cache_control),
                       NOW, POLICY, rng())
    if expected is None:
        assert 270 <= state.next_check - NOW <= 330
    else:
        assert state.next_check - NOW == pytest.approx(expected, abs=1)


@pytest.mark.parametrize("retry_after, expected", [
    ("120", 120),
    ("7", 60),                                    # bounded below by min_interval
    ("999999", 3600),                             # and above by max_interval
    (formatdate(NOW + 900, usegmt=True), 900),    # HTTP-date
    (formatdate(NOW - 50, usegmt=True), 60),      # a date in the past: min_interval
])
def test_retry_after_seconds_and_http_date(retry_after, expected):
    result = PollResult(ok=False, status=429, error="HTTP 429", retry_after=retry_after)
    state = next_check(FeedState.new("u"), result, NOW, POLICY, rng())
    assert state.next_check - NOW == pytest.approx(expected, abs=1)
    assert state.failures == 1


def test_header_parsers_refuse_garbage():
    assert retry_after_seconds("soon", NOW) is None and retry_after_seconds(None, NOW) is None
    assert max_age_seconds("max-age=abc") is None and max_age_seconds(None) is None


def test_failures_back_off_exponentially_with_jitter_up_to_the_cap_then_park():
    policy = SchedulePolicy(interval=300, min_interval=1, max_interval=500, backoff_base=10,
                            jitter=0.1, max_failures=8, parked_retry=0)
    generator = random.Random(3)
    state, delays, now = FeedState.new("u"), [], NOW
    for _ in range(7):
        state = next_check(state, FAIL, now, policy, generator)
        delays.append(state.next_check - now)
        now = state.next_check
    for k, delay in enumerate(delays, start=1):
        ceiling = min(500, 10 * 2 ** (k - 1))
        assert ceiling / 2 <= delay <= ceiling  # equal jitter: never shrinks, never over the cap
    assert delays[-1] <= 500 and delays[3] > delays[0] * 3
    assert len({round(d, 3) for d in delays}) == len(delays)  # jittered, not a fixed ladder
    assert not state.parked
    state = next_check(state, FAIL, now, policy, generator)  # the 8th failure parks
    assert state.parked and "8 consecutive failures" in state.parked_reason
    assert state.next_check is None  # parked_retry=0: never probed again


def test_one_success_resets_failures_and_unparks():
    parked = next_check(FeedState.new("u"), PollResult(ok=False, status=410), NOW, POLICY, rng())
    assert parked.parked and parked.next_check == NOW + 86_400  # probed once a day
    revived = next_check(parked, OK, NOW + 86_400, POLICY, rng())
    assert not revived.parked and revived.failures == 0 and revived.last_success == NOW + 86_400
    assert revived.last_error == parked.last_error  # history kept for `feeds status`


def test_410_parks_at_once():
    state = next_check(FeedState.new("u"), PollResult(ok=False, status=410, error="HTTP 410 Gone"),
                       NOW, POLICY, rng())
    assert state.parked and state.failures == 1 and "410" in state.parked_reason


def test_permanent_redirect_moves_the_feed_only_on_success():
    moved = PollResult(ok=True, status=200, permanent_url="https://new.example/feed")
    state = next_check(FeedState.new("https://old.example/feed"), moved, NOW, POLICY, rng())
    assert state.fetch_url == "https://new.example/feed"
    assert state.feed_url == "https://old.example/feed"  # the identity stays
    failed = PollResult(ok=False, error="network guard: 10.0.0.1 is private",
                        permanent_url="http://10.0.0.1/feed")
    state = next_check(FeedState.new("https://old.example/feed"), failed, NOW, POLICY, rng())
    assert state.fetch_url == "https://old.example/feed"


def test_a_short_list_is_polled_soon_after_start_and_a_long_one_spread_over_an_interval():
    few = [first_check(NOW, POLICY, random.Random(i), feeds=10, start_rate=20) - NOW for i in range(200)]
    assert max(few) <= 0.5
    many = [first_check(NOW, POLICY, random.Random(i), feeds=10_000, start_rate=20) - NOW
            for i in range(200)]
    assert max(many) > 270 and max(many) <= 300
