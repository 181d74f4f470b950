"""Start each feed's poll when it is due, within a global and a per-host concurrency limit.

Miniflux's scheduler + worker pool, for thousands of feeds in one event loop: a heap of due
times (not one sleeping task per feed), at most ``concurrency`` polls at once and at most
``per_host`` against one host. A feed whose host is busy waits in that host's queue without
holding a global slot, so one slow host with many feeds cannot starve the others. When
``paused()`` is true (the outbox is full because Kafka is away) nothing new starts.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
import time
from collections import defaultdict, deque
from typing import Awaitable, Callable, Iterable
from urllib.parse import urlsplit

from streams.feeds.feed_list import FeedSpec

log = logging.getLogger(__name__)

# polls a feed; returns when it is due next (epoch seconds) or None to stop polling it
PollFunction = Callable[[FeedSpec], Awaitable[float | None]]


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


class PollDispatcher:
    """Runs ``poll(spec)`` for each scheduled feed at its due time, bounded per host and overall."""

    def __init__(self, poll: PollFunction, *, concurrency: int, per_host: int,
                 paused: Callable[[], bool] = lambda: False, clock: Callable[[], float] = time.time):
        self.poll = poll
        self.per_host = max(1, per_host)
        self.paused = paused
        self.clock = clock
        self._slots = asyncio.Semaphore(max(1, concurrency))
        self._heap: list[tuple[float, int, str]] = []
        self._due: dict[str, float] = {}  # url -> due time of its live heap entry
        self._specs: dict[str, FeedSpec] = {}
        self._hosts: dict[str, str] = {}
        self._host_active: dict[str, int] = defaultdict(int)
        self._host_waiting: dict[str, deque[str]] = defaultdict(deque)
        self._running: dict[str, asyncio.Task] = {}
        self._counter = itertools.count()
        self._wake = asyncio.Event()
        self.max_host_active = 0  # the most polls ever seen running against one host

    # --- what to poll ----------------------------------------------------------------------

    def schedule(self, spec: FeedSpec, due: float, host: str | None = None) -> None:
        """Poll ``spec`` at ``due`` (epoch seconds); replaces an earlier schedule of the feed."""
        self._specs[spec.url] = spec
        self._hosts[spec.url] = host or host_of(spec.url)
        if spec.url not in self._running:
            self._push(spec.url, due)

    def unschedule(self, urls: Iterable[str]) -> list[asyncio.Task]:
        """Stop polling ``urls``; returns the polls of theirs still running (await to drain)."""
        running = []
        for url in urls:
            self._specs.pop(url, None)
            self._due.pop(url, None)
            if url in self._running:
                running.append(self._running[url])
        return running

    @property
    def scheduled(self) -> set[str]:
        return set(self._specs)

    def idle(self) -> bool:
        return not self._due and not self._running and not any(self._host_waiting.values())

    def _push(self, url: str, due: float) -> None:
        self._due[url] = due
        heapq.heappush(self._heap, (due, next(self._counter), url))
        self._wake.set()

    # --- the loop ----------------------------------------------------------------------------

    async def run(self, stop: asyncio.Event | None = None, *, until_idle: bool = False) -> None:
        """Dispatch until ``stop`` is set (or, with ``until_idle``, until nothing is left)."""
        stop = stop or asyncio.Event()
        try:
            while not stop.is_set():
                if until_idle and self.idle():
                    return
                url = self._next_due()
                if url is None:
                    await self._sleep(stop)
                    continue
                if url in self._running:
                    continue  # rescheduled while running: its poll reschedules it when done
                host = self._hosts.get(url, "")
                if self._host_active[host] >= self.per_host:
                    self._host_waiting[host].append(url)
                    continue
                await self._slots.acquire()
                self._start(url, host)
        finally:
            tasks = list(self._running.values())
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    def _next_due(self) -> str | None:
        if self.paused():
            return None
        now = self.clock()
        while self._heap and self._heap[0][0] <= now:
            due, _, url = heapq.heappop(self._heap)
            if self._due.get(url) == due:
                del self._due[url]
                if url in self._specs:
                    return url
        return None

    async def _sleep(self, stop: asyncio.Event) -> None:
        self._wake.clear()
        timeout = 1.0 if self.paused() or not self._heap else max(0.0, self._heap[0][0] - self.clock())
        waiters = [asyncio.ensure_future(self._wake.wait()), asyncio.ensure_future(stop.wait())]
        try:
            await asyncio.wait(waiters, timeout=min(timeout, 60.0), return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()

    def _start(self, url: str, host: str) -> None:
        self._host_active[host] += 1
        self.max_host_active = max(self.max_host_active, self._host_active[host])
        task = asyncio.create_task(self._poll(url, host), name=f"poll {url}")
        self._running[url] = task

    async def _poll(self, url: str, host: str) -> None:
        due = None
        try:
            spec = self._specs.get(url)
            if spec is not None:
                due = await self.poll(spec)
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - a bug in one poll must not stop the others
            log.exception("poll of %s failed unexpectedly; retrying in 5 minutes", url,
                          extra={"feed_url": url})
            due = self.clock() + 300.0
        finally:
            self._running.pop(url, None)
            self._host_active[host] -= 1
            self._slots.release()
            waiting = self._host_waiting.get(host)
            while waiting:
                queued = waiting.popleft()
                if queued in self._specs:
                    self._push(queued, self.clock())  # it was due already
                    break
            self._wake.set()
        if due is not None and url in self._specs:
            self._push(url, due)
