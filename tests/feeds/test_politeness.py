"""RELIABILITY.md 24-28 against fake servers on loopback: conditional GET, caching headers,
per-host limit, backoff and parking, 410 and 301."""

import asyncio
import logging
import time
from email.utils import formatdate

import pytest
from aiohttp import web

from streams.feeds.feed_list import FeedSpec
from streams.feeds.fetcher import open_session
from streams.feeds.poller import FeedPoller
from streams.feeds.state_store import StateStore
from streams.kafka.progress import read_to_end
from streams.kafka.topics import NEWS_ITEMS, ensure_topics
from streams.feeds.poller_main import poller_producer
from tests.feeds.conftest import FAST, feed_handler, raw_server, rss, web_server

ETAG = 'W/"v1-\\"quoted\\""'
LAST_MODIFIED = "Tue, 06 Aug 2024 09:15:00 GMT"


async def _run_poller(settings, feeds, until, timeout=20.0):
    """Run a FeedPoller (no group: it owns every feed) until ``until()`` or the timeout."""
    store = StateStore(f"{settings.state_dir}/poller.sqlite")
    producer = poller_producer(settings)
    await producer.start()
    stop = asyncio.Event()
    try:
        async with open_session(settings) as session:
            poller = FeedPoller(settings, feeds, producer, store, session)
            task = asyncio.create_task(poller.run(stop))
            deadline = time.monotonic() + timeout
            while not until() and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            stop.set()
            await task
            return poller
    finally:
        await producer.stop()
        store.close()


async def test_validators_are_sent_back_verbatim_and_304s_produce_nothing(settings):
    settings = settings.replace(**FAST)
    await ensure_topics(settings)
    requests = []

    async def feed(request):
        sent = (request.headers.get("If-None-Match"), request.headers.get("If-Modified-Since"))
        requests.append(sent)
        if sent == (ETAG, LAST_MODIFIED):
            return web.Response(status=304, headers={"ETag": ETAG})
        return web.Response(body=rss(3), content_type="application/rss+xml",
                            headers={"ETag": ETAG, "Last-Modified": LAST_MODIFIED})

    async with web_server({"/feed": feed}) as base:
        spec = FeedSpec(url=base + "/feed", interval=0.05)
        await _run_poller(settings, [spec], until=lambda: len(requests) >= 21)
    later = requests[1:]
    conditional = sum(sent == (ETAG, LAST_MODIFIED) for sent in later)
    assert len(later) >= 20 and conditional / len(later) >= 0.95
    _, values = await read_to_end(settings, settings.topic(NEWS_ITEMS))
    assert len(values) == 3  # the first poll's items; every 304 after it produced nothing


@pytest.mark.parametrize("status, headers, expected", [
    (200, {"Cache-Control": "public, max-age=1200"}, 1200),
    (200, {"Cache-Control": "max-age=999999"}, 21_600),  # bounded by SHAKEUP_POLL_MAX_INTERVAL
    (429, {"Retry-After": "7"}, 7),
    (503, {"Retry-After": lambda: formatdate(time.time() + 300, usegmt=True)}, 300),  # HTTP-date
])
async def test_cache_control_and_retry_after_set_the_next_check(feed_settings, status, headers,
                                                                 expected):
    async def feed(request):
        sent = {k: v() if callable(v) else v for k, v in headers.items()}
        if status == 200:
            return web.Response(body=rss(1), content_type="application/rss+xml", headers=sent)
        return web.Response(status=status, headers=sent)

    async with web_server({"/feed": feed}) as base, feed_handler(feed_settings) as handler:
        before = time.time()
        outcome = await handler.poll(FeedSpec(url=base + "/feed"))
        assert handler.store.feed_state(base + "/feed").next_check == outcome.state.next_check
    assert outcome.state.next_check - before == pytest.approx(expected, abs=1.0)


