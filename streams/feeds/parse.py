"""Bytes of an RSS/Atom document -> normalised NewsItems. Pure: no network, no Kafka."""

from __future__ import annotations

from dataclasses import dataclass

import feedparser

from streams.errors import ParseError
from streams.feeds.normalize import (
    MAX_TITLE_CHARS, html_to_text, item_id, language_code, utc_iso)
from streams.models import NewsItem

MAX_ITEMS_PER_FEED = 500


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    lang: str | None
    items: tuple[NewsItem, ...]
    warning: str | None = None  # feedparser's bozo message when it recovered from bad markup


def parse_feed(body: bytes, url: str, *, lang: str | None = None, name: str | None = None) -> ParsedFeed:
    """Parse a feed document.

    Args:
        body: the raw bytes as served (feedparser is never given a URL or a path).
        url: the feed's URL, for relative links and for the items' ``feed_url``.
        lang: the language the feed list declares; wins over the feed's own declaration.
        name: the outlet name the feed list gives; wins over the feed's title.
    Raises:
        ParseError: the bytes hold no feed at all.
    """
    if not isinstance(body, (bytes, bytearray)):
        raise TypeError("parse_feed takes bytes")  # a str would make feedparser fetch or open it
    doc = feedparser.parse(bytes(body), response_headers={"content-location": url},
                           sanitize_html=False, resolve_relative_uris=False)
    feed = doc.get("feed", {})
    entries = doc.get("entries", [])
    warning = str(doc.get("bozo_exception")) if doc.get("bozo") else None
    if not entries and not feed.get("title") and doc.get("version", "") == "":
        raise ParseError(f"not an RSS/Atom feed ({warning or 'no feed elements'})")
    feed_lang = lang or language_code(feed.get("language"))
    source = name or html_to_text(feed.get("title", ""), MAX_TITLE_CHARS) or url
    items = []
    for entry in entries[:MAX_ITEMS_PER_FEED]:
        item = _entry_to_item(entry, url, feed_lang, source)
        if item is not None:
            items.append(item)
    return ParsedFeed(title=source, lang=feed_lang, items=tuple(items), warning=warning)


def _entry_to_item(entry: dict, url: str, feed_lang: str | None, source: str) -> NewsItem | None:
    title = html_to_text(entry.get("title", ""), MAX_TITLE_CHARS)
    summary = html_to_text(entry.get("summary", "") or _first_content(entry))
    if not title and not summary:
        return None
    link = entry.get("link", "") or ""
    published = utc_iso(entry.get("published_parsed") or entry.get("updated_parsed"))
    entry_lang = language_code((entry.get("title_detail") or {}).get("language"))
    return NewsItem(
        item_id=item_id(entry.get("id"), link, title, published),
        title=title,
        summary=summary,
        link=link,
        lang=feed_lang or entry_lang,
        published=published,
        feed_url=url,
        source=source,
    )


def _first_content(entry: dict) -> str:
    for content in entry.get("content") or ():
        if content.get("value"):
            return content["value"]
    return ""
