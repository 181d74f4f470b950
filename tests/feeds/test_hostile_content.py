"""RELIABILITY.md 23: badly encoded and non-feed bodies end as items or a clear per-feed status,
and only valid UTF-8 reaches Kafka."""

from aiohttp import web

from streams.feeds.feed_list import FeedSpec
from streams.feeds.fetcher import open_session
from streams.feeds.poller import FeedPoller
from streams.feeds.poller_main import poller_producer
from streams.feeds.state_store import StateStore
from streams.kafka.progress import read_to_end
from streams.kafka.topics import NEWS_ITEMS, ensure_topics
from streams.models import decode_item
from tests.feeds.conftest import FAST, rss

LATIN1_AS_UTF8 = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Café</title>'
                  '<item><guid>l1</guid><title>Le PDG démissionne après la crise</title></item>'
                  '</channel></rss>').encode("latin-1")  # declared UTF-8, served as Latin-1
UTF16_BOM = rss(2, title="Zeitung für Ärzte", lang="de").decode().replace(
    'encoding="utf-8"', 'encoding="utf-16"').encode("utf-16")
NUL_BYTES = rss(2, title="Nul\x00ls").replace(b"story 1", b"st\x00ory\x00 1")
HUGE_LINE = rss([("big", "A title"), ("small", "B title")]).replace(
    b"About A title.", b"About " + b"word " * 1_000_000)  # a 5 MB single line
HTML_PAGE = b"<!doctype html><html><head><title>Welcome</title></head><body><p>No feed here</p></body></html>"
SURROGATES = rss([("s1", "Emoji half \\ud83d here")]).replace(b"\\ud83d", b"&#xD83D;")

BODIES = {"latin1": (LATIN1_AS_UTF8, "text/xml; charset=utf-8"),
          "utf16": (UTF16_BOM, "application/rss+xml"),
          "nul": (NUL_BYTES, "application/rss+xml"),
          "huge-line": (HUGE_LINE, "application/rss+xml"),
          "html": (HTML_PAGE, "text/html"),
          "surrogate": (SURROGATES, "application/rss+xml"),
          "empty": (b"", "application/rss+xml"),
          "binary": (bytes(range(256)) * 100, "application/octet-stream")}


async def test_hostile_bodies_end_clearly_and_only_valid_utf8_is_produced(settings):
    settings = settings.replace(**{**FAST, "max_feed_bytes": 10_000_000})
    await ensure_topics(settings)

    async def serve(request):
        body, content_type = BODIES[request.match_info["name"]]
        return web.Response(body=body, headers={"Content-Type": content_type})

    app = web.Application()
    app.router.add_get("/{name}", serve)
    from aiohttp.test_utils import TestServer
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    store = StateStore(f"{settings.state_dir}/poller.sqlite")
    producer = poller_producer(settings)
    await producer.start()
    try:
        async with open_session(settings) as session:
            feeds = [FeedSpec(url=f"http://127.0.0.1:{server.port}/{name}") for name in BODIES]
            outcomes = {o.feed.url.rsplit("/", 1)[1]: o
                        for o in await FeedPoller(settings, feeds, producer, store, session).poll_all()}
    finally:
        await producer.stop()
        store.close()
        await server.close()

    assert set(outcomes) == set(BODIES)  # every feed got a status, none crashed the poller
    for name in ("latin1", "utf16", "nul", "huge-line", "surrogate"):
        assert outcomes[name].status == "ok" and outcomes[name].items_new >= 1, name
    for name in ("html", "empty", "binary"):
        error = outcomes[name].error
        assert outcomes[name].status == "error" and error and len(error) < 400, name
        assert outcomes[name].state.failures == 1
    _, values = await read_to_end(settings, settings.topic(NEWS_ITEMS))
    items = [decode_item(v) for v in values]
    for value in values:
        value.decode("utf-8")  # strict: raises on anything that is not UTF-8
    titles = {i.title for i in items}
    assert "Le PDG démissionne après la crise" in titles
    assert any("\x00" in i.title or "\x00" in i.summary for i in items) is False
    assert any(i.source == "Zeitung für Ärzte" for i in items)
