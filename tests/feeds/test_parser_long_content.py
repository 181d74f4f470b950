"""The parser keeps a feed's full article (content:encoded) when it is longer than the teaser."""

from __future__ import annotations

from streams.feeds.parser import parse_feed

FEED = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title>
<item><title>Another wave of exits at Kestrel Labs</title><link>http://x.test/1</link>
<description>Three leaders are leaving.</description>
<content:encoded><![CDATA[<p>Three leaders are leaving.</p><p>{body}</p><p>The third to leave is Omar Vance.</p>]]></content:encoded>
</item></channel></rss>"""


def test_the_full_article_wins_over_a_teaser():
    body = "The company has grown fast since its last funding round. " * 60
    item = parse_feed(FEED.format(body=body).encode(), "http://x.test/feed").items[0]
    assert item.summary.startswith("Three leaders are leaving.")
    assert item.summary.endswith("The third to leave is Omar Vance.")
    assert len(item.summary) > 3_000
