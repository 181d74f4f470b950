"""How far a topic has been written and a consumer group has read: to tell when work is done."""

from __future__ import annotations

import asyncio
import time
from typing import Callable

from aiokafka import AIOKafkaConsumer, TopicPartition

from streams.errors import BrokerError
from streams.kafka.client_config import client_kwargs, topic_partitions
from streams.settings import Settings


async def read_to_end(settings: Settings, topic: str, *,
                      idle: float = 0.3) -> tuple[dict[TopicPartition, int], list[bytes]]:
    """Read a topic from the beginning to its end: (offset after the last record per partition,
    the record values).

    Reading instead of asking ListOffsets(latest): the embedded broker answers that with the
    last batch's base offset + 1, which is wrong for batched topics (NOTES-broker.md, bug A).
    """
    consumer = AIOKafkaConsumer(**client_kwargs(settings), enable_auto_commit=False,
                                auto_offset_reset="earliest")
    await consumer.start()
    try:
        parts = await topic_partitions(consumer, topic)
        consumer.assign(parts)
        await consumer.seek_to_beginning(*parts)
        values: list[bytes] = []
        while batch := await consumer.getmany(timeout_ms=int(idle * 1000), max_records=10_000):
            values.extend(r.value for records in batch.values() for r in records)
        return {tp: await consumer.position(tp) for tp in parts}, values
    finally:
        await consumer.stop()


async def wait_for_group(settings: Settings, group: str, targets: dict[TopicPartition, int], *,
                         timeout: float, poll: float = 0.25,
                         check: Callable[[], None] = lambda: None) -> None:
    """Wait until ``group`` committed at least ``targets`` on every partition.

    Raises:
        BrokerError: not reached within ``timeout`` seconds (the message says where it stands).
    """
    wanted = {tp: off for tp, off in targets.items() if off > 0}
    if not wanted:
        return
    consumer = AIOKafkaConsumer(**client_kwargs(settings), group_id=group, enable_auto_commit=False)
    await consumer.start()
    try:
        deadline = time.monotonic() + timeout
        while True:
            behind = {}
            for tp, target in wanted.items():
                committed = await consumer.committed(tp) or 0
                if committed < target:
                    behind[tp] = (committed, target)
            if not behind:
                return
            check()  # e.g. raise at once when the worker died instead of waiting out the timeout
            if time.monotonic() > deadline:
                where = ", ".join(f"{tp.topic}[{tp.partition}] {c}/{t}" for tp, (c, t) in behind.items())
                raise BrokerError(f"group {group} did not catch up within {timeout:.0f} s: {where}")
            await asyncio.sleep(poll)
    finally:
        await consumer.stop()
