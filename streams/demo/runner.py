"""Run the demo: serve the bundled feeds, poll them once, let the worker finish, print the alerts."""

from __future__ import annotations

import asyncio
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml
from aiokafka import AIOKafkaProducer

from streams.demo.feed_server import serve_directory
from streams.errors import BadMessage
from streams.feeds.feed_list import FeedSpec
from streams.feeds.fetcher import open_session
from streams.feeds.poller import FeedPoller
from streams.feeds.state_store import StateStore
from streams.kafka.client_config import producer_kwargs
from streams.kafka.embedded_broker import free_port
from streams.kafka.progress import read_to_end, wait_for_group
from streams.kafka.topics import ALERT_UPDATES, ALERTS, WORKER_INPUTS
from streams.local_stack import LocalStack
from streams.models import decode_report
from streams.settings import Settings
from streams.sinks.alert_reader import read_alerts
from streams.sinks.console_format import format_alert_line
from streams.slack.forwarder import forward_alerts_to_slack, slack_configured, slack_group_id

DATA_DIR = Path(__file__).resolve().parent / "data"
PROCESSING_TIMEOUT_S = 90.0
SLACK_TIMEOUT_S = 300.0  # paced at 1 message/s per channel, with room for retries


@dataclass
class DemoSummary:
    feeds: int
    feeds_failed: int
    items_polled: int
    leadership_items: int
    alerts: int
    updates: int
    seconds: float

    def line(self) -> str:
        failed = f", {self.feeds_failed} failed" if self.feeds_failed else ""
        return (f"demo: {self.items_polled} items polled from {self.feeds} feeds{failed}, "
                f"{self.leadership_items} leadership items, {self.alerts} alerts, "
                f"{self.updates} updates in {self.seconds:.1f} s")


def demo_feeds(base_url: str, data_dir: Path = DATA_DIR) -> list[FeedSpec]:
    """The bundled feed list, with each file's URL on the local server."""
    doc = yaml.safe_load((data_dir / "feeds.yaml").read_text(encoding="utf-8"))
    return [FeedSpec(url=base_url + "feeds/" + entry["path"], name=entry.get("name", ""),
                     lang=entry.get("lang"), tags=tuple(entry.get("tags") or ()))
            for entry in doc["feeds"]]


async def run_demo(settings: Settings, emit: Callable[[str], None], *, as_json: bool = False,
                   data_dir: Path = DATA_DIR) -> DemoSummary:
    """Run the whole pipeline once over the bundled feeds; ``emit`` gets one line per alert."""
    started = time.monotonic()
    # the demo's feeds are on loopback, which the network guard refuses by default; its worker
    # gets a free web port so a demo can run beside a real worker
    settings = settings.replace(allow_private_networks=True, worker_web_port=free_port())
    with tempfile.TemporaryDirectory(prefix="shakeup-demo-") as tmp:
        async with LocalStack(settings, Path(tmp)) as stack:
            settings = stack.settings
            counts = {"new": 0, "update": 0}
            printer = asyncio.create_task(_print_alerts(settings, emit, as_json, counts))
            slack_stop, slack = asyncio.Event(), None
            if slack_configured(settings):
                # the demo's alert ids are the same every run: keep its delivery log with the
                # run, or a second demo would find everything already posted
                slack = asyncio.create_task(forward_alerts_to_slack(
                    settings.replace(slack_delivery_log=str(Path(tmp) / "slack.sqlite")), slack_stop))
            try:
                async with serve_directory(data_dir) as base_url:
                    outcomes = await _poll_once(settings, demo_feeds(base_url, data_dir), Path(tmp))
                leadership_items = await _wait_until_processed(settings, stack)
                await _wait_until_printed(settings, counts, printer)
                if slack is not None:
                    await _wait_until_posted(settings, slack)
            finally:
                slack_stop.set()
                printer.cancel()
                await asyncio.gather(printer, *([slack] if slack else []), return_exceptions=True)
    return DemoSummary(
        feeds=len(outcomes), feeds_failed=sum(o.status == "error" for o in outcomes),
        items_polled=sum(o.items_new for o in outcomes), leadership_items=leadership_items,
        alerts=counts["new"], updates=counts["update"], seconds=time.monotonic() - started)


async def _poll_once(settings: Settings, feeds: list[FeedSpec], workdir: Path) -> list:
    state = StateStore(workdir / "poller.sqlite")
    producer = AIOKafkaProducer(**producer_kwargs(settings))
    await producer.start()
    try:
        async with open_session(settings) as session:
            return await FeedPoller(settings, feeds, producer, state, session).poll_all()
    finally:
        await producer.stop()
        state.close()


async def _wait_until_processed(settings: Settings, stack: LocalStack) -> int:
    """Wait for the worker to commit past every item and every report; returns leadership items."""
    # stage by stage: the worker flushes its producer before it commits, so once the group is
    # past the end of one input, every record it wrote to the next exists
    for topic in WORKER_INPUTS:
        ends, reports = await read_to_end(settings, settings.topic(topic))
        await wait_for_group(settings, settings.app_id, ends, timeout=PROCESSING_TIMEOUT_S,
                             check=stack.check_worker)
    item_ids = set()
    for raw in reports:
        try:
            item_ids.add(decode_report(raw).item.item_id)
        except BadMessage:
            pass
    return len(item_ids)


async def _wait_until_printed(settings: Settings, counts: dict[str, int], printer: asyncio.Task) -> None:
    total = 0
    for name in (ALERTS, ALERT_UPDATES):
        ends, _ = await read_to_end(settings, settings.topic(name))
        total += sum(ends.values())
    deadline = time.monotonic() + 30.0
    while counts["new"] + counts["update"] < total and time.monotonic() < deadline:
        if printer.done():
            printer.result()  # re-raise what stopped it
        await asyncio.sleep(0.05)


async def _wait_until_posted(settings: Settings, slack: asyncio.Task) -> None:
    """Wait for the Slack forwarder to commit past every alert (it commits after Slack accepted)."""
    ends = {}
    for name in (ALERTS, ALERT_UPDATES):
        topic_ends, _ = await read_to_end(settings, settings.topic(name))
        ends.update(topic_ends)

    def check() -> None:
        if slack.done():
            slack.result()  # re-raise what stopped the forwarder

    await wait_for_group(settings, slack_group_id(settings), ends, timeout=SLACK_TIMEOUT_S, check=check)


async def _print_alerts(settings: Settings, emit: Callable[[str], None], as_json: bool,
                        counts: dict[str, int]) -> None:
    async for alert, raw in read_alerts(settings, from_beginning=True):
        counts[alert.kind] = counts.get(alert.kind, 0) + 1
        emit(raw.decode() if as_json else format_alert_line(alert))
