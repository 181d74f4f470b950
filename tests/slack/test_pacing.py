"""Pacing per channel, Retry-After parsing and the backoff curve (pure, virtual time)."""

from __future__ import annotations

import random

import pytest

from streams.slack.pacing import ChannelPacer, RetryPolicy, backoff_delay, parse_retry_after


def test_one_post_per_interval_per_channel_and_channels_are_independent():
    pacer = ChannelPacer(min_interval=1.0)
    assert pacer.delay("#a", 100.0) == 0
    pacer.sent("#a", 100.0)
    assert pacer.delay("#a", 100.25) == pytest.approx(0.75)
    assert pacer.delay("#b", 100.25) == 0
    assert pacer.delay("#a", 101.0) == 0


def test_retry_after_holds_only_that_channel_for_the_whole_wait():
    pacer = ChannelPacer(min_interval=1.0)
    pacer.sent("#a", 10.0)
    pacer.rate_limited("#a", 10.1, 7.0)
    assert pacer.delay("#a", 10.1) == pytest.approx(7.0)
    pacer.sent("#a", 10.2)  # a later, shorter slot never shortens the wait
    assert pacer.delay("#a", 17.0) == pytest.approx(0.1)
    assert pacer.delay("#b", 10.1) == 0


@pytest.mark.parametrize("header, seconds", [
    ("7", 7.0), (" 30 ", 30.0), (None, 1.0), ("soon", 1.0), ("-3", 1.0), ("nan", 1.0),
    ("999999", 3600.0),
])
def test_parse_retry_after(header, seconds):
    assert parse_retry_after(header) == seconds


def test_backoff_doubles_is_capped_and_jittered():
    ceilings = [min(60.0, 1.0 * 2 ** (n - 1)) for n in range(1, 12)]
    low = [backoff_delay(n, base=1.0, cap=60.0, rand=0.0) for n in range(1, 12)]
    high = [backoff_delay(n, base=1.0, cap=60.0, rand=0.999999) for n in range(1, 12)]
    assert low == [c / 2 for c in ceilings]
    assert high == pytest.approx(ceilings, rel=1e-5)
    rng = random.Random(7)
    spread = {round(backoff_delay(10, base=1.0, cap=60.0, rand=rng.random()), 3) for _ in range(20)}
    assert len(spread) > 15 and all(30.0 <= d <= 60.0 for d in spread)
    assert backoff_delay(10_000, base=1.0, cap=60.0, rand=0.5) == 45.0  # no overflow


def test_retry_budget_is_a_time_budget():
    policy = RetryPolicy(base=1.0, cap=60.0, budget=900.0)
    assert policy.next_delay(1, started=0.0, now=10.0, rand=0.0) == 0.5
    assert policy.next_delay(20, started=0.0, now=880.0, rand=0.0) is None
    assert policy.exhausted(0.0, 900.5) and not policy.exhausted(0.0, 899.0)
