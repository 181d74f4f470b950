"""The poller shell: fetch -> parse -> produce new items to Kafka -> mark them seen after the ack."""

from __future__ import annotations

import asyncio
import logging
import random
from dataclasses import dataclass, field
from typing import Callable

import aiohttp
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError

from streams.errors import FeedError
from streams.feeds.feed_list import FeedSpec
from streams.feeds.fetch import fetch_feed
from streams.feeds.parse import parse_feed
from streams.feeds.poll_state import PollState
from streams.kafka.topics import NEWS_ITEMS
from streams.models import NewsItem, to_json
from streams.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class PollOutcome:
    feed: FeedSpec
    status: str  # "ok", "not-modified" or "error"
    items_found: int = 0
    items_new: int = 0
    error: str | None = None
    new_items: list[NewsItem] = field(default_factory=list)


class FeedPoller:
    """Polls a set of feeds and produces their new items to ``news.items``.

    An item is marked seen only after Kafka acknowledged it, so a crash between fetch and ack
    re-sends it on the next poll (consumers dedup by ``item_id``) rather than losing it.
    """

    def __init__(self, settings: Settings, feeds: list[FeedSpec], producer: AIOKafkaProducer,
                 state: PollState, session: aiohttp.ClientSession,
                 on_outcome: Callable[[PollOutcome], None] = lambda outcome: None):
        self.settings = settings
        self.on_outcome = on_outcome
        self.feeds = feeds
        self.producer = producer
        self.state = state
        self.session = session
        self.topic = settings.topic(NEWS_ITEMS)
        self._limit = asyncio.Semaphore(settings.poll_concurrency)

    async def poll_feed(self, spec: FeedSpec) -> PollOutcome:
        """Fetch, parse and deliver one feed. Never raises for a feed's own failure."""
        outcome = await self._poll(spec)
        self.on_outcome(outcome)
        return outcome

    async def _poll(self, spec: FeedSpec) -> PollOutcome:
        async with self._limit:
            etag, last_modified = self.state.validators(spec.url)
            try:
                result = await fetch_feed(
                    self.session, spec.url, etag=etag, last_modified=last_modified,
                    timeout=self.settings.fetch_timeout, max_bytes=self.settings.max_feed_bytes)
                if result.status == 304:
                    return PollOutcome(spec, "not-modified")
                loop = asyncio.get_running_loop()
                parsed = await loop.run_in_executor(
                    None, lambda: parse_feed(result.body, spec.url, lang=spec.lang, name=spec.name))
            except FeedError as exc:
                log.warning("feed %s failed: %s", spec.url, exc)
                return PollOutcome(spec, "error", error=str(exc))
            fresh = self.state.unseen(spec.url, [i.item_id for i in parsed.items])
            new_items = [i for i in parsed.items if i.item_id in fresh]
            try:
                await self._deliver(spec, new_items)
            except KafkaError as exc:
                # nothing marked seen: the next poll offers the same items again
                log.warning("feed %s: Kafka did not acknowledge %d items: %s",
                            spec.url, len(new_items), exc)
                return PollOutcome(spec, "error", len(parsed.items), error=f"kafka: {exc}")
            # validators only after the items are safe: a crash before this refetches in full
            self.state.save_validators(spec.url, result.etag, result.last_modified)
            return PollOutcome(spec, "ok", len(parsed.items), len(new_items), new_items=new_items)

    async def _deliver(self, spec: FeedSpec, items: list[NewsItem]) -> None:
        if not items:
            return
        futures = [await self.producer.send(self.topic, to_json(item), key=item.item_id.encode())
                   for item in items]
        await asyncio.gather(*futures)  # raises if any record was not acknowledged
        self.state.mark_seen(spec.url, [i.item_id for i in items])

    async def poll_all(self) -> list[PollOutcome]:
        """Poll every feed once, concurrently (bounded)."""
        return list(await asyncio.gather(*(self.poll_feed(f) for f in self.feeds)))

    async def run(self, stop: asyncio.Event) -> None:
        """Poll each feed at its interval, with jitter so feeds don't fire together, until ``stop``."""
        async def loop_feed(spec: FeedSpec) -> None:
            interval = spec.interval or self.settings.poll_interval
            await _sleep_or_stop(stop, random.uniform(0, min(interval, 10.0)))
            while not stop.is_set():
                await self.poll_feed(spec)
                await _sleep_or_stop(stop, interval * random.uniform(0.9, 1.1))

        await asyncio.gather(*(loop_feed(f) for f in self.feeds))


async def _sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except asyncio.TimeoutError:
        pass
