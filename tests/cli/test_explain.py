"""`shakeup explain` as a user runs it when an alert is wrong: an item as JSON, a file, a feed URL."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from click.testing import CliRunner

from streams.cli.main import cli

FLAGGED = {"id": "a", "lang": "en", "published": "2031-04-01T18:00:00Z", "source": "Tech Wire",
           "title": "Quellwerk names Tomasz Okafor CEO as Ilse Vandermeer steps down",
           "summary": "Quellwerk said chief executive Ilse Vandermeer will step down."}
SAME_CHANGE = {"id": "b", "lang": "en", "published": "2031-04-02T09:00:00Z", "source": "Other Wire",
               "title": "Quellwerk CEO Ilse Vandermeer resigns",
               "summary": "Ilse Vandermeer, who led Quellwerk for six years, resigned on Tuesday."}
HEDGED = {"id": "c", "lang": "en", "title": "Quellwerk CEO Ilse Vandermeer may step down, sources say",
          "summary": "Nothing has been decided, the company said."}
PRODUCT = {"id": "d", "lang": "en", "title": "Search Chat leaves beta at Orbly",
           "summary": "The assistant formerly called Search Chat is no longer in beta."}
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Quellwerk CEO Ilse Vandermeer resigns</title><link>http://x.test/1</link>
<description>Ilse Vandermeer resigned on Tuesday, the company said.</description></item>
</channel></rss>"""


def run(*args: str, input: str | None = None, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), input=input, env=env, catch_exceptions=False)


def test_explains_a_flagged_item_given_as_json():
    result = run("explain", json.dumps(FLAGGED))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "language: en" in out and "verdict: flagged: 2 event(s)" in out
    assert "cue en.appointment" in out and "fired: Tomasz Okafor / Quellwerk / appointment" in out
    assert "person: Tomasz Okafor" in out
    assert "event: Ilse Vandermeer | CEO | Quellwerk | departure" in out
    assert "alert " in out and "key org:quellwerk" in out and "matched on: first-report" in out


def test_says_which_alert_a_later_report_joined_and_on_which_keys(tmp_path):
    path = tmp_path / "items.jsonl"
    path.write_text("".join(json.dumps(i) + "\n" for i in (SAME_CHANGE, FLAGGED)))
    result = run("explain", "--json", str(path))
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]  # publication order
    first = next(d for ev, d in zip(lines[0]["events"], lines[0]["dedup"]) if ev["change"] == "departure")
    joined = lines[1]["dedup"][0]
    assert joined["kind"] == "update" and joined["alert_id"] == first["alert_id"]
    assert "person" in joined["merged_on"] and "time-window" in joined["merged_on"]


def test_says_when_a_report_was_routed_to_the_key_of_the_persons_earlier_report():
    other_board = {"id": "e", "lang": "en", "published": "2031-04-02T12:00:00Z", "source": "Board Wire",
                   "title": "Ilse Vandermeer steps down as chairman of Zorblax",
                   "summary": "Ilse Vandermeer, 64, will step down as chairman of Zorblax in May."}
    result = run("explain", json.dumps(FLAGGED), json.dumps(other_board))
    assert result.exit_code == 0, result.output
    assert "key org:quellwerk (routed by the person from org:zorblax), matched on: person" in result.output


def test_names_the_rule_that_blocked_a_cue_and_the_name_that_is_no_person():
    result = run("explain", json.dumps(HEDGED), json.dumps(PRODUCT))
    assert result.exit_code == 0, result.output
    assert "blocked: hedged" in result.output
    assert "not flagged" in result.output
    lines = [json.loads(line) for line in run("explain", "--json", json.dumps(PRODUCT)).output.splitlines()]
    assert lines[0]["leadership_change"] is False and lines[0]["events"] == []


def test_unsupported_language_and_bad_sources_are_clear():
    result = run("explain", json.dumps({"id": "j", "title": "新しいスマートフォンが発表されました"}))
    assert "is not supported" in result.output
    result = CliRunner().invoke(cli, ["explain", "no-such-file.jsonl"])
    assert result.exit_code != 0 and "is not a JSON item, a file or an http(s) URL" in result.output
    result = CliRunner().invoke(cli, ["explain", '{"title": "no id"}'])
    assert result.exit_code != 0 and "needs a non-empty string id" in result.output


def test_explains_the_items_of_a_feed_url_and_of_a_feed_file(tmp_path):
    class Feed(BaseHTTPRequestHandler):
        def do_GET(self):
            body = FEED.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Feed)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/feed.xml"
        result = run("explain", url, env={"SHAKEUP_ALLOW_PRIVATE_NETWORKS": "1"})
    finally:
        server.shutdown()
    assert result.exit_code == 0, result.output
    assert "event: Ilse Vandermeer | CEO | Quellwerk | departure" in result.output
    path = tmp_path / "feed.xml"
    path.write_text(FEED)
    assert "event: Ilse Vandermeer | CEO | Quellwerk | departure" in run("explain", str(path)).output


def test_explains_the_names_set_aside_and_an_event_at_no_named_company():
    item = {"id": "e", "lang": "pl", "published": "2031-04-01T18:00:00Z",
            "title": "Brenn przechodzi na emeryturę",
            "summary": "Będący pierwowzorem Magnusa Tarra, bohatera serialu \"Dom Tarrów\", Halvard Brenn przechodzi "
                       "na emeryturę. Jak poinformowało Radio Wisła, na stanowisku szefa imperium zastąpi go syn "
                       "Ingmar - przekazuje Radio Wisła."}
    out = run("explain", json.dumps(item)).output
    assert "not a person: Radio Wisła (the outlet the report is credited to)" in out
    assert "not a person: Magnusa Tarra (a character or work the item likens someone to)" in out
    assert "event: Halvard Brenn | executive | (no organisation named) | retirement" in out
