import pytest

from streams.errors import ConfigError
from streams.feeds.feed_list import DEFAULT_FEED_LIST, load_feed_list, parse_feed_list


def test_entries_are_read_with_defaults():
    feeds = parse_feed_list("""
feeds:
  - url: https://a.example/rss
    name: A
    lang: IT
    interval: 600
    tags: [tech]
  - https://b.example/atom
""")
    assert feeds[0].name == "A" and feeds[0].lang == "it" and feeds[0].interval == 600.0
    assert feeds[1].url == "https://b.example/atom" and feeds[1].lang is None


@pytest.mark.parametrize("text, message", [
    ("feeds: [{url: 'ftp://a.example/x'}]", "feed #1.*http"),
    ("feeds: [{url: 'https://a/x'}, {url: 'https://b/y', lang: 'italiano'}]", "feed #2.*https://b/y.*lang"),
    ("feeds: [{url: 'https://a/x', interval: -5}]", "interval"),
    ("feeds: [{url: 'https://a/x', colour: red}]", "unknown field.*colour"),
    ("feeds: [{url: 'https://a/x'}, {url: 'https://a/x'}]", "listed twice"),
    ("feeds: {url: x}", "top-level 'feeds:' list"),
    ("feeds: [", "not valid YAML"),
])
def test_invalid_entries_are_named(text, message):
    with pytest.raises(ConfigError, match=message):
        parse_feed_list(text)


def test_the_shipped_default_list_is_valid():
    feeds = load_feed_list(DEFAULT_FEED_LIST)
    assert len(feeds) >= 10
    assert {"en", "it", "de", "fr", "es"} <= {f.lang for f in feeds}
