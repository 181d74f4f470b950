"""OPML (the feed readers' export format) -> feed-list entries, with a clear error per bad entry.

Every ``<outline>`` with an ``xmlUrl`` is a feed; the titles of the outlines it is nested in
become its tags (readers export folders that way). A non-standard ``language`` attribute, when
present and valid, becomes ``lang``. Entries that cannot be used are reported with their position
and title and skipped; the rest is validated exactly like a hand-written feed list.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Callable

from streams.errors import ConfigError, ParseError
from streams.feeds.feed_list import FeedSpec, dump_feed_list, spec_from_entry
from streams.feeds.xml_guard import reject_entity_declarations


@dataclass(frozen=True)
class OpmlImport:
    feeds: list[FeedSpec]
    errors: list[str]  # one line per skipped entry

    def to_yaml(self, origin: str) -> str:
        return dump_feed_list(self.feeds, f"Imported from {origin} by `shakeup feeds import-opml`.")


def import_opml(data: bytes, origin: str = "<opml>", *,
                on_entry: Callable[[int, int], None] | None = None) -> OpmlImport:
    """Read an OPML document.

    Args:
        on_entry: called with (entries checked, entries in all) after each feed entry.
    Raises:
        ConfigError: the document is not OPML at all (not XML, entities, no <body>).
    """
    try:
        reject_entity_declarations(data)
        root = ET.fromstring(data)
    except ParseError as exc:
        raise ConfigError(f"{origin}: {exc}") from exc
    except ET.ParseError as exc:
        raise ConfigError(f"{origin}: not valid XML: {exc}") from exc
    body = root.find("body")
    if root.tag != "opml" or body is None:
        raise ConfigError(f"{origin}: not an OPML document (expected <opml><body>...)")
    feeds: list[FeedSpec] = []
    errors: list[str] = []
    seen: set[str] = set()
    outlines = list(_feed_outlines(body))
    for number, (outline, folders) in enumerate(outlines, start=1):
        if on_entry is not None:
            on_entry(number, len(outlines))
        title = (outline.get("title") or outline.get("text") or "").strip()
        where = f"{origin}: outline #{number}" + (f" ({title!r})" if title else "")
        entry = {"url": (outline.get("xmlUrl") or "").strip(), "name": title,
                 "tags": [f for f in folders if f]}
        lang = (outline.get("language") or "").strip()
        if lang:
            entry["lang"] = lang.split("-")[0].split("_")[0]
        if not entry["url"]:
            errors.append(f"{where}: has no xmlUrl")
            continue
        try:
            spec = spec_from_entry({k: v for k, v in entry.items() if v}, where)
        except ConfigError as exc:
            errors.append(str(exc))
            continue
        if spec.url in seen:
            errors.append(f"{where}: {spec.url} is listed twice; kept the first")
            continue
        seen.add(spec.url)
        feeds.append(spec)
    return OpmlImport(feeds, errors)


def _feed_outlines(parent: ET.Element, folders: tuple[str, ...] = ()):
    for outline in parent.findall("outline"):
        if outline.get("xmlUrl") is not None or (outline.get("type") or "").lower() in ("rss", "atom"):
            yield outline, folders
        else:
            title = (outline.get("title") or outline.get("text") or "").strip()
            yield from _feed_outlines(outline, (*folders, title))
