"""An idle worker turns a new item into an alert in well under a second.

Faust's consumer waits up to 1,500 ms for each fetch and the embedded broker holds an empty fetch
for all of it, so with Faust's own wait an item waits ~0.75 s on average at each of the two hops
(`news.items` -> detect, `news.leadership` -> dedup). The worker's transport sets the wait from
SHAKEUP_CONSUMER_FETCH_WAIT_MS (default 100 ms).
"""

from __future__ import annotations

import asyncio
import statistics
import time

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from streams.kafka.client_config import client_kwargs, producer_kwargs, topic_partitions
from streams.kafka.topics import ALERTS, NEWS_ITEMS
from streams.local_stack import LocalStack
from streams.models import decode_alert, to_json
from tests.integration.replay_items import CHANGES, replay_items
from tests.integration.test_worker_restart import _produce, _wait_until_processed

ROUNDS = 5


async def test_idle_worker_alerts_within_a_fraction_of_a_second(settings, tmp_path):
    english = [item for item in replay_items() if item.lang == "en"]
    changes = [item for item in english if "/change/" in item.link]
    assert len(changes) == len(CHANGES) > ROUNDS
    async with LocalStack(settings, tmp_path) as stack:
        await _produce(settings, [changes[0]])  # the worker has joined and opened its Table
        await _wait_until_processed(settings, stack)

        alerts = AIOKafkaConsumer(**client_kwargs(settings), enable_auto_commit=False)
        producer = AIOKafkaProducer(**producer_kwargs(settings))
        await alerts.start()
        await producer.start()
        try:
            partitions = await topic_partitions(alerts, settings.topic(ALERTS))
            alerts.assign(partitions)
            await alerts.seek_to_end(*partitions)
            latencies = []
            for item in changes[1:1 + ROUNDS]:
                await asyncio.sleep(1.6)  # idle: the worker's fetches are waiting on the broker
                await producer.send_and_wait(settings.topic(NEWS_ITEMS), to_json(item),
                                             key=item.item_id.encode())
                sent = time.monotonic()
                alert = None
                while alert is None:
                    stack.check_worker()
                    assert time.monotonic() - sent < 30, f"no alert for {item.title!r}"
                    batches = await alerts.getmany(timeout_ms=20)
                    for record in (r for records in batches.values() for r in records):
                        alert = decode_alert(record.value)
                latencies.append(time.monotonic() - sent)
                assert alert.source.url == item.link
        finally:
            await producer.stop()
            await alerts.stop()

    print(f"\nitem -> alert on an idle worker, s: {', '.join(f'{t:.2f}' for t in latencies)}")
    assert statistics.median(latencies) < 0.8, latencies
