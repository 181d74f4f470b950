"""create_app(settings): the Faust application, configured for real Kafka and the embedded broker."""

from __future__ import annotations

from pathlib import Path

import faust

from streams.kafka.client_config import faust_credentials
from streams.observability.log_setup import logging_config
from streams.settings import Settings
from streams.worker.faust_transport import transport_class


class ShakeupApp(faust.App):
    """faust.App with the consumer fixes of ``faust_transport`` (fetch wait, no skipped records)."""

    def __init__(self, *args: object, settings: Settings, **kwargs: object):
        self._transport_class = transport_class(settings)
        super().__init__(*args, **kwargs)

    def _new_transport(self):  # the one place Faust builds its consumer transport
        return self._transport_class(self.conf.broker_consumer, self)


def run_worker(app: faust.App, settings: Settings) -> None:
    """Run ``app`` as a Faust worker until it is stopped, logging at ``settings.log_level``.

    Without its terminal spinner: at WARNING and above Faust installs one, which writes cursor
    codes to stdout and sets the root logger to DEBUG so that every debug call in Faust and
    aiokafka builds a log record (5% of a forwarding agent's profile samples, measured).
    """
    from faust.worker import Worker

    worker = Worker(app, loglevel=settings.log_level.lower(), redirect_stdouts=False)
    worker.spinner = None
    worker.execute_from_commandline()


def create_app(settings: Settings) -> faust.App:
    """A Faust app with Shakeup's topics, Table and agents attached.

    The broker settings are the ones measured to work on both brokers (NOTES-broker.md):
    ``producer_max_batch_size=1`` avoids the embedded broker's wrong end offsets (which break
    Table recovery; it costs throughput, see docs/NOTES-broker-measured.md), and a short
    session timeout makes group joins take seconds instead of half a minute there.
    """
    data_dir = Path(settings.worker_data_dir or Path(".shakeup") / settings.app_id)
    data_dir.mkdir(parents=True, exist_ok=True)  # Faust fails on a missing directory
    app = ShakeupApp(
        settings.app_id,
        settings=settings,
        broker=f"kafka://{settings.kafka_bootstrap}",
        broker_credentials=faust_credentials(settings),
        store=settings.table_store,
        datadir=str(data_dir),
        topic_partitions=settings.partitions,
        topic_replication_factor=settings.replication_factor,
        processing_guarantee="at_least_once",
        producer_acks=-1,
        producer_max_batch_size=1,
        broker_session_timeout=6.0,
        broker_heartbeat_interval=1.5,
        broker_commit_interval=1.0,
        consumer_auto_offset_reset="earliest",
        web_enabled=True,
        web_port=settings.worker_web_port,
        web_bind="0.0.0.0",
        topic_allow_declare=True,
        autodiscover=False,
        # Faust's Worker applies this instead of its colour logs on stdout: the same JSON or
        # readable lines on stderr as every other Shakeup process
        logging_config=logging_config(settings.log_level, settings.log_format),
    )
    # imported here: the agents module needs the app to attach to
    from streams.worker.agents import attach_agents
    from streams.worker.web_views import attach_web_views

    attach_agents(app, settings)
    attach_web_views(app, settings)  # /metrics, /healthz, /status
    return app
