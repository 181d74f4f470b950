"""Dedup across a SIGKILLed worker: exactly one `new` alert id per change, no report lost."""

from __future__ import annotations

import asyncio
import os
import signal
from collections import defaultdict

from aiokafka import AIOKafkaProducer

from streams.dedup.keys import normalize_org
from streams.kafka.client_config import producer_kwargs
from streams.kafka.progress import read_to_end, wait_for_group
from streams.kafka.topics import ALERTS, ALERT_UPDATES, NEWS_ITEMS, WORKER_INPUTS
from streams.local_stack import LocalStack
from streams.models import decode_alert, to_json
from tests.integration.replay_items import CHANGES, REPORTS, replay_items


async def _produce(settings, items) -> None:
    producer = AIOKafkaProducer(**producer_kwargs(settings))
    await producer.start()
    try:
        for item in items:
            await producer.send(settings.topic(NEWS_ITEMS), to_json(item), key=item.item_id.encode())
        await producer.flush()
    finally:
        await producer.stop()


async def _wait_until_processed(settings, stack) -> None:
    for topic in WORKER_INPUTS:
        ends, _ = await read_to_end(settings, settings.topic(topic))
        await wait_for_group(settings, settings.app_id, ends, timeout=90, check=stack.check_worker)


async def test_sigkilled_worker_restarts_without_second_new_alert_or_lost_update(settings, tmp_path):
    items = replay_items()
    half = len(items) // 2
    async with LocalStack(settings, tmp_path) as stack:
        await _produce(settings, items[:half])
        await _wait_until_processed(settings, stack)

        await _produce(settings, items[half:])
        await asyncio.sleep(0.3)  # the worker is in the middle of the second half
        os.kill(stack.worker.pid, signal.SIGKILL)
        stack.worker.wait()
        stack.worker = stack.spawn_worker()  # recovers the Table from its changelog
        await _wait_until_processed(settings, stack)

    _, raw_new = await read_to_end(settings, settings.topic(ALERTS))
    _, raw_updates = await read_to_end(settings, settings.topic(ALERT_UPDATES))
    new = [decode_alert(r) for r in raw_new]
    updates = [decode_alert(r) for r in raw_updates]

    ids_per_change = defaultdict(set)
    for alert in new:
        ids_per_change[normalize_org(alert.org)].add(alert.alert_id)
    assert {org: len(ids) for org, ids in ids_per_change.items()} == \
        {normalize_org(org): 1 for _, org in CHANGES}

    # every report of every change reached its alert: as the new alert or as an update
    reported = defaultdict(set)
    for alert in [*new, *updates]:
        reported[alert.alert_id].add(alert.source.lang)
    for ids in ids_per_change.values():
        [alert_id] = ids
        assert reported[alert_id] == set(REPORTS), alert_id
