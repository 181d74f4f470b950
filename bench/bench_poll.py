"""Poller benchmark: 10,000 feeds against a local server — feeds/s, CPU per 1,000 polls, peak RSS.

Run: .venv/bin/python bench/bench_poll.py [--feeds 10000] [--hosts 50] [--rounds 2]

The whole poller path is timed in this process — dispatcher with the per-host and global limits,
guarded HTTP, parsing in threads, SQLite state, the outbox and a Kafka producer (acks=all) on an
embedded broker — against a server in a child process (bench/poll_feed_server.py) whose feeds
are mostly unchanged (304), ~8% publish a new item on every poll and 2% fail. Round 1 is the
cold start (every feed answers 200 and is parsed); the later rounds are the steady state that
matters for "10,000 feeds every 5 minutes in less than one core".
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script or with -m

from bench.poll_feed_server import feed_kind, host_address, start_server
from streams.feeds.feed_list import FeedSpec
from streams.feeds.fetcher import open_session
from streams.feeds.poller import FeedPoller
from streams.feeds.poller_main import poller_producer
from streams.feeds.state_store import StateStore
from streams.kafka.embedded_broker import EmbeddedBroker, free_port
from streams.kafka.progress import read_to_end
from streams.kafka.topics import NEWS_ITEMS, ensure_topics
from streams.observability.cli_progress import Progress, progress_wanted
from streams.settings import Settings

TARGET_FEEDS, TARGET_PERIOD_S = 10_000, 300.0


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def bench(feeds: int, hosts: int, rounds: int, show_progress: bool = False) -> None:
    port = free_port()
    server = start_server(port, hosts)
    specs = [FeedSpec(url=f"http://{host_address(n, hosts)}:{port}/feed/{n}") for n in range(feeds)]
    print(f"{feeds} feeds on {hosts} loopback hosts: "
          + ", ".join(f"{count} {kind}" for kind, count in
                      sorted(Counter(feed_kind(n) for n in range(feeds)).items())))
    try:
        with EmbeddedBroker() as broker, tempfile.TemporaryDirectory() as tmp:
            settings = Settings(kafka_bootstrap=broker.bootstrap, state_dir=tmp,
                                allow_private_networks=True, log_level="WARNING")
            print(f"limits: {settings.poll_concurrency} fetches at once, {settings.poll_per_host} per "
                  f"host, {settings.parse_threads} parse threads")
            await ensure_topics(settings)
            store = StateStore(f"{tmp}/poller.sqlite")
            producer = poller_producer(settings)
            await producer.start()
            try:
                async with open_session(settings) as session:
                    for number in range(1, rounds + 1):
                        await _round(number, settings, specs, producer, store, session,
                                     show_progress)
            finally:
                await producer.stop()
                store.close()
            _, values = await read_to_end(settings, settings.topic(NEWS_ITEMS))
            print(f"news.items holds {len(values)} messages")
    finally:
        server.kill()
    print(f"peak RSS of the poller process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


async def _round(number: int, settings: Settings, specs, producer, store, session,
                 show_progress: bool = False) -> None:
    # progress goes to stderr, at most five redraws a second: it does not move the figures
    progress = Progress(f"round {number}: polling", len(specs), enabled=show_progress)
    poller = FeedPoller(settings, specs, producer, store, session,
                        on_outcome=lambda outcome: progress.advance())
    cpu, started = _cpu(), time.perf_counter()
    with progress:
        outcomes = await poller.poll_all()
    wall, cpu = time.perf_counter() - started, _cpu() - cpu
    statuses = Counter(o.status for o in outcomes)
    new_items = sum(o.items_new for o in outcomes)
    per_1000 = cpu / len(outcomes) * 1000
    cores = per_1000 * TARGET_FEEDS / 1000 / TARGET_PERIOD_S
    label = "cold start, every feed parsed" if number == 1 else "steady state"
    print(f"round {number} ({label}): {len(outcomes)} polls in {wall:.1f} s = "
          f"{len(outcomes) / wall:,.0f} feeds/s; CPU {cpu:.1f} s = {per_1000:.2f} CPU-s per 1,000 polls "
          f"-> {cores:.3f} cores for {TARGET_FEEDS:,} feeds every {TARGET_PERIOD_S:.0f} s; "
          f"{dict(statuses)}, {new_items} new items delivered, "
          f"max {poller.dispatcher.max_host_active} fetches on one host")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=TARGET_FEEDS)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="progress on stderr (default: only on a terminal)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    asyncio.run(bench(args.feeds, args.hosts, args.rounds, progress_wanted(args.progress)))


if __name__ == "__main__":
    main()
