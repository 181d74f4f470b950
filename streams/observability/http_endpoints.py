"""/metrics and /healthz on a small aiohttp server, for the processes without Faust's web server.

The pollers and the Slack forwarder each start one on their port setting (0: none). A port that
is taken is logged as an error and the process goes on without it: its work (polling, posting)
matters more than its metrics, and the health check that cannot connect says so anyway.
"""

from __future__ import annotations

import contextlib
import logging
from typing import AsyncIterator, Callable

import orjson
from aiohttp import web

from streams.observability.health import HealthReport
from streams.observability.metrics import exposition

log = logging.getLogger(__name__)


def metrics_response() -> web.Response:
    body, content_type = exposition()
    response = web.Response(body=body)
    response.headers["Content-Type"] = content_type  # carries its own charset and version
    return response


def health_response(report: HealthReport) -> web.Response:
    """200 with the checks, or 503 with the reasons (first line of the body is the first reason)."""
    return web.Response(body=orjson.dumps(report.as_dict(), option=orjson.OPT_INDENT_2),
                        status=200 if report.healthy else 503, content_type="application/json")


@contextlib.asynccontextmanager
async def serve_endpoints(port: int, health: Callable[[], HealthReport], *, process: str,
                          host: str = "0.0.0.0") -> AsyncIterator[int | None]:
    """Serve GET /metrics and /healthz on ``port`` while the block runs; yields the bound port
    (None when ``port`` is 0 or could not be bound)."""
    if not port:
        yield None
        return

    async def get_metrics(request: web.Request) -> web.Response:
        return metrics_response()

    async def get_health(request: web.Request) -> web.Response:
        return health_response(health())

    app = web.Application()
    app.router.add_get("/metrics", get_metrics)
    app.router.add_get("/healthz", get_health)
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    bound: int | None = None
    try:
        site = web.TCPSite(runner, host, port)
        try:
            await site.start()
        except OSError as exc:
            log.error("%s: cannot serve /metrics and /healthz on port %d: %s", process, port, exc,
                      extra={"port": port})
        else:
            bound = port
            log.info("%s: /metrics and /healthz on port %d", process, port, extra={"port": port})
        yield bound
    finally:
        await runner.cleanup()
