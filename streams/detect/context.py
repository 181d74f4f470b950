"""Decides whether a cue is reported as news: not negated, not a rumour, not background, not fiction."""

from __future__ import annotations

import re

from streams.detect.lexicon import Cue, Lexicon
from streams.detect.triggers import WORD

NEGATION_REACH = 28  # characters before a cue that a negation can govern ("won't", "no plans to")
HEDGE_REACH = 70  # characters before a cue that a hedge can govern ("in talks to", "wants ... replaced")
RELATIVE_REACH = 45  # "who resigned", "two weeks after he handed": past cues after these are background
_CLAUSE_BREAK = re.compile(r"[;:,.]|\s-\s")
_SENTENCE_BREAK = re.compile(r"[;:]|\s-\s")
NOUN_RELATIVE_REACH = 20  # "after the abrupt dismissal of", "dalle dimissioni di": close only
MAX_CUES = 12  # cues read per sentence: a real sentence has a handful, junk can have thousands
TITLE_REACH = 40  # characters after "new"/"nuovo"/"neuer" where the title must start
APPOINTMENT_REACH = 90  # characters after "named"/"wird"/"sera" searched for the new title
_CAPITAL_AFTER = re.compile(r"[^,;:.!?]{0,80}?(?<![\w'-])[^\W\d_a-zà-öø-ÿ]")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


def item_veto(lex: Lexicon, text_lower: str) -> str:
    """Why the whole item is out (sports, fiction), or "" when it is not."""
    veto = lex.blockers.get("veto")
    if veto is None:
        return ""
    m = veto.search(text_lower)
    return f"veto:{m.group()}" if m else ""


def _clause_before(lower: str, start: int, reach: int, breaks: re.Pattern | None,
                   punctuation: re.Pattern = _CLAUSE_BREAK) -> str:
    window = lower[max(0, start - reach):start]
    cut = 0
    for m in punctuation.finditer(window):
        cut = m.end()
    window = window[cut:]
    if breaks is not None:
        last = None
        for last in breaks.finditer(window):
            pass
        if last is not None:
            window = window[last.end():]
    return window


def _clause_around(lower: str, start: int, end: int) -> str:
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(lower, max(0, start - 80), start)), default=max(0, start - 80))
    right = _CLAUSE_BREAK.search(lower, end, end + 80)
    return lower[left:right.start() if right else min(len(lower), end + 80)]


def blocked(lex: Lexicon, cue: Cue, lower: str, start: int, end: int, news_year: int | None) -> str:
    """Why this cue occurrence in the lowercase sentence ``lower`` is not a reported change
    ("negated", "hedged", "background"), or "" when it is one."""
    breaks = lex.blockers.get("clause")
    negation = lex.blockers.get("negation")
    if negation is not None and negation.search(_clause_before(lower, start, NEGATION_REACH, breaks)):
        return "negated"
    hedge = lex.blockers.get("hedge")
    if hedge is not None and hedge.search(_clause_before(lower, start, HEDGE_REACH, None, _SENTENCE_BREAK)):
        return "hedged"
    clause = _clause_around(lower, start, end)
    background = lex.blockers.get("background")
    if background is not None and background.search(clause):
        return "background"
    if cue.past or cue.noun:
        relative = lex.blockers.get("relative")
        reach = NOUN_RELATIVE_REACH if cue.noun else RELATIVE_REACH
        if relative is not None and relative.search(_clause_before(lower, start, reach, None)):
            return "background"
    if news_year:
        for m in _YEAR.finditer(clause):
            if int(m.group()) < news_year:
                return "background"
    return ""


def is_title_word(lex: Lexicon, word: str) -> bool:
    return word in lex.title_words or (bool(lex.gate_suffixes) and word.endswith(lex.gate_suffixes))


def live_cue(lex: Lexicon, text: str, lower: str, ids: list[int], news_year: int | None,
             has_title: bool) -> bool:
    """Whether the sentence (``text``, and ``lower`` aligned with it) holds a change cue, among
    the cues ``ids``, that can make an event: a cheap check on words and capitals, made before
    the sentence is tokenised and its names are looked for.

    An appointment cue that is only a verb ("will be", "wird", "sera") or an adjective ("new")
    makes an event only with a title next to it. In an item without any title, only a
    succession, or a change followed by the organisation's name, can make one.
    """
    for k, match in lex.cue_index.scan(lower, limit=MAX_CUES, ids=ids):
        cue = lex.cues[k]
        if cue.change is None and not cue.succession:
            continue
        if not has_title and not cue.succession and (
                cue.change == "appointment" or not _capital_after(text, match.end())):
            continue
        if cue.role_next or (cue.change == "appointment" and not (cue.leads or cue.dest)):
            reach = TITLE_REACH if cue.role_next else APPOINTMENT_REACH
            near = WORD.findall(lower, match.start(), match.end() + reach)
            if cue.role_next:
                near = near[:len(WORD.findall(match.group())) + 2]
            else:
                near += WORD.findall(lower, max(0, match.start() - TITLE_REACH), match.start())[-3:]
            if not any(is_title_word(lex, w) for w in near):
                continue
        if not blocked(lex, cue, lower, match.start(), match.end(), news_year):
            return True
    return False


def _capital_after(text: str, end: int) -> bool:
    """A capitalised word soon after ``end`` in its clause: where an organisation's name would be."""
    m = _CAPITAL_AFTER.match(text, end)
    return m is not None
