"""The forwarder end to end: embedded broker -> forwarder -> fake Slack on loopback.

Covers RELIABILITY item 12 (a burst of 300 to one channel), dead-lettering with the reason,
threading when updates arrive before their alert, webhook mode and commits after delivery.
"""

from __future__ import annotations

import asyncio
import json
import random

import pytest

from streams.kafka.progress import read_to_end, wait_for_group
from streams.kafka.topics import ALERT_UPDATES, ALERTS
from streams.models import to_json
from streams.slack.client import SlackRejected
from streams.slack.forwarder import forward_alerts_to_slack, slack_group_id
from streams.slack.parts import PARENT, part_key
from tests.slack.conftest import (make_alert, make_updates, produce_alerts, produce_raw,
                                  read_dead_letters, running_forwarder, slack_settings,
                                  wait_committed, wait_until)
from tests.slack.fake_slack import Fault, FakeSlack, VirtualClock


async def test_bot_mode_posts_each_alert_once_and_threads_updates_even_out_of_order(
        settings, fake_slack, tmp_path):
    settings = slack_settings(settings, fake_slack, tmp_path)
    alerts = [make_alert(f"alert-{i:02d}", person=f"Person {i}") for i in range(12)]
    updates = {a.alert_id: make_updates(a, 2) for a in alerts[:6]}
    hostile = make_alert("alert-hostile", headline="<!channel> @here <http://x|bank> &amp;")
    # alert-00..02's updates are produced before the alerts themselves: the topics are read in
    # no guaranteed order (test_delivery pins the update-first path down deterministically)
    early = [u for a in alerts[:3] for u in updates[a.alert_id]]
    late = [u for a in alerts[3:6] for u in updates[a.alert_id]]
    await produce_alerts(settings, early + alerts + [hostile] + late)
    expected = {(a.alert_id, PARENT) for a in [*alerts, hostile]} | {
        (u.alert_id, part_key(u)) for us in updates.values() for u in us}

    async with running_forwarder(settings) as task:
        await wait_until(lambda: len(fake_slack.messages) >= len(expected), task=task,
                         what="every post")
        await wait_committed(settings)

    keys = [m.key for m in fake_slack.messages]
    assert sorted(keys) == sorted(expected) and len(keys) == len(set(keys))
    parents = {m.key[0]: m for m in fake_slack.messages if m.key[1] == PARENT}
    for message in fake_slack.messages:
        if message.key[1] != PARENT:
            assert message.thread_ts == parents[message.key[0]].ts, message.key
        assert "link_names" not in message.body and "parse" not in message.body
    raw = json.dumps(parents["alert-hostile"].body)
    assert "<!channel" not in raw and "<http://x" not in raw and "@here" not in raw


async def test_item12_burst_of_300_to_one_channel_is_paced_and_all_delivered(settings, tmp_path):
    clock = VirtualClock()
    async with FakeSlack(clock=clock, min_interval=1.0) as fake:
        # Slack may still say 429 now and then (workspace limits): handled, never dropped
        fake.fault_when = lambda channel, body: (
            Fault.rate_limit(2) if len(fake.attempts) in (50, 150, 250) else None)
        settings = slack_settings(settings, fake, tmp_path, slack_min_interval=1.0,
                                  slack_retry_budget=900.0)
        alerts = [make_alert(f"burst-{i:03d}") for i in range(300)]
        await produce_alerts(settings, alerts)
        async with running_forwarder(settings, clock=clock, rand=random.Random(5).random) as task:
            await wait_until(lambda: len(fake.messages) >= 300, timeout=60, task=task,
                             what="300 posts")
            await wait_committed(settings)

    assert sorted(m.key[0] for m in fake.messages) == [a.alert_id for a in alerts]
    assert fake.outcomes("unpaced") == []  # never faster than 1/s, so no 429 we caused
    assert len(fake.outcomes("rate_limited")) == 3
    times = [a.at for a in fake.attempts]
    assert all(b - a >= 1.0 for a, b in zip(times, times[1:]))
    for i, attempt in enumerate(fake.attempts[:-1]):
        if attempt.outcome == "rate_limited":
            assert fake.attempts[i + 1].at - attempt.at >= 2.0
    span = fake.attempts[-1].at - fake.attempts[0].at
    assert 300 / (span + 1) <= 1.0  # sustained rate


