"""Fiction a real person is likened to: "Murdoch, the model for Logan Roy, the hero of the series
Succession, retires" is news about Murdoch, not a story about a series, and Logan Roy is no one.

An item that mentions a series, a film or a season is fiction and out (the ``veto`` blocker),
unless that word follows a likeness ("the model for", "pierwowzór", "Vorbild für") closely in its
sentence: the item compares someone real to a character. The names between the likeness and the
fiction word are the character's, and the quoted title after it the work's ("the series \"Tarr
House\""): no one's, in every sentence of the item.
"""

from __future__ import annotations

import re

from streams.detect.lexicon import Lexicon
from streams.detect.mentions import Mentions, drop_names

LIKENESS_REACH = 60  # characters from a likeness to the fiction word it introduces
_BREAK = re.compile(r"[.;:!?\n]")
_WORK_TITLE = re.compile(r"\s*[\"„“«'‘][^\"”»'’\n]{1,60}[\"”»'’]")


def likened_spans(lex: Lexicon, lower: str) -> list[tuple[int, int]]:
    """The [start, end) spans of ``lower`` from a likeness to the end of the veto word it
    introduces ("pierwowzorem logana roya, bohatera serialu")."""
    likeness, veto = lex.blockers.get("likeness"), lex.blockers.get("veto")
    if likeness is None or veto is None:
        return []
    spans = []
    for m in likeness.finditer(lower):
        window = lower[m.end():m.end() + LIKENESS_REACH]
        cut = _BREAK.search(window)
        fiction = veto.search(window, 0, cut.start() if cut else len(window))
        if fiction is not None:
            end = m.end() + fiction.end()
            quoted = _WORK_TITLE.match(lower, end)  # ... and the work's own title: "the series \"Tarr House\""
            spans.append((m.start(), quoted.end() if quoted else end))
    return spans


def fiction_outside(lex: Lexicon, lower: str) -> re.Match | None:
    """The first veto word of ``lower`` that no likeness introduces (see ``likened_spans``)."""
    veto = lex.blockers.get("veto")
    if veto is None:
        return None
    spans = None  # looked for only once some veto word is found: most items have none
    for m in veto.finditer(lower):
        if spans is None:
            spans = likened_spans(lex, lower)
        if not any(s <= m.start() and m.end() <= e for s, e in spans):
            return m
    return None


def drop_characters(mentions: list[Mentions], lex: Lexicon) -> set[str]:
    """Remove the characters' names (see the module doc) from every sentence's names: inside a
    likened span, and wherever else the item writes one ("Pierwowzór Logana Roya ma 92 lata").
    Returns the names removed."""
    if "likeness" not in lex.blockers:
        return set()
    characters: set[str] = set()
    for m in mentions:
        spans = likened_spans(lex, m.sentence.lower)
        if not spans:
            continue
        tokens = m.sentence.tokens
        for name in m.names:
            start, end = tokens[name.start].start, tokens[name.end - 1].end
            if any(s <= start and end <= e for s, e in spans):
                characters.add(name.text)
    if not characters:
        return set()
    tails = tuple(" " + c for c in characters)
    return drop_names(mentions, lambda text: text in characters or text.endswith(tails))

