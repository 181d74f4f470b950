"""Fixtures for the Slack forwarder: alerts, a fake Slack, settings, producing and running."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import time
from pathlib import Path
from typing import AsyncIterator, Callable, Iterable

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from streams.kafka.client_config import client_kwargs, producer_kwargs, topic_partitions
from streams.kafka.progress import read_to_end, wait_for_group
from streams.kafka.topics import ALERT_UPDATES, ALERTS, dlq, ensure_topics
from streams.models import Alert, Source, to_json
from streams.settings import Settings
from streams.slack.forwarder import forward_alerts_to_slack, slack_group_id
from tests.slack.fake_slack import TOKEN, FakeSlack

LANGS = ("en", "it", "de", "fr", "es", "pt")
OUTLETS = ("Tech Wire", "Corriere", "heise", "Le Monde", "El País", "Folha")


def make_source(alert_id: str, n: int) -> Source:
    return Source(url=f"https://news{n}.example/{alert_id}/{n}", title=f"Report {n} on {alert_id}",
                  lang=LANGS[n % len(LANGS)], feed=OUTLETS[n % len(OUTLETS)],
                  published="2026-11-03T10:00:00Z")


def make_alert(alert_id: str, *, org: str = "Acme", change: str = "departure",
               person: str = "Jane Doe", **changes) -> Alert:
    source = make_source(alert_id, 0)
    alert = Alert(alert_id=alert_id, kind="new", change=change,
                  person={"name": person, "role": "CEO"}, org=org, to_org=None,
                  headline=f"{person} leaves {org}", confidence=0.9,
                  first_seen="2026-11-03T10:00:00Z", languages=(source.lang,), sources=(source,),
                  evidence=f"{person} is leaving {org}, the company said.",
                  merged_on=(), source=source)
    return dataclasses.replace(alert, **changes) if changes else alert


def make_updates(alert: Alert, count: int) -> list[Alert]:
    """``count`` successive updates, each adding one source (the worker's growing list)."""
    updates, sources = [], list(alert.sources)
    for n in range(1, count + 1):
        source = make_source(alert.alert_id, n)
        sources.append(source)
        updates.append(dataclasses.replace(
            alert, kind="update", sources=tuple(sources), source=source,
            languages=tuple(dict.fromkeys(s.lang for s in sources)), merged_on=("person", "org")))
    return updates


def slack_settings(base: Settings, fake: FakeSlack, tmp_path: Path, *, mode: str = "bot",
                   **changes) -> Settings:
    """Settings that point the forwarder at ``fake``, with fast retries and group joins."""
    values = dict(slack_min_interval=0.0, slack_backoff_base=0.01, slack_backoff_cap=0.05,
                  slack_retry_budget=2.0, slack_session_timeout=1.0, slack_timeout=5.0,
                  slack_delivery_log=str(tmp_path / "slack" / "deliveries.sqlite"))
    if mode == "bot":
        values.update(slack_bot_token=TOKEN, slack_api_url=fake.api_url,
                      slack_channel="#leadership")
    else:
        values.update(slack_webhook_url=fake.webhook_url("leadership"))
    values.update(changes)
    return base.replace(**values)


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as fake:
        yield fake


async def produce_alerts(settings: Settings, alerts: Iterable[Alert]) -> None:
    """Write alerts to their topic (new or updates), keyed by alert_id, in the given order."""
    await ensure_topics(settings)
    producer = AIOKafkaProducer(**producer_kwargs(settings))
    await producer.start()
    try:
        for alert in alerts:
            topic = ALERTS if alert.kind == "new" else ALERT_UPDATES
            await producer.send_and_wait(settings.topic(topic), key=alert.alert_id.encode(),
                                         value=to_json(alert))
    finally:
        await producer.stop()


async def produce_raw(settings: Settings, topic: str, value: bytes, key: bytes = b"bad") -> None:
    await ensure_topics(settings)
    producer = AIOKafkaProducer(**producer_kwargs(settings))
    await producer.start()
    try:
        await producer.send_and_wait(settings.topic(topic), key=key, value=value)
    finally:
        await producer.stop()


async def wait_committed(settings) -> None:
    """Wait until the forwarder's group committed the end of both alert topics."""
    ends = {}
    for name in (ALERTS, ALERT_UPDATES):
        topic_ends, _ = await read_to_end(settings, settings.topic(name))
        ends.update(topic_ends)
    await wait_for_group(settings, slack_group_id(settings), ends, timeout=30)


async def read_dead_letters(settings, name: str) -> list:
    """Every record on ``<name>.dlq``, from the beginning."""
    consumer = AIOKafkaConsumer(**client_kwargs(settings), enable_auto_commit=False)
    await consumer.start()
    try:
        parts = await topic_partitions(consumer, settings.topic(dlq(name)))
        consumer.assign(parts)
        await consumer.seek_to_beginning(*parts)
        records = []
        while batch := await consumer.getmany(timeout_ms=300):
            records += [r for rs in batch.values() for r in rs]
        return records
    finally:
        await consumer.stop()


@contextlib.asynccontextmanager
async def running_forwarder(settings: Settings, **kwargs) -> AsyncIterator[asyncio.Task]:
    """The forwarder in this process until the block ends (then stopped and awaited)."""
    stop = asyncio.Event()
    task = asyncio.create_task(forward_alerts_to_slack(settings, stop, **kwargs))
    try:
        yield task
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)


async def wait_until(predicate: Callable[[], bool], *, timeout: float = 30.0,
                     task: asyncio.Task | None = None, what: str = "condition") -> None:
    """Poll ``predicate``; fail fast if ``task`` (the forwarder) ended."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if task is not None and task.done():
            task.result()
            raise AssertionError(f"the forwarder stopped before {what}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)
