"""The moving parts of a fault test: `shakeup worker` processes, an item producer, catch-up and lag.

Workers are real subprocesses (kill -9 must hit a real process), each with its own log, data
directory and web port; the broker is the test's embedded one.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from streams.child_process import spawn, stop
from streams.kafka.client_config import client_kwargs, producer_kwargs, topic_partitions
from streams.kafka.embedded_broker import free_port
from streams.kafka.progress import read_to_end, wait_for_group
from streams.kafka.topics import NEWS_ITEMS, WORKER_INPUTS, ensure_topics
from streams.local_stack import shakeup_command
from streams.models import NewsItem, to_json
from streams.settings import Settings, settings_env


def rss_mib(pid: int) -> float:
    """Resident memory of a process, MiB (from /proc)."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise ValueError(f"no VmRSS for {pid}")


@dataclass
class Worker:
    name: str
    process: subprocess.Popen
    log: Path
    data_dir: Path
    started: float

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def log_tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""


class Fleet:
    """The workers of one test. ``check()`` raises when one died that the test did not kill."""

    def __init__(self, settings: Settings, workdir: Path):
        self.settings = settings
        self.workdir = Path(workdir)
        self.workers: dict[str, Worker] = {}

    def start(self, name: str = "w1", **changes: object) -> Worker:
        """Start (or restart) worker ``name``; it keeps its data directory across restarts."""
        data_dir = self.workers_dir(name)
        settings = self.settings.replace(worker_data_dir=str(data_dir), worker_web_port=free_port(),
                                         **changes)
        log = self.workdir / f"{name}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, **settings_env(settings)}
        with open(log, "ab") as output:
            process = spawn(shakeup_command("worker"), env=env, output=output)
        worker = self.workers[name] = Worker(name, process, log, data_dir, time.monotonic())
        return worker

    def kill(self, name: str = "w1") -> None:
        """kill -9, and reap it."""
        worker = self.workers.pop(name)
        os.kill(worker.pid, signal.SIGKILL)
        worker.process.wait()

    def stop(self, name: str = "w1", timeout: float = 30.0) -> int:
        """SIGTERM (a clean leave: commit, flush, leave the group); returns the exit code."""
        return stop(self.workers.pop(name).process, timeout=timeout)

    def workers_dir(self, name: str = "w1") -> Path:
        """Where worker ``name`` keeps its local state."""
        return self.workdir / name / "data"

    def wipe(self, name: str = "w1") -> None:
        """Delete a (stopped) worker's local state."""
        shutil.rmtree(self.workers_dir(name), ignore_errors=True)

    def check(self) -> None:
        for worker in self.workers.values():
            if not worker.alive():
                raise AssertionError(f"worker {worker.name} exited with {worker.process.returncode} "
                                     f"(a crash):\n{worker.log_tail()}")

    def close(self) -> None:
        for name in list(self.workers):
            self.stop(name, timeout=15)


class ItemProducer:
    """Produces items to ``news.items`` and knows the exact end offset of every partition it wrote
    (from the acks: the embedded broker's ListOffsets is wrong for batched topics)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.topic = settings.topic(NEWS_ITEMS)
        self.ends: dict[TopicPartition, int] = {}
        self.produced_at: dict[str, float] = {}  # item_id -> wall time of the send
        self._producer: AIOKafkaProducer | None = None

    async def __aenter__(self) -> "ItemProducer":
        await ensure_topics(self.settings)
        self._producer = AIOKafkaProducer(**producer_kwargs(self.settings))
        await self._producer.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._producer.stop()

    async def send(self, items: Iterable[NewsItem], *, rate: float | None = None) -> None:
        """Send ``items`` (at ``rate`` items/s when given) and wait for every ack."""
        start, pending = time.monotonic(), []
        for n, item in enumerate(items):
            if rate:
                delay = start + n / rate - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
            self.produced_at[item.item_id] = time.time()
            pending.append(await self._producer.send(self.topic, to_json(item),
                                                     key=item.item_id.encode()))
        for meta in await asyncio.gather(*pending):
            tp = TopicPartition(meta.topic, meta.partition)
            self.ends[tp] = max(self.ends.get(tp, 0), meta.offset + 1)


async def produce_raw(settings: Settings, topic: str,
                      records: Iterable[tuple[bytes | None, bytes | None]], *,
                      batched: bool = False) -> list[tuple[int, int]]:
    """Send (key, value) pairs as they are (acks=all): their (partition, offset).

    One at a time, or ``batched`` (fast; the embedded broker then reports wrong end offsets for
    the topic: read it to its end instead of asking).
    """
    await ensure_topics(settings)
    producer = AIOKafkaProducer(**producer_kwargs(settings))
    await producer.start()
    try:
        if batched:
            sent = [await producer.send(settings.topic(topic), key=k, value=v) for k, v in records]
            metas = await asyncio.gather(*sent)
        else:
            metas = [await producer.send_and_wait(settings.topic(topic), key=k, value=v)
                     for k, v in records]
        return [(meta.partition, meta.offset) for meta in metas]
    finally:
        await producer.stop()


async def wait_caught_up(settings: Settings, fleet: Fleet, *, timeout: float = 120.0) -> None:
    """Until the worker group committed the end of ``news.items``, then of ``news.leadership``
    (read to its end, so whatever the detect agent wrote meanwhile is included)."""
    for topic in WORKER_INPUTS:
        ends, _ = await read_to_end(settings, settings.topic(topic))
        await wait_for_group(settings, settings.app_id, ends, timeout=timeout, check=fleet.check)


async def group_members(settings: Settings, group: str) -> tuple[str, int]:
    """(state, member count) of a consumer group, as the broker describes it."""
    admin = AIOKafkaAdminClient(**client_kwargs(settings))
    await admin.start()
    try:
        [described] = (await admin.describe_consumer_groups([group]))[0].groups
        return described[2], len(described[5])
    finally:
        await admin.close()


async def wait_members(settings: Settings, fleet: Fleet, count: int, *, timeout: float = 60.0) -> float:
    """Until the worker group is Stable with ``count`` members; returns the seconds it took."""
    start = time.monotonic()
    while await group_members(settings, settings.app_id) != ("Stable", count):
        fleet.check()
        if time.monotonic() - start > timeout:
            raise AssertionError(f"group not Stable with {count} members after {timeout:.0f} s: "
                                 f"{await group_members(settings, settings.app_id)}")
        await asyncio.sleep(0.25)
    return time.monotonic() - start


class LagProbe:
    """Records not yet committed by the worker group on ``news.items`` and the report topics
    (``news.leadership.people``, ``news.leadership``).

    ``news.items`` ends come from the producer's acks; the report topics are written only by
    the worker, one record per batch (``producer_max_batch_size=1``), so ListOffsets is right.
    """

    def __init__(self, settings: Settings, producer: ItemProducer):
        self.settings = settings
        self.producer = producer
        self._consumer: AIOKafkaConsumer | None = None
        self._reports: list[TopicPartition] = []

    async def __aenter__(self) -> "LagProbe":
        self._consumer = AIOKafkaConsumer(**client_kwargs(self.settings), group_id=self.settings.app_id,
                                          enable_auto_commit=False)
        await self._consumer.start()
        self._reports = [tp for topic in WORKER_INPUTS[1:]
                         for tp in await topic_partitions(self._consumer, self.settings.topic(topic))]
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._consumer.stop()

    async def lag(self) -> int:
        ends = dict(self.producer.ends)
        ends.update(await self._consumer.end_offsets(self._reports))
        behind = 0
        for tp, end in ends.items():
            behind += max(0, end - (await self._consumer.committed(tp) or 0))
        return behind
