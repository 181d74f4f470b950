"""Block Kit rendering: content a phone reader needs, hostile text (item 14), limits (item 15)."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from streams.models import Source
from streams.slack.render import (MAX_BLOCKS, MESSAGE_LIMIT, SECTION_LIMIT, message_chars,
                                  render_new, render_reply, render_update)
from streams.slack.text import WORD_JOINER
from tests.slack.conftest import make_alert, make_updates

RENDERERS = [render_new, render_reply, render_update]
HOSTILE = "<!channel> <!here> <@U1> @here @channel <http://x|bank> &amp; <#C1> <!subteam^S1|team>"
# our own markup: links <http(s)://...|label> only
OWN_LINK = re.compile(r"<https?://[^<>|\s]+\|[^<>]*>")


def _texts(payload: dict) -> list[str]:
    out = [payload["text"]]
    for block in payload["blocks"]:
        if "text" in block:
            out.append(block["text"]["text"])
        out += [f["text"] for f in block.get("fields", ())]
        out += [e["text"] for e in block.get("elements", ())]
    return out


def _hostile_alert():
    source = Source(url="https://news.example/a?b=1&c=<2>", title=HOSTILE, lang="en",
                    feed=HOSTILE, published=None)
    alert = make_alert("hostile-1", person=HOSTILE, org=HOSTILE, headline=HOSTILE,
                       evidence=HOSTILE, to_org=HOSTILE, languages=(HOSTILE,),
                       sources=(source,), source=source, merged_on=(HOSTILE,),
                       change=HOSTILE, first_seen=HOSTILE)
    return dataclasses.replace(alert, person={"name": HOSTILE, "role": HOSTILE})


@pytest.mark.parametrize("render", RENDERERS)
def test_item14_hostile_feed_text_cannot_mention_or_link(render):
    payload = render(_hostile_alert()).payload()
    assert "link_names" not in payload and "parse" not in payload
    for text in _texts(payload):
        # our markup: links, and ">" opening a quote line
        outside_links = re.sub(r"(?m)^>", "", OWN_LINK.sub("", text))
        assert "<" not in outside_links and ">" not in outside_links, text
        for mention in ("<!channel", "<!here", "<@U", "<#C", "<!subteam", "@here", "@channel"):
            assert mention not in text, (mention, text)
        # the only links are ours, to the source URL, and their labels are escaped
        for target in re.findall(r"<(https?://[^|>]+)\|", text):
            assert target == "https://news.example/a?b=1&amp;c=%3C2%3E"
    assert "&amp;amp;" in json.dumps(payload)  # a literal "&amp;" in a title stays literal


def _huge_alert():
    big = "Ünïcødé 🇩🇪 " + "x" * 50_000 + " & <tail>"
    sources = tuple(Source(url=f"https://n{i}.example/{'p' * 300}", title=big, lang="de",
                           feed=big, published=None) for i in range(500))
    alert = make_alert("huge-1", person=big, org=big, headline=big, evidence=big, to_org=big,
                       sources=sources, source=sources[-1], languages=tuple(f"l{i}" for i in range(200)))
    return dataclasses.replace(alert, person={"name": big, "role": big})


@pytest.mark.parametrize("render", RENDERERS)
def test_item15_fifty_kilobyte_text_stays_within_slacks_limits(render):
    message = render(_huge_alert())
    payload = message.payload()
    assert len(payload["blocks"]) <= MAX_BLOCKS
    for block in payload["blocks"]:
        if "text" in block:
            assert len(block["text"]["text"]) <= SECTION_LIMIT
        for field in block.get("fields", ()):
            assert len(field["text"]) <= 2000
    assert message_chars(message) < MESSAGE_LIMIT
    encoded = json.dumps(payload, ensure_ascii=False)
    assert len(encoded) < MESSAGE_LIMIT + 2000  # the JSON around the text stays small too
    encoded.encode("utf-8").decode("utf-8")  # valid UTF-8 end to end


def test_new_alert_shows_what_a_reader_needs_on_a_phone():
    alert = make_alert("a-1", person="Jürgen Müller", org="Acme", to_org="Beta Corp",
                       confidence=0.87, merged_on=("person", "org"))
    alert = make_updates(alert, 2)[-1]  # three sources, three languages
    alert = dataclasses.replace(alert, kind="new", source=None)
    message = render_new(alert)
    text = "\n".join(_texts(message.payload()))
    for needed in ("Jürgen Müller", "CEO", "leaves", "*Acme* → *Beta Corp*", "Departure",
                   "87%", "2026-11-03 10:00 UTC", "en, it, de", "is leaving Acme",
                   "<https://news0.example/a-1/0|Report 0 on a-1>", "Corriere (it)",
                   "alert a-1"):
        assert needed in text, needed
    assert message.text.startswith("Leadership change: Jürgen Müller (CEO) leaves Acme → Beta")


def test_thread_reply_names_the_outlet_that_also_reported_it():
    update = make_updates(make_alert("a-2"), 2)[-1]
    reply = render_reply(update)
    assert reply.text == "Also reported by heise (de)"
    text = "\n".join(_texts(reply.payload()))
    assert "<https://news2.example/a-2/2|Report 2 on a-2> · news2.example" in text
    assert "3 sources · en, it, de · alert a-2" in text


def test_webhook_update_says_what_it_updates():
    update = make_updates(make_alert("a-3", person="Ann Lee"), 1)[0]
    message = render_update(update)
    assert message.text.startswith("Update: Ann Lee (CEO) leaves Acme — also reported by Corriere")
    assert "*Update* · *Ann Lee* leaves *Acme*" in message.blocks[0]["text"]["text"]


def test_mention_guard_is_invisible_but_present():
    message = render_new(make_alert("a-4", headline="@here the CEO quits"))
    assert f"@{WORD_JOINER}here" in json.dumps(message.payload(), ensure_ascii=False)


def test_odd_field_types_from_a_malformed_alert_do_not_crash_rendering():
    alert = make_alert("a-5", change=["not", "a", "string"], confidence="high", first_seen=None)
    alert = dataclasses.replace(alert, person="just a string")
    for render in RENDERERS:
        assert render(alert).text



@pytest.mark.parametrize("render", [render_new, render_update])
def test_an_alert_at_no_named_company_says_so(render):
    # "Brenn retires; his son will succeed him as head of the media empire": no company named
    message = render(make_alert("orgless-1", org=""))
    texts = _texts({"text": message.text, "blocks": [dict(b) for b in message.blocks]})
    assert "(unknown organisation)" in texts[0]  # the notification text too, not only the blocks


def test_the_console_line_of_an_alert_at_no_named_company_says_so():
    from streams.sinks.console_format import format_alert_line
    line = format_alert_line(make_alert("orgless-2", org=""))
    assert "Jane Doe (CEO) leaves (unknown organisation)" in line
