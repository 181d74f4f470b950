"""RELIABILITY.md 16-17: entity bombs and external entities never reach the XML parser."""

import asyncio
import time
import tracemalloc

import pytest
from aiohttp import web

from streams.errors import ParseError
from streams.feeds.feed_list import FeedSpec
from streams.feeds.parser import parse_feed
from streams.feeds.xml_guard import reject_entity_declarations
from tests.feeds.conftest import feed_handler, rss, web_server

LAUGHS = "".join(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
BILLION_LAUGHS_ONE_LINE = (
    '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">' + LAUGHS + ']>'
    '<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item>'
    '</channel></rss>').encode()
BILLION_LAUGHS_LINES = BILLION_LAUGHS_ONE_LINE.replace(b"<!ENTITY", b"\n<!ENTITY")
QUADRATIC = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "' + "x" * 100_000 + '">]>'
             '<rss version="2.0"><channel><title>t</title><item><title>' + "&big;" * 5_000
             + '</title></item></channel></rss>').encode()
# 1 MB on one line: the shape that took feedparser 10 s and 868 MB
PADDED_ONE_LINE = BILLION_LAUGHS_ONE_LINE.replace(b"<!ENTITY lol0",
                                                  b"<!-- " + b"p" * 1_000_000 + b" --><!ENTITY lol0")

BOMBS = {"billion laughs, one line": BILLION_LAUGHS_ONE_LINE,
         "billion laughs, one per line": BILLION_LAUGHS_LINES,
         "billion laughs, 1 MB line": PADDED_ONE_LINE,
         "quadratic blowup": QUADRATIC,
         "billion laughs, UTF-16": BILLION_LAUGHS_ONE_LINE.decode().replace(
             '<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-16"?>').encode("utf-16")}


@pytest.mark.parametrize("name", BOMBS)
def test_entity_bombs_are_rejected_fast_small_and_unexpanded(name):
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(ParseError) as caught:
            parse_feed(BOMBS[name], "https://bomb.example/feed")
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 50_000_000 + len(BOMBS[name]) * 4  # the input itself (and its views) aside
    assert "lollol" not in str(caught.value) and "xxxx" not in str(caught.value)


@pytest.mark.parametrize("doc", [
    b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
    b'"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel>'
    b'<title>t</title><item><title>ok</title></item></channel></rss>',
    b'<rss version="2.0"><channel><title>t</title><item><title>XXE explained</title><description>'
    b'<![CDATA[<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>]]></description></item>'
    b'</channel></rss>',
])
def test_ordinary_doctypes_and_quoted_markup_pass(doc):
    reject_entity_declarations(doc)
    assert parse_feed(doc, "https://ok.example/feed").items


@pytest.fixture
async def canary():
    """An HTTP server that counts every request: nothing may ever call it."""
    hits = []

    async def record(request):
        hits.append(request.path)
        return web.Response(text='<!ENTITY leak "CANARY-SECRET">', content_type="application/xml-dtd")

    async with web_server({"/{tail:.*}": record}) as base:
        yield base, hits


def _xxe_documents(canary_base: str) -> dict[str, bytes]:
    tail = ('<rss version="2.0"><channel><title>t</title><item><title>&xxe;</title>'
            '<description>&xxe;</description></item></channel></rss>')
    return {
        "file entity": f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>{tail}',
        "http entity": f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "{canary_base}/entity">]>{tail}',
        "parameter entity": f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "{canary_base}/p.dtd"> %p;]>{tail}',
        "external DTD": f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{canary_base}/evil.dtd">{tail}',
        "comment first": f'<?xml version="1.0"?><!-- <a> --><!DOCTYPE rss [<!ENTITY xxe SYSTEM "{canary_base}/c">]>{tail}',
    }


async def test_external_entities_reach_nothing_and_leak_nothing(canary):
    base, hits = canary
    for name, doc in _xxe_documents(base).items():
        try:
            feed = await asyncio.to_thread(parse_feed, doc.encode(), "https://xxe.example/feed")
        except ParseError:
            continue
        text = " ".join(f"{i.title} {i.summary}" for i in feed.items)
        assert "root:" not in text and "CANARY" not in text, name
        assert name == "external DTD"  # the only one without a declaration: parsed, not fetched
    assert hits == []


async def test_a_served_xxe_feed_ends_as_a_clear_per_feed_error(canary, feed_settings):
    base, hits = canary
    doc = _xxe_documents(base)["http entity"].encode()

    async def serve(request):
        return web.Response(body=doc, content_type="application/rss+xml")

    async with web_server({"/feed": serve}) as feed_base:
        async with feed_handler(feed_settings) as handler:
            outcome = await handler.poll(FeedSpec(url=feed_base + "/feed"))
    assert outcome.status == "error" and "entities" in outcome.error
    assert outcome.state.failures == 1 and hits == []


def test_the_guard_leaves_normal_feeds_alone():
    reject_entity_declarations(rss(5))
    reject_entity_declarations(rss(5).decode().encode("utf-16"))
