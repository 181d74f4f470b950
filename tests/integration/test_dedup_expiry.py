"""The dedup Tables forget alerts and person routes nothing touched for the retention period (bounded state)."""

from __future__ import annotations

import asyncio
import time

from aiokafka import AIOKafkaProducer

from streams.kafka.client_config import producer_kwargs
from streams.kafka.progress import read_to_end
from streams.kafka.topics import NEWS_ITEMS
from streams.local_stack import LocalStack
from streams.models import to_json
from streams.worker.agents import DEDUP_TABLE, ROUTES_TABLE
from tests.integration.replay_items import CHANGES, replay_items
from tests.integration.test_worker_restart import _wait_until_processed


async def test_the_sweep_deletes_expired_alerts_from_the_table(settings, tmp_path):
    settings = settings.replace(dedup_retention_hours=1 / 3600, dedup_sweep_interval=1.0)
    async with LocalStack(settings, tmp_path) as stack:
        producer = AIOKafkaProducer(**producer_kwargs(settings))
        await producer.start()
        try:
            for item in replay_items():
                await producer.send(settings.topic(NEWS_ITEMS), to_json(item), key=item.item_id.encode())
            await producer.flush()
        finally:
            await producer.stop()
        await _wait_until_processed(settings, stack)

        # the alerts under each organisation and the routes under each person's surname
        for table in (DEDUP_TABLE, ROUTES_TABLE):
            changelog = f"{settings.app_id}-{table}-changelog"
            deadline = time.monotonic() + 30
            while True:  # every key written, then deleted (a tombstone: value None) by a sweep
                _, values = await read_to_end(settings, changelog)
                written = sum(v is not None for v in values)
                deleted = sum(v is None for v in values)
                if written >= len(CHANGES) and deleted >= len(CHANGES):
                    break
                assert time.monotonic() < deadline, f"{table}: {written} keys written, {deleted} deleted"
                await asyncio.sleep(0.5)
