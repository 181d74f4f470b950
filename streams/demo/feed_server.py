"""A local HTTP server for a directory of feed files, with ETag and Last-Modified (aiohttp static)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import AsyncIterator

from aiohttp import web

from streams.kafka.embedded_broker import free_port


@contextlib.asynccontextmanager
async def serve_directory(directory: Path, host: str = "127.0.0.1") -> AsyncIterator[str]:
    """Serve ``directory`` on a free loopback port; yields the base URL ('http://127.0.0.1:N/')."""
    app = web.Application()
    app.router.add_static("/", str(directory), show_index=False)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port(host)
    site = web.TCPSite(runner, host, port)
    await site.start()
    try:
        yield f"http://{host}:{port}/"
    finally:
        await runner.cleanup()
