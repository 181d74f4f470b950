"""The shell around the health rules: probe Kafka, watch the event loop, sample progress.

One :class:`HealthMonitor` per process runs beside its real work::

    monitor = HealthMonitor(settings, sample=lambda: {("news.items", 0): (committed, end)})
    task = asyncio.create_task(monitor.run(stop))
    monitor.report()  # -> HealthReport, what /healthz serves

The Kafka probe is a metadata request on its own client with the process's bootstrap servers
and credentials: if it cannot get an answer, neither can the process's producer or consumer.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import time
from typing import Awaitable, Callable, Hashable, Mapping, Union

from aiokafka.client import AIOKafkaClient
from aiokafka.errors import KafkaError

from streams.kafka.client_config import client_kwargs
from streams.observability import metrics
from streams.observability.health import (HealthLimits, HealthReport, LoopLagWindow,
                                          ProgressWatch, assess)
from streams.settings import Settings

log = logging.getLogger(__name__)

PROBE_INTERVAL_S = 5.0
LOOP_TICK_S = 0.25

# key -> (position, end): committed offset and high watermark, or delivered and queued items
Samples = Mapping[Hashable, tuple[int, int]]
Sampler = Callable[[], Union[Samples, Awaitable[Samples]]]


def health_limits(settings: Settings) -> HealthLimits:
    return HealthLimits(stall_s=settings.health_stall_seconds,
                        loop_block_s=settings.health_loop_block_seconds,
                        kafka_grace_s=max(15.0, 3 * PROBE_INTERVAL_S))


class KafkaProbe:
    """Asks Kafka for cluster metadata now and then; remembers when it last answered."""

    def __init__(self, settings: Settings, *, timeout: float = 5.0):
        self.settings = settings
        self.timeout = timeout
        self.ok_at: float | None = None  # monotonic
        self.error: str | None = None
        self._client: AIOKafkaClient | None = None

    async def check(self) -> bool:
        try:
            async with asyncio.timeout(self.timeout):
                if self._client is None:
                    client = AIOKafkaClient(**client_kwargs(self.settings),
                                            request_timeout_ms=int(self.timeout * 1000))
                    try:
                        await client.bootstrap()
                    except BaseException:
                        await client.close()
                        raise
                    self._client = client
                await self._client.fetch_all_metadata()
        except (KafkaError, OSError, TimeoutError) as exc:
            text, name = str(exc), type(exc).__name__
            self.error = text if text.startswith(name) else f"{name}: {text}" if text else name
            metrics.KAFKA_REACHABLE.set(0)
            return False
        self.ok_at, self.error = time.monotonic(), None
        metrics.KAFKA_REACHABLE.set(1)
        return True

    async def close(self) -> None:
        if self._client is not None:
            with contextlib.suppress(Exception):
                await self._client.close()
            self._client = None


class HealthMonitor:
    """Kafka probe + event-loop watchdog + progress sampling, assessed on demand."""

    def __init__(self, settings: Settings, *, sample: Sampler | None = None,
                 lag_gauge: bool = False, extra: Callable[[], tuple[str, ...]] = tuple):
        self.limits = health_limits(settings)
        self.probe = KafkaProbe(settings)
        self.progress = ProgressWatch()
        self.loop = LoopLagWindow()
        self.sample = sample
        self.lag_gauge = lag_gauge  # publish shakeup_consumer_lag from the samples
        self.extra = extra
        self.started_at = time.monotonic()

    def note_activity(self) -> None:
        """The process did something useful that is not visible as a moved position."""
        self.progress.note_activity(time.monotonic())

    def report(self) -> HealthReport:
        report = assess(now=time.monotonic(), started_at=self.started_at,
                        kafka_ok_at=self.probe.ok_at, kafka_error=self.probe.error,
                        progress=self.progress, loop=self.loop, limits=self.limits,
                        extra_reasons=self.extra())
        metrics.HEALTHY.set(1 if report.healthy else 0)
        return report

    async def run(self, stop: asyncio.Event | None = None) -> None:
        """Probe and sample until ``stop`` (or cancelled)."""
        watchdog = asyncio.create_task(self._watch_loop())
        try:
            while stop is None or not stop.is_set():
                await self.probe.check()
                await self.sample_progress()
                self.report()
                if stop is None:
                    await asyncio.sleep(PROBE_INTERVAL_S)
                else:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(stop.wait(), PROBE_INTERVAL_S)
        finally:
            watchdog.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watchdog
            await self.probe.close()

    async def sample_progress(self) -> None:
        if self.sample is None:
            return
        try:
            samples = self.sample()
            if inspect.isawaitable(samples):
                samples = await samples
            samples = dict(samples)
        except Exception:  # a sampler bug must not take the process's health down with it
            log.exception("health: sampling progress failed")
            return
        now = time.monotonic()
        for key, (position, end) in samples.items():
            self.progress.observe(key, position, end, now)
        self.progress.retain(set(samples))
        if self.lag_gauge:
            metrics.CONSUMER_LAG.clear()
            for key, behind in self.progress.behind().items():
                topic, partition = key if isinstance(key, tuple) else (str(key), 0)
                metrics.CONSUMER_LAG.labels(topic=topic, partition=str(partition)).set(behind)

    async def _watch_loop(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            before = loop.time()
            await asyncio.sleep(LOOP_TICK_S)
            lag = max(0.0, loop.time() - before - LOOP_TICK_S)
            self.loop.record(time.monotonic(), lag, self.limits.loop_window_s)
            metrics.LOOP_LAG.set(lag)
