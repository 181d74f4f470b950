"""RELIABILITY item 8: the worker's local state is wiped and it restarts: 0 duplicate alerts for
items seen before.

The worker is killed -9 (a lost machine), its data directory deleted, and a fresh one started;
then every item it had processed arrives again (a poller that lost its own state re-sends its
feeds), mixed with reports it has not seen. The dedup Table must come back from its changelog
topic, so each re-sent report is a duplicate: no second `new` record, no update for a report
already carried.

With the shipped store, `memory://`, the data directory holds no Table data at all: the Table
is always rebuilt from the changelog, and this test proves the worker needs nothing on its disk.
With `rocksdb://` (run when `rocksdict` is installed) the wipe deletes the store itself.
The embedded broker keeps the changelog in memory, so it is not restarted here: on real Kafka
the changelog lives on the brokers' disks.
"""

from __future__ import annotations

import time

import pytest

from tests.faults import news_mix
from tests.faults.alert_outcome import read_alerts, topic_outcome, print_where_lost
from tests.faults.pipeline_fleet import ItemProducer, wait_caught_up

STORES = ["memory://", "rocksdb://"]  # rocksdict comes with the test extra


@pytest.mark.parametrize("store", STORES)
async def test_item8_wiped_state_and_restart_make_no_second_alert(settings, fleet, store):
    settings = fleet.settings = settings.replace(table_store=store)
    replay = news_mix.replay(200, 10, seed=8, salt="wipe")
    seen, unseen = replay.items[:120], replay.items[120:]
    async with ItemProducer(settings) as producer:
        fleet.start()
        await producer.send(seen)
        await wait_caught_up(settings, fleet)
        before, _ = await read_alerts(settings)
        fleet.kill()
        wiped = sum(1 for p in fleet.workers_dir("w1").rglob("*") if p.is_file())
        fleet.wipe()
        started = time.monotonic()
        fleet.start()
        await producer.send([*seen, *unseen])  # everything it saw before, again, and the rest
        await wait_caught_up(settings, fleet)
        caught_up = time.monotonic() - started
    fleet.check()
    new, updates = await read_alerts(settings)
    outcome = topic_outcome(replay.expected, new, updates)
    seen_ids = {a.alert_id for a in before}
    again = sum(1 for a in new[len(before):] if a.alert_id in seen_ids)
    # one update per report beyond each alert's first, and nothing for a report it carried
    spare_updates = len(updates) - (replay.reports - len(replay.expected))
    print(f"\nitem 8 ({store}): {len(seen)} items seen ({len(before)} alerts), worker killed, "
          f"{wiped} files wiped; {len(seen)} re-sent + {len(unseen)} new items; caught up "
          f"{caught_up:.1f} s after the restart")
    print(f"new alerts again for items seen before: {again}; updates beyond one per report: "
          f"{spare_updates}")
    print(outcome.line())
    await print_where_lost(settings, outcome)
    assert again == 0 and outcome.duplicate_new_records == 0 and spare_updates == 0
    assert not outcome.lost_ids and not outcome.unexpected_ids and outcome.lost_reports == 0
