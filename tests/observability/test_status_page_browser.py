"""The status page in headless Chromium while the pipeline runs: what a person would see.

The page is loaded from the worker of a running pipeline (demo feeds plus one feed that answers
404 and one that answers 410 Gone); Chromium runs the page's script, and the test reads the DOM
it ends with: every feed with its state, the latest alerts with their sources and languages, and
the script's own "live" mark. A screenshot is saved under test-artifacts/ for a person to look at.

Needs the Debian package `chromium` (scripts/test.sh installs it); the test fails without it.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path

import aiohttp

from streams.kafka.progress import read_to_end
from streams.kafka.topics import ALERT_UPDATES, ALERTS, NEWS_ITEMS
from streams.models import decode_alert
from tests.observability.running_pipeline import gone_feed_server, running_pipeline

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--no-first-run", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--hide-scrollbars", "--virtual-time-budget=8000"]


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    assert path, "install the Debian package `chromium` (./scripts/test.sh does it as root)"
    return path


def _run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium'}",
                           *args], capture_output=True, text=True, timeout=90)


class _Node:
    def __init__(self, tag: str, attrs: dict, parent: "_Node | None"):
        self.tag, self.attrs, self.parent, self.children, self.text = tag, attrs, parent, [], []

    def all(self, tag: str | None = None, cls: str | None = None) -> list["_Node"]:
        found = []
        for child in self.children:
            if (tag is None or child.tag == tag) and \
                    (cls is None or cls in (child.attrs.get("class") or "").split()):
                found.append(child)
            found.extend(child.all(tag, cls))
        return found

    def one(self, tag: str | None = None, cls: str | None = None) -> "_Node":
        found = self.all(tag, cls)
        assert found, f"no <{tag} class={cls}> in <{self.tag}>"
        return found[0]

    def content(self) -> str:
        return " ".join("".join(self.text + [c.content() + " " for c in self.children]).split())


class _Dom(HTMLParser):
    VOID = {"meta", "link", "br", "img", "input", "hr"}

    def __init__(self, html: str):
        super().__init__()
        self.root = self.current = _Node("document", {}, None)
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in self.VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.text.append(data)


async def test_status_page_shows_feeds_alerts_and_updates_live(settings, tmp_path):
    _chromium()  # fail early, with the advice, before starting anything
    async with gone_feed_server() as gone_url, running_pipeline(settings, tmp_path, extra_feeds=[
            {"url": "{demo}feeds/moved-away.xml", "name": "Missing Monthly", "lang": "en"},
            {"url": gone_url, "name": "Gone Gazette", "lang": "en"}]) as (pipeline, feeds):
        items = await _demo_items_on_topic(pipeline, settings)
        await pipeline.wait_until_processed(items)
        expected_feeds = len(feeds) + 2
        status = await _until(pipeline, lambda s: s["feeds"]["total"] == expected_feeds
                              and s["feeds"]["counts"]["new"] == 0 and s["alerts"])

        page = pipeline.url("worker", "/status")
        ARTIFACTS.mkdir(exist_ok=True)
        shot = _run_chromium(tmp_path, f"--screenshot={ARTIFACTS / 'status-page.png'}",
                             "--window-size=1280,1600", page)
        dumped = _run_chromium(tmp_path, "--dump-dom", page)
        assert dumped.returncode == 0, dumped.stderr[-2000:]
        (ARTIFACTS / "status-page.html").write_text(dumped.stdout, encoding="utf-8")
        assert shot.returncode == 0 and (ARTIFACTS / "status-page.png").stat().st_size > 10_000, \
            shot.stderr[-2000:]

        _, raw_new = await read_to_end(settings, settings.topic(ALERTS))
        _, raw_updates = await read_to_end(settings, settings.topic(ALERT_UPDATES))

    dom = _Dom(dumped.stdout).root
    # the page's script ran and swapped in fresh sections from the worker
    connection = dom.one("p", "connection")
    assert connection.attrs["data-state"] == "live", connection.content()
    assert connection.content().startswith("live · updated")
    assert dom.one("section").attrs["id"] == "health"
    assert dom.one("span", "badge-ok").content() == "ok"

    # every feed with the state its poller reported; problems first, with what went wrong
    rows = {row.one("td", "feed-name").one("a").content(): row for row in dom.all("tr", "feed")}
    assert len(rows) == expected_feeds
    assert {name: row.attrs["data-state"] for name, row in rows.items()} == {
        **{spec.name: "ok" for spec in feeds}, "Missing Monthly": "failing", "Gone Gazette": "parked"}
    assert "HTTP 404" in rows["Missing Monthly"].one("td", "problem").content()
    assert "410 Gone" in rows["Gone Gazette"].one("td", "problem").content()
    assert [row.attrs["data-state"] for row in dom.all("tr", "feed")][:2] == ["parked", "failing"]
    assert "ago" in rows["Tech Wire"].all("td")[2].content()  # last success
    assert rows["Tech Wire"].all("td")[3].content().startswith("in ")  # next check
    summary = dom.one("p", "summary").content()
    assert f"{len(feeds)} ok" in summary and "1 failing" in summary and "1 parked" in summary

    # the latest alerts, each with the outlets and languages of its final state on the topics
    final = {}
    for raw in [*raw_new, *raw_updates]:
        alert = decode_alert(raw)
        if len(alert.sources) >= len(final.get(alert.alert_id, alert).sources):
            final[alert.alert_id] = alert
    cards = {card.attrs["data-alert-id"]: card for card in dom.all("article", "alert")}
    assert set(cards) == set(final)
    for alert_id, alert in final.items():
        card = cards[alert_id]
        assert card.one("h3").content() == " ".join(alert.headline.split())
        assert alert.person["name"] in card.one("p", "who").content()
        shown_langs = [lang.content() for lang in card.one("span", "langs").all("span", "lang")]
        assert shown_langs == list(alert.languages)
        sources = card.one("ul", "sources").all("li", "source")
        assert [s.one("a").content() for s in sources] == [s.feed for s in alert.sources]
        assert [s.one("a").attrs["href"] for s in sources] == [s.url for s in alert.sources]
        assert [s.one("span", "lang").content() for s in sources] == [s.lang for s in alert.sources]
    assert status["health"]["status"] == "ok"


async def _demo_items_on_topic(pipeline, settings, timeout: float = 90.0) -> int:
    """How many items the demo feeds produced, once the feed statuses say every feed was polled."""
    await _until(pipeline, lambda s: s["feeds"]["total"] > 0 and s["feeds"]["counts"]["new"] == 0,
                 timeout)
    _, items = await read_to_end(settings, settings.topic(NEWS_ITEMS))
    return len(items)


async def _until(pipeline, condition, timeout: float = 90.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        pipeline.check_running()
        try:
            status = await _status_json(pipeline)
        except aiohttp.ClientError:
            status = None
        if status is not None and condition(status):
            return status
        assert time.monotonic() < deadline, f"the status page did not get there: {status}"
        await asyncio.sleep(0.5)


async def _status_json(pipeline) -> dict:
    async with aiohttp.ClientSession() as http, http.get(pipeline.url("worker", "/status.json")) as r:
        assert r.status == 200
        return await r.json()
