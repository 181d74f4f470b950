"""The poller: dispatcher -> handler -> outbox -> relay, for every feed or for an assigned share.

    PollDispatcher ──due feed──► FeedHandler.poll ──new items──► outbox (SQLite) ──► OutboxRelay ──► Kafka
         ▲   (per-host + global limits)   │ next_check()                                  │ ack
         └──────────── next due time ─────┘                              seen (SQLite) ◄──┘

``poll_all`` polls each feed once and drains the outbox (demo, ``shakeup poll --once``);
``run`` polls continuously. With a :class:`ShardAssignment`, ``on_ownership_change`` adds and
drops feeds as Kafka assigns shards (see feed_assignment for the rebalancing story).
"""

from __future__ import annotations

import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

import aiohttp
from aiokafka import AIOKafkaProducer

from streams.feeds.feed_assignment import shard_of
from streams.feeds.feed_handler import FeedHandler, PollOutcome
from streams.feeds.feed_list import FeedSpec
from streams.feeds.outbox_relay import OutboxRelay
from streams.feeds.poll_dispatcher import PollDispatcher, host_of
from streams.feeds.schedule import SchedulePolicy, first_check
from streams.feeds.state_store import StateStore
from streams.kafka.topics import FEED_STATUS, NEWS_ITEMS
from streams.observability import metrics
from streams.observability.feed_status import FeedStatus, feed_state_kind
from streams.observability.feed_status_publisher import FeedStatusPublisher, poller_id
from streams.settings import Settings

log = logging.getLogger(__name__)

PRUNE_EVERY_S = 3600.0
DRAIN_ON_REVOKE_S = 5.0
GAUGES_EVERY_S = 5.0


