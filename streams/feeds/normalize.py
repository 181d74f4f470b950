"""Turn raw feed-entry fields into clean NewsItem fields: ids, text, dates, URLs."""

from __future__ import annotations

import calendar
import hashlib
import html
import re
import time
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TAG = re.compile(r"<[^>]{0,2000}>")
_BLOCK_TAG = re.compile(r"</?(?:p|br|div|li|ul|ol|h[1-6]|tr|td|blockquote)\b[^>]{0,2000}>", re.I)
_DROP = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_SPACE = re.compile(r"\s+")
# C0/C1 controls, lone surrogates (not encodable as UTF-8) and non-characters
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ncid|ocid)$", re.I)

MAX_TITLE_CHARS = 1_000
MAX_SUMMARY_CHARS = 20_000  # a long article in full (content:encoded), not a megabyte of markup


def html_to_text(markup: str, limit: int = MAX_SUMMARY_CHARS) -> str:
    """Strip tags, decode entities once, collapse whitespace, drop control characters."""
    if not markup:
        return ""
    text = _DROP.sub(" ", markup)
    text = _BLOCK_TAG.sub(" ", text)
    text = _TAG.sub("", text)
    return clean_text(html.unescape(text), limit)


def clean_text(text: str, limit: int = MAX_SUMMARY_CHARS) -> str:
    """Plain text made safe to ship: valid UTF-8 only, no controls, whitespace collapsed, capped."""
    if not isinstance(text, str) or not text:
        return ""
    text = _CONTROL.sub("", text)
    return _SPACE.sub(" ", text).strip()[:limit]


def canonical_url(url: str) -> str:
    """The URL without tracking parameters and fragment, scheme and host lowercased."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not _TRACKING_PARAMS.match(k)])
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, ""))


def item_id(guid: str | None, link: str | None, title: str, published: str | None) -> str:
    """A stable id: SHA-256 of the GUID, else of the canonical link, else of title + date."""
    if guid and guid.strip():
        basis = "guid:" + guid.strip()
    elif link and link.strip():
        basis = "url:" + canonical_url(link)
    else:
        basis = f"title:{title.strip()}|{published or ''}"
    return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def utc_iso(parsed: time.struct_time | None) -> str | None:
    """feedparser's parsed date (a UTC struct_time) as ISO-8601 'YYYY-MM-DDTHH:MM:SSZ'."""
    if parsed is None:
        return None
    try:
        seconds = calendar.timegm(parsed)
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))
    except (TypeError, ValueError, OverflowError):
        return None


def language_code(raw: str | None) -> str | None:
    """'it-IT', 'en_us', 'DE' -> 'it', 'en', 'de'; None when absent or unreadable."""
    if not raw:
        return None
    code = re.split(r"[-_]", raw.strip().lower(), maxsplit=1)[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None
