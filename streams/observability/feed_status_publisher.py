"""Pollers -> the feeds.status topic: the latest status of each feed, sent off the polling path.

``publish`` only records the status (a newer one replaces an unsent older one for the same
feed) and wakes a background task that sends what is pending. A poll therefore never waits for
Kafka because of its status, and while Kafka is away the pending set stays one entry per feed.
Statuses are telemetry, not data: a status lost in a crash is replaced by the next poll's.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError

from streams.observability.feed_status import FeedStatus

log = logging.getLogger(__name__)

RETRY_S = 5.0


def poller_id() -> str:
    """host:pid, shown on the status page next to each feed."""
    return f"{socket.gethostname()}:{os.getpid()}"


class FeedStatusPublisher:
    def __init__(self, producer: AIOKafkaProducer, topic: str, *, send_timeout: float = 30.0):
        self.producer = producer
        self.topic = topic
        self.send_timeout = send_timeout
        self.sent = 0
        self._pending: dict[str, FeedStatus] = {}
        self._wake = asyncio.Event()
        self._failing = False

    def publish(self, status: FeedStatus) -> None:
        self._pending[status.url] = status
        self._wake.set()

    @property
    def pending(self) -> int:
        return len(self._pending)

    async def send_pending(self) -> bool:
        """Send everything pending; True when Kafka acknowledged it all."""
        batch, self._pending = self._pending, {}
        if not batch:
            return True
        try:
            async with asyncio.timeout(self.send_timeout):
                futures = [await self.producer.send(self.topic, status.to_json(),
                                                    key=url.encode("utf-8", "surrogatepass"))
                           for url, status in batch.items()]
                await asyncio.gather(*futures)
        except (KafkaError, TimeoutError, OSError) as exc:
            for url, status in batch.items():  # keep what no newer status replaced meanwhile
                self._pending.setdefault(url, status)
            if not self._failing:
                log.warning("feed status: %d statuses not sent to %s (%s: %s); retrying",
                            len(batch), self.topic, type(exc).__name__, exc,
                            extra={"topic": self.topic})
            self._failing = True
            return False
        if self._failing:
            log.info("feed status: %s reachable again", self.topic, extra={"topic": self.topic})
        self._failing = False
        self.sent += len(batch)
        return True

    async def run(self, stop: asyncio.Event) -> None:
        """Send as statuses arrive until ``stop``; then one last attempt."""
        while not stop.is_set():
            waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self._wake.wait())]
            try:
                await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for waiter in waiters:
                    waiter.cancel()
            self._wake.clear()
            if not await self.send_pending():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), RETRY_S)
        await self.flush(timeout=5.0)

    async def flush(self, *, timeout: float) -> None:
        """Send what is pending, trying for at most ``timeout`` seconds."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                while self._pending and not await self.send_pending():
                    await asyncio.sleep(0.5)
