"""Which feeds this poller owns: Kafka group assignment of the partitions of a shards topic.

The rebalancing story. Every feed belongs to one shard, ``shard_of(url) = sha256(url) mod P``,
where P is the partition count of the topic ``poller.shards`` (created with
SHAKEUP_POLLER_PARTITIONS; it carries no records). Every poller process joins the consumer group
``<app_id>.pollers`` subscribed to that topic, and polls exactly the feeds of the partitions Kafka
assigns it. Kafka's group protocol gives each partition to one member per generation, so:
- no overlap: on a rebalance each poller first drops every feed it had and waits for its running
  polls to finish (the eager protocol revokes all partitions before it reassigns any);
- no gaps: every partition is assigned to some member while at least one is alive;
- a dead poller (kill -9, lost host) stops heartbeating; after SHAKEUP_POLLER_SESSION_TIMEOUT the
  coordinator rebalances and the survivors take its partitions, hence its feeds;
- a new poller triggers the same rebalance and takes its share. More pollers than partitions
  leaves the extra ones idle (standbys that take over when one dies).
Feed state travels with the feed when the pollers share SHAKEUP_STATE_DIR (one SQLite file, see
state_store): the new owner continues with the old owner's validators, seen items and outbox.
Pollers on separate hosts without a shared state dir start a taken-over feed cold: its current
items are sent once more (at-least-once; consumers dedup by ``item_id``).
All pollers must read the same feed list; the hash makes the split independent of list order.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Awaitable, Callable

from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError

from streams.errors import BrokerError
from streams.kafka.client_config import client_kwargs
from streams.settings import Settings

log = logging.getLogger(__name__)

SHARDS_TOPIC = "poller.shards"

# called with (shards now owned, shards just revoked); awaited before the group moves on
OwnershipChange = Callable[[set[int], set[int]], Awaitable[None]]


def shard_of(feed_url: str, shards: int) -> int:
    """The shard of a feed: stable across processes, restarts and feed-list order."""
    digest = hashlib.sha256(feed_url.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") % shards


async def ensure_shards_topic(settings: Settings) -> None:
    """Create the shards topic unless it exists (its partition count is then what it is)."""
    admin = AIOKafkaAdminClient(**client_kwargs(settings))
    try:
        await admin.start()
        await admin.create_topics([NewTopic(settings.topic(SHARDS_TOPIC), settings.poller_partitions,
                                            settings.replication_factor)])
    except TopicAlreadyExistsError:
        pass
    except KafkaError as exc:
        raise BrokerError(f"cannot create {settings.topic(SHARDS_TOPIC)}: {exc}") from exc
    finally:
        await admin.close()


class ShardAssignment:
    """Membership in the pollers' consumer group; ``owned`` is the set of shards assigned here.

    Usage::

        async with ShardAssignment(settings, on_change) as assignment:
            await assignment.run(stop)  # keeps the membership alive
    """

    def __init__(self, settings: Settings, on_change: OwnershipChange):
        self.settings = settings
        self.on_change = on_change
        self.topic = settings.topic(SHARDS_TOPIC)
        self.owned: set[int] = set()
        self.shards = settings.poller_partitions
        session_ms = int(settings.poller_session_timeout * 1000)
        self._consumer = AIOKafkaConsumer(
            **client_kwargs(settings), group_id=f"{settings.app_id}.pollers",
            enable_auto_commit=False, auto_offset_reset="latest",
            session_timeout_ms=session_ms, heartbeat_interval_ms=max(100, session_ms // 4),
            rebalance_timeout_ms=max(session_ms, int(settings.fetch_timeout * 1000) + 5000))

    async def __aenter__(self) -> "ShardAssignment":
        await ensure_shards_topic(self.settings)
        await self._consumer.start()
        await self._consumer.topics()
        partitions = self._consumer.partitions_for_topic(self.topic)
        if not partitions:
            await self._consumer.stop()
            raise BrokerError(f"topic {self.topic} has no partitions")
        self.shards = len(partitions)
        self._consumer.subscribe([self.topic], listener=_Listener(self))
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self._consumer.stop()  # leaves the group: the others rebalance at once

    async def run(self, stop) -> None:
        """Stay in the group until ``stop`` is set (aiokafka needs a consumer that polls)."""
        while not stop.is_set():
            await self._consumer.getmany(timeout_ms=500)

    async def _revoked(self, shards: set[int]) -> None:
        self.owned -= shards
        if shards:
            await self.on_change(set(self.owned), shards)

    async def _assigned(self, shards: set[int]) -> None:
        self.owned = set(shards)
        log.info("poller owns shards %s of %d", sorted(shards), self.shards)
        await self.on_change(set(self.owned), set())


class _Listener(ConsumerRebalanceListener):
    def __init__(self, assignment: ShardAssignment):
        self.assignment = assignment

    async def on_partitions_revoked(self, revoked) -> None:
        await self.assignment._revoked({tp.partition for tp in revoked})

    async def on_partitions_assigned(self, assigned) -> None:
        await self.assignment._assigned({tp.partition for tp in assigned})