async def test_failures_go_to_the_dead_letter_topic_with_the_reason_and_the_rest_flows(
        settings, tmp_path):
    async with FakeSlack(clock=VirtualClock()) as fake:
        settings = slack_settings(settings, fake, tmp_path, slack_routes="org:Ghost=C99999999",
                                  slack_backoff_base=1.0, slack_backoff_cap=10.0,
                                  slack_retry_budget=60.0)
        down = make_alert("down-1")
        fake.fault_when = lambda channel, body: (
            Fault.server_error(502) if "down-1" in body.get("text", "") + str(body) else None)
        await produce_alerts(settings, [make_alert("ok-1"), down])
        await produce_raw(settings, ALERTS, b"{not json")
        await produce_alerts(settings, [make_alert("ghost-1", org="Ghost"), make_alert("ok-2")])
        [update] = make_updates(make_alert("ok-1"), 1)
        await produce_alerts(settings, [update])
        async with running_forwarder(settings, clock=fake.clock) as task:
            await wait_until(lambda: {m.key for m in fake.messages} >= {
                ("ok-1", PARENT), ("ok-2", PARENT), ("ok-1", part_key(update))},
                task=task, what="the good alerts")
            await wait_committed(settings)

        dead = await read_dead_letters(settings, ALERTS)
        reasons = {r.value: dict(r.headers)["shakeup-error"].decode() for r in dead}
        assert set(reasons) == {b"{not json", _raw(down), _raw(make_alert("ghost-1", org="Ghost"))}
        assert reasons[b"{not json"].startswith("BadMessage")
        assert "retry budget spent" in reasons[_raw(down)] and "502" in reasons[_raw(down)]
        assert "channel_not_found" in reasons[_raw(make_alert("ghost-1", org="Ghost"))]
        assert all(dict(r.headers)["shakeup-topic"] == settings.topic(ALERTS).encode() for r in dead)
        assert await read_dead_letters(settings, ALERT_UPDATES) == []
    assert sorted(m.key for m in fake.messages) == sorted(
        [("ok-1", PARENT), ("ok-2", PARENT), ("ok-1", part_key(update))])


def _raw(alert) -> bytes:
    return to_json(alert)


async def test_webhook_mode_posts_updates_as_short_messages_to_each_routed_webhook(
        settings, fake_slack, tmp_path):
    settings = slack_settings(settings, fake_slack, tmp_path, mode="webhook",
                              slack_routes=f"org:OpenAI={fake_slack.webhook_url('ai-watch')}; "
                                           f"*={fake_slack.webhook_url('leadership')}")
    openai = make_alert("w-1", org="OpenAI")
    acme = make_alert("w-2", org="Acme")
    [update] = make_updates(openai, 1)
    await produce_alerts(settings, [openai, acme, update])
    async with running_forwarder(settings) as task:
        await wait_until(lambda: len(fake_slack.messages) >= 5, task=task, what="5 posts")
        await wait_committed(settings)
    watch, lead = fake_slack.in_channel("ai-watch"), fake_slack.in_channel("leadership")
    assert [m.body["text"].split(":")[0] for m in watch] == ["Leadership change", "Update"]
    assert [m.body["text"].split(":")[0] for m in lead] == ["Leadership change"] * 2 + ["Update"]
    assert all(m.thread_ts is None and "metadata" not in m.body for m in fake_slack.messages)


async def test_a_restarted_forwarder_posts_nothing_again(settings, fake_slack, tmp_path):
    settings = slack_settings(settings, fake_slack, tmp_path)
    alerts = [make_alert(f"r-{i}") for i in range(5)]
    await produce_alerts(settings, alerts)
    async with running_forwarder(settings) as task:
        await wait_until(lambda: len(fake_slack.messages) >= 5, task=task, what="5 posts")
        await wait_committed(settings)
    # a new group (offsets lost, e.g. a renamed group) replays everything: the log still skips
    again = settings.replace(slack_group=slack_group_id(settings) + "-new")
    async with running_forwarder(again) as task:
        await wait_committed(again)
    assert sorted(m.key[0] for m in fake_slack.messages) == [a.alert_id for a in alerts]


async def test_a_bad_token_stops_the_forwarder_without_committing_anything(
        settings, fake_slack, tmp_path):
    settings = slack_settings(settings, fake_slack, tmp_path, slack_bot_token="xoxb-revoked")
    await produce_alerts(settings, [make_alert("t-1")])
    with pytest.raises(SlackRejected, match="invalid_auth"):
        await asyncio.wait_for(forward_alerts_to_slack(settings, asyncio.Event()), 30)
    ends, _ = await read_to_end(settings, settings.topic(ALERTS))
    with pytest.raises(Exception, match="did not catch up"):
        await wait_for_group(settings, slack_group_id(settings), ends, timeout=0.5)
    assert fake_slack.messages == [] and await read_dead_letters(settings, ALERTS) == []
