from pathlib import Path

import pytest

from streams.errors import ParseError
from streams.feeds.normalize import canonical_url, html_to_text, item_id
from streams.feeds.parser import parse_feed

FIXTURES = Path(__file__).parent / "fixtures"


def test_rss_items_are_normalised():
    feed = parse_feed((FIXTURES / "rss_basic.xml").read_bytes(), "https://fixture.example/rss")
    assert feed.title == "Fixture Tech Daily"
    assert feed.lang == "it"
    assert len(feed.items) == 2  # the empty entry is dropped
    first, second = feed.items
    assert first.title == "Nuovo processore per i portatili & i tablet"
    assert first.summary == "Il chip promette il 20% di autonomia in più."
    assert first.published == "2024-08-06T07:15:00Z"  # converted to UTC
    assert first.lang == "it" and first.source == "Fixture Tech Daily"
    assert first.feed_url == "https://fixture.example/rss"
    assert first.item_id == item_id("fixture-0001", None, "", None)
    assert second.summary == "Testo é breve."
    assert second.published is None


def test_atom_entries_carry_feed_language_and_dates():
    feed = parse_feed((FIXTURES / "atom_basic.xml").read_bytes(), "https://netzwelt.example/atom")
    [entry] = feed.items
    assert entry.lang == "de"
    assert entry.title == "Neue Chefin bei der Beispiel AG"
    assert entry.summary == "Die Beispiel AG hat eine neue Vorstandschefin."
    assert entry.published == "2024-08-06T06:00:00Z"
    assert entry.link == "https://netzwelt.example/1"


def test_feed_list_language_and_name_win_over_the_feed():
    feed = parse_feed((FIXTURES / "atom_basic.xml").read_bytes(), "https://n.example/",
                      lang="fr", name="Mon flux")
    assert feed.items[0].lang == "fr" and feed.items[0].source == "Mon flux"


def test_item_id_is_stable_and_ignores_tracking_parameters():
    a = item_id(None, "https://x.example/a?utm_source=rss&id=3#top", "t", None)
    b = item_id(None, "HTTPS://X.example/a?id=3&utm_medium=feed", "other title", None)
    assert a == b
    assert item_id("guid-1", "https://x/1", "t", None) != item_id("guid-2", "https://x/1", "t", None)
    assert canonical_url("https://x.example/a?fbclid=1&q=2") == "https://x.example/a?q=2"


def test_html_to_text_decodes_entities_once():
    assert html_to_text("AT&amp;amp;T <b>CEO</b>") == "AT&amp;T CEO"


@pytest.mark.parametrize("body", [b"", b"<html><body>Not a feed</body></html>", b"\x00\x01\x02"])
def test_non_feeds_are_a_parse_error(body):
    with pytest.raises(ParseError):
        parse_feed(body, "https://x.example/feed")


def test_parse_refuses_strings():
    with pytest.raises(TypeError):
        parse_feed("/etc/passwd", "https://x.example/feed")  # type: ignore[arg-type]
