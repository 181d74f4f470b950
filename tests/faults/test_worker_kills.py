"""RELIABILITY item 1: kill -9 the Faust worker at random points during a replay: 0 lost alert ids,
exactly one Slack post per alert (and per thread reply).

The Slack forwarder runs alongside (in the test process) against the fake Slack. Most kills land
at a random moment while a chunk of the replay streams in, so the worker dies in the middle of
things: after a report was sent but before its item's offset was committed, after an alert was
sent but before its Table write, before a commit. The others hit a restarted worker while it is
still joining the group or recovering its Table. The embedded broker keeps its data in memory;
it is never killed here, only the worker.

Figures printed: the kills and where they landed, recovery time (kill to the group caught up
again, dominated by the group join: the dead member holds its partitions for the session
timeout), lost and duplicated alerts on the topic and in Slack. At-least-once delivery may write
a `new` record twice with the same alert_id; the forwarder posts it once.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time

import pytest

from tests.faults import news_mix
from tests.faults.alert_outcome import (read_alerts, slack_outcome, topic_outcome,
                                        print_where_lost)
from tests.faults.pipeline_fleet import ItemProducer, wait_caught_up
from tests.slack.conftest import running_forwarder, slack_settings, wait_committed

STREAM_SECONDS = 1.5  # how long one chunk of the replay takes to stream in


def _kill_points(kills: int, rnd: random.Random) -> list[str]:
    """'stream': while a chunk streams in; 'start': while a restarted worker joins or recovers."""
    points = ["stream"] + [("start" if rnd.random() < 0.25 else "stream") for _ in range(kills - 1)]
    if kills >= 3 and "start" not in points:
        points[kills // 2] = "start"
    return points


def _split(items: list, parts: int, rnd: random.Random) -> list[list]:
    cuts = sorted(rnd.sample(range(1, len(items)), parts - 1)) if parts > 1 else []
    return [items[a:b] for a, b in zip([0, *cuts], [*cuts, len(items)])]


async def _replay_with_kills(settings, fleet, fake_slack, tmp_path, *, total: int, changes: int,
                             kills: int, seed: int) -> None:
    rnd = random.Random(seed)
    replay = news_mix.replay(total, changes, seed=seed)
    points = _kill_points(kills, rnd)
    chunks = _split(replay.items, points.count("stream") + 1, rnd)
    slack = slack_settings(settings, fake_slack, tmp_path)
    recoveries, landed = [], []
    started = time.monotonic()
    async with ItemProducer(settings) as producer, running_forwarder(slack) as forwarder:
        fleet.start()
        await producer.send(chunks.pop(0))
        await wait_caught_up(settings, fleet)
        for n, point in enumerate(points):
            if point == "stream":
                chunk = chunks.pop(0)
                chunk_start = time.monotonic()
                streaming = asyncio.create_task(producer.send(chunk, rate=len(chunk) / STREAM_SECONDS))
                await asyncio.sleep(rnd.uniform(0.05, STREAM_SECONDS))
                landed.append(f"stream+{time.monotonic() - chunk_start:.2f}s")
            else:
                since_start = rnd.uniform(0.3, 8.0)
                await asyncio.sleep(max(0.0, fleet.workers["w1"].started + since_start - time.monotonic()))
                landed.append(f"start+{since_start:.1f}s")
            killed_at = time.monotonic()
            fleet.kill()
            fleet.start()
            if point == "stream":
                await streaming
            if points[n + 1:n + 2] != ["start"]:  # the next kill does not hit this start-up
                await wait_caught_up(settings, fleet)
                recoveries.append(time.monotonic() - killed_at)
        for chunk in chunks:
            await producer.send(chunk)
        await wait_caught_up(settings, fleet)
        await wait_committed(slack)
        assert not forwarder.done(), "the forwarder stopped"
        fleet.check()
    new, updates = await read_alerts(settings)
    topic = topic_outcome(replay.expected, new, updates)
    posted = slack_outcome(replay.expected, fake_slack.messages)
    print(f"\nitem 1: {len(replay.items)} items ({replay.reports} leadership reports), {kills} kills "
          f"in {time.monotonic() - started:.0f} s: {', '.join(landed)}")
    print(f"recovery (kill -> caught up) s: min {min(recoveries):.1f}, median "
          f"{statistics.median(recoveries):.1f}, max {max(recoveries):.1f}")
    print(topic.line())
    print(posted.line())
    await print_where_lost(settings, topic)
    assert not topic.lost_ids and not topic.unexpected_ids and topic.lost_reports == 0
    assert posted.posted_twice == 0 and posted.unexpected_posts == 0
    assert posted.alerts_without_parent == 0 and posted.missing_replies == 0


async def test_item1_kill_9_worker_three_times_during_a_300_item_replay(settings, fleet, fake_slack,
                                                                       tmp_path):
    await _replay_with_kills(settings, fleet, fake_slack, tmp_path, total=300, changes=12,
                             kills=3, seed=1)


@pytest.mark.slow
@pytest.mark.timeout(1200)
async def test_item1_kill_9_worker_twenty_times_during_a_1000_item_replay(settings, fleet, fake_slack,
                                                                         tmp_path):
    await _replay_with_kills(settings, fleet, fake_slack, tmp_path, total=1000, changes=40,
                             kills=20, seed=20)
