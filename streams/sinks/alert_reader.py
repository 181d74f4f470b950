"""Read alerts from the two alert topics with a plain aiokafka consumer (tail, demo, run)."""

from __future__ import annotations

import logging
import time
from typing import AsyncIterator

from aiokafka import AIOKafkaConsumer

from streams.errors import BadMessage
from streams.kafka.client_config import client_kwargs, topic_partitions
from streams.kafka.topics import ALERT_UPDATES, ALERTS
from streams.models import Alert, decode_alert
from streams.settings import Settings

log = logging.getLogger(__name__)

HOLD_UPDATES_S = 5.0


class NewBeforeUpdates:
    """Reorders alerts so an update never shows before its `new` (they travel on two topics).

    An update whose alert was not announced yet is held until the `new` arrives, or for at
    most ``hold_s`` seconds (its `new` may predate the reader, e.g. `tail` without
    --from-beginning).
    """

    def __init__(self, hold_s: float = HOLD_UPDATES_S):
        self.hold_s = hold_s
        self.announced: set[str] = set()
        self.held: dict[str, list[tuple[float, Alert, bytes]]] = {}

    def push(self, alert: Alert, raw: bytes, now: float) -> list[tuple[Alert, bytes]]:
        if alert.kind == "new":
            self.announced.add(alert.alert_id)
            return [(alert, raw), *((a, r) for _, a, r in self.held.pop(alert.alert_id, []))]
        if alert.alert_id in self.announced:
            return [(alert, raw)]
        self.held.setdefault(alert.alert_id, []).append((now, alert, raw))
        return []

    def expired(self, now: float) -> list[tuple[Alert, bytes]]:
        out = []
        for alert_id in [k for k, v in self.held.items() if now - v[0][0] >= self.hold_s]:
            out += [(a, r) for _, a, r in self.held.pop(alert_id)]
        return out


async def read_alerts(settings: Settings, *, from_beginning: bool) -> AsyncIterator[tuple[Alert, bytes]]:
    """Yield (alert, raw JSON) from ``alerts.leadership`` and its updates topic, forever.

    No consumer group: every reader sees every alert, and nothing is committed.
    """
    consumer = AIOKafkaConsumer(**client_kwargs(settings), enable_auto_commit=False,
                                auto_offset_reset="earliest" if from_beginning else "latest")
    await consumer.start()
    order = NewBeforeUpdates()
    try:
        partitions = []
        for name in (ALERTS, ALERT_UPDATES):
            partitions += await topic_partitions(consumer, settings.topic(name))
        consumer.assign(partitions)
        if from_beginning:
            await consumer.seek_to_beginning(*partitions)
        else:
            await consumer.seek_to_end(*partitions)
        while True:
            batch = await consumer.getmany(timeout_ms=500)
            now = time.monotonic()
            for record in sorted((r for rs in batch.values() for r in rs), key=lambda r: r.timestamp):
                try:
                    alert = decode_alert(record.value)
                except BadMessage as exc:
                    log.warning("skipping unreadable alert %s[%s]@%s: %s",
                                record.topic, record.partition, record.offset, exc)
                    continue
                for item in order.push(alert, record.value, now):
                    yield item
            for item in order.expired(now):
                yield item
    finally:
        await consumer.stop()
