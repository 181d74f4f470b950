"""The Slack forwarder's Kafka shell: consume both alert topics, deliver, dead-letter, commit.

A plain aiokafka consumer in its own group with manual commits. Each record's offset is
committed only after every destination accepted it (or it went to ``<topic>.dlq`` with the
reason), so a crash replays it and the delivery log turns the replay into a skip. Records are
handled one at a time, in timestamp order within a fetched batch (new alerts before the updates
produced after them): Slack takes one post per second per channel anyway, and serial delivery
keeps "commit after accepted" simple. A bad record or a dead-lettered delivery never stops the
forwarder; a fatal refusal (bad token or webhook URL) does, without committing, so nothing is lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from pathlib import Path
from typing import Callable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.errors import CommitFailedError, IllegalStateError

from streams.errors import BadMessage, ConfigError
from streams.kafka.client_config import client_kwargs, producer_kwargs
from streams.kafka.topics import ALERT_UPDATES, ALERTS, dlq, ensure_topics
from streams.models import decode_alert
from streams.observability import metrics
from streams.observability.health_probes import HealthMonitor
from streams.observability.http_endpoints import serve_endpoints
from streams.settings import Settings
from streams.slack.client import SlackRejected, open_poster
from streams.slack.delivery import Clock, SlackDelivery
from streams.slack.delivery_log import DeliveryLog

log = logging.getLogger(__name__)

MAX_BATCH = 10  # records per fetch: a full batch takes ~10 s at one post per second
STOP_GRACE_S = 5.0  # on stop, let the post in flight finish for this long before cancelling


def slack_configured(settings: Settings) -> bool:
    """Whether a bot token or a webhook URL is set, i.e. whether `demo`/`run` should forward."""
    return bool(settings.slack_bot_token or settings.slack_webhook_url)


def slack_group_id(settings: Settings) -> str:
    """The forwarder's consumer group (to wait for it, e.g. in the demo)."""
    return settings.slack_group or f"{settings.app_id}-slack"


def delivery_log_path(settings: Settings) -> Path:
    if settings.slack_delivery_log:
        return Path(settings.slack_delivery_log)
    return Path(settings.state_dir or ".shakeup") / "slack-deliveries.sqlite"


async def forward_alerts_to_slack(settings: Settings, stop: asyncio.Event, *,
                                  clock: Clock | None = None,
                                  rand: Callable[[], float] = random.random) -> None:
    """Deliver alerts and updates to Slack until ``stop`` is set.

    Args:
        clock: time source for pacing and backoff (tests pass a virtual one).
        rand: jitter source in [0, 1).
    Raises:
        ConfigError: Slack is not configured or a route is invalid.
        SlackRejected: Slack refused the credentials (fatal; nothing was committed).
        BrokerError: Kafka is unreachable.
    """
    if not slack_configured(settings):
        raise ConfigError("set SHAKEUP_SLACK_BOT_TOKEN (+ SHAKEUP_SLACK_CHANNEL) or "
                          "SHAKEUP_SLACK_WEBHOOK_URL to forward alerts to Slack")
    journal = DeliveryLog(delivery_log_path(settings))
    try:
        pruned = journal.prune(settings.slack_log_retention_days)
        if pruned:
            log.info("delivery log: forgot %d deliveries older than %.0f days", pruned,
                     settings.slack_log_retention_days)
        async with open_poster(settings) as poster:
            delivery = SlackDelivery(settings, poster, journal, clock=clock, rand=rand)
            await ensure_topics(settings)
            async with contextlib.AsyncExitStack() as stack:
                consumer = await stack.enter_async_context(_consumer(settings))
                producer = await stack.enter_async_context(
                    AIOKafkaProducer(**producer_kwargs(settings)))
                forwarder = _Forwarder(delivery, consumer, producer, stop)
                health = HealthMonitor(settings, sample=forwarder.positions, lag_gauge=True)
                forwarder.on_activity = health.note_activity
                await stack.enter_async_context(
                    serve_endpoints(settings.slack_metrics_port, health.report, process="slack"))
                monitor = asyncio.create_task(health.run(stop))
                try:
                    await _run_until_stopped(forwarder.run(), stop)
                finally:
                    monitor.cancel()
                    await asyncio.gather(monitor, return_exceptions=True)
    finally:
        journal.close()


