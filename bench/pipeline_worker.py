"""A Faust worker process for bench_pipeline: Shakeup's own app, or a trivial forwarding agent
built with the same Faust settings, optionally with some Faust settings overridden.

Run by bench_pipeline.py as ``python bench/pipeline_worker.py shakeup|trivial``; settings come
from the SHAKEUP_* environment as for `shakeup worker`, and
``SHAKEUP_BENCH_FAUST_OVERRIDES='{"producer_max_batch_size": 16384}'`` changes Faust settings
of either app (to measure what a setting costs without editing streams/worker).
Both apps use Shakeup's Faust transport (streams/worker/faust_transport.py), so the consumer
fetch wait is ``SHAKEUP_CONSUMER_FETCH_WAIT_MS`` for either.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

import faust  # noqa: E402

from streams.kafka.topics import NEWS_ITEMS  # noqa: E402
from streams.settings import Settings  # noqa: E402
from streams.worker.app import ShakeupApp, create_app, run_worker  # noqa: E402

FORWARDED = "bench.forwarded"  # the trivial agent's output topic
OVERRIDES_ENV = "SHAKEUP_BENCH_FAUST_OVERRIDES"
# the Faust settings streams/worker/app.py chooses, copied from its app onto the trivial one
COPIED = ("broker", "broker_credentials", "store", "topic_partitions", "topic_replication_factor",
          "processing_guarantee", "producer_acks", "producer_max_batch_size",
          "broker_session_timeout", "broker_heartbeat_interval", "broker_commit_interval",
          "consumer_auto_offset_reset", "topic_allow_declare", "stream_buffer_maxsize",
          "broker_max_poll_records", "producer_linger_ms", "stream_wait_empty")


def _overrides() -> dict:
    return json.loads(os.environ.get(OVERRIDES_ENV) or "{}")


def _patch_faust_app(overrides: dict) -> None:
    """Make every ShakeupApp built from now on take ``overrides`` over its own arguments."""
    if not overrides:
        return
    original = ShakeupApp.__init__

    def __init__(self, *args, settings, **kwargs):
        original(self, *args, settings=settings, **{**kwargs, **overrides})

    ShakeupApp.__init__ = __init__


def shakeup_app(settings: Settings) -> faust.App:

    return create_app(settings)


def trivial_app(settings: Settings) -> faust.App:
    """One agent that forwards each record of news.items, unchanged, to bench.forwarded."""
    reference = shakeup_app(settings.replace(app_id=f"{settings.app_id}-reference"))
    conf = {name: getattr(reference.conf, name) for name in COPIED}
    conf["broker"] = f"kafka://{settings.kafka_bootstrap}"
    app = ShakeupApp(settings.app_id, settings=settings, datadir=str(Path(settings.worker_data_dir or ".") / "trivial"),
                    web_enabled=False, autodiscover=False, **conf)

    def topic(name: str) -> faust.TopicT:
        return app.topic(settings.topic(name), key_type=bytes, value_type=bytes,
                         key_serializer="raw", value_serializer="raw",
                         partitions=settings.partitions, internal=True)

    items, forwarded = topic(NEWS_ITEMS), topic(FORWARDED)

    @app.agent(items, name="forward_items")
    async def forward_items(stream: faust.StreamT) -> None:
        async for event in stream.events():
            await forwarded.send(key=event.message.key, value=event.message.value)

    return app


def main() -> None:
    kind = sys.argv[1]
    _patch_faust_app(_overrides())
    settings = Settings.from_env(os.environ)
    app = {"shakeup": shakeup_app, "trivial": trivial_app}[kind](settings)
    run_worker(app, settings)


if __name__ == "__main__":
    main()
