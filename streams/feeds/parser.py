"""Bytes of an RSS/Atom document -> a normalised feed of NewsItems. Pure: no network, no Kafka.

Like Miniflux's ``ParseFeed(baseURL, reader)``: the parser gets the bytes as served and the URL
they came from, never a URL to fetch or a path to open (``feedparser.parse(str)`` would do
either). Entity-declaring XML is refused before feedparser runs (see xml_guard). CPU-bound:
the poller calls it in a thread, off the event loop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import feedparser

from streams.errors import ParseError
from streams.feeds.normalize import (
    MAX_TITLE_CHARS, clean_text, html_to_text, item_id, language_code, utc_iso)
from streams.feeds.xml_guard import reject_entity_declarations
from streams.models import NewsItem

MAX_ITEMS_PER_FEED = 500
# a character reference to a lone UTF-16 surrogate (a half emoji) makes feedparser raise on the
# whole document; such a reference can only be garbage, so it becomes U+FFFD before parsing
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    lang: str | None
    items: tuple[NewsItem, ...]
    warning: str | None = None  # feedparser's bozo message when it recovered from bad markup


def parse_feed(body: bytes, url: str, *, lang: str | None = None, name: str | None = None,
               content_type: str | None = None) -> ParsedFeed:
    """Parse a feed document.

    Args:
        body: the raw bytes as served (feedparser is never given a URL or a path).
        url: the feed's URL, for relative links and for the items' ``feed_url``.
        lang: the language the feed list declares; wins over the feed's own declaration.
        name: the outlet name the feed list gives; wins over the feed's title.
        content_type: the HTTP Content-Type, whose charset feedparser weighs.
    Raises:
        ParseError: the bytes hold no feed, or declare XML entities.
    """
    if not isinstance(body, (bytes, bytearray)):
        raise TypeError("parse_feed takes bytes")  # a str would make feedparser fetch or open it
    body = bytes(body)
    if not body.strip():
        raise ParseError("empty document")
    reject_entity_declarations(body, content_type)
    if b"&#" in body:
        body = _CHAR_REF.sub(_no_surrogate, body)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    try:
        doc = feedparser.parse(body, response_headers=headers,
                               sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # noqa: BLE001 - a parser crash is this feed's error, not ours
        raise ParseError(f"feedparser failed: {type(exc).__name__}: {exc}") from exc
    feed = doc.get("feed", {})
    entries = doc.get("entries", [])
    warning = clean_text(str(doc.get("bozo_exception")))[:300] if doc.get("bozo") else None
    feed_lang = lang or language_code(feed.get("language"))
    source = clean_text(name or "") or html_to_text(feed.get("title", ""), MAX_TITLE_CHARS) or url
    items = []
    for entry in entries[:MAX_ITEMS_PER_FEED]:
        item = _entry_to_item(entry, url, feed_lang, source)
        if item is not None:
            items.append(item)
    if not items and doc.get("version", "") == "":
        # no feed root and nothing usable: an HTML page, a JSON file, prose mentioning <item>
        raise ParseError(f"not an RSS/Atom feed ({warning or 'no feed elements'})")
    return ParsedFeed(title=source, lang=feed_lang, items=tuple(items), warning=warning)


def _entry_to_item(entry: dict, url: str, feed_lang: str | None, source: str) -> NewsItem | None:
    title = html_to_text(entry.get("title", ""), MAX_TITLE_CHARS)
    # the full article (content:encoded) when the feed gives it: a teaser's first lines may
    # not reach the second and third of the changes a long report tells
    summary = max((html_to_text(entry.get("summary", "") or ""), html_to_text(_first_content(entry))), key=len)
    if not title and not summary:
        return None
    link = clean_text(entry.get("link", "") or "", 2_000)
    # dict.get: feedparser's own get() maps updated->published with a DeprecationWarning
    published = utc_iso(dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed"))
    entry_lang = language_code((entry.get("title_detail") or {}).get("language"))
    return NewsItem(
        item_id=item_id(clean_text(entry.get("id") or "", 2_000), link, title, published),
        title=title,
        summary=summary,
        link=link,
        lang=feed_lang or entry_lang,
        published=published,
        feed_url=url,
        source=source,
    )


def _no_surrogate(match: re.Match) -> bytes:
    hex_digits, decimal = match.groups()
    code = int(hex_digits, 16) if hex_digits else int(decimal)
    return b"&#xFFFD;" if 0xD800 <= code <= 0xDFFF else match.group(0)


def _first_content(entry: dict) -> str:
    for content in entry.get("content") or ():
        if content.get("value"):
            return content["value"]
    return ""
