"""`shakeup check-feed`, `shakeup feeds import-opml` and `shakeup feeds status`."""

import asyncio
import dataclasses
import json
import os
import sys
import time

from aiohttp import web
from click.testing import CliRunner

from streams.cli.main import cli
from streams.feeds.schedule import FeedState
from streams.feeds.state_store import StateStore
from tests.feeds.conftest import rss, web_server
from tests.feeds.test_opml_import import OPML


async def _shakeup(*args: str, **env: str) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "streams", *args, env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await proc.communicate()
    return proc.returncode, out.decode(), err.decode()


async def test_check_feed_prints_status_validators_next_check_and_items():
    async def feed(request):
        if request.headers.get("If-None-Match") == '"v1"':
            return web.Response(status=304)
        return web.Response(body=rss(2), content_type="application/rss+xml",
                            headers={"ETag": '"v1"', "Cache-Control": "max-age=900"})

    async with web_server({"/feed": feed}) as base:
        code, out, _ = await _shakeup("check-feed", base + "/feed", SHAKEUP_ALLOW_PRIVATE_NETWORKS="1")
        assert code == 0
        report = json.loads(out)
        assert report["ok"] and report["http_status"] == 200 and report["items_found"] == 2
        assert report["validators"]["etag"] == '"v1"'
        assert 895 <= report["next_check_in_s"] <= 900  # Cache-Control honoured
        assert [i["title"] for i in report["items"]] == ["Fake Feed story 0", "Fake Feed story 1"]

        code, out, _ = await _shakeup("check-feed", base + "/feed", "--etag", '"v1"', "--no-items",
                                      SHAKEUP_ALLOW_PRIVATE_NETWORKS="1")
        assert code == 0 and json.loads(out)["outcome"] == "not-modified"

        code, out, _ = await _shakeup("check-feed", base + "/feed")  # the guard is on by default
        assert code == 1 and "network guard" in json.loads(out)["error"]


def test_import_opml_writes_a_feed_list_and_names_bad_entries(tmp_path):
    source, target = tmp_path / "export.opml", tmp_path / "feeds.yaml"
    source.write_bytes(OPML)
    result = CliRunner().invoke(cli, ["feeds", "import-opml", str(source), "-o", str(target)])
    assert result.exit_code == 1  # some entries were skipped
    assert "outline #2 ('Broken')" in result.output and "3 feeds imported, 3 skipped" in result.output
    status = CliRunner().invoke(cli, ["feeds", "status", "--feeds", str(target), "--json"],
                                env={"SHAKEUP_STATE_DIR": str(tmp_path / "state")})
    assert status.exit_code == 0
    assert [json.loads(line)["state"] for line in status.output.splitlines()] == ["new"] * 3


def test_status_shows_success_failures_parking_and_next_check(tmp_path):
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("feeds:\n  - {url: 'https://ok.example/feed', name: Good}\n"
                     "  - {url: 'https://bad.example/feed', name: Bad}\n"
                     "  - {url: 'https://gone.example/feed', name: Gone}\n")
    store = StateStore(tmp_path / "state" / "poller.sqlite")
    now = time.time()
    store.save_feed_state(dataclasses.replace(FeedState.new("https://ok.example/feed"),
                                              last_success=now - 600, next_check=now + 240))
    store.save_feed_state(dataclasses.replace(FeedState.new("https://bad.example/feed"), failures=3,
                                              last_error="HTTP 503 Service Unavailable",
                                              last_error_at=now - 5, next_check=now + 480))
    store.save_feed_state(dataclasses.replace(FeedState.new("https://gone.example/feed"), failures=1,
                                              parked=True, parked_reason="HTTP 410 Gone: the feed was removed"))
    store.close()
    env = {"SHAKEUP_STATE_DIR": str(tmp_path / "state")}
    table = CliRunner().invoke(cli, ["feeds", "status", "--feeds", str(feeds)], env=env)
    assert table.exit_code == 0
    lines = table.output.splitlines()
    assert lines[0].split()[:2] == ["FEED", "STATE"]
    good, bad, gone = lines[1:4]
    assert "ok" in good and "10m ago" in good and "in 4m" in good
    assert "failing" in bad and " 3 " in bad and "HTTP 503" in bad and "in 8m" in bad
    assert "parked" in gone and "410 Gone" in gone
    rows = [json.loads(line) for line in
            CliRunner().invoke(cli, ["feeds", "status", "--feeds", str(feeds), "--json"], env=env).output.splitlines()]
    assert [(r["state"], r["consecutive_failures"]) for r in rows] == [("ok", 0), ("failing", 3), ("parked", 1)]
    assert rows[2]["parked"].startswith("HTTP 410") and rows[1]["last_error"] == "HTTP 503 Service Unavailable"
