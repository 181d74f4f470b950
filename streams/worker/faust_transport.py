"""Faust's Kafka transport with two fixes to its consumer (faust-streaming 0.15.3), used by create_app.

1. **No records skipped around a rebalance.** Faust's fetch loop hands each fetched record to
   the streams and then marks it read. After a rebalance, recovery resumes the source
   partitions *before* it seeks them back to their committed offsets, and the loop goes on
   delivering the batch it fetched meanwhile while the streams are still suspended (they drop
   what they get then, and ack it). The seek resets the read marks, the old batch moves them
   forward again, and the records fetched again after the seek are taken as already read and
   dropped for good; the partition's commit then sticks at the hole. Measured: 7-40 records
   per partition lost in about half of the restarts onto a backlog (tests/faults, item 7).
   Here a record counts as read only once the streams took it; a source record that would go
   to suspended streams is not delivered, and its partition is rewound to it; a batch fetched
   before or during a seek to the committed offsets is abandoned, and its partitions are put
   back where the seek put them (the batch may hold records of the old position, already read,
   or of the new one, which aiokafka would not fetch again).
2. **A shorter fetch wait.** Faust hard-codes ``fetch_max_wait_ms=1500``. A broker that holds
   an empty fetch for the whole wait (the embedded broker does, even when records arrive
   meanwhile) adds up to 1.5 s per hop; the pipeline has two hops. The wait is a setting here;
   real Kafka answers early anyway, so a short wait only adds idle fetches.
"""

from __future__ import annotations

import asyncio
from typing import Any, cast

import faust
from faust.transport.consumer import CONSUMER_FETCHING
from faust.transport.drivers import aiokafka as faust_aiokafka
from faust.types import TP
from mode import Service, ServiceT

from streams.settings import Settings

if faust.__version__ != "0.15.3":  # the loop below is a patched copy of that version's
    raise ImportError(f"streams.worker.faust_transport patches faust-streaming 0.15.3, "
                      f"not {faust.__version__}: compare Consumer._drain_messages first")


class ConsumerThread(faust_aiokafka.AIOKafkaConsumerThread):
    fetch_max_wait_ms = 1500  # set per app by ``transport_class``

    def _create_worker_consumer(self, transport: Any) -> Any:
        consumer = super()._create_worker_consumer(transport)
        # aiokafka reads this when it starts its fetcher; Faust passes no way to set it
        assert hasattr(consumer, "_fetch_max_wait_ms"), "aiokafka changed: revisit the fetch wait"
        consumer._fetch_max_wait_ms = self.fetch_max_wait_ms
        return consumer


