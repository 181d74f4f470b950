"""Feed text made safe for Slack mrkdwn: cleaned, escaped, mention-proof, clipped by grapheme. Pure.

Everything a feed wrote goes through ``escape`` or ``clip`` before it reaches a message: ``&``,
``<`` and ``>`` become entities, so no ``<!channel>``, ``<@U1>`` or ``<url|label>`` from a feed is
ever markup; a word-initial ``@`` gets an invisible WORD JOINER after it, so ``@here`` cannot
ping even where a client parses plain mentions. Bidi controls are dropped (they can make a
link's text read differently from what it is), other control characters too.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterator
from urllib.parse import urlsplit

ELLIPSIS = "…"
WORD_JOINER = "\u2060"
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_BIDI = {*(chr(c) for c in range(0x202A, 0x202F)), *(chr(c) for c in range(0x2066, 0x206A)),
         "\u200e", "\u200f", "\u061c"}
_WORD_AT = re.compile(r"(?<![\w.])@(?=\w)")
_SPACES = re.compile(r"\s+")
# Inside <url|label>, these would end the URL or open new markup: percent-encode them.
_URL_UNSAFE = {"<": "%3C", ">": "%3E", "|": "%7C", " ": "%20", '"': "%22"}
MAX_URL = 1000


def clean(value: Any, *, single_line: bool = True) -> str:
    """Feed text as a plain str: no control/bidi characters, no lone surrogates.

    Args:
        value: anything a JSON message carried (None becomes "").
        single_line: collapse every run of whitespace, newlines included, to one space.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    out = []
    for ch in text:
        cp = ord(ch)
        if 0xD800 <= cp <= 0xDFFF:
            out.append("\ufffd")  # a lone surrogate cannot be encoded as UTF-8
        elif ch in _BIDI:
            continue
        elif unicodedata.category(ch) == "Cc" and ch not in "\n\t":
            out.append(" ")
        else:
            out.append(ch)
    text = "".join(out)
    if single_line:
        return _SPACES.sub(" ", text).strip()
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines()).strip()


def escape(text: str) -> str:
    """Slack mrkdwn escaping of already-clean text, plus the mention guard."""
    return _entities(_guard_mentions(text))


def _guard_mentions(text: str) -> str:
    return _WORD_AT.sub("@" + WORD_JOINER, text)


def _entities(text: str) -> str:
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def _extends(prev: str, ch: str, regional_run: int) -> bool:
    """Whether ``ch`` continues the grapheme cluster that ends with ``prev`` (UAX #29, abridged)."""
    cp = ord(ch)
    if prev == "\r" and ch == "\n":
        return True
    if unicodedata.category(ch) in ("Mn", "Me", "Mc"):
        return True
    if (ch == "\u200d" or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF
            or 0x1F3FB <= cp <= 0x1F3FF or 0xE0020 <= cp <= 0xE007F):
        return True  # ZWJ, variation selectors, skin tones, emoji tag sequences
    if prev == "\u200d":
        return True  # the next pictograph of a ZWJ sequence (family, profession emoji)
    if 0x1160 <= cp <= 0x11FF or 0xD7B0 <= cp <= 0xD7FF:
        return True  # Hangul medial vowels and final consonants
    if _regional(ch) and _regional(prev) and regional_run % 2 == 1:
        return True  # the second half of a flag
    return False


def _regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def graphemes(text: str) -> Iterator[str]:
    """Split ``text`` into user-perceived characters (good enough to never cut one in two)."""
    cluster = ""
    regional_run = 0
    for ch in text:
        if cluster and _extends(cluster[-1], ch, regional_run):
            cluster += ch
        else:
            if cluster:
                yield cluster
            cluster = ch
            regional_run = 0
        regional_run = regional_run + 1 if _regional(ch) else 0
    if cluster:
        yield cluster


def clip(value: Any, limit: int, *, single_line: bool = True) -> str:
    """Clean, escape and cut to at most ``limit`` characters, at a grapheme boundary.

    Entities are never cut (``&amp;`` counts as 5) and a cut text ends with "…".
    """
    guarded = _guard_mentions(clean(value, single_line=single_line))
    text = _entities(guarded)
    if len(text) <= limit:
        return text
    budget = limit - len(ELLIPSIS)
    out: list[str] = []
    used = 0
    for cluster in graphemes(guarded):
        piece = _entities(cluster)
        if used + len(piece) > budget:
            break
        out.append(piece)
        used += len(piece)
    return "".join(out).rstrip() + ELLIPSIS


def safe_url(url: Any) -> str | None:
    """An http(s) URL fit for ``<url|label>``, or None when it is not one."""
    text = clean(url)
    if not text or len(text) > MAX_URL:
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    text = "".join(_URL_UNSAFE.get(ch, ch) for ch in text)
    return text.replace("&", "&amp;")


def link(url: Any, label: Any, limit: int) -> str:
    """``<url|label>`` when the URL is a safe http(s) URL, else the escaped label alone.

    The label is feed text (escaped and clipped); an empty one falls back to the host name.
    """
    target = safe_url(url)
    text = clip(label, limit)
    if target is None:
        return text
    if not text:
        text = clip(urlsplit(clean(url)).hostname or "link", limit)
    return f"<{target}|{text}>"


def host_of(url: Any) -> str:
    """The host a link really goes to, for showing next to a feed-written label."""
    try:
        return (urlsplit(clean(url)).hostname or "") if safe_url(url) else ""
    except ValueError:
        return ""
