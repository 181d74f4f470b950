"""The worker's web endpoints on Faust's web server (SHAKEUP_WEB_PORT).

    GET /metrics          Prometheus metrics of this worker (streams/observability/metrics.py)
    GET /healthz          200, or 503 with the reasons: Kafka unreachable, a partition stuck
                          behind its end, the event loop blocked
    GET /status           the live status page: feed health, latest alerts, throughput and lag
    GET /status/sections  the page's live part as HTML (what the page's script swaps in)
    GET /status.json      the same data as JSON
    GET /status/static/*  the page's CSS and script (served from here: nothing external)
"""

from __future__ import annotations

import logging
import os
import socket
import time
from pathlib import Path
from typing import Any

import faust
import orjson
from aiohttp import web

from streams.kafka.topics import WORKER_INPUTS
from streams.observability.health import describe_key
from streams.observability.health_probes import HealthMonitor
from streams.observability.http_endpoints import health_response, metrics_response
from streams.observability.status_board import StatusBoard
from streams.observability.status_render import render_page, render_sections
from streams.settings import Settings
from streams.worker.status_feed import follow_status, worker_counters

log = logging.getLogger(__name__)

STATUS_PAGE_DIR = Path(__file__).resolve().parent / "status_page"
# the page loads only our own script and stylesheet; a title that smuggles markup in can't run
_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                               "base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


def attach_web_views(app: faust.App, settings: Settings) -> None:
    """Register the endpoints, the health monitor and the status feed on ``app``."""
    source_topics = {settings.topic(t) for t in WORKER_INPUTS}
    health = HealthMonitor(settings, sample=lambda: consumer_positions(app, source_topics),
                           lag_gauge=True)
    board = StatusBoard()
    worker = f"{socket.gethostname()}:{os.getpid()}"
    template = (STATUS_PAGE_DIR / "page.html").read_text(encoding="utf-8")

    def snapshot() -> dict:
        now = time.time()
        totals = worker_counters()
        board.count(now, totals)  # rates up to this moment, not to the last periodic sample
        lag = {describe_key(key): max(0, end - position)
               for key, (position, end) in consumer_positions(app, source_topics).items()}
        return board.snapshot(now, health=health.report().as_dict(), lag=lag, totals=totals,
                              worker=worker)

    @app.task
    async def watch_health() -> None:
        await health.run()

    @app.task
    async def follow_feed_and_alert_status() -> None:
        await follow_status(settings, board)

    @app.page("/metrics")
    async def get_metrics(self: faust.web.View, request: Any) -> web.Response:
        return metrics_response()

    @app.page("/healthz")
    async def get_health(self: faust.web.View, request: Any) -> web.Response:
        return health_response(health.report())

    @app.page("/status")
    async def get_status_page(self: faust.web.View, request: Any) -> web.Response:
        body = render_page(template, snapshot(), time.time())
        return web.Response(text=body, content_type="text/html", headers=_SECURITY_HEADERS)

    @app.page("/status/sections")
    async def get_status_sections(self: faust.web.View, request: Any) -> web.Response:
        body = render_sections(snapshot(), time.time())
        return web.Response(text=body, content_type="text/html", headers=_SECURITY_HEADERS)

    @app.page("/status.json")
    async def get_status_json(self: faust.web.View, request: Any) -> web.Response:
        return web.Response(body=orjson.dumps(snapshot()), content_type="application/json",
                            headers={"Cache-Control": "no-store"})

    app.web.add_static("/status/static/", STATUS_PAGE_DIR)


def consumer_positions(app: faust.App, topics: set[str]) -> dict[tuple[str, int], tuple[int, int]]:
    """(topic, partition) -> (committed offset, high watermark) for the assigned partitions of
    ``topics``.

    The high watermark comes from the consumer's last fetch response (right on both brokers;
    ListOffsets is wrong on the embedded one for batched topics, NOTES-broker.md). The committed
    offset is the monitor's (every commit of this worker), else what the consumer found
    committed at assignment (a private attribute of Faust's consumer, read defensively).
    Partitions with neither yet are left out, unless they are empty.
    """
    try:
        consumer = app.consumer
        assignment = consumer.assignment()
    except Exception:  # not started or between generations: nothing to say yet
        return {}
    committed = dict(app.monitor.tp_committed_offsets or {})
    found_at_assignment = getattr(consumer, "_committed_offset", {})
    out = {}
    for tp in assignment:
        if tp.topic not in topics:
            continue
        try:
            end = consumer.highwater(tp)
        except Exception:
            end = None
        position = committed.get(tp)
        if position is None:
            position = found_at_assignment.get(tp)
        if position is None and end == 0:
            position = 0  # an empty partition nobody committed on: nothing behind
        if end is None or position is None:
            continue
        out[(tp.topic, tp.partition)] = (int(position), int(end))
    return out
