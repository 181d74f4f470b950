"""`shakeup poll`: the poller process — feed list, state, Kafka producer and HTTP session wired up."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from pathlib import Path
from typing import Callable

import aiohttp
from aiokafka import AIOKafkaProducer

from streams.feeds.feed_list import DEFAULT_FEED_LIST, FeedSpec, load_feed_list
from streams.feeds.poll_state import PollState
from streams.feeds.poller import FeedPoller, PollOutcome
from streams.kafka.client_config import producer_kwargs
from streams.kafka.topics import ensure_topics
from streams.settings import Settings


def feed_list(settings: Settings) -> list[FeedSpec]:
    return load_feed_list(settings.feeds_file or DEFAULT_FEED_LIST)


def state_path(settings: Settings) -> Path:
    return Path(settings.state_dir or ".shakeup") / "poller.sqlite"


def describe_outcome(outcome: PollOutcome) -> str:
    if outcome.status == "error":
        return f"{outcome.feed.url}: error: {outcome.error}"
    if outcome.status == "not-modified":
        return f"{outcome.feed.url}: not modified"
    return f"{outcome.feed.url}: {outcome.items_found} items, {outcome.items_new} new"


async def run_pollers(settings: Settings, *, once: bool, emit: Callable[[str], None],
                      stop: asyncio.Event | None = None) -> list[PollOutcome]:
    """Poll the configured feeds once (``once``) or until ``stop`` is set or SIGTERM/SIGINT."""
    feeds = feed_list(settings)
    await ensure_topics(settings)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    state = PollState(state_path(settings))
    producer = AIOKafkaProducer(**producer_kwargs(settings))
    await producer.start()
    try:
        async with aiohttp.ClientSession() as session:
            poller = FeedPoller(settings, feeds, producer, state, session, on_outcome=lambda o: emit(describe_outcome(o)))
            if once:
                return await poller.poll_all()
            emit(f"polling {len(feeds)} feeds; Ctrl-C to stop")
            await poller.run(stop)
            return []
    finally:
        await producer.stop()
        state.close()
