"""Several poller processes split the feeds with no overlap and no gap, and a survivor takes
over the feeds of a poller killed with SIGKILL (Kafka group assignment of the shards topic)."""

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from aiohttp import web

from streams.settings import settings_env
from tests.conftest import pid_alive
from tests.feeds.conftest import FAST, rss, web_server

FEEDS = 24
OWNS = re.compile(r"poller owns shards \[([\d, ]*)\] of (\d+)")
POLLED = re.compile(r"^(http://\S+/feed/\d+): ", re.M)


def _start_poller(settings, log: Path) -> subprocess.Popen:
    env = {**os.environ, **settings_env(settings), "SHAKEUP_LOG_LEVEL": "INFO"}
    return subprocess.Popen([sys.executable, "-m", "streams", "poll"], env=env,
                            stdout=subprocess.DEVNULL, stderr=log.open("wb"),
                            start_new_session=True)


def _since_last_assignment(log: Path) -> tuple[set[int] | None, set[str]]:
    """The shards of the poller's latest assignment, and the feeds it polled since then."""
    text = log.read_text(errors="replace")
    matches = list(OWNS.finditer(text))
    if not matches:
        return None, set()
    last = matches[-1]
    shards = {int(s) for s in last.group(1).replace(" ", "").split(",") if s}
    return shards, set(POLLED.findall(text[last.end():]))


async def _until(condition, timeout: float, what: str, procs=()) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        for proc in procs:
            assert proc.poll() is None, f"a poller exited with {proc.returncode}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.2)


async def test_pollers_split_feeds_without_overlap_and_take_over_a_dead_one(settings, tmp_path):
    async def feed(request):
        return web.Response(body=rss(1, prefix=request.match_info["n"]),
                            content_type="application/rss+xml", headers={"ETag": '"e"'})

    async with web_server({"/feed/{n}": feed}) as base:
        urls = {f"{base}/feed/{n}" for n in range(FEEDS)}
        feed_list = tmp_path / "feeds.yaml"
        feed_list.write_text("feeds:\n" + "".join(f"  - {{url: '{u}', interval: 0.5}}\n"
                                                  for u in sorted(urls)))
        settings = settings.replace(**FAST, feeds_file=str(feed_list), poller_partitions=6,
                                    poller_session_timeout=3.0)
        logs = [tmp_path / "a.log", tmp_path / "b.log"]
        procs = [_start_poller(settings, logs[0])]
        try:
            await asyncio.sleep(1.0)
            procs.append(_start_poller(settings, logs[1]))

            def split_settled() -> bool:
                (shards_a, polled_a), (shards_b, polled_b) = map(_since_last_assignment, logs)
                return (bool(shards_a) and bool(shards_b) and len(shards_a | shards_b) == 6
                        and polled_a | polled_b == urls)

            await _until(split_settled, 30, "both pollers to share the feeds", procs)
            (shards_a, polled_a), (shards_b, polled_b) = map(_since_last_assignment, logs)
            assert not shards_a & shards_b  # each shard has one owner
            assert not polled_a & polled_b  # no feed polled by both
            assert polled_a | polled_b == urls  # and none left out

            os.kill(procs[1].pid, signal.SIGKILL)
            procs[1].wait()
            started = time.monotonic()
            await _until(lambda: _since_last_assignment(logs[0])[0] == set(range(6))
                         and _since_last_assignment(logs[0])[1] == urls,
                         30, "the survivor to take over every feed", procs[:1])
            takeover = time.monotonic() - started
            assert takeover < 20  # session timeout (3 s) + a rejoin + one poll interval
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.send_signal(signal.SIGTERM)
            for proc in procs:
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        assert all(not pid_alive(p.pid) for p in procs)
