"""One poll of one feed: fetch -> parse -> keep the new items -> decide the next check -> store.

Miniflux's ``reader/handler``. Never raises for the feed's own failure: every outcome, good or
bad, ends as a :class:`PollOutcome` and a committed :class:`FeedState`. New items go to the
outbox in the same transaction as the feed's new validators; the relay delivers them to Kafka
and only then are they marked seen. Kafka being down is therefore not this feed's failure.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from concurrent.futures import Executor
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Callable

import aiohttp

from streams.errors import FeedError, FetchError
from streams.feeds.feed_list import FeedSpec
from streams.feeds.fetcher import FetchLimits, FetchResult, fetch_feed
from streams.feeds.parser import ParsedFeed, parse_feed
from streams.feeds.schedule import FeedState, PollResult, SchedulePolicy, next_check
from streams.feeds.state_store import StateStore
from streams.models import NewsItem, to_json
from streams.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class PollOutcome:
    feed: FeedSpec
    status: str  # "ok", "not-modified" or "error"
    state: FeedState  # after this poll
    items_found: int = 0
    items_new: int = 0
    error: str | None = None
    new_items: list[NewsItem] = field(default_factory=list)
    parked_now: bool = False  # this poll parked the feed (reported once, here)
    warning: str | None = None  # the parser recovered from bad markup
    body_bytes: int = 0  # decoded body fetched (0 for a 304 or an error)


class FeedHandler:
    """Polls single feeds for a poller: the shared session, parse threads, store and policy."""

    def __init__(self, settings: Settings, session: aiohttp.ClientSession, store: StateStore,
                 parse_executor: Executor | None = None, *,
                 shard_of: Callable[[str], int] = lambda url: 0, rng: random.Random | None = None):
        self.settings = settings
        self.session = session
        self.store = store
        self.parse_executor = parse_executor
        self.shard_of = shard_of
        self.limits = FetchLimits.from_settings(settings)
        self.rng = rng or random.Random()

    def state_of(self, spec: FeedSpec) -> FeedState:
        return self.store.feed_state(spec.url) or FeedState.new(spec.url)

    async def poll(self, spec: FeedSpec) -> PollOutcome:
        """Fetch, parse and store one feed; the returned state says when it is due next."""
        state = self.state_of(spec)
        now = time.time()
        parsed, result, body_bytes = await self._fetch_and_parse(spec, state)
        new_state = next_check(state, result, now, SchedulePolicy.from_settings(self.settings, spec.interval),
                               self.rng)
        items = _unique(parsed.items) if parsed else []
        fresh = self.store.new_item_ids(spec.url, [i.item_id for i in items]) if items else set()
        new_items = [i for i in items if i.item_id in fresh]
        self.store.record_poll(
            new_state, shard=self.shard_of(spec.url), listed_ids=[i.item_id for i in items],
            new_items=[(i.item_id, i.item_id.encode(), to_json(i)) for i in new_items])
        parked_now = new_state.parked and not state.parked
        if parked_now:
            log.warning("feed %s parked: %s", spec.url, new_state.parked_reason,
                        extra={"feed_url": spec.url, "http_status": result.status})
        elif not result.ok:
            log.info("feed %s failed (%d in a row): %s", spec.url, new_state.failures, result.error,
                     extra={"feed_url": spec.url, "http_status": result.status,
                            "failures": new_state.failures})
        status = "error" if not result.ok else "not-modified" if result.status == 304 else "ok"
        return PollOutcome(spec, status, new_state, len(items), len(new_items),
                           error=None if result.ok else new_state.last_error,
                           new_items=new_items, parked_now=parked_now,
                           warning=parsed.warning if parsed else None, body_bytes=body_bytes)

    async def _fetch_and_parse(self, spec: FeedSpec,
                               state: FeedState) -> tuple[ParsedFeed | None, PollResult, int]:
        """(the parsed feed if any, the result for the scheduler, decoded body bytes)."""
        try:
            fetched = await fetch_feed(self.session, state.fetch_url, etag=state.etag,
                                       last_modified=state.last_modified, limits=self.limits)
        except FetchError as exc:
            return None, PollResult(ok=False, error=str(exc)), 0
        size = len(fetched.body)
        if fetched.status == 304:
            return None, _result(fetched, ok=True), size
        if not 200 <= fetched.status < 300:
            return None, _result(fetched, ok=False, error=_http_error(fetched.status)), size
        try:
            parsed = await asyncio.get_running_loop().run_in_executor(
                self.parse_executor, lambda: parse_feed(
                    fetched.body, spec.url, lang=spec.lang, name=spec.name,
                    content_type=fetched.headers.get("content-type")))
        except FeedError as exc:
            return None, _result(fetched, ok=False, error=f"not a usable feed: {exc}"), size
        return parsed, _result(fetched, ok=True), size


def _result(fetched: FetchResult, *, ok: bool, error: str | None = None) -> PollResult:
    headers = fetched.headers
    return PollResult(ok=ok, status=fetched.status, error=error, etag=fetched.etag,
                      last_modified=fetched.last_modified,
                      cache_control=headers.get("cache-control"),
                      retry_after=headers.get("retry-after"),
                      permanent_url=fetched.permanent_url if ok else None)


def _http_error(status: int) -> str:
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def _unique(items: tuple[NewsItem, ...]) -> list[NewsItem]:
    seen: set[str] = set()
    unique = []
    for item in items:
        if item.item_id not in seen:
            seen.add(item.item_id)
            unique.append(item)
    return unique