def _consumer(settings: Settings) -> AIOKafkaConsumer:
    session_ms = int(settings.slack_session_timeout * 1000)
    return AIOKafkaConsumer(
        settings.topic(ALERTS), settings.topic(ALERT_UPDATES), **client_kwargs(settings),
        group_id=slack_group_id(settings), enable_auto_commit=False,
        # a new group starts at the oldest retained alert: never skip one
        auto_offset_reset="earliest",
        session_timeout_ms=session_ms, heartbeat_interval_ms=max(100, session_ms // 4),
        # one record may spend the whole retry budget; overrunning only causes a replay (skipped)
        max_poll_interval_ms=int(max(300.0, 2 * settings.slack_retry_budget + 60) * 1000))


async def _run_until_stopped(work, stop: asyncio.Event) -> None:
    task = asyncio.ensure_future(work)
    stopper = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if not task.done():  # stop was set: the loop ends after the record in hand
            await asyncio.wait({task}, timeout=STOP_GRACE_S)
        if task.done():
            task.result()  # surface a crash
    finally:
        for pending in (task, stopper):
            pending.cancel()
        await asyncio.gather(task, stopper, return_exceptions=True)


class _Forwarder:
    def __init__(self, delivery: SlackDelivery, consumer: AIOKafkaConsumer,
                 producer: AIOKafkaProducer, stop: asyncio.Event):
        self.delivery = delivery
        self.consumer = consumer
        self.producer = producer
        self.stop = stop
        self.committed: dict[TopicPartition, int] = {}
        self.on_activity: Callable[[], None] = lambda: None
        self._requests_seen = 0.0

    async def positions(self) -> dict[tuple[str, int], tuple[int, int]]:
        """(topic, partition) -> (committed offset, high watermark), for the health check.

        A request to Slack since the last call counts as progress: backing off a Slack
        outage is waiting on Slack, not being stuck.
        """
        requests = sum(s.value for family in metrics.SLACK_REQUESTS.collect()
                       for s in family.samples if s.name.endswith("_total"))
        if requests != self._requests_seen:
            self._requests_seen = requests
            self.on_activity()
        assigned = self.consumer.assignment()
        for tp in [tp for tp in self.committed if tp not in assigned]:
            del self.committed[tp]  # another member may move it meanwhile: ask again if it returns
        out = {}
        for tp in assigned:
            end = self.consumer.highwater(tp)
            if end is None:
                continue
            if tp not in self.committed:
                self.committed[tp] = await self.consumer.committed(tp) or 0
            out[(tp.topic, tp.partition)] = (self.committed[tp], end)
        return out

    async def run(self) -> None:
        while not self.stop.is_set():
            batch = await self.consumer.getmany(timeout_ms=500, max_records=MAX_BATCH)
            records = sorted((r for rs in batch.values() for r in rs), key=self._order)
            for record in records:
                if self.stop.is_set():
                    return  # uncommitted: read again after the restart
                await self.forward(record)

    def _order(self, record) -> tuple:
        # new alerts before updates with the same timestamp: the worker writes them in that order
        rank = 0 if not record.topic.endswith(ALERT_UPDATES) else 1
        return (record.timestamp, rank, record.partition, record.offset)

    async def forward(self, record) -> None:
        """Deliver one record (or dead-letter it), then commit its offset."""
        where = f"{record.topic}[{record.partition}]@{record.offset}"
        try:
            alert = decode_alert(record.value)
        except BadMessage as exc:
            await self.dead_letter(record, f"BadMessage: {exc}", where)
        else:
            try:
                outcomes = await self.delivery.deliver(alert)
            except SlackRejected as exc:
                if exc.fatal:
                    raise
                await self.dead_letter(record, str(exc), where)
            except Exception as exc:  # one bad record must never stop the forwarder
                log.exception("forwarding %s failed", where, extra=_where(record))
                await self.dead_letter(record, f"{type(exc).__name__}: {exc}", where)
            else:
                failed = [o for o in outcomes if o.needs_dead_letter]
                if failed:
                    reason = "; ".join(f"{o.destination} {o.part}: {o.reason}" for o in failed)
                    await self.dead_letter(record, reason, where)
                if not outcomes:
                    log.info("%s: alert %s matches no route; not posted", where, alert.alert_id,
                             extra=_where(record))
        await self.commit(record, where)
        metrics.SLACK_RECORDS.labels(topic=record.topic).inc()

    async def dead_letter(self, record, reason: str, where: str) -> None:
        reason = reason[:1000]
        log.error("dead-lettered %s: %s", where, reason, extra={**_where(record), "error": reason})
        metrics.SLACK_DEAD_LETTERS.labels(topic=record.topic).inc()
        headers = [("shakeup-error", reason.encode()), ("shakeup-topic", record.topic.encode()),
                   ("shakeup-partition", str(record.partition).encode()),
                   ("shakeup-offset", str(record.offset).encode()),
                   ("shakeup-stage", b"slack")]
        await self.producer.send_and_wait(dlq(record.topic), key=record.key,
                                          value=record.value or b"", headers=headers)

    async def commit(self, record, where: str) -> None:
        partition = TopicPartition(record.topic, record.partition)
        try:
            await self.consumer.commit({partition: record.offset + 1})
        except (CommitFailedError, IllegalStateError) as exc:
            # a rebalance took the partition: the record is read again and the log skips it
            log.warning("could not commit %s (%s); it will be read again", where, exc,
                        extra=_where(record))
        else:
            self.committed[partition] = record.offset + 1


def _where(record) -> dict:
    """The structured log fields that locate a record."""
    return {"topic": record.topic, "partition": record.partition, "offset": record.offset}