class Consumer(faust_aiokafka.Consumer):
    fetch_max_wait_ms = 1500
    _seek_epoch = 0  # odd while a seek to the committed offsets runs, bumped twice by each

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._seek_done = asyncio.Event()
        self._seek_done.set()

    def _new_consumer_thread(self) -> ConsumerThread:
        thread_class = type("ConsumerThread", (ConsumerThread,),
                            {"fetch_max_wait_ms": self.fetch_max_wait_ms})
        return thread_class(self, loop=self.loop, beacon=self.beacon)

    async def perform_seek(self) -> None:
        self._seek_epoch += 1
        self._seek_done.clear()
        try:
            await super().perform_seek()
        finally:
            self._seek_epoch += 1
            self._seek_done.set()

    async def _rewind(self, tp: TP, offset: int | None) -> None:
        """Fetch ``tp`` again from ``offset`` (its records from there on were not delivered).

        No suspension point between the caller's checks and the seek: Faust's ``seek`` calls
        aiokafka's synchronously.
        """
        try:
            await self.seek(tp, offset or 0)  # 0: no committed offset, the reset policy applies
        except Exception as exc:  # revoked meanwhile: its next owner starts at the commit
            self.log.info("not rewinding %s to %s: %r", tp, offset, exc)

    async def _abandon_stale(self, tp: TP) -> None:
        """Put ``tp`` back where the seek to the committed offsets put it.

        Its batch was fetched before or during that seek, so it may hold records from the old
        position (already read) or from the new one (which aiokafka will not fetch again).
        """
        while self._seek_epoch % 2:
            await self._seek_done.wait()
        await self._rewind(tp, self._read_offset.get(tp))

    async def _drain_messages(self, fetcher: ServiceT) -> None:  # pragma: no cover - Faust's loop
        """Faust's fetch loop (0.15.3), with the delivery rules of the module docstring."""
        callback = self.callback
        getmany = self.getmany
        consumer_should_stop = cast(Service, self)._stopped.is_set
        fetcher_should_stop = cast(Service, fetcher)._stopped.is_set
        get_read_offset = self._read_offset.__getitem__
        set_read_offset = self._read_offset.__setitem__
        commit_every = self._commit_every
        acks_enabled_for = self.app.topics.acks_enabled_for
        streams_active = self.app.flow_control.is_active
        changelogs = self.app.tables.changelog_topics
        try:
            while not (consumer_should_stop() or fetcher_should_stop()):
                self.diag.set_flag(CONSUMER_FETCHING)
                epoch = self._seek_epoch
                records = getmany(timeout=1.0)
                await self.sleep(0)
                if self.should_stop:
                    continue
                abandoned: set[TP] = set()  # partitions rewound: skip the rest of their batch
                held_back = False
                since_yield = 0
                async for tp, message in records:
                    if tp in abandoned:
                        continue
                    since_yield += 1
                    if since_yield > 100:
                        await asyncio.sleep(0)
                        since_yield = 0
                    offset = message.offset
                    source = message.topic not in changelogs
                    if source and (self._seek_epoch != epoch or epoch % 2):
                        abandoned.add(tp)  # fetched before or during a seek
                        await self._abandon_stale(tp)
                        continue
                    r_offset = get_read_offset(tp)
                    if r_offset is not None and offset < r_offset:
                        continue  # read before (fetched again after a seek)
                    if source and not streams_active():
                        abandoned.add(tp)  # suspended streams would drop it (and ack it)
                        held_back = True
                        await self._rewind(tp, offset)
                        continue
                    if r_offset and offset - r_offset > 1 and acks_enabled_for(message.topic):
                        await self._add_gap(tp, r_offset + 1, offset)
                    if commit_every is not None and self._n_acked >= commit_every:
                        self._n_acked = 0
                        await self.commit()
                    delivery = callback(message)
                    waited = await self.wait_first(delivery, self.suspend_flow.wait())
                    if delivery in waited.done:
                        set_read_offset(tp, offset)
                    elif source and self._seek_epoch == epoch and not epoch % 2:
                        abandoned.add(tp)  # suspended before the streams took it
                        held_back = True
                        await self._rewind(tp, offset)
                    else:
                        set_read_offset(tp, offset)  # as Faust does
                if held_back:
                    await self.sleep(0.05)  # the streams resume soon; don't spin meanwhile
                self.diag.unset_flag(CONSUMER_FETCHING)
        except self.consumer_stopped_errors:
            if self.transport.app.should_stop:
                return
            raise
        except asyncio.CancelledError:
            if self.transport.app.should_stop:
                return
            raise
        except Exception as exc:
            self.log.exception("Drain messages raised: %r", exc)
            raise
        finally:
            self.diag.unset_flag(CONSUMER_FETCHING)


class Transport(faust_aiokafka.Transport):
    Consumer = Consumer


def transport_class(settings: Settings) -> type[Transport]:
    """The transport for one app, with its consumer's fetch wait from ``settings``."""
    consumer = type("Consumer", (Consumer,), {"fetch_max_wait_ms": settings.consumer_fetch_wait_ms})
    return type("Transport", (Transport,), {"Consumer": consumer})
