"""`shakeup run`: the live pipeline in one process tree, printing alerts until Ctrl-C."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import uuid

import yaml

from streams.demo.feed_server import serve_directory
from streams.demo.runner import DATA_DIR, demo_feeds
from streams.kafka.embedded_broker import free_port
from tests.integration.test_demo_pipeline import EXPECTED, _processes_carrying


async def test_run_prints_alerts_live_and_stops_cleanly_on_ctrl_c(tmp_path):
    marker = uuid.uuid4().hex
    async with serve_directory(DATA_DIR) as base_url:
        feeds = tmp_path / "feeds.yaml"
        feeds.write_text(yaml.safe_dump({"feeds": [
            {"url": f.url, "name": f.name, "lang": f.lang} for f in demo_feeds(base_url)]}))
        env = {**{k: v for k, v in os.environ.items() if not k.startswith("SHAKEUP_")},
               "SHAKEUP_ALLOW_PRIVATE_NETWORKS": "true", "SHAKEUP_STATE_DIR": str(tmp_path / "state"),
               "SHAKEUP_WEB_PORT": str(free_port()), "SHAKEUP_POLLER_METRICS_PORT": str(free_port()),
               "RUN_LEAK_MARKER": marker}
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "streams", "run", "--feeds", str(feeds), env=env, cwd=tmp_path,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
        new_alerts = []
        try:
            while len(new_alerts) < len(EXPECTED["changes"]):
                line = (await asyncio.wait_for(proc.stdout.readline(), 90)).decode()
                assert line, "shakeup run exited early"
                if line.startswith("NEW"):
                    new_alerts.append(line)
        finally:
            proc.send_signal(signal.SIGINT)
            code = await asyncio.wait_for(proc.wait(), 60)
    assert code in (0, 130)
    assert len(new_alerts) == len(EXPECTED["changes"])
    assert _processes_carrying(f"RUN_LEAK_MARKER={marker}") == []