async def test_50_feeds_on_one_host_never_exceed_the_per_host_limit(settings):
    settings = settings.replace(**FAST, poll_per_host=3, poll_concurrency=20)
    await ensure_topics(settings)
    active = {"now": 0, "max": 0, "done": 0}

    async def slow_feed(request):
        active["now"] += 1
        active["max"] = max(active["max"], active["now"])
        await asyncio.sleep(0.03)
        active["now"] -= 1
        active["done"] += 1
        return web.Response(body=rss(1, prefix=request.match_info["n"]),
                            content_type="application/rss+xml")

    async with web_server({"/feed/{n}": slow_feed}) as base:
        feeds = [FeedSpec(url=f"{base}/feed/{n}") for n in range(50)]
        store = StateStore(f"{settings.state_dir}/poller.sqlite")
        producer = poller_producer(settings)
        await producer.start()
        try:
            async with open_session(settings) as session:
                outcomes = await FeedPoller(settings, feeds, producer, store, session).poll_all()
        finally:
            await producer.stop()
            store.close()
    assert active["done"] == 50 and all(o.status == "ok" for o in outcomes)
    assert active["max"] <= 3
    assert active["max"] == 3  # and the limit is used, not undershot


async def test_a_failing_feed_backs_off_parks_once_and_one_success_revives_it(feed_settings, caplog):
    settings = feed_settings.replace(poll_max_failures=4, poll_backoff_base=10.0, poll_max_interval=600.0)
    healthy = {"on": False}

    async def feed(request):
        if healthy["on"]:
            return web.Response(body=rss(2), content_type="application/rss+xml")
        return web.Response(status=500)

    caplog.set_level(logging.WARNING, logger="streams.feeds")
    async with web_server({"/feed": feed}) as base, feed_handler(settings) as handler:
        spec = FeedSpec(url=base + "/feed")
        delays, parked_reports = [], 0
        for _ in range(6):
            outcome = await handler.poll(spec)
            parked_reports += outcome.parked_now
            if outcome.state.next_check and not outcome.state.parked:
                delays.append(outcome.state.next_check - outcome.state.last_check)
        assert outcome.state.parked and outcome.state.failures == 6
        assert parked_reports == 1
        assert sum("parked" in r.getMessage() for r in caplog.records) == 1  # reported once
        for k, delay in enumerate(delays, start=1):  # 10, 20, 40 s ceilings, half of it fixed
            assert 10 * 2 ** (k - 1) / 2 <= delay <= 10 * 2 ** (k - 1)
        healthy["on"] = True
        revived = await handler.poll(spec)
    assert revived.status == "ok" and not revived.state.parked and revived.state.failures == 0


async def test_410_gone_parks_the_feed_at_once(feed_settings):
    async def gone(request):
        return web.Response(status=410)

    async with web_server({"/feed": gone}) as base, feed_handler(feed_settings) as handler:
        outcome = await handler.poll(FeedSpec(url=base + "/feed"))
    assert outcome.state.parked and outcome.parked_now and "410" in outcome.state.parked_reason
    assert outcome.state.failures == 1


async def test_301_moves_the_feed_once_the_new_home_answered(feed_settings):
    hits = []

    async def old(request):
        hits.append("old")
        raise web.HTTPMovedPermanently("/new")

    async def new(request):
        hits.append("new")
        return web.Response(body=rss(2), content_type="application/rss+xml")

    async with web_server({"/old": old, "/new": new}) as base, feed_handler(feed_settings) as handler:
        spec = FeedSpec(url=base + "/old")
        first = await handler.poll(spec)
        second = await handler.poll(spec)
    assert first.state.fetch_url == base + "/new" and first.state.feed_url == base + "/old"
    assert second.status == "ok" and hits == ["old", "new", "new"]


async def test_301_to_a_private_address_does_not_move_the_feed(feed_settings):
    async def count_only(reader, writer):
        await reader.read(100)

    settings = feed_settings.replace(allow_private_networks=False, fetch_allow_networks="127.0.0.1/32")
    async with raw_server(count_only, host="127.0.0.2") as (private_base, stats):
        async def old(request):
            raise web.HTTPMovedPermanently(private_base + "/feed")

        async with web_server({"/old": old}) as base, feed_handler(settings) as handler:
            outcome = await handler.poll(FeedSpec(url=base + "/old"))
    assert outcome.status == "error" and "guard" in outcome.error
    assert outcome.state.fetch_url == base + "/old"
    assert stats["connections"] == 0
