"""Delivering alerts against the fake Slack on loopback, on a virtual clock (no Kafka needed).

Covers RELIABILITY items 3 (accept then reset), 11 (429 Retry-After: 7) and 13 (5xx for ten
minutes), plus threading, reconcile, routing fan-out and refusals.
"""

from __future__ import annotations

import contextlib
import random

import pytest

from streams.settings import Settings
from streams.slack.client import SlackRejected, open_poster
from streams.slack.delivery import SlackDelivery
from streams.slack.delivery_log import DeliveryLog
from streams.slack.parts import PARENT, part_key
from tests.slack.conftest import make_alert, make_updates, slack_settings
from tests.slack.fake_slack import Fault, FakeSlack, VirtualClock


@contextlib.asynccontextmanager
async def delivering(fake: FakeSlack, tmp_path, *, mode: str = "bot", **changes):
    settings = slack_settings(Settings(state_dir=str(tmp_path)), fake, tmp_path, mode=mode,
                              **changes)
    journal = DeliveryLog(settings.slack_delivery_log)
    try:
        async with open_poster(settings) as poster:
            yield SlackDelivery(settings, poster, journal, clock=fake.clock,
                                rand=random.Random(3).random)
    finally:
        journal.close()


@pytest.fixture
async def virtual_slack():
    async with FakeSlack(clock=VirtualClock()) as fake:
        yield fake


def _keys(fake: FakeSlack) -> list[tuple[str, str]]:
    return [m.key for m in fake.messages]


async def test_item11_retry_after_7_holds_the_channel_7_seconds_and_drops_nothing(virtual_slack, tmp_path):
    fake = virtual_slack
    fake.faults.append(Fault.rate_limit(retry_after=7))
    alerts = [make_alert(f"a{i}") for i in range(3)]
    async with delivering(fake, tmp_path, slack_min_interval=1.0, slack_retry_budget=900.0) as delivery:
        for alert in alerts:
            assert [o.status for o in await delivery.deliver(alert)] == ["posted"]
    attempts = fake.attempts
    assert [a.outcome for a in attempts] == ["rate_limited", "accepted", "accepted", "accepted"]
    assert attempts[1].at - attempts[0].at >= 7.0
    assert all(b.at - a.at >= 1.0 for a, b in zip(attempts[1:], attempts[2:]))
    assert sorted(_keys(fake)) == [(a.alert_id, PARENT) for a in alerts]


async def test_item13_ten_minutes_of_5xx_lose_nothing_and_back_off_exponentially(virtual_slack, tmp_path):
    fake = virtual_slack
    start = fake.clock.now()
    fake.outage_until = start + 600.0
    alerts = [make_alert(f"a{i}") for i in range(5)]
    # production defaults: base 1 s, cap 60 s, budget 900 s, 1 post/s
    async with delivering(fake, tmp_path, slack_min_interval=1.0, slack_backoff_base=1.0,
                          slack_backoff_cap=60.0, slack_retry_budget=900.0) as delivery:
        for alert in alerts:
            assert [o.status for o in await delivery.deliver(alert)] == ["posted"]
    assert sorted(_keys(fake)) == [(a.alert_id, PARENT) for a in alerts]  # 0 lost, 0 twice
    failed = [a.at for a in fake.attempts if a.outcome == "server_error"]
    first_ok = fake.outcomes("accepted")[0].at
    assert first_ok >= start + 600.0 and first_ok - failed[-1] <= 60.0
    gaps = [b - a for a, b in zip(failed, failed[1:] + [first_ok])]
    for n, gap in enumerate(gaps, start=1):
        ceiling = min(60.0, 2.0 ** (n - 1))
        assert ceiling / 2 <= gap + 1e-9 and gap <= max(ceiling, 1.0) + 1e-9, (n, gap)
    capped = [g for g in gaps if g > 30.0]
    assert len(capped) >= 5 and len({round(g, 3) for g in capped}) == len(capped)  # jittered
    assert len(failed) < 25  # backed off, not hammering


async def test_retry_budget_spent_is_a_dead_outcome_with_the_reason(virtual_slack, tmp_path):
    fake = virtual_slack
    fake.outage_until = fake.clock.now() + 10_000.0
    async with delivering(fake, tmp_path, slack_backoff_base=1.0, slack_backoff_cap=60.0,
                          slack_retry_budget=300.0) as delivery:
        [outcome] = await delivery.deliver(make_alert("a1"))
        assert outcome.status == "dead" and "retry budget spent" in outcome.reason
        assert "503" in outcome.reason
        fake.outage_until = None
        assert [o.status for o in await delivery.deliver(make_alert("a2"))] == ["posted"]
    assert fake.clock.now() - 1000.0 <= 300.0 + 60.0


