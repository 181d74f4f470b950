"""Feed status records, the status board and its HTML: what the page shows, escaped."""

from __future__ import annotations

import dataclasses
import json
import time

import pytest
from click.testing import CliRunner

from streams.cli.main import cli
from streams.errors import BadMessage
from streams.feeds.schedule import FeedState
from streams.feeds.state_store import StateStore
from streams.models import Alert, Source
from streams.observability.feed_status import FeedStatus, decode_feed_status
from streams.observability.status_board import StatusBoard
from streams.observability.status_render import relative, render_sections

NOW = 1_800_000_000.0


def _states() -> dict[str, FeedState]:
    return {
        "https://ok.example/feed": dataclasses.replace(
            FeedState.new("https://ok.example/feed"), last_check=NOW - 600, last_success=NOW - 600,
            next_check=NOW + 240, last_status=200),
        "https://bad.example/feed": dataclasses.replace(
            FeedState.new("https://bad.example/feed"), last_check=NOW - 5, failures=3,
            last_error="HTTP 503 Service Unavailable", last_error_at=NOW - 5, next_check=NOW + 480),
        "https://gone.example/feed": dataclasses.replace(
            FeedState.new("https://gone.example/feed"), last_check=NOW - 60, failures=1, parked=True,
            parked_reason="HTTP 410 Gone: the feed was removed", next_check=NOW + 86_400),
    }


def test_a_status_survives_the_topic():
    status = FeedStatus.from_state("https://bad.example/feed", "Bad", _states()["https://bad.example/feed"],
                                   items_new=0, poller="host:1", published_at=NOW)
    assert decode_feed_status(status.to_json()) == status
    assert status.state == "failing" and status.problem() == "HTTP 503 Service Unavailable"


@pytest.mark.parametrize("raw", [b"", b"[]", b'{"schema":"shakeup.feed-status/v1"}',
                                 b'{"schema":"other","url":"x","state":"ok"}',
                                 b'{"schema":"shakeup.feed-status/v1","url":"x","state":"odd"}'])
def test_bad_status_records_are_refused(raw):
    with pytest.raises(BadMessage):
        decode_feed_status(raw)


def test_feeds_status_command_and_the_page_agree_on_every_feed(tmp_path):
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("feeds:\n" + "".join(f"  - {{url: '{url}'}}\n" for url in _states())
                     + "  - {url: 'https://never.example/feed'}\n")
    store = StateStore(tmp_path / "state" / "poller.sqlite")
    for state in _states().values():
        store.save_feed_state(state)
    store.close()
    out = CliRunner().invoke(cli, ["feeds", "status", "--feeds", str(feeds), "--json"],
                             env={"SHAKEUP_STATE_DIR": str(tmp_path / "state")}).output
    command = {row["url"]: row for row in map(json.loads, out.splitlines())}

    board = StatusBoard()
    for url, state in [*_states().items(), ("https://never.example/feed", None)]:
        board.feed_status(FeedStatus.from_state(url, "", state, published_at=NOW))
    page = {feed["url"]: feed for feed in board.snapshot(NOW)["feeds"]["items"]}

    assert {u: r["state"] for u, r in command.items()} == {u: f["state"] for u, f in page.items()} == {
        "https://ok.example/feed": "ok", "https://bad.example/feed": "failing",
        "https://gone.example/feed": "parked", "https://never.example/feed": "new"}
    for url, row in command.items():
        feed = page[url]
        assert (row["last_success"], row["next_check"], row["consecutive_failures"]) == \
            (feed["last_success"], feed["next_check"], feed["failures"])
        assert (row["parked"] or (row["last_error"] if row["consecutive_failures"] else "") or "") \
            == feed["problem"]


def test_the_board_keeps_the_latest_status_per_feed():
    board = StatusBoard()
    old = FeedStatus(url="u", state="failing", failures=2, published_at=NOW - 10)
    new = FeedStatus(url="u", state="ok", published_at=NOW)
    board.feed_status(new)
    board.feed_status(old)  # late, from another partition or a previous owner
    assert board.snapshot(NOW)["feeds"]["counts"] == {"ok": 1, "failing": 0, "parked": 0, "new": 0}


def _alert(kind: str, sources: int, alert_id: str = "a1", title: str = "Jane Doe leaves Acme") -> Alert:
    srcs = tuple(Source(url=f"https://news{n}.example/{n}", title=title, lang=("en", "it", "de")[n % 3],
                        feed=f"Outlet {n}", published="2026-11-27T10:00:00Z") for n in range(sources))
    return Alert(alert_id=alert_id, kind=kind, change="departure", person={"name": "Jane Doe", "role": "CEO"},
                 org="Acme", to_org="Rival", headline=title, confidence=0.9,
                 first_seen="2026-11-27T10:00:00Z", languages=tuple(sorted({s.lang for s in srcs})),
                 sources=srcs, evidence=title)


def test_updates_grow_an_alert_and_the_board_keeps_the_latest_few():
    board = StatusBoard(max_alerts=2)
    board.alert(_alert("update", 2), at=NOW + 1)  # the update's topic was read first
    board.alert(_alert("new", 1), at=NOW)
    board.alert(_alert("update", 3), at=NOW + 2)
    (alert,) = board.snapshot(NOW + 3)["alerts"]
    assert alert["updates"] == 2 and len(alert["sources"]) == 3
    assert alert["languages"] == ["de", "en", "it"]
    assert [s["outlet"] for s in alert["sources"]] == ["Outlet 0", "Outlet 1", "Outlet 2"]
    board.alert(_alert("new", 1, "a2"), at=NOW + 4)
    board.alert(_alert("new", 1, "a3"), at=NOW + 5)
    assert [a["alert_id"] for a in board.snapshot(NOW + 6)["alerts"]] == ["a3", "a2"]


def test_rates_per_minute_from_counter_samples():
    board = StatusBoard()
    for second in range(0, 121, 5):
        board.count(NOW + second, {"items": second * 2.0})  # 2 items/s
    rates = board.rates(NOW + 120)
    assert rates["items"]["1m"] == pytest.approx(120.0) and rates["items"]["15m"] == pytest.approx(120.0)


def test_the_html_escapes_what_feeds_and_outlets_write():
    board = StatusBoard()
    board.alert(_alert("new", 1, title='<script>alert(1)</script> & "quotes"'), at=NOW)
    board.feed_status(FeedStatus(url="javascript:alert(1)", name="<b>evil</b>", state="failing",
                                 failures=1, last_error="<img src=x onerror=alert(1)>",
                                 published_at=NOW))
    html = render_sections(board.snapshot(NOW), NOW)
    assert "<script>" not in html and "<img" not in html and "<b>evil" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;" in html
    assert 'href="javascript:' not in html
    assert 'href="https://news0.example/0"' in html


def test_relative_times():
    assert relative(None, NOW) == "-"
    assert relative("2027-01-15T08:00:00Z", 1_800_000_000.0 - 600) != "-"
    assert relative(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(NOW - 600)), NOW) == "10m ago"
    assert relative(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(NOW + 30)), NOW) == "in 30s"
