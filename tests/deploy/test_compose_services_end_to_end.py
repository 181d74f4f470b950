"""Every Shakeup service of docker-compose.yml, run as a plain process against the embedded broker.

Same commands and the same environment as the compose file; only what the machine changes is
swapped: the broker address (the embedded broker instead of the `kafka` service), idempotent
producers (tansu lacks them), the volume paths, the ports (containers each have their own
network; processes share one), the feed list (the bundled demo feeds on a local server, so
loopback is allowed) and Slack (a fake Slack server on loopback).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

from streams.child_process import spawn, stop
from streams.demo.feed_server import serve_directory
from streams.demo.runner import DATA_DIR, demo_feeds
from streams.kafka.embedded_broker import free_port
from streams.kafka.progress import read_to_end, wait_for_group
from streams.feeds.parser import parse_feed
from streams.kafka.topics import ALERTS, ALERT_UPDATES, NEWS_ITEMS, WORKER_INPUTS
from streams.models import decode_alert
from streams.settings import Settings
from streams.slack.forwarder import slack_group_id
from tests.deploy.compose_services import service_command, service_environment, shakeup_services
from streams.slack.parts import PARENT, part_key
from tests.slack.fake_slack import TOKEN, FakeSlack

EXPECTED = yaml.safe_load((DATA_DIR / "expected.yaml").read_text(encoding="utf-8"))
DEMO_ITEMS = sum(len(parse_feed(path.read_bytes(), path.name).items)
                 for path in (DATA_DIR / "feeds").glob("*.xml"))
LONG_RUNNING = ("poller", "worker", "slack")


def _environment(service: dict, overrides: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHAKEUP_")}
    return {**env, **service_environment(service), **overrides}


async def _until(condition, timeout: float, what: str, check=lambda: None) -> None:
    deadline = time.monotonic() + timeout
    while not await condition():
        check()
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.5)


async def test_compose_services_deliver_every_alert_to_the_topic_and_slack_once(broker, tmp_path):
    services = shakeup_services()
    assert set(services) == {"kafka-init", *LONG_RUNNING}, "a new service needs a place here"
    async with FakeSlack() as slack, serve_directory(DATA_DIR) as base_url:
        feeds = tmp_path / "feeds.yaml"
        feeds.write_text(yaml.safe_dump({"feeds": [
            {"url": f.url, "name": f.name, "lang": f.lang} for f in demo_feeds(base_url)]}))
        overrides = {
            "SHAKEUP_KAFKA_BOOTSTRAP": broker.bootstrap, "SHAKEUP_KAFKA_IDEMPOTENCE": "false",
            "SHAKEUP_FEEDS": str(feeds), "SHAKEUP_ALLOW_PRIVATE_NETWORKS": "true",
            "SHAKEUP_SLACK_BOT_TOKEN": TOKEN, "SHAKEUP_SLACK_API_URL": slack.api_url,
            "SHAKEUP_SLACK_CHANNEL": "#leadership",
        }

        def env_for(name: str) -> dict[str, str]:
            volume = tmp_path / name  # each service's volume
            return _environment(services[name], {
                **overrides, "SHAKEUP_STATE_DIR": str(volume), "SHAKEUP_DATA_DIR": str(volume / "worker"),
                # ports: compose gives each container its own network; here they share one host
                "SHAKEUP_WEB_PORT": str(free_port()), "SHAKEUP_POLLER_METRICS_PORT": str(free_port()),
                "SHAKEUP_SLACK_METRICS_PORT": str(free_port())})

        init = subprocess.run([sys.executable, "-m", "streams", *service_command(services["kafka-init"])],
                              env=env_for("kafka-init"), capture_output=True, text=True, timeout=120)
        assert init.returncode == 0, init.stderr
        settings = Settings.from_env(env_for("kafka-init"))

        processes, logs = {}, {}
        try:
            for name in LONG_RUNNING:
                logs[name] = open(tmp_path / f"{name}.log", "wb")
                processes[name] = spawn([sys.executable, "-m", "streams", *service_command(services[name])],
                                        env=env_for(name), output=logs[name])

            def all_running() -> None:
                for name, process in processes.items():
                    assert process.poll() is None, \
                        f"{name} exited: {(tmp_path / f'{name}.log').read_text(errors='replace')[-2000:]}"

            async def every_item_polled() -> bool:
                _, items = await read_to_end(settings, settings.topic(NEWS_ITEMS))
                return len(items) >= DEMO_ITEMS

            await _until(every_item_polled, 120, "the pollers to produce every item", all_running)
            for topic in WORKER_INPUTS:
                topic_ends, _ = await read_to_end(settings, settings.topic(topic))
                await wait_for_group(settings, settings.app_id, topic_ends, timeout=120,
                                     check=all_running)
            ends = {}
            for topic in (ALERTS, ALERT_UPDATES):
                topic_ends, _ = await read_to_end(settings, settings.topic(topic))
                ends.update(topic_ends)
            # production pacing (1 post/s per channel) from the env file: about a post a second
            await wait_for_group(settings, slack_group_id(settings), ends, timeout=180,
                                 check=all_running)
        finally:
            for process in processes.values():
                stop(process, timeout=20)
            for log in logs.values():
                log.close()

    # exactly once on the topic (by alert_id; delivery is at-least-once) and in Slack
    _, raw_new = await read_to_end(settings, settings.topic(ALERTS))
    _, raw_updates = await read_to_end(settings, settings.topic(ALERT_UPDATES))
    new_ids = {decode_alert(r).alert_id for r in raw_new}
    update_keys = {(u.alert_id, part_key(u)) for u in map(decode_alert, raw_updates)}
    assert len(new_ids) == len(EXPECTED["changes"])
    assert len(update_keys) == sum(len(c["sources"]) for c in EXPECTED["changes"]) - len(new_ids)

    posted = Counter(message.key for message in slack.messages)
    assert max(posted.values()) == 1, "a message was posted twice"
    assert set(posted) == {(alert_id, PARENT) for alert_id in new_ids} | update_keys
