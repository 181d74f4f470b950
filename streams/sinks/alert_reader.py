"""Read alerts from the two alert topics with a plain aiokafka consumer (tail, demo, run)."""

from __future__ import annotations

import logging
from typing import AsyncIterator

from aiokafka import AIOKafkaConsumer

from streams.errors import BadMessage
from streams.kafka.client_config import client_kwargs, topic_partitions
from streams.kafka.topics import ALERT_UPDATES, ALERTS
from streams.models import Alert, decode_alert
from streams.settings import Settings

log = logging.getLogger(__name__)


async def read_alerts(settings: Settings, *, from_beginning: bool) -> AsyncIterator[tuple[Alert, bytes]]:
    """Yield (alert, raw JSON) from ``alerts.leadership`` and its updates topic, forever.

    No consumer group: every reader sees every alert, and nothing is committed.
    """
    consumer = AIOKafkaConsumer(**client_kwargs(settings), enable_auto_commit=False,
                                auto_offset_reset="earliest" if from_beginning else "latest")
    await consumer.start()
    try:
        partitions = []
        for name in (ALERTS, ALERT_UPDATES):
            partitions += await topic_partitions(consumer, settings.topic(name))
        consumer.assign(partitions)
        if from_beginning:
            await consumer.seek_to_beginning(*partitions)
        else:
            await consumer.seek_to_end(*partitions)
        async for record in consumer:
            try:
                yield decode_alert(record.value), record.value
            except BadMessage as exc:
                log.warning("skipping unreadable alert %s[%s]@%s: %s",
                            record.topic, record.partition, record.offset, exc)
    finally:
        await consumer.stop()