async def test_item3_bot_accept_then_reset_is_reconciled_not_reposted(virtual_slack, tmp_path):
    fake = virtual_slack
    alert = make_alert("a1")
    update = make_updates(alert, 1)[0]
    fake.faults.extend([Fault.accept_then_reset(), Fault.accept_then_reset()])
    async with delivering(fake, tmp_path) as delivery:
        assert [o.status for o in await delivery.deliver(alert)] == ["reconciled"]
        assert [o.status for o in await delivery.deliver(update)] == ["reconciled"]
    assert _keys(fake) == [(alert.alert_id, PARENT), (alert.alert_id, part_key(update))]
    assert fake.messages[1].thread_ts == fake.messages[0].ts
    assert fake.calls["conversations.history"] >= 1 and fake.calls["conversations.replies"] >= 1


async def test_bot_reset_before_accept_is_checked_then_posted_once(virtual_slack, tmp_path):
    fake = virtual_slack
    fake.faults.append(Fault.reset_before_accept())
    async with delivering(fake, tmp_path) as delivery:
        assert [o.status for o in await delivery.deliver(make_alert("a1"))] == ["posted"]
    assert _keys(fake) == [("a1", PARENT)]
    assert fake.calls["conversations.history"] == 1


async def test_item3_webhook_accept_then_reset_posts_once_and_reports_unknown(virtual_slack, tmp_path):
    fake = virtual_slack
    fake.faults.append(Fault.accept_then_reset())
    alert = make_alert("a1")
    async with delivering(fake, tmp_path, mode="webhook") as delivery:
        [outcome] = await delivery.deliver(alert)
        assert outcome.status == "unknown" and "not re-posted" in outcome.reason
        assert outcome.needs_dead_letter
        # a replay (crash before the commit) still posts nothing more
        assert [o.status for o in await delivery.deliver(alert)] == ["skipped"]
        [update] = make_updates(alert, 1)
        assert [o.status for o in await delivery.deliver(update)] == ["posted"]
    assert len(fake.messages) == 2
    assert fake.messages[1].body["text"].startswith("Update: ")


async def test_update_before_its_new_alert_posts_the_parent_first_and_threads(virtual_slack, tmp_path):
    fake = virtual_slack
    alert = make_alert("a1")
    first, second = make_updates(alert, 2)
    async with delivering(fake, tmp_path) as delivery:
        assert [o.status for o in await delivery.deliver(second)] == ["posted"]
        assert [o.status for o in await delivery.deliver(alert)] == ["skipped"]
        assert [o.status for o in await delivery.deliver(first)] == ["posted"]
        assert [o.status for o in await delivery.deliver(second)] == ["skipped"]
    parent, *replies = fake.messages
    assert parent.key == ("a1", PARENT) and parent.thread_ts is None
    assert [r.key for r in replies] == [("a1", part_key(second)), ("a1", part_key(first))]
    assert all(r.thread_ts == parent.ts for r in replies)
    # the parent does not already claim the source its reply announces
    assert "news2.example" not in str(parent.body["blocks"])


async def test_routes_fan_out_and_each_channel_gets_its_own_thread(virtual_slack, tmp_path):
    fake = virtual_slack
    alert = make_alert("a1", org="OpenAI")
    [update] = make_updates(alert, 1)
    async with delivering(fake, tmp_path,
                          slack_routes="org:OpenAI=#ai-watch; *=#leadership") as delivery:
        await delivery.deliver(alert)
        await delivery.deliver(update)
        await delivery.deliver(make_alert("a2", org="Acme"))
    watch, lead = fake.in_channel("#ai-watch"), fake.in_channel("#leadership")
    assert [m.key[0] for m in watch] == ["a1", "a1"]
    assert [m.key[0] for m in lead] == ["a1", "a1", "a2"]
    assert watch[1].thread_ts == watch[0].ts and lead[1].thread_ts == lead[0].ts


async def test_a_refused_message_is_dead_at_once_and_a_bad_token_stops_everything(virtual_slack, tmp_path):
    fake = virtual_slack
    async with delivering(fake, tmp_path, slack_channel="C99999999") as delivery:
        [outcome] = await delivery.deliver(make_alert("a1"))
        assert outcome.status == "dead" and "channel_not_found" in outcome.reason
    assert len(fake.attempts) == 0
    async with delivering(fake, tmp_path, slack_bot_token="xoxb-wrong") as delivery:
        with pytest.raises(SlackRejected, match="invalid_auth") as raised:
            await delivery.deliver(make_alert("a2"))
        assert raised.value.fatal
