"""Deliver the outbox to Kafka and mark items seen only once Kafka acknowledged them.

The outbox (SQLite, see state_store) is the poller's buffer towards Kafka: while the broker is
down, items wait on disk — not in memory — and polling goes on; the relay retries with a capped
backoff and drains the backlog once the broker is back. A batch that timed out may still have
reached Kafka, so it can be sent twice: delivery is at-least-once and consumers dedup by
``item_id``. What cannot happen is an item marked seen that Kafka never acknowledged.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Callable, Iterable

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError

from streams.errors import BrokerError
from streams.feeds.state_store import PendingItem, StateStore
from streams.observability import metrics

log = logging.getLogger(__name__)

BATCH = 500
RETRY_MAX_S = 5.0


class OutboxRelay:
    """Moves outbox rows of the shards this poller owns to ``topic``."""

    def __init__(self, store: StateStore, producer: AIOKafkaProducer, topic: str, *,
                 produce_timeout: float = 30.0, retry_max: float = RETRY_MAX_S,
                 shards: Callable[[], Iterable[int] | None] = lambda: None):
        self.store = store
        self.producer = producer
        self.topic = topic
        self.produce_timeout = produce_timeout
        self.retry_max = retry_max
        self.shards = shards  # None: every shard (a single poller)
        self.delivered = 0
        self._check_topic = True  # at start and after every failure: see _require_topic
        self._wake = asyncio.Event()
        self._failing_since: float | None = None

    def wake(self) -> None:
        """New rows are in the outbox."""
        self._wake.set()

    async def deliver_batch(self, shards: Iterable[int] | None = None) -> int:
        """Send one batch and wait for every ack; returns how many rows were delivered.

        Raises:
            BrokerError: Kafka did not acknowledge the batch in time; the rows stay in the outbox.
        """
        batch = self.store.pending(shards=self.shards() if shards is None else shards, limit=BATCH)
        if not batch:
            return 0
        try:
            async with asyncio.timeout(self.produce_timeout):
                if self._check_topic:
                    await self._require_topic()
                futures = [await self.producer.send(self.topic, item.payload, key=item.key)
                           for item in batch]
                await asyncio.gather(*futures)
        except (KafkaError, TimeoutError) as exc:
            self._check_topic = True
            metrics.DELIVERY_FAILURES.inc()
            raise BrokerError(f"Kafka did not acknowledge {len(batch)} items: "
                              f"{type(exc).__name__}: {exc}") from exc
        except BrokerError:
            self._check_topic = True
            metrics.DELIVERY_FAILURES.inc()
            raise
        self._check_topic = False
        self._acknowledge(batch)
        return len(batch)

    async def _require_topic(self) -> None:
        """Fresh metadata must list the topic before we send to it after a failure.

        With cached metadata a batch goes straight to a broker that lost the topic — a restarted
        embedded broker acknowledges such writes and keeps nothing: items marked seen, data gone.
        """
        fresh = await self.producer.client.fetch_all_metadata()  # not merged with the cache
        if not fresh.partitions_for_topic(self.topic):
            raise BrokerError(f"topic {self.topic} does not exist on the broker")

    def _acknowledge(self, batch: list[PendingItem]) -> None:
        self.store.acknowledge(batch)
        self.delivered += len(batch)
        metrics.ITEMS_DELIVERED.inc(len(batch))

    async def drain(self, *, timeout: float, shards: Iterable[int] | None = None) -> int:
        """Deliver until the outbox (of ``shards``) is empty; gives up quietly after ``timeout``."""
        delivered = 0
        try:
            async with asyncio.timeout(timeout):
                while True:
                    try:
                        sent = await self.deliver_batch(shards)
                    except BrokerError as exc:
                        log.warning("outbox: %s; retrying", exc, extra={"topic": self.topic})
                        await asyncio.sleep(1.0)
                        continue
                    if not sent:
                        return delivered
                    delivered += sent
        except TimeoutError:
            log.warning("outbox: still items waiting for Kafka after %.0f s", timeout,
                        extra={"topic": self.topic})
        return delivered

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver as rows arrive until ``stop``; a Kafka outage backs off up to ``retry_max``."""
        delay = 0.5
        while not stop.is_set():
            try:
                sent = await self.deliver_batch()
            except BrokerError as exc:
                if self._failing_since is None:
                    self._failing_since = asyncio.get_running_loop().time()
                    log.warning("outbox: %s; items stay queued on disk and are retried", exc,
                                extra={"topic": self.topic})
                await _wait(stop, delay)
                delay = min(self.retry_max, delay * 2)
                continue
            if self._failing_since is not None:
                log.warning("outbox: Kafka is back after %.0f s",
                            asyncio.get_running_loop().time() - self._failing_since,
                            extra={"topic": self.topic})
                self._failing_since = None
            delay = 0.5
            if not sent:
                self._wake.clear()
                await _wait(stop, 1.0, self._wake)


async def _wait(stop: asyncio.Event, seconds: float, wake: asyncio.Event | None = None) -> None:
    waiters = [asyncio.ensure_future(stop.wait())]
    if wake is not None:
        waiters.append(asyncio.ensure_future(wake.wait()))
    try:
        await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
