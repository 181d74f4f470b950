"""Health rules (pure) and the endpoints that serve them: 503 with a reason a person can act on."""

from __future__ import annotations

import asyncio
import time

import aiohttp

from streams.kafka.embedded_broker import EmbeddedBroker, free_port
from streams.observability.health import HealthLimits, LoopLagWindow, ProgressWatch, assess
from streams.observability.health_probes import HealthMonitor
from streams.observability.http_endpoints import serve_endpoints
from streams.settings import Settings

LIMITS = HealthLimits(stall_s=60, loop_block_s=5, loop_window_s=60, kafka_grace_s=15)


def _assess(now=1000.0, started_at=0.0, kafka_ok_at=999.0, kafka_error=None, progress=None,
            loop=None):
    return assess(now=now, started_at=started_at, kafka_ok_at=kafka_ok_at, kafka_error=kafka_error,
                  progress=progress or ProgressWatch(), loop=loop or LoopLagWindow(), limits=LIMITS)


def test_healthy_when_kafka_answers_and_nothing_waits():
    report = _assess()
    assert report.healthy and report.as_dict()["status"] == "ok" and report.reasons == ()


def test_kafka_silent_for_longer_than_the_grace_period():
    report = _assess(kafka_ok_at=980.0, kafka_error="KafkaConnectionError: refused")
    assert not report.healthy
    assert report.reasons == ("Kafka has not answered for 20 s: KafkaConnectionError: refused",)
    assert _assess(kafka_ok_at=990.0).healthy  # 10 s: within the grace


def test_starting_process_is_not_healthy_until_kafka_answered_once():
    assert _assess(now=5.0, kafka_ok_at=None).reasons == (
        "starting: waiting for the first answer from Kafka",)
    assert "since start: nope" in _assess(now=5.0, kafka_ok_at=None, kafka_error="nope").reasons[0]


def test_stuck_means_behind_and_not_moving_for_the_stall_limit():
    watch = ProgressWatch()
    watch.observe(("news.items", 2), 10, 50, now=900.0)
    watch.observe(("news.items", 3), 7, 7, now=900.0)  # caught up: never stuck
    watch.observe(("news.items", 2), 10, 55, now=950.0)  # more arrived, nothing moved
    report = _assess(now=961.0, progress=watch)
    assert report.reasons == ("stuck: news.items[2] is 45 behind and has not moved for 61 s",)
    assert report.checks["backlog"] == {"news.items[2]": 45, "news.items[3]": 0}

    watch.observe(("news.items", 2), 11, 55, now=962.0)  # one record later it is moving again
    assert _assess(now=1000.0, progress=watch).healthy


def test_noted_activity_is_progress_and_revoked_partitions_are_forgotten():
    watch = ProgressWatch()
    watch.observe(("alerts.leadership", 0), 3, 9, now=0.0)
    watch.note_activity(50.0)  # e.g. the forwarder is retrying Slack
    assert watch.stalled(100.0, 60) == []
    assert watch.stalled(111.0, 60)[0][0] == ("alerts.leadership", 0)
    watch.retain(set())
    assert watch.stalled(1000.0, 60) == [] and watch.behind() == {}


def test_a_blocked_event_loop_shows_for_a_window():
    loop = LoopLagWindow()
    loop.record(900.0, 7.5, window_s=60)
    loop.record(901.0, 0.001, window_s=60)
    assert _assess(now=950.0, loop=loop).reasons == ("event loop blocked for 7.5 s, 50 s ago",)
    assert _assess(now=961.0, loop=loop).healthy


async def test_healthz_turns_503_with_the_reason_when_kafka_goes_away(tmp_path):
    port = free_port()
    with EmbeddedBroker() as broker:
        monitor = HealthMonitor(Settings(kafka_bootstrap=broker.bootstrap))
        monitor.limits = HealthLimits(kafka_grace_s=1.0)
        async with serve_endpoints(port, monitor.report, process="test") as bound, \
                aiohttp.ClientSession() as http:
            assert bound == port
            assert await monitor.probe.check()
            async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                assert response.status == 200
                assert (await response.json())["checks"]["kafka"]["ok"] is True
            broker.stop()
            assert not await monitor.probe.check()
            await asyncio.sleep(1.1)
            async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                body = await response.json()
                assert response.status == 503, body
                assert body["status"] == "unhealthy"
                assert body["reasons"][0].startswith("Kafka has not answered for ")
                assert "Unable to get cluster metadata" in body["reasons"][0]
            async with http.get(f"http://127.0.0.1:{port}/metrics") as response:
                text = await response.text()
                assert response.status == 200
                assert "shakeup_kafka_reachable 0.0" in text and "shakeup_healthy 0.0" in text
        await monitor.probe.close()


async def test_the_watchdog_reports_a_blocked_event_loop():
    monitor = HealthMonitor(Settings(kafka_bootstrap="127.0.0.1:1"))
    monitor.limits = HealthLimits(loop_block_s=0.3)
    monitor.probe.ok_at = time.monotonic() + 3600  # Kafka is not the point here
    watchdog = asyncio.create_task(monitor._watch_loop())
    await asyncio.sleep(0.3)
    time.sleep(0.6)  # something hogs the loop
    await asyncio.sleep(0.3)
    watchdog.cancel()
    reasons = monitor.report().reasons
    assert len(reasons) == 1 and reasons[0].startswith("event loop blocked for 0.")


async def test_a_taken_port_does_not_stop_the_process():
    port = free_port()
    async with serve_endpoints(port, lambda: None, process="first") as first:
        async with serve_endpoints(port, lambda: None, process="second") as second:
            assert first == port and second is None
    async with serve_endpoints(0, lambda: None, process="off") as off:
        assert off is None
