"""The timing bars on the real clock (slow): Retry-After: 7 (item 11) and 300 at 1/s (item 12).

The default suite checks the same rules on a virtual clock; these confirm nothing in the real
I/O path (aiohttp, the consumer loop) shortens a wait.
"""

from __future__ import annotations

import pytest

from tests.slack.conftest import (make_alert, produce_alerts, running_forwarder, slack_settings,
                                  wait_committed, wait_until)
from tests.slack.fake_slack import Fault, FakeSlack

pytestmark = pytest.mark.slow


async def test_item11_retry_after_7_on_the_real_clock(settings, fake_slack, tmp_path):
    fake_slack.faults.append(Fault.rate_limit(retry_after=7))
    settings = slack_settings(settings, fake_slack, tmp_path, slack_min_interval=1.0,
                              slack_retry_budget=900.0)
    alerts = [make_alert(f"a{i}") for i in range(3)]
    await produce_alerts(settings, alerts)
    async with running_forwarder(settings) as task:
        await wait_until(lambda: len(fake_slack.messages) >= 3, timeout=60, task=task, what="3 posts")
        await wait_committed(settings)
    attempts = fake_slack.attempts
    assert [a.outcome for a in attempts] == ["rate_limited", "accepted", "accepted", "accepted"]
    assert attempts[1].at - attempts[0].at >= 7.0
    assert sorted(m.key[0] for m in fake_slack.messages) == [a.alert_id for a in alerts]


@pytest.mark.timeout(480)
async def test_item12_burst_of_300_on_the_real_clock(settings, tmp_path):
    async with FakeSlack(min_interval=1.0, pace_tolerance=0.05) as fake:
        settings = slack_settings(settings, fake, tmp_path, slack_min_interval=1.0,
                                  slack_retry_budget=900.0)
        alerts = [make_alert(f"burst-{i:03d}") for i in range(300)]
        await produce_alerts(settings, alerts)
        async with running_forwarder(settings) as task:
            await wait_until(lambda: len(fake.messages) >= 300, timeout=400, task=task,
                             what="300 posts")
            await wait_committed(settings)
    assert sorted(m.key[0] for m in fake.messages) == [a.alert_id for a in alerts]
    assert fake.outcomes("unpaced") == [] and fake.outcomes("rate_limited") == []
    span = fake.attempts[-1].at - fake.attempts[0].at
    assert span >= 299 * 0.95
