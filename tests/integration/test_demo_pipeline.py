"""The walking skeleton end to end: bundled feeds -> poller -> broker -> worker -> alerts topic."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import feedparser
import pytest
import yaml

from streams.dedup.keys import normalize_org, surname
from streams.demo.runner import DATA_DIR, run_demo
from streams.kafka.progress import read_to_end
from streams.kafka.topics import ALERT_UPDATES, ALERTS
from streams.models import decode_alert
from tests.conftest import pid_alive

EXPECTED = yaml.safe_load((DATA_DIR / "expected.yaml").read_text(encoding="utf-8"))


def _links_by_source_ref() -> dict[str, str]:
    """'file.xml#guid' -> the entry's link, read from the bundled feed files themselves."""
    links = {}
    for path in (DATA_DIR / "feeds").glob("*.xml"):
        for entry in feedparser.parse(path.read_bytes()).entries:
            links[f"{path.name}#{entry.id}"] = entry.link
    return links


def _key(person: str, org: str, change: str) -> tuple[str, str, str]:
    return surname(person.lower()), normalize_org(org), change


async def test_demo_ends_with_one_alert_per_real_world_change(settings):
    lines: list[str] = []
    summary = await run_demo(settings, lines.append)

    _, raw_new = await read_to_end(settings, settings.topic(ALERTS))
    _, raw_updates = await read_to_end(settings, settings.topic(ALERT_UPDATES))
    new = [decode_alert(r) for r in raw_new]
    updates = [decode_alert(r) for r in raw_updates]
    links = _links_by_source_ref()

    # exactly one `new` per change, nothing else
    got = Counter(_key(a.person["name"], a.org, a.change) for a in new)
    want = Counter(_key(c["person"], c["org"], c["change"]) for c in EXPECTED["changes"])
    assert got == want

    # each alert's final state lists every outlet and language that reported the change
    by_id = {a.alert_id: a for a in new}
    for update in updates:
        assert update.alert_id in by_id, "an update for an alert that was never announced"
        by_id[update.alert_id] = update  # updates carry the full, growing source list
    final = {_key(a.person["name"], a.org, a.change): a for a in by_id.values()}
    for change in EXPECTED["changes"]:
        alert = final[_key(change["person"], change["org"], change["change"])]
        assert sorted(alert.languages) == sorted(change["languages"]), change["person"]
        assert sorted(s.url for s in alert.sources) == sorted(links[s] for s in change["sources"])
        assert alert.to_org == change["to_org"]

    # the syndicated duplicate added nothing; every other report is one update
    reports = sum(len(c["sources"]) for c in EXPECTED["changes"])
    assert len(updates) == reports - len(EXPECTED["changes"])
    assert len({u.alert_id for u in updates} - set(by_id)) == 0

    assert summary.alerts == len(EXPECTED["changes"]) and summary.updates == len(updates)
    assert summary.feeds_failed == 0
    assert summary.leadership_items == len({s for c in EXPECTED["changes"] for s in c["sources"]})
    assert len([l for l in lines if l.startswith("NEW")]) == len(EXPECTED["changes"])


def _processes_carrying(marker: str) -> list[int]:
    """Processes whose environment holds ``marker``: the demo's children inherit it."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    pids.append(int(entry.name))
            except OSError:
                pass  # gone, or not ours to read
    return pids


def test_shakeup_demo_command_exits_cleanly_and_leaves_no_process(tmp_path):
    marker = f"DEMO_LEAK_MARKER={uuid.uuid4().hex}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHAKEUP_")}
    env[marker.split("=")[0]] = marker.split("=")[1]
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "streams", "demo"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    assert sum(l.startswith("NEW") for l in lines) == len(EXPECTED["changes"])
    assert lines[-1].startswith("demo: ") and f"{len(EXPECTED['changes'])} alerts" in lines[-1]
    assert elapsed < 60
    time.sleep(0.2)
    assert _processes_carrying(marker) == [], "the demo left a process (broker or worker) running"


async def test_tail_prints_alerts_from_the_topic(settings):
    """`shakeup tail --from-beginning --json` shows what the worker wrote; plain mode one line each."""
    import asyncio
    import orjson

    await run_demo(settings, lambda line: None)
    env = {**os.environ, "SHAKEUP_KAFKA_BOOTSTRAP": settings.kafka_bootstrap}
    expected_new = len(EXPECTED["changes"])

    async def first_lines(*args: str, count: int) -> list[str]:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "streams", "tail", *args, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
        try:
            return [(await asyncio.wait_for(proc.stdout.readline(), 30)).decode()
                    for _ in range(count)]
        finally:
            proc.terminate()
            await proc.wait()

    json_lines = await first_lines("--from-beginning", "--json", count=expected_new)
    alerts = [orjson.loads(line) for line in json_lines]
    assert all(a["schema"] == "shakeup.alert/v1" and a["alert_id"] for a in alerts)
    text_lines = await first_lines("--from-beginning", count=expected_new)
    assert all(line.startswith(("NEW", "UPDATE")) for line in text_lines)
