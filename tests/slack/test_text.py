"""Escaping, the mention guard and grapheme-safe clipping of feed text."""

from __future__ import annotations

import unicodedata

import pytest

from streams.slack.text import (ELLIPSIS, WORD_JOINER, clean, clip, escape, graphemes, link,
                                safe_url)


@pytest.mark.parametrize("raw, shown", [
    ("Tom & Jerry", "Tom &amp; Jerry"),
    ("<!channel> alert", "&lt;!channel&gt; alert"),
    ("<@U123> <#C1|general> <!subteam^S1>", "&lt;@U123&gt; &lt;#C1|general&gt; &lt;!subteam^S1&gt;"),
    ("<http://evil.example|your bank>", "&lt;http://evil.example|your bank&gt;"),
    ("&amp; stays literal", "&amp;amp; stays literal"),
])
def test_escape_turns_every_angle_bracket_and_ampersand_into_an_entity(raw, shown):
    assert escape(clean(raw)).replace(WORD_JOINER, "") == shown


@pytest.mark.parametrize("raw", ["@here now", "hi @channel", "@everyone!", "cc @jdoe"])
def test_word_initial_at_signs_cannot_mention(raw):
    out = escape(clean(raw))
    assert "@" + WORD_JOINER in out
    for word in ("@here", "@channel", "@everyone", "@jdoe"):
        assert word not in out


def test_email_addresses_keep_their_at_sign():
    assert escape("ceo@acme.com") == "ceo@acme.com"


def test_clean_drops_controls_bidi_and_lone_surrogates():
    assert clean("a\x00b\u202eevil\u2066c\ud800d") == "a bevilc\ufffdd"
    assert clean("  many\n\tspaces  ") == "many spaces"
    assert clean(None) == "" and clean(42) == "42"


FAMILY = "👨\u200d👩\u200d👧\u200d👦"
SAMPLES = [
    ("ascii", "x" * 50),
    ("combining accents", "e\u0301" * 40),
    ("zwj family emoji", FAMILY * 12),
    ("flags", "🇩🇪🇮🇹🇫🇷" * 10),
    ("skin tones", "👍🏽" * 30),
    ("hangul jamo", "\u1100\u1161\u11a8" * 20),
    ("cjk and entities", "東京&<>" * 15),
    ("devanagari", "नमस्ते" * 15),
]


@pytest.mark.parametrize("name, text", SAMPLES, ids=[n for n, _ in SAMPLES])
@pytest.mark.parametrize("limit", [7, 20, 33])
def test_clip_never_cuts_a_grapheme_or_an_entity(name, text, limit):
    out = clip(text, limit)
    assert len(out) <= limit
    assert out.endswith(ELLIPSIS)
    body = out[: -len(ELLIPSIS)]
    out.encode("utf-8")  # valid UTF-8: no lone surrogate
    # the kept part is a whole number of the original's grapheme clusters
    escaped_clusters = [escape(g) for g in graphemes(clean(text))]
    rebuilt = ""
    for cluster in escaped_clusters:
        if len(rebuilt) >= len(body):
            break
        rebuilt += cluster
    assert rebuilt == body, name
    assert not body.endswith(("&", "&a", "&am", "&amp", "&l", "&lt", "&g", "&gt"))
    assert not body or unicodedata.category(body[0]) not in ("Mn", "Mc")


def test_clip_leaves_short_text_alone_and_escapes_it():
    assert clip("R&D <lead>", 100) == "R&amp;D &lt;lead&gt;"


def test_graphemes_keep_emoji_sequences_whole():
    assert list(graphemes(FAMILY + "a🇩🇪🇮🇹")) == [FAMILY, "a", "🇩🇪", "🇮🇹"]


@pytest.mark.parametrize("url, expected", [
    ("https://heise.de/a?x=1&y=2", "https://heise.de/a?x=1&amp;y=2"),
    ("http://x.example/a|b>c<d", "http://x.example/a%7Cb%3Ec%3Cd"),
    ("javascript:alert(1)", None),
    ("https://", None),
    ("ftp://files.example/x", None),
    ("https://x.example/" + "a" * 2000, None),
])
def test_safe_url_only_lets_well_formed_http_links_through(url, expected):
    assert safe_url(url) == expected


def test_link_cannot_be_retargeted_by_its_label():
    out = link("https://real.example/story", "<https://evil.example|click> me", 100)
    assert out == "<https://real.example/story|&lt;https://evil.example|click&gt; me>"
    assert link("javascript:x()", "title", 100) == "title"
