"""Topic names of the contract (DESIGN.md) and their creation at start-up."""

from __future__ import annotations

import asyncio
import logging

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError

from streams.errors import BrokerError, ConfigError
from streams.kafka.client_config import client_kwargs
from streams.settings import Settings

log = logging.getLogger(__name__)

NEWS_ITEMS = "news.items"
NEWS_LEADERSHIP = "news.leadership"
# reports that name someone in full, keyed by the person, on their way to news.leadership
# (streams/dedup/people.py): one person's change under two organisations' keys is one alert
NEWS_LEADERSHIP_PEOPLE = "news.leadership.people"
ALERTS = "alerts.leadership"
ALERT_UPDATES = "alerts.leadership.updates"
# the worker's inputs in pipeline order: it has processed everything once its group committed
# the end of each, read in turn (each stage writes the next)
WORKER_INPUTS = (NEWS_ITEMS, NEWS_LEADERSHIP_PEOPLE, NEWS_LEADERSHIP)
INPUT_TOPICS = (NEWS_ITEMS, NEWS_LEADERSHIP_PEOPLE, NEWS_LEADERSHIP, ALERTS, ALERT_UPDATES)
# the pollers' latest status per feed (key: feed URL) for the worker's status page; compacted,
# so a reader that starts from the beginning finds one record per feed (on real Kafka)
FEED_STATUS = "feeds.status"


def dlq(topic: str) -> str:
    """The dead-letter topic of an input topic."""
    return f"{topic}.dlq"


def all_topics(settings: Settings) -> list[str]:
    """Every topic Shakeup declares, prefixed: the inputs, one .dlq per input, the feed status."""
    names = [*INPUT_TOPICS, *(dlq(t) for t in INPUT_TOPICS), FEED_STATUS]
    return [settings.topic(n) for n in names]


async def ensure_topics(settings: Settings, *, timeout: float = 30.0) -> list[str]:
    """Create the contract topics that don't exist yet, with the configured partition count.

    Every topic must be declared: the embedded broker auto-creates unknown topics with a
    hard-coded 4 partitions, which breaks Faust's co-partitioning with its changelogs.

    Returns:
        The names of the topics this call created.
    Raises:
        BrokerError: Kafka could not be reached within ``timeout``.
    """
    admin = AIOKafkaAdminClient(**client_kwargs(settings), request_timeout_ms=int(timeout * 1000))
    try:
        await asyncio.wait_for(admin.start(), timeout)
    except (KafkaError, OSError, asyncio.TimeoutError) as exc:
        raise BrokerError(f"cannot reach Kafka at {settings.kafka_bootstrap}: {exc}") from exc
    try:
        existing = set(await admin.list_topics())
        await _check_partitions(admin, settings, [t for t in all_topics(settings) if t in existing])
        wanted = [t for t in all_topics(settings) if t not in existing]
        if not wanted:
            return []
        retention = {"retention.ms": str(int(settings.topic_retention_hours * 3_600_000))}
        compacted = {"cleanup.policy": "compact"}
        new = [NewTopic(t, num_partitions=settings.partitions,
                        replication_factor=settings.replication_factor,
                        topic_configs=compacted if t == settings.topic(FEED_STATUS) else retention)
               for t in wanted]
        try:
            await admin.create_topics(new)
        except TopicAlreadyExistsError:
            pass  # another process created them first
        log.info("created topics %s", ", ".join(wanted))
        return wanted
    except KafkaError as exc:
        raise BrokerError(f"cannot create topics: {exc}") from exc
    finally:
        await admin.close()


async def _check_partitions(admin: AIOKafkaAdminClient, settings: Settings, names: list[str]) -> None:
    """Existing topics must have SHAKEUP_PARTITIONS partitions: Faust co-partitions the
    dedup Table's changelog with news.leadership, and a mismatch fails later, less clearly."""
    if not names:
        return
    for topic in await admin.describe_topics(names):
        count = len(topic.get("partitions") or ())
        if topic.get("error_code", 0) == 0 and count and count != settings.partitions:
            raise ConfigError(
                f"topic {topic['topic']} has {count} partitions but SHAKEUP_PARTITIONS is "
                f"{settings.partitions}: set SHAKEUP_PARTITIONS={count}, or recreate the topics")
