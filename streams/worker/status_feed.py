"""What the worker's status page knows: every feed's latest status and the latest alerts, from Kafka.

A plain aiokafka consumer with no group reads ``feeds.status`` and both alert topics from the
beginning, so every worker shows every feed and every alert (the agents only see the partitions
Kafka assigned them). ``feeds.status`` is compacted on real Kafka, one record per feed after
compaction; the board keeps only the latest per feed and the last few alerts either way.
Counters of this worker are sampled into the board for its throughput figures.
"""

from __future__ import annotations

import asyncio
import logging
import time

from aiokafka import AIOKafkaConsumer
from aiokafka.errors import KafkaError

from streams.errors import BadMessage, BrokerError
from streams.kafka.client_config import client_kwargs, topic_partitions
from streams.kafka.topics import ALERT_UPDATES, ALERTS, FEED_STATUS
from streams.models import decode_alert
from streams.observability import metrics
from streams.observability.feed_status import decode_feed_status
from streams.observability.status_board import StatusBoard
from streams.settings import Settings

log = logging.getLogger(__name__)

SAMPLE_EVERY_S = 5.0
RETRY_S = 5.0


def worker_counters() -> dict[str, float]:
    """This process's monotonic counters the page turns into rates."""
    dead = sum(sample.value for family in metrics.WORKER_DEAD_LETTERS.collect()
               for sample in family.samples if sample.name.endswith("_total"))
    return {"items": metrics.sample("shakeup_worker_items_total"),
            "leadership_items": metrics.sample("shakeup_worker_leadership_items_total"),
            "alerts_new": metrics.sample("shakeup_worker_alerts_total", {"kind": "new"}),
            "alerts_update": metrics.sample("shakeup_worker_alerts_total", {"kind": "update"}),
            "dead_letters": dead}


async def follow_status(settings: Settings, board: StatusBoard) -> None:
    """Fill ``board`` from Kafka until cancelled; reconnects after a Kafka failure."""
    sampler = asyncio.create_task(_sample_counters(board))
    try:
        while True:
            try:
                await _consume(settings, board)
            except (KafkaError, BrokerError, OSError) as exc:
                log.warning("status page: reading %s failed (%s); retrying in %.0f s",
                            settings.topic(FEED_STATUS), exc, RETRY_S,
                            extra={"topic": settings.topic(FEED_STATUS)})
                await asyncio.sleep(RETRY_S)
    finally:
        sampler.cancel()


async def _sample_counters(board: StatusBoard) -> None:
    while True:
        board.count(time.time(), worker_counters())
        await asyncio.sleep(SAMPLE_EVERY_S)


async def _consume(settings: Settings, board: StatusBoard) -> None:
    consumer = AIOKafkaConsumer(**client_kwargs(settings), enable_auto_commit=False,
                                auto_offset_reset="earliest")
    await consumer.start()
    try:
        status_topic = settings.topic(FEED_STATUS)
        partitions = []
        for name in (FEED_STATUS, ALERTS, ALERT_UPDATES):
            partitions += await topic_partitions(consumer, settings.topic(name))
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        while True:
            batch = await consumer.getmany(timeout_ms=1000, max_records=1000)
            for record in sorted((r for rs in batch.values() for r in rs),
                                 key=lambda r: r.timestamp):
                try:
                    if record.topic == status_topic:
                        board.feed_status(decode_feed_status(record.value))
                    else:
                        board.alert(decode_alert(record.value), record.timestamp / 1000.0)
                except BadMessage as exc:
                    log.warning("status page: skipping %s[%s]@%s: %s", record.topic,
                                record.partition, record.offset, exc,
                                extra={"topic": record.topic, "partition": record.partition,
                                       "offset": record.offset})
    finally:
        await consumer.stop()