class FeedPoller:
    """Polls feeds politely and delivers their new items to ``news.items`` at least once."""

    def __init__(self, settings: Settings, feeds: list[FeedSpec], producer: AIOKafkaProducer,
                 store: StateStore, session: aiohttp.ClientSession,
                 on_outcome: Callable[[PollOutcome], None] = lambda outcome: None):
        self.settings = settings
        self.feeds = {spec.url: spec for spec in feeds}
        self.store = store
        self.on_outcome = on_outcome
        self.shards = settings.poller_partitions
        self.owned: set[int] | None = None  # None: every shard (no group)
        self._executor = ThreadPoolExecutor(max(1, settings.parse_threads),
                                            thread_name_prefix="feed-parse")
        self.handler = FeedHandler(settings, session, store, self._executor,
                                   shard_of=lambda url: shard_of(url, self.shards))
        self.relay = OutboxRelay(store, producer, settings.topic(NEWS_ITEMS),
                                 produce_timeout=settings.produce_timeout,
                                 retry_max=min(5.0, settings.produce_timeout),
                                 shards=lambda: self.owned)
        self.dispatcher = PollDispatcher(self._poll, concurrency=settings.poll_concurrency,
                                         per_host=settings.poll_per_host, paused=self._outbox_full)
        self._once: dict[str, PollOutcome] | None = None
        self._outbox_checked = (0.0, False)  # (monotonic time, full)
        # feeds.status for the worker's status page; state kinds of the feeds owned here
        self.status = FeedStatusPublisher(producer, settings.topic(FEED_STATUS),
                                          send_timeout=settings.produce_timeout)
        self.poller_id = poller_id()
        self._kinds: dict[str, str] = {}

    async def poll_all(self) -> list[PollOutcome]:
        """Poll every feed once now (within the limits), then deliver what they had new.

        Parked feeds are left alone until their probe is due. One call per poller: it shuts
        the parse threads down when done.
        """
        self._once = {}
        now = time.time()
        try:
            for spec in self.feeds.values():
                stored = self.store.feed_state(spec.url)
                self._publish_status(spec, stored)
                state = stored or self.handler.state_of(spec)
                if state.parked and (state.next_check is None or state.next_check > now):
                    continue  # parked: only its own probe schedule brings it back
                self.dispatcher.schedule(spec, 0.0, host_of(state.fetch_url))
            # deliver while polling: a long list could otherwise fill the outbox and pause itself
            stop_relay = asyncio.Event()
            relay = asyncio.create_task(self.relay.run(stop_relay))
            try:
                await self.dispatcher.run(until_idle=True)
            finally:
                stop_relay.set()
                await relay
            await self.relay.drain(timeout=self.settings.produce_timeout)
            self.refresh_gauges()
            await self.status.flush(timeout=self.settings.produce_timeout)
            return [self._once[url] for url in self.feeds if url in self._once]
        finally:
            self._once = None
            self._executor.shutdown(wait=False, cancel_futures=True)

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until ``stop``. Without a group (``owned`` None) every feed is this poller's."""
        if self.owned is None:
            self._schedule(self.feeds.values())
        try:
            await asyncio.gather(self.dispatcher.run(stop), self.relay.run(stop),
                                 self._prune_seen(stop), self.status.run(stop),
                                 self._refresh_gauges(stop))
        finally:
            self._executor.shutdown(wait=False, cancel_futures=True)

    async def on_ownership_change(self, owned: set[int], revoked: set[int]) -> None:
        """Kafka moved shards: drop the feeds of ``revoked`` (after their polls end), add ``owned``."""
        if revoked:
            gone = [url for url in self.feeds if shard_of(url, self.shards) in revoked]
            for url in gone:
                self._kinds.pop(url, None)
            running = self.dispatcher.unschedule(gone)
            if running:
                await asyncio.wait(running, timeout=self.settings.fetch_timeout + 5.0)
            self.owned = set(owned)
            # hand over a clean outbox if Kafka lets us; what stays is the next owner's to send
            await self.relay.drain(timeout=DRAIN_ON_REVOKE_S, shards=revoked)
        self.owned = set(owned)
        metrics.OWNED_SHARDS.set(len(self.owned))
        mine = [spec for url, spec in self.feeds.items()
                if shard_of(url, self.shards) in owned and url not in self.dispatcher.scheduled]
        self._schedule(mine)

    def _schedule(self, specs) -> None:
        now = time.time()
        for spec in specs:
            state = self.store.feed_state(spec.url)
            if state is None:
                due = first_check(now, SchedulePolicy.from_settings(self.settings, spec.interval),
                                  feeds=len(self.feeds), start_rate=self.settings.poll_start_rate)
                self.dispatcher.schedule(spec, due)
                self._publish_status(spec, None, next_check=due)
            else:
                if state.next_check is not None:  # None: parked for good
                    self.dispatcher.schedule(spec, state.next_check, host_of(state.fetch_url))
                self._publish_status(spec, state)
        self.refresh_gauges()

    async def _poll(self, spec: FeedSpec) -> float | None:
        started = time.perf_counter()
        outcome = await self.handler.poll(spec)
        metrics.POLL_DURATION.observe(time.perf_counter() - started)
        metrics.POLLS.labels(*metrics.poll_labels(outcome.status, outcome.error)).inc()
        metrics.FETCHED_BYTES.inc(outcome.body_bytes)
        metrics.ITEMS_NEW.inc(outcome.items_new)
        if outcome.items_new:
            self.relay.wake()
        if self._once is not None:
            self._once[spec.url] = outcome
        self._publish_status(spec, outcome.state, items_new=outcome.items_new)
        self.on_outcome(outcome)
        return None if self._once is not None else outcome.state.next_check

    def _publish_status(self, spec: FeedSpec, state, *, items_new: int = 0,
                        next_check: float | None = None) -> None:
        self._kinds[spec.url] = feed_state_kind(state)
        more = {"next_check": next_check} if state is None and next_check is not None else {}
        self.status.publish(FeedStatus.from_state(
            spec.url, spec.name, state, items_new=items_new, poller=self.poller_id,
            published_at=time.time(), **more))

    def refresh_gauges(self) -> None:
        """shakeup_poller_feeds{state} and the outbox size, from what this poller knows now."""
        counts = dict.fromkeys(metrics.FEED_STATES, 0)
        for kind in self._kinds.values():
            counts[kind] = counts.get(kind, 0) + 1
        for kind, count in counts.items():
            metrics.FEEDS.labels(state=kind).set(count)
        metrics.OUTBOX_ITEMS.set(self.store.outbox_size())

    def backlog(self) -> tuple[int, int]:
        """(items delivered, that + 1 when items of this poller's shards wait): the health
        check calls the poller stuck when something waits and nothing moves for a while."""
        waiting = bool(self.store.pending(shards=self.owned, limit=1))
        return self.relay.delivered, self.relay.delivered + int(waiting)

    async def _refresh_gauges(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self.refresh_gauges()
            try:
                await asyncio.wait_for(stop.wait(), GAUGES_EVERY_S)
            except TimeoutError:
                pass

    def _outbox_full(self) -> bool:
        checked_at, was_full = self._outbox_checked
        now = time.monotonic()
        if now - checked_at < 0.1:  # count(*) is cheap, but not free at 10,000 dispatches
            return was_full
        size = self.store.outbox_size()
        full = size >= self.settings.outbox_max_items
        if full != was_full:
            log.warning("outbox holds %d items waiting for Kafka: polling %s", size,
                        "paused" if full else "resumed", extra={"outbox_items": size})
        self._outbox_checked = (now, full)
        return full

    async def _prune_seen(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            cutoff = time.time() - self.settings.seen_retention_days * 86_400
            pruned = self.store.prune_seen(cutoff)
            if pruned:
                log.info("forgot %d item ids their feeds stopped listing", pruned)
            try:
                await asyncio.wait_for(stop.wait(), PRUNE_EVERY_S)
            except TimeoutError:
                pass
