"""Scrape every process's /metrics after a demo-like run: the counts match what happened.

`shakeup poll`, `shakeup worker` and `shakeup slack` run as the compose file runs them, on the
embedded broker, over the bundled demo feeds; Slack is a fake that answers one 429 and one 503
first. What the topics and the fake Slack hold is the truth the metrics must agree with.
"""

from __future__ import annotations

import asyncio
import time

from streams.demo.runner import DATA_DIR
from streams.kafka.progress import read_to_end
from streams.kafka.topics import ALERT_UPDATES, ALERTS, NEWS_ITEMS, NEWS_LEADERSHIP
from streams.models import decode_report
from streams.worker.agents import SWEEP_RECORD
from tests.observability.running_pipeline import running_pipeline, value
from tests.slack.fake_slack import Fault


async def test_metrics_match_the_topics_and_slack(settings, tmp_path):
    async with running_pipeline(settings, tmp_path) as (pipeline, feeds):
        pipeline.slack.faults.extend([Fault.rate_limit(retry_after=1), Fault.server_error(503)])
        _, items = await _wait_for_items(pipeline, settings, len(feeds))
        await pipeline.wait_until_processed(len(items))

        _, items = await read_to_end(settings, settings.topic(NEWS_ITEMS))
        _, reports = await read_to_end(settings, settings.topic(NEWS_LEADERSHIP))
        _, new = await read_to_end(settings, settings.topic(ALERTS))
        _, updates = await read_to_end(settings, settings.topic(ALERT_UPDATES))
        reports = [r for r in reports if r != SWEEP_RECORD]
        # an item record is (item_id, feed): the syndicated copy has one id in two feeds
        leadership_items = {(report.item.item_id, report.item.feed_url)
                            for report in map(decode_report, reports)}
        assert new and updates and leadership_items

        # pollers: every feed polled once with a 200, every new item delivered, nothing waiting
        poller = await _settled(pipeline, "poll", lambda m: value(m, "shakeup_poller_feeds", state="ok")
                                == len(feeds) and value(m, "shakeup_poller_outbox_items") == 0)
        assert value(poller, "shakeup_poller_polls_total", outcome="ok", reason="") == len(feeds)
        assert value(poller, "shakeup_poller_items_new_total") == len(items)
        assert value(poller, "shakeup_poller_items_delivered_total") == len(items)
        assert value(poller, "shakeup_poller_fetched_bytes_total") == sum(_feed_size(f.url) for f in feeds)
        assert value(poller, "shakeup_poller_poll_duration_seconds_count") == len(feeds)
        assert value(poller, "shakeup_poller_feeds", state="parked") == 0
        assert value(poller, "shakeup_poller_owned_shards") == settings.poller_partitions

        # worker: items in, leadership items, reports and alerts as on the topics; no lag
        worker = await pipeline.scrape("worker")
        assert value(worker, "shakeup_worker_items_total") == len(items)
        assert value(worker, "shakeup_worker_leadership_items_total") == len(leadership_items)
        assert value(worker, "shakeup_worker_reports_total") == len(reports)
        assert value(worker, "shakeup_worker_alerts_total", kind="new") == len(new)
        assert value(worker, "shakeup_worker_alerts_total", kind="update") == len(updates)
        assert value(worker, "shakeup_worker_duplicate_reports_total") == \
            len(reports) - len(new) - len(updates)
        assert value(worker, "shakeup_worker_detect_duration_seconds_count") == len(items)
        assert sum(v for (name, _), v in worker.items() if name == "shakeup_worker_dead_letters_total") == 0
        lag = await _settled(pipeline, "worker", lambda m: any(
            name == "shakeup_consumer_lag" for name, _ in m))
        assert sum(v for (name, _), v in lag.items() if name == "shakeup_consumer_lag") == 0

        # forwarder: every alert record handled, one Slack post per part, the 429 and the 503
        slack = await pipeline.scrape("slack")
        assert value(slack, "shakeup_slack_records_total", topic=settings.topic(ALERTS)) == len(new)
        assert value(slack, "shakeup_slack_records_total",
                     topic=settings.topic(ALERT_UPDATES)) == len(updates)
        assert value(slack, "shakeup_slack_posts_total", status="posted") == len(pipeline.slack.messages)
        assert len(pipeline.slack.messages) == len(new) + len(updates)
        assert value(slack, "shakeup_slack_requests_total", result="rate_limited") == 1
        assert value(slack, "shakeup_slack_requests_total", result="unavailable") == 1
        assert value(slack, "shakeup_slack_retries_total") == 1
        assert value(slack, "shakeup_slack_dead_letters_total", topic=settings.topic(ALERTS)) == 0

        for process in ("poll", "worker", "slack"):
            status, body = await pipeline.health(process)
            assert status == 200 and body["status"] == "ok", (process, body)
            assert value(await pipeline.scrape(process), "shakeup_kafka_reachable") == 1


def _feed_size(url: str) -> int:
    return (DATA_DIR / "feeds" / url.rsplit("/", 1)[-1]).stat().st_size


async def _wait_for_items(pipeline, settings, feeds: int, timeout: float = 90.0):
    """Until the poller has polled every feed (its counter says so) and delivered."""
    deadline = time.monotonic() + timeout
    while True:
        pipeline.check_running()
        try:
            samples = await pipeline.scrape("poll")
        except OSError:
            samples = {}
        polled = sum(v for (name, _), v in samples.items() if name == "shakeup_poller_polls_total")
        if polled >= feeds and value(samples, "shakeup_poller_items_delivered_total") \
                == value(samples, "shakeup_poller_items_new_total") > 0:
            return await read_to_end(settings, settings.topic(NEWS_ITEMS))
        assert time.monotonic() < deadline, "the poller did not poll every feed"
        await asyncio.sleep(0.5)


async def _settled(pipeline, process: str, condition, timeout: float = 15.0) -> dict:
    """Scrape until ``condition`` holds (gauges are refreshed every few seconds)."""
    deadline = time.monotonic() + timeout
    while True:
        samples = await pipeline.scrape(process)
        if condition(samples) or time.monotonic() > deadline:
            return samples
        await asyncio.sleep(0.5)
