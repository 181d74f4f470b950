"""`shakeup demo` with Slack configured: every alert of the replay reaches Slack once."""

from __future__ import annotations

from streams.demo.runner import run_demo
from streams.kafka.progress import read_to_end
from streams.kafka.topics import ALERT_UPDATES, ALERTS
from streams.models import decode_alert
from streams.slack.parts import PARENT, part_key
from tests.slack.conftest import slack_settings


async def test_demo_posts_each_alert_once_and_threads_its_updates(settings, fake_slack, tmp_path):
    settings = slack_settings(settings, fake_slack, tmp_path)
    await run_demo(settings, lambda line: None)

    _, raw_new = await read_to_end(settings, settings.topic(ALERTS))
    _, raw_updates = await read_to_end(settings, settings.topic(ALERT_UPDATES))
    expected = {(decode_alert(r).alert_id, PARENT) for r in raw_new} | {
        (u.alert_id, part_key(u)) for u in map(decode_alert, raw_updates)}
    keys = [m.key for m in fake_slack.messages]
    assert len(keys) == len(set(keys))
    assert set(keys) == expected
    parents = {m.key[0]: m.ts for m in fake_slack.messages if m.key[1] == PARENT}
    assert all(m.thread_ts == parents[m.key[0]] for m in fake_slack.messages if m.key[1] != PARENT)
