"""Fake feed servers on loopback and settings with small caps, for the feeds tests."""

from __future__ import annotations

import asyncio
import contextlib
from typing import AsyncIterator, Awaitable, Callable
from xml.sax.saxutils import escape

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from streams.feeds.feed_handler import FeedHandler
from streams.feeds.fetcher import open_session
from streams.feeds.state_store import StateStore
from streams.settings import Settings

# caps small enough that every hostile-server test ends in about a second
FAST = dict(allow_private_networks=True, fetch_timeout=2.0, fetch_connect_timeout=1.0,
            fetch_read_timeout=1.0, max_feed_bytes=1_000_000, poll_min_interval=0.05,
            poll_backoff_base=0.05, poll_interval=60.0, log_level="WARNING")


def rss(items: int | list[tuple[str, str]] = 3, *, title: str = "Fake Feed", lang: str = "en",
        prefix: str = "item") -> bytes:
    """A small valid RSS 2.0 document; ``items`` is a count or (guid, title) pairs."""
    if isinstance(items, int):
        items = [(f"{prefix}-{i}", f"{title} story {i}") for i in range(items)]
    entries = "".join(
        f"<item><guid>{escape(guid)}</guid><title>{escape(text)}</title>"
        f"<link>https://news.example/{escape(guid)}</link>"
        f"<description>About {escape(text)}.</description>"
        f"<pubDate>Tue, 06 Aug 2024 09:15:00 +0200</pubDate></item>" for guid, text in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{escape(title)}</title><link>https://news.example/</link>"
            f"<language>{lang}</language>{entries}</channel></rss>").encode()


@pytest.fixture
def feed_settings(tmp_path) -> Settings:
    """Settings without a broker: loopback allowed, second-scale caps."""
    return Settings(state_dir=str(tmp_path / "state"), **FAST)


@contextlib.asynccontextmanager
async def web_server(routes: dict[str, Callable[[web.Request], Awaitable[web.StreamResponse]]],
                     host: str = "127.0.0.1") -> AsyncIterator[str]:
    """An aiohttp server on loopback with ``{path: handler}``; yields its base URL (no slash)."""
    app = web.Application()
    for path, handler in routes.items():
        app.router.add_route("GET", path, handler)
    server = TestServer(app, host=host)
    await server.start_server()
    try:
        yield f"http://{host}:{server.port}"
    finally:
        await server.close()


@contextlib.asynccontextmanager
async def raw_server(handle: Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]],
                     host: str = "127.0.0.1") -> AsyncIterator[tuple[str, dict]]:
    """A raw TCP server (for misbehaving HTTP); yields (base URL, stats with 'connections')."""
    stats = {"connections": 0}
    tasks: set[asyncio.Task] = set()

    async def on_connect(reader, writer):
        stats["connections"] += 1
        tasks.add(asyncio.current_task())
        try:
            await handle(reader, writer)
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(on_connect, host, 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{port}", stats
    finally:
        server.close()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


@contextlib.asynccontextmanager
async def feed_handler(settings: Settings, **kwargs) -> AsyncIterator[FeedHandler]:
    """A FeedHandler with its own session and state store (no Kafka involved)."""
    store = StateStore(f"{settings.state_dir}/poller.sqlite")
    try:
        async with open_session(settings) as session:
            yield FeedHandler(settings, session, store, **kwargs)
    finally:
        store.close()
