"""The feed server of bench_poll.py: many feeds on many loopback hosts, in a child process.

A realistic mix per feed, fixed by its number: most answer 304 once they were fetched
(their ETag never changes), some publish a new item on every poll (200, new ETag), a few fail
(503). Each feed is served on one of ``hosts`` loopback addresses (127.0.1.1, 127.0.1.2, ...)
so the pollers' per-host limit behaves as it would across real sites.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from email.utils import formatdate

from aiohttp import web

PUBLISHING_EVERY = 12  # feed n publishes on every poll when n % 12 == 0 (~8%)
FAILING_EVERY = 50  # feed n fails when n % 50 == 1 (2%)


def host_address(n: int, hosts: int) -> str:
    return f"127.0.1.{1 + n % hosts}"


def feed_kind(n: int) -> str:
    if n % FAILING_EVERY == 1:
        return "failing"
    return "publishing" if n % PUBLISHING_EVERY == 0 else "quiet"


def _rss(n: int, version: int, items: int = 20) -> bytes:
    entries = "".join(
        f"<item><guid>feed{n}-{k}</guid><title>Feed {n} story {k}: the chip maker names a new "
        f"chief executive</title><link>https://site{n}.example/{k}</link><description>&lt;p&gt;"
        f"Story {k} of feed {n}, with &lt;b&gt;markup&lt;/b&gt; as real feeds have it. "
        f"{'Lorem ipsum dolor sit amet. ' * 6}&lt;/p&gt;</description>"
        f"<pubDate>{formatdate(1_700_000_000 + k * 60, usegmt=True)}</pubDate></item>"
        for k in range(max(0, version - items), version))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Feed {n}</title><link>https://site{n}.example/</link><language>en</language>"
            f"{entries}</channel></rss>").encode()


def _app() -> web.Application:
    versions: dict[int, int] = {}

    async def feed(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        kind = feed_kind(n)
        if kind == "failing":
            return web.Response(status=503)
        version = versions.get(n, 20)
        if kind == "publishing":
            version += 1
            versions[n] = version
        etag = f'"{n}-{version}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=_rss(n, version), content_type="application/rss+xml",
                            headers={"ETag": etag})

    app = web.Application()
    app.router.add_get("/feed/{n}", feed)
    return app


def _serve(port: int, hosts: int, ready) -> None:
    async def main() -> None:
        runner = web.AppRunner(_app(), access_log=None)
        await runner.setup()
        for h in range(hosts):
            await web.TCPSite(runner, host_address(h, hosts), port, backlog=1024).start()
        ready.set()
        await asyncio.Event().wait()

    asyncio.run(main())


def start_server(port: int, hosts: int) -> multiprocessing.Process:
    """Serve in a child process (its CPU is not the poller's); returns once it listens."""
    ready = multiprocessing.Event()
    process = multiprocessing.Process(target=_serve, args=(port, hosts, ready), daemon=True)
    process.start()
    if not ready.wait(20):
        process.kill()
        raise RuntimeError("the bench feed server did not start")
    return process
