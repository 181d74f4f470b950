"""The agents: detect_leadership_changes (items -> reports), route_by_person (reports that name
someone in full -> their person's key, ``dedup/people.py``) and dedup_reports (reports -> alerts).

All are thin: decode, call the pure core, produce. A record that fails goes to its topic's
``.dlq`` with the reason in the headers and the original bytes as the value; the agent goes on.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from typing import Any, Awaitable, Callable

import faust
from aiokafka.partitioner import murmur2

from streams.dedup import merge_report, reports_for
from streams.dedup.clusters import expire_clusters
from streams.dedup.people import expire_routes, person_key, route_report
from streams.detect import detect_leadership_changes
from streams.kafka.topics import ALERT_UPDATES, ALERTS, NEWS_ITEMS, NEWS_LEADERSHIP, NEWS_LEADERSHIP_PEOPLE, dlq
from streams.models import decode_item, decode_report, to_json
from streams.observability import metrics
from streams.settings import Settings

log = logging.getLogger(__name__)

DEDUP_TABLE = "dedup-alerts"
ROUTES_TABLE = "dedup-person-routes"
# A control record the leader sends to every partition of news.leadership and
# news.leadership.people: each agent, inside its own stream (so Table deletes go to the right
# changelog partition), drops the alerts or routes nothing touched for the retention period. Consumers of news.leadership skip this schema.
SWEEP_RECORD = b'{"schema":"shakeup.sweep/v1"}'


def attach_agents(app: faust.App, settings: Settings) -> None:
    """Declare topics and the Table on ``app`` and attach the agents."""

    def topic(name: str) -> faust.TopicT:
        return app.topic(settings.topic(name), key_type=bytes, value_type=bytes,
                         key_serializer="raw", value_serializer="raw",
                         partitions=settings.partitions, internal=True)

    items, reports = topic(NEWS_ITEMS), topic(NEWS_LEADERSHIP)
    by_person = topic(NEWS_LEADERSHIP_PEOPLE)
    alerts, updates = topic(ALERTS), topic(ALERT_UPDATES)
    dead_letters = {name: topic(dlq(name)) for name in (NEWS_ITEMS, NEWS_LEADERSHIP_PEOPLE, NEWS_LEADERSHIP)}
    # keys: the dedup key as bytes; values: the JSON list of open clusters for that key
    table = app.Table(DEDUP_TABLE, default=None, partitions=settings.partitions,
                      key_type=bytes)
    # keys: the person key as bytes; values: the JSON list of that surname's open routes
    routes = app.Table(ROUTES_TABLE, default=None, partitions=settings.partitions, key_type=bytes)

    async def detect_one(message: Any) -> None:
        metrics.WORKER_ITEMS.inc()
        item = decode_item(message.value)
        with metrics.DETECT_DURATION.time():
            detection = detect_leadership_changes(item)
            # keyed with the item's other events as context, exactly as `classify` does
            found = reports_for(item, detection.events, detection.language)
        for report in found:
            person = person_key(report)
            if person is not None:
                await by_person.send(key=person.encode(), value=to_json(report))
            else:
                await reports.send(key=report.dedup_key.encode(), value=to_json(report))
        if found:
            metrics.LEADERSHIP_ITEMS.inc()
            metrics.REPORTS.inc(len(found))

    def sweep_partition(state: Any, expire: Callable[[list, float, float], list], partition: int) -> None:
        now = time.time()
        retention_s = settings.dedup_retention_hours * 3600
        for key in [k for k in state.keys() if _partition_of(k, settings.partitions) == partition]:
            kept = expire(state[key], now, retention_s)
            if not kept:
                del state[key]
            elif len(kept) != len(state[key]):
                state[key] = kept

    async def route_one(message: Any) -> None:
        if message.value == SWEEP_RECORD:
            sweep_partition(routes, expire_routes, message.partition)
            return
        report = decode_report(message.value)
        key = message.key or b""
        route = route_report(routes.get(key), report, window_hours=settings.dedup_window_hours,
                             now=time.time())
        # Report first, route second: a crash in between replays this report, which records
        # the same route again; the other order could lose the report.
        if route.key != report.dedup_key:
            report = dataclasses.replace(report, dedup_key=route.key)
            metrics.ROUTED_REPORTS.inc()
        await reports.send(key=route.key.encode(), value=to_json(report))
        routes[key] = route.routes

    async def dedup_one(message: Any) -> None:
        if message.value == SWEEP_RECORD:
            sweep_partition(table, expire_clusters, message.partition)
            return
        report = decode_report(message.value)
        key = report.dedup_key.encode()
        with metrics.DEDUP_DURATION.time():
            decision = merge_report(table.get(key), report.dedup_key, report,
                                    window_hours=settings.dedup_window_hours, now=time.time())
        if decision.kind == "duplicate":
            metrics.DUPLICATE_REPORTS.inc()
            return
        # Alert first, Table second: a crash in between replays this report, which finds no
        # cluster and re-emits the same deterministic alert_id (consumers are idempotent);
        # the other order could lose the alert.
        out = alerts if decision.kind == "new" else updates
        await out.send(key=decision.alert.alert_id.encode(), value=to_json(decision.alert))
        table[key] = decision.clusters
        metrics.ALERTS.labels(kind=decision.kind).inc()

    @app.timer(interval=settings.dedup_sweep_interval, on_leader=True)
    async def request_sweep() -> None:
        for partition in range(settings.partitions):
            await reports.send(value=SWEEP_RECORD, partition=partition)
            await by_person.send(value=SWEEP_RECORD, partition=partition)

    @app.agent(items, name="detect_leadership_changes")
    async def detect_agent(stream: faust.StreamT) -> None:
        async for event in stream.events():
            await _guarded(detect_one, event.message, dead_letters[NEWS_ITEMS])

    @app.agent(by_person, name="route_by_person")
    async def route_agent(stream: faust.StreamT) -> None:
        async for event in stream.events():
            await _guarded(route_one, event.message, dead_letters[NEWS_LEADERSHIP_PEOPLE])

    @app.agent(reports, name="dedup_reports")
    async def dedup_agent(stream: faust.StreamT) -> None:
        async for event in stream.events():
            await _guarded(dedup_one, event.message, dead_letters[NEWS_LEADERSHIP])


def _partition_of(key: bytes, partitions: int) -> int:
    """The partition Kafka's default partitioner gives ``key`` (as the producer chose it)."""
    return (murmur2(key) & 0x7FFFFFFF) % partitions


async def _guarded(step: Callable[[Any], Awaitable[None]], message: Any,
                   dead_letter: faust.TopicT) -> None:
    """Run ``step``; on any error send the record to the dead-letter topic and carry on."""
    try:
        await step(message)
    except Exception as exc:  # one bad record must never stop the agent
        reason = f"{type(exc).__name__}: {exc}"[:1000]
        log.error("dead-lettered %s[%s]@%s: %s", message.topic, message.partition,
                  message.offset, reason,
                  extra={"topic": str(message.topic), "partition": message.partition,
                         "offset": message.offset, "error": reason})
        metrics.WORKER_DEAD_LETTERS.labels(topic=str(message.topic)).inc()
        headers = {
            "shakeup-error": reason.encode(),
            "shakeup-topic": str(message.topic).encode(),
            "shakeup-partition": str(message.partition).encode(),
            "shakeup-offset": str(message.offset).encode(),
        }
        await dead_letter.send(key=message.key, value=message.value or b"", headers=headers)
