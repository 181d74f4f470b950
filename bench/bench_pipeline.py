"""Pipeline benchmark on the embedded broker: the broker's ceiling, Faust's, and Shakeup's.

Run: .venv/bin/python bench/bench_pipeline.py [--items 20000] [--rate 1000] [--latency-seconds 20]

In one run, on one embedded broker (tansu, memory storage), this prints:
1. raw aiokafka: produce N records, then consume them (the broker's ceiling for one client);
2. a trivial Faust agent that only forwards items, built with the Faust settings of
   streams/worker/app.py (Faust's own ceiling on one core), and the same agent with Faust's
   default producer batching instead of ``producer_max_batch_size=1``;
3. Shakeup's pipeline (detect + dedup with its Table) on one worker, then on two: items/s from
   a backlog of N items on ``news.items`` to the last alert;
4. item -> alert latency at a fixed offered load (1,000 items/s): from the moment an item is
   produced to the moment its alert (new or update) is consumed, for the items that make one;
5. worker RSS and CPU use before and after.
Throughput is measured from a backlog: the worker is started and ready first, then N items are
produced at once, and items/s is N over the span between the first and the last record the
worker wrote (their broker timestamps). The item mix: bench/pipeline_items.py.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script or with -m

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition  # noqa: E402
from aiokafka.admin import AIOKafkaAdminClient, NewTopic  # noqa: E402

from bench.pipeline_items import ItemMix  # noqa: E402
from bench.pipeline_worker import FORWARDED, OVERRIDES_ENV  # noqa: E402
from streams.child_process import spawn, stop  # noqa: E402
from streams.kafka.client_config import client_kwargs, producer_kwargs, topic_partitions  # noqa: E402
from streams.kafka.embedded_broker import EmbeddedBroker, free_port  # noqa: E402
from streams.kafka.progress import read_to_end, wait_for_group  # noqa: E402
from streams.kafka.topics import ALERT_UPDATES, ALERTS, NEWS_ITEMS, NEWS_LEADERSHIP, WORKER_INPUTS, ensure_topics  # noqa: E402
from streams.models import decode_alert, to_json  # noqa: E402
from streams.settings import Settings, settings_env  # noqa: E402

WORKER_SCRIPT = Path(__file__).resolve().parent / "pipeline_worker.py"
TICKS = os.sysconf("SC_CLK_TCK")


# --- processes ---------------------------------------------------------------------------------


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


@dataclass
class Worker:
    process: object
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def check(self) -> None:
        if self.process.poll() is not None:
            raise SystemExit(f"worker exited ({self.process.returncode}):\n"
                             f"{self.log.read_text(errors='replace')[-3000:]}")


def start_worker(kind: str, settings: Settings, workdir: Path, name: str,
                 overrides: dict | None = None, fetch_wait_ms: int | None = None) -> Worker:
    settings = settings.replace(worker_data_dir=str(workdir / name), worker_web_port=free_port())
    if fetch_wait_ms is not None:
        settings = settings.replace(consumer_fetch_wait_ms=fetch_wait_ms)
    env = {**os.environ, **settings_env(settings), OVERRIDES_ENV: json.dumps(overrides or {})}
    log = workdir / f"{name}.log"
    with open(log, "ab") as output:
        process = spawn([sys.executable, str(WORKER_SCRIPT), kind], env=env, output=output)
    return Worker(process, log)


async def wait_stable(settings: Settings, members: int, workers: list[Worker], timeout: float = 90) -> None:
    admin = AIOKafkaAdminClient(**client_kwargs(settings))
    await admin.start()
    try:
        deadline = time.monotonic() + timeout
        while True:
            [group] = (await admin.describe_consumer_groups([settings.app_id]))[0].groups
            if group[2] == "Stable" and len(group[5]) == members:
                return
            for worker in workers:
                worker.check()
            if time.monotonic() > deadline:
                raise SystemExit(f"group {settings.app_id} not stable with {members} members")
            await asyncio.sleep(0.2)
    finally:
        await admin.close()


# --- Kafka helpers -----------------------------------------------------------------------------


async def produce_items(settings: Settings, items, *, rate: float | None = None,
                        sent_at: dict | None = None) -> dict[TopicPartition, int]:
    """Produce items to news.items (paced at ``rate`` when given); exact end offsets from the acks."""
    producer = AIOKafkaProducer(**producer_kwargs(settings))
    await producer.start()
    try:
        topic, futures, start = settings.topic(NEWS_ITEMS), [], time.monotonic()
        for n, item in enumerate(items):
            if rate and n % 10 == 0:
                delay = start + n / rate - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
            if sent_at is not None:
                sent_at[item.link] = time.time()
            futures.append(await producer.send(topic, to_json(item), key=item.item_id.encode()))
        ends: dict[TopicPartition, int] = {}
        for meta in await asyncio.gather(*futures):
            tp = TopicPartition(meta.topic, meta.partition)
            ends[tp] = max(ends.get(tp, 0), meta.offset + 1)
        return ends
    finally:
        await producer.stop()


async def record_times(settings: Settings, topics: list[str]) -> list[int]:
    """Broker timestamps (ms) of every record on ``topics``."""
    consumer = AIOKafkaConsumer(**client_kwargs(settings), enable_auto_commit=False)
    await consumer.start()
    try:
        parts = [tp for t in topics for tp in await topic_partitions(consumer, t)]
        consumer.assign(parts)
        await consumer.seek_to_beginning(*parts)
        times = []
        while batch := await consumer.getmany(timeout_ms=500, max_records=20_000):
            times += [r.timestamp for rs in batch.values() for r in rs]
        return times
    finally:
        await consumer.stop()


# --- the measurements ----------------------------------------------------------------------------


async def raw_ceiling(settings: Settings, count: int) -> str:
    """Produce ``count`` 600-byte records as fast as aiokafka can, then consume them."""
    topic = "bench.raw"
    admin = AIOKafkaAdminClient(**client_kwargs(settings))
    await admin.start()
    await admin.create_topics([NewTopic(topic, settings.partitions, 1)])
    await admin.close()
    value = b"x" * 600
    producer = AIOKafkaProducer(**producer_kwargs(settings))
    await producer.start()
    start = time.perf_counter()
    futures = [await producer.send(topic, value, key=str(n).encode()) for n in range(count)]
    await asyncio.gather(*futures)
    produce_s = time.perf_counter() - start
    await producer.stop()
    consumer = AIOKafkaConsumer(**client_kwargs(settings), enable_auto_commit=False)
    await consumer.start()
    parts = await topic_partitions(consumer, topic)
    consumer.assign(parts)
    await consumer.seek_to_beginning(*parts)
    start, seen = time.perf_counter(), 0
    while seen < count:
        batch = await consumer.getmany(timeout_ms=1000, max_records=10_000)
        seen += sum(len(rs) for rs in batch.values())
    consume_s = time.perf_counter() - start
    await consumer.stop()
    # and what one record per batch costs a producer (Faust's producer_max_batch_size=1)
    small = min(count, 5000)
    producer = AIOKafkaProducer(**producer_kwargs(settings), max_batch_size=1)
    await producer.start()
    start = time.perf_counter()
    futures = [await producer.send(topic, value, key=str(n).encode()) for n in range(small)]
    await asyncio.gather(*futures)
    single_s = time.perf_counter() - start
    await producer.stop()
    return (f"raw aiokafka, {count} records of 600 B: produce {count / produce_s:,.0f}/s, "
            f"consume {count / consume_s:,.0f}/s; produce with one record per batch "
            f"{small / single_s:,.0f}/s")


@dataclass
class Throughput:
    items: int
    seconds: float
    worker_cpu: list[float]  # per worker: CPU seconds / wall seconds over the run
    broker_cpu: float
    rss_before: list[float]
    rss_after: list[float]

    @property
    def rate(self) -> float:
        return self.items / self.seconds

    def line(self, label: str) -> str:
        cpu = " + ".join(f"{c:.0%}" for c in self.worker_cpu)
        rss = ", ".join(f"{b:.0f}->{a:.0f}" for b, a in zip(self.rss_before, self.rss_after))
        return (f"{label}: {self.rate:,.0f} items/s ({self.items} items in {self.seconds:.1f} s; "
                f"worker CPU {cpu} of a core, broker {self.broker_cpu:.0%}; worker RSS MiB {rss})")


async def backlog_throughput(settings: Settings, workers: list[Worker], broker_pid: int, items,
                             output_topics: list[str]) -> Throughput:
    """Produce ``items`` at once to ready workers; items/s between their first and last output."""
    await wait_stable(settings, len(workers), workers)
    rss_before = [rss_mib(w.pid) for w in workers]
    cpu_before = [cpu_seconds(w.pid) for w in workers] + [cpu_seconds(broker_pid)]
    wall = time.monotonic()
    ends = await produce_items(settings, items)
    await wait_for_group(settings, settings.app_id, ends, timeout=900,
                         check=lambda: [w.check() for w in workers])
    if settings.topic(NEWS_LEADERSHIP) in output_topics:  # the route and dedup agents' inputs too
        for topic in WORKER_INPUTS[1:]:
            stage_ends, _ = await read_to_end(settings, settings.topic(topic))
            await wait_for_group(settings, settings.app_id, stage_ends, timeout=900)
    wall = time.monotonic() - wall
    cpu_after = [cpu_seconds(w.pid) for w in workers] + [cpu_seconds(broker_pid)]
    times = await record_times(settings, output_topics)
    seconds = (max(times) - min(times)) / 1000
    cpu = [(a - b) / wall for a, b in zip(cpu_after, cpu_before)]
    return Throughput(len(items), seconds, cpu[:-1], cpu[-1], rss_before,
                      [rss_mib(w.pid) for w in workers])


async def latency_at(settings: Settings, worker: Worker, mix: ItemMix, rate: float,
                     seconds: float) -> str:
    """Offer ``rate`` items/s for ``seconds``; produce -> alert consumed, for items with an alert."""
    items = mix.take(int(rate * seconds))
    sent_at: dict[str, float] = {}
    received: dict[str, float] = {}
    # assigned, not subscribed: a group join on the embedded broker takes seconds. Only the
    # worker writes the alert topics, one record per batch, so their end offsets are right.
    # A short fetch wait: tansu holds an empty fetch for all of it (aiokafka's default 500 ms),
    # which would time the measuring consumer, not the pipeline.
    consumer = AIOKafkaConsumer(**client_kwargs(settings), enable_auto_commit=False,
                                fetch_max_wait_ms=10)
    await consumer.start()
    parts = [tp for topic in (ALERTS, ALERT_UPDATES)
             for tp in await topic_partitions(consumer, settings.topic(topic))]
    consumer.assign(parts)
    await consumer.seek_to_end(*parts)
    for tp in parts:
        await consumer.position(tp)
    stop = asyncio.Event()

    async def consume() -> None:
        while not stop.is_set():
            batch = await consumer.getmany(timeout_ms=50)
            now = time.time()
            for records in batch.values():
                for record in records:
                    alert = decode_alert(record.value)
                    if alert.source is not None:
                        received.setdefault(alert.source.url, now)

    reader = asyncio.create_task(consume())
    cpu_before, wall = cpu_seconds(worker.pid), time.monotonic()
    await produce_items(settings, items, rate=rate, sent_at=sent_at)
    offered = len(items) / (time.monotonic() - wall)
    await asyncio.sleep(3.0)  # the last alerts
    cpu = (cpu_seconds(worker.pid) - cpu_before) / (time.monotonic() - wall)
    stop.set()
    await reader
    await consumer.stop()
    latencies = sorted((received[link] - sent) * 1000 for link, sent in sent_at.items()
                       if link in received)
    if not latencies:
        return "latency: no alerts"
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]  # noqa: E731
    return (f"item->alert latency at {offered:,.0f} items/s offered for {seconds:.0f} s "
            f"({len(latencies)} items made an alert): p50 {p(0.50):.0f} ms, p90 {p(0.90):.0f} ms, "
            f"p99 {p(0.99):.0f} ms, max {latencies[-1]:.0f} ms; worker CPU {cpu:.0%}")


# --- the run -----------------------------------------------------------------------------------


async def run(args: argparse.Namespace) -> None:
    mix = ItemMix(change_share=args.change_share, seed=args.seed)
    print(f"item mix: {mix.describe()}")
    workdir = Path(tempfile.mkdtemp(prefix="bench-pipeline-"))
    with EmbeddedBroker() as broker:
        base = Settings(kafka_bootstrap=broker.bootstrap, allow_private_networks=True,
                        log_level="WARNING", log_format="json", partitions=args.partitions,
                        dedup_sweep_interval=3600.0)
        if args.fetch_wait_ms is not None:
            base = base.replace(consumer_fetch_wait_ms=args.fetch_wait_ms)
        print(f"embedded broker {broker.bootstrap}, {args.partitions} partitions, "
              f"{os.cpu_count()} cores; worker logs in {workdir}")
        print(await raw_ceiling(base.replace(app_id="bench-raw"), args.raw_records))

        async def trivial(label: str, prefix: str, overrides: dict | None) -> Throughput:
            settings = base.replace(app_id=f"bench-{prefix}", topic_prefix=f"{prefix}.")
            await ensure_topics(settings)
            worker = start_worker("trivial", settings, workdir, prefix, overrides)
            try:
                result = await backlog_throughput(settings, [worker], broker.pid, mix.take(args.items),
                                                  [settings.topic(FORWARDED)])
            finally:
                stop(worker.process, timeout=20)
            print(result.line(label))
            return result

        trivial_one = await trivial("trivial Faust agent (Shakeup's Faust settings)", "trivial", None)
        if not args.quick:
            await trivial("trivial Faust agent, Faust's default producer batching", "trivial-batched",
                          {"producer_max_batch_size": 16384})

        async def pipeline(label: str, prefix: str, workers: int, overrides: dict | None = None,
                           fetch_wait_ms: int | None = None, latency: bool = False) -> Throughput:
            settings = base.replace(app_id=f"bench-{prefix}", topic_prefix=f"{prefix}.")
            await ensure_topics(settings)
            running = [start_worker("shakeup", settings, workdir, f"{prefix}-{n}", overrides,
                                    fetch_wait_ms) for n in range(workers)]
            try:
                outputs = [settings.topic(t) for t in (NEWS_LEADERSHIP, ALERTS, ALERT_UPDATES)]
                result = await backlog_throughput(settings, running, broker.pid, mix.take(args.items),
                                                  outputs)
                share = f"; {result.rate / trivial_one.rate:.0%} of the trivial agent" if workers == 1 else ""
                print(result.line(label) + share)
                if latency:
                    print("  " + await latency_at(settings, running[0], mix, args.rate,
                                                  args.latency_seconds))
                    print(f"  worker RSS after the latency run: {rss_mib(running[0].pid):.0f} MiB")
                return result
            finally:
                for worker in running:
                    stop(worker.process, timeout=20)

        one = await pipeline("Shakeup pipeline, 1 worker", "one", 1, latency=True)
        two = await pipeline("Shakeup pipeline, 2 workers", "two", 2)
        print(f"two workers / one: x{two.rate / one.rate:.2f}")
        if not args.quick:
            await pipeline("Shakeup pipeline, 1 worker, Faust's default producer batching",
                           "one-batched", 1, {"producer_max_batch_size": 16384})
            await pipeline("Shakeup pipeline, 1 worker, Faust's own consumer fetch wait (1500 ms "
                           "instead of SHAKEUP_CONSUMER_FETCH_WAIT_MS=100)", "one-fetch", 1,
                           fetch_wait_ms=1500, latency=True)
        print(f"broker RSS at the end: {rss_mib(broker.pid):.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000, help="backlog size for throughput")
    parser.add_argument("--raw-records", type=int, default=100_000)
    parser.add_argument("--rate", type=float, default=1000.0, help="offered load for latency, items/s")
    parser.add_argument("--latency-seconds", type=float, default=20.0)
    parser.add_argument("--change-share", type=float, default=0.03)
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fetch-wait-ms", type=int, default=None,
                        help="the workers' consumer fetch wait (default: SHAKEUP_CONSUMER_FETCH_WAIT_MS's)")
    parser.add_argument("--quick", action="store_true",
                        help="skip the producer-batching comparisons")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
