"""The three long-running processes (`shakeup poll`, `worker`, `slack`) on the embedded broker,
as the compose file runs them, each with its metrics and health endpoint on a free port."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time
from pathlib import Path
from typing import AsyncIterator

import aiohttp
import yaml
from aiohttp import web
from prometheus_client.parser import text_string_to_metric_families

from streams.child_process import spawn, stop
from streams.demo.feed_server import serve_directory
from streams.demo.runner import DATA_DIR, demo_feeds
from streams.kafka.embedded_broker import free_port
from streams.kafka.progress import read_to_end, wait_for_group
from streams.kafka.topics import ALERTS, ALERT_UPDATES, NEWS_ITEMS, WORKER_INPUTS, ensure_topics
from streams.settings import Settings, settings_env
from streams.slack.forwarder import slack_group_id
from tests.slack.fake_slack import TOKEN, FakeSlack

PROCESSES = ("worker", "poll", "slack")


class Pipeline:
    def __init__(self, settings: Settings, workdir: Path, slack: FakeSlack):
        self.settings = settings
        self.workdir = workdir
        self.slack = slack
        self.ports = {"worker": settings.worker_web_port, "poll": free_port(), "slack": free_port()}
        self.processes: dict = {}
        self.logs: dict = {}

    def url(self, process: str, path: str) -> str:
        return f"http://127.0.0.1:{self.ports[process]}{path}"

    def env(self, feeds_file: Path) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SHAKEUP_")}
        return {**env, **settings_env(self.settings),
                "SHAKEUP_FEEDS": str(feeds_file),
                "SHAKEUP_POLLER_METRICS_PORT": str(self.ports["poll"]),
                "SHAKEUP_SLACK_METRICS_PORT": str(self.ports["slack"]),
                "SHAKEUP_POLLER_SESSION_TIMEOUT": "6", "SHAKEUP_SLACK_SESSION_TIMEOUT": "6",
                "SHAKEUP_SLACK_BOT_TOKEN": TOKEN, "SHAKEUP_SLACK_API_URL": self.slack.api_url,
                "SHAKEUP_SLACK_CHANNEL": "#leadership", "SHAKEUP_SLACK_MIN_INTERVAL": "0.02",
                "SHAKEUP_SLACK_BACKOFF_BASE": "0.1", "SHAKEUP_LOG_LEVEL": "INFO"}

    def start(self, feeds_file: Path) -> None:
        for name in PROCESSES:
            self.logs[name] = open(self.workdir / f"{name}.log", "wb")
            self.processes[name] = spawn([sys.executable, "-m", "streams", name],
                                         env=self.env(feeds_file), output=self.logs[name])

    def check_running(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is not None:
                log = (self.workdir / f"{name}.log").read_text(errors="replace")[-3000:]
                raise AssertionError(f"`shakeup {name}` exited with {process.returncode}:\n{log}")

    def close(self) -> None:
        for process in self.processes.values():
            stop(process, timeout=20)
        for log in self.logs.values():
            log.close()

    async def wait_until_processed(self, items: int, timeout: float = 120.0) -> None:
        """Until the pollers produced ``items``, the worker committed everything and the
        forwarder committed every alert."""
        deadline = time.monotonic() + timeout
        while len((await read_to_end(self.settings, self.settings.topic(NEWS_ITEMS)))[1]) < items:
            self.check_running()
            assert time.monotonic() < deadline, "the pollers did not produce every item"
            await asyncio.sleep(0.5)
        for topic in WORKER_INPUTS:
            ends, _ = await read_to_end(self.settings, self.settings.topic(topic))
            await wait_for_group(self.settings, self.settings.app_id, ends, timeout=timeout,
                                 check=self.check_running)
        ends = {}
        for topic in (ALERTS, ALERT_UPDATES):
            topic_ends, _ = await read_to_end(self.settings, self.settings.topic(topic))
            ends.update(topic_ends)
        await wait_for_group(self.settings, slack_group_id(self.settings), ends, timeout=timeout,
                             check=self.check_running)

    async def scrape(self, process: str) -> dict[tuple[str, tuple], float]:
        """{(sample name, sorted label pairs): value} from the process's /metrics."""
        async with aiohttp.ClientSession() as http, http.get(self.url(process, "/metrics")) as response:
            assert response.status == 200
            text = await response.text()
        return {(s.name, tuple(sorted(s.labels.items()))): s.value
                for family in text_string_to_metric_families(text) for s in family.samples}

    async def health(self, process: str) -> tuple[int, dict]:
        async with aiohttp.ClientSession() as http, http.get(self.url(process, "/healthz")) as response:
            return response.status, await response.json()


def value(samples: dict, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def write_feed_list(path: Path, feeds: list[dict]) -> Path:
    path.write_text(yaml.safe_dump({"feeds": feeds}, allow_unicode=True), encoding="utf-8")
    return path


@contextlib.asynccontextmanager
async def gone_feed_server() -> AsyncIterator[str]:
    """A server whose only feed answers 410 Gone (the pollers park it at once)."""
    async def gone(request: web.Request) -> web.Response:
        return web.Response(status=410)

    app = web.Application()
    app.router.add_get("/gone.xml", gone)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield f"http://127.0.0.1:{port}/gone.xml"
    finally:
        await runner.cleanup()


@contextlib.asynccontextmanager
async def running_pipeline(settings: Settings, workdir: Path, *,
                           extra_feeds: list[dict] = ()) -> AsyncIterator[tuple[Pipeline, list]]:
    """The demo's feeds (plus ``extra_feeds``; ``{demo}`` in their URL is the demo server's base
    URL) polled by `shakeup poll`, processed by `shakeup worker`, forwarded by `shakeup slack` to a
    fake Slack; yields (pipeline, the demo's feed specs)."""
    await ensure_topics(settings)
    async with FakeSlack() as slack, serve_directory(DATA_DIR) as base_url:
        specs = demo_feeds(base_url)
        extra = [{**entry, "url": entry["url"].replace("{demo}", base_url)} for entry in extra_feeds]
        feeds = write_feed_list(workdir / "feeds.yaml", [
            *({"url": s.url, "name": s.name, "lang": s.lang} for s in specs), *extra])
        pipeline = Pipeline(settings, workdir, slack)
        pipeline.start(feeds)
        try:
            yield pipeline, specs
        finally:
            pipeline.close()
