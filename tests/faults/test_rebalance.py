"""RELIABILITY item 6: rebalance 1 -> 2 -> 1 workers, again and again, while items stream in:
0 duplicate alerts on the alerts topic by alert_id, no item skipped.

A second worker joins the group (partitions and their Table partitions move to it, it recovers
them from the changelog) and later leaves cleanly (SIGTERM: it commits, and its partitions move
back). Items keep arriving throughout. "Duplicate" is strict here: a second `new` record with
the same alert_id counts, although consumers are idempotent; a clean rebalance must not need
that. "No item skipped": every report reaches its alert and the group commits the end of both
input topics.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.faults import news_mix
from tests.faults.alert_outcome import read_alerts, topic_outcome, print_where_lost
from tests.faults.pipeline_fleet import ItemProducer, wait_caught_up, wait_members

RATE = 25.0  # items/s streamed while the group rebalances


async def _rebalance_rounds(settings, fleet, *, rounds: int, total: int, changes: int) -> None:
    replay = news_mix.replay(total, changes, seed=6, salt="rebalance")
    warm, rest = replay.items[:50], replay.items[50:]
    joins, leaves = [], []
    async with ItemProducer(settings) as producer:
        fleet.start("w1")
        await producer.send(warm)
        await wait_caught_up(settings, fleet)
        streaming = asyncio.create_task(producer.send(rest, rate=RATE))
        try:
            for _ in range(rounds):
                fleet.start("w2")
                joins.append(await wait_members(settings, fleet, 2))
                await asyncio.sleep(1.0)  # both work for a moment
                left = time.monotonic()
                assert fleet.stop("w2") == 0, "the second worker did not stop cleanly"
                await wait_members(settings, fleet, 1)
                leaves.append(time.monotonic() - left)
            await streaming
        finally:
            streaming.cancel()
        await wait_caught_up(settings, fleet)
    fleet.check()
    new, updates = await read_alerts(settings)
    outcome = topic_outcome(replay.expected, new, updates)
    print(f"\nitem 6: {rounds} rounds 1->2->1 while {len(rest)} items streamed at {RATE:.0f}/s; "
          f"join (to Stable with 2) s: {', '.join(f'{t:.1f}' for t in joins)}; leave (to Stable "
          f"with 1) s: {', '.join(f'{t:.1f}' for t in leaves)}")
    print(outcome.line())
    assert outcome.duplicate_new_records == 0
    await print_where_lost(settings, outcome)
    assert not outcome.lost_ids and not outcome.unexpected_ids and outcome.lost_reports == 0


async def test_item6_rebalance_1_2_1_workers_twice(settings, fleet):
    await _rebalance_rounds(settings, fleet, rounds=2, total=600, changes=20)


@pytest.mark.slow
@pytest.mark.timeout(1200)
async def test_item6_rebalance_1_2_1_workers_ten_times(settings, fleet):
    await _rebalance_rounds(settings, fleet, rounds=10, total=2500, changes=60)
