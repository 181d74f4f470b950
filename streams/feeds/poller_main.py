"""`shakeup poll`: the poller process — feed list, state, Kafka producer and HTTP session wired up."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from pathlib import Path
from typing import Callable

from aiokafka import AIOKafkaProducer

from streams.feeds.feed_assignment import ShardAssignment
from streams.feeds.feed_handler import PollOutcome
from streams.feeds.feed_list import DEFAULT_FEED_LIST, FeedSpec, load_feed_list
from streams.feeds.fetcher import open_session
from streams.feeds.poller import FeedPoller
from streams.feeds.state_store import StateStore
from streams.kafka.client_config import producer_kwargs
from streams.kafka.topics import ensure_topics
from streams.observability.health_probes import HealthMonitor
from streams.observability.http_endpoints import serve_endpoints
from streams.settings import Settings


def feed_list(settings: Settings) -> list[FeedSpec]:
    return load_feed_list(settings.feeds_file or DEFAULT_FEED_LIST)


def state_path(settings: Settings) -> Path:
    return Path(settings.state_dir or ".shakeup") / "poller.sqlite"


def poller_producer(settings: Settings) -> AIOKafkaProducer:
    """acks=all (idempotent on real Kafka); aiokafka gives up on a batch when the relay does."""
    timeout_ms = int(settings.produce_timeout * 1000)
    return AIOKafkaProducer(**{**producer_kwargs(settings), "request_timeout_ms": timeout_ms})


def describe_outcome(outcome: PollOutcome) -> str:
    url = outcome.feed.url
    if outcome.parked_now:
        return f"{url}: parked: {outcome.state.parked_reason}"
    if outcome.status == "error":
        return f"{url}: error: {outcome.error}"
    if outcome.status == "not-modified":
        return f"{url}: not modified"
    return f"{url}: {outcome.items_found} items, {outcome.items_new} new"


async def run_pollers(settings: Settings, *, once: bool, emit: Callable[[str], None],
                      stop: asyncio.Event | None = None) -> list[PollOutcome]:
    """Poll the configured feeds once (``once``) or until ``stop`` is set or SIGTERM/SIGINT.

    Continuous polling joins the pollers' consumer group and polls only the feeds of the shards
    Kafka assigns (feed_assignment); ``once`` polls every feed of the list, alone.
    """
    feeds = feed_list(settings)
    await ensure_topics(settings)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    store = StateStore(state_path(settings))
    producer = poller_producer(settings)
    await producer.start()
    try:
        async with open_session(settings) as session:
            poller = FeedPoller(settings, feeds, producer, store, session,
                                on_outcome=lambda o: emit(describe_outcome(o)))
            if once:
                return await poller.poll_all()
            poller.owned = set()  # nothing until Kafka assigns shards
            # stuck: items of this poller's shards wait in the outbox and none gets delivered
            health = HealthMonitor(settings, sample=lambda: {"outbox": poller.backlog()})
            async with serve_endpoints(settings.poller_metrics_port, health.report,
                                       process="poller"):
                monitor = asyncio.create_task(health.run(stop))
                try:
                    async with ShardAssignment(settings, poller.on_ownership_change) as assignment:
                        poller.shards = assignment.shards
                        emit(f"polling {len(feeds)} feeds in {assignment.shards} shards with "
                             f"group {settings.app_id}.pollers; Ctrl-C to stop")
                        await _until_first_done(assignment.run(stop), poller.run(stop), stop=stop)
                finally:
                    monitor.cancel()
                    await asyncio.gather(monitor, return_exceptions=True)
            return []
    finally:
        await producer.stop()
        store.close()


async def _until_first_done(*coros, stop: asyncio.Event) -> None:
    """Run ``coros`` together; when one ends (or fails), stop the others and surface its error."""
    tasks = [asyncio.ensure_future(c) for c in coros]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            task.result()
    finally:
        stop.set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
