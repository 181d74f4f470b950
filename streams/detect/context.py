"""Decides whether a cue is reported as news: not negated, not a rumour, not background, not fiction."""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from streams.detect.characters import fiction_outside
from streams.detect.lexicon import Cue, Lexicon, load_lexicon

NEGATION_REACH = 28  # characters before a cue that a negation can govern ("won't", "no plans to")
HEDGE_REACH = 70  # characters before a cue that a hedge can govern ("in talks to", "wants ... replaced")
RELATIVE_REACH = 45  # "who resigned", "two weeks after he handed": past cues after these are background
_CLAUSE_BREAK = re.compile(r"[;:,.]|\s-\s")
_SENTENCE_BREAK = re.compile(r"[;:]|\s-\s")
_TITLE_TAG = re.compile(r"[.|:]\s+|\s[-–—]\s|[(\[]")  # what sets a headline's closing tag apart
_LAST_QUESTION = re.compile(r"(?:^|[.!?:]\s+)([^.!?:]+)\?\W*$")  # the question closing a headline
_STOP = re.compile(r"[.;:!?¿]")  # what ends (or, "¿", opens) a statement or a question
# ... in a question; a full stop inside a segmented sentence is an abbreviation's ("m.in.", "Corp.")
_PART_END = re.compile(r"[;:!?¿]|\.$")
_FIRST_WORD = re.compile(r"[\w'-]+")
NOUN_RELATIVE_REACH = 20  # "after the abrupt dismissal of", "dalle dimissioni di": close only
DATED_REACH = 150  # "days after X, Microsoft's former head of ..., resigned": a long apposition
OPENING_WORDS = 4  # words that open a sentence, where a date sets the time of all it tells
PRECEDED_REACH = 30  # "after having been": the words right before a cue that make it background
MAX_CUES = 12  # cues read per sentence: a real sentence has a handful, junk can have thousands
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


def news_date(published: str | None) -> tuple[int, int] | None:
    """(year, month) of an ISO date, for telling background from news; None when unknown."""
    if published and len(published) >= 7 and published[:4].isdigit() and published[5:7].isdigit():
        return int(published[:4]), int(published[5:7])
    if published and len(published) >= 4 and published[:4].isdigit():
        return int(published[:4]), 0  # a year alone: no month is known to be before it
    return None


def item_veto(lex: Lexicon, text_lower: str) -> str:
    """Why the whole item is out (sports, fiction), or "" when it is not: a fiction word that
    only likens someone real to a character ("the model for Logan Roy, the hero of the series")
    leaves it in (``characters.py``)."""
    m = fiction_outside(lex, text_lower)
    return f"veto:{m.group()}" if m else ""


def framed(lex: Lexicon, title_lower: str) -> str:
    """Why the headline frames the item as something other than news of a change (an
    interview, an analysis, a question: "Interview: ...", "Why X left", "What to expect"), or "".
    """
    framing = lex.blockers.get("framing")
    if framing is None:
        return ""
    m = framing.match(title_lower.lstrip(" \"'[(«„“‘"))
    if m:
        return f"framing:{m.group()}"
    # ... or closes with the tag alone: "X: Datakraft musi wrócić do korzeni. Wywiad", "... (Interview)"
    parts = _TITLE_TAG.split(title_lower.rstrip(" .)]"))
    tail = parts[-1].strip() if len(parts) > 1 else ""
    if tail and framing.fullmatch(tail):
        return f"framing:{tail}"
    # ... or with a question who someone is: "To on przejmie imperium ojca. Kim jest X?"
    profile = lex.blockers.get("profile")
    question = _LAST_QUESTION.search(title_lower) if profile is not None else None
    m = profile.match(question.group(1)) if question is not None else None
    return f"framing:{m.group()}" if m else ""


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


def _ends_with(pattern: re.Pattern, text: str) -> bool:
    return any(m.end() == len(text) for m in pattern.finditer(text))


def _asked(lower: str, start: int, after: re.Match | None) -> bool:
    """Whether the cue at ``start`` is in a question: the sentence part it is in ends (at
    ``after``) with "?", or, in Spanish, opens with "¿"."""
    if after is not None and after.group() == "?":
        return True
    if "¿" not in lower[:start]:
        return False
    before = [m.group() for m in _STOP.finditer(lower, 0, start)]
    return not before or before[-1] == "¿"


def _backshifted(lex: Lexicon, lower: str, start: int) -> bool:
    """Whether the past perfect before the cue is reported speech, its tense shifted back
    ("said its chief financial officer X had resigned"): the news, not what came before it."""
    backshift = lex.blockers.get("backshift")
    return backshift is not None and _ends_with(
        backshift, _clause_before(lower, start, DATED_REACH, None, _SENTENCE_BREAK).rstrip())


def _in_subordinate_clause(lex: Lexicon, lower: str, start: int) -> bool:
    """Whether, where verbs come last, the cue sits in a clause set off by a comma that a word
    of time or sequence opens (", seit Gründer X vergangene Woche an die Spitze zurückgekehrt
    ist", ", nadat X vertrok"): the clause dates the sentence's news, it is not the news. (A
    relative pronoun is not enough: "She succeeds X, who retires in June" is news.)"""
    relative = lex.blockers.get("relative")
    if not lex.verb_final or relative is None:
        return False
    head = lower[:start]
    comma = head.rfind(",")
    if comma < 0 or _SENTENCE_BREAK.search(head, comma):
        return False
    opener = relative.match(head, len(head) - len(head[comma + 1:].lstrip()))
    return opener is not None and opener.group() not in lex.relative_pronouns


def blocked(lex: Lexicon, cue: Cue, lower: str, start: int, end: int, news: tuple[int, int] | None) -> str:
    """Why this cue occurrence in the lowercase sentence ``lower`` is not a reported change
    ("negated", "hedged", "background"), or "" when it is one; ``news`` is the item's (year,
    month), when known. The screen, the binder and the lead check all ask: answered once."""
    if load_lexicon(lex.lang) is not lex:  # a lexicon built apart (tests): not cached
        return _blocked(lex, cue, lower, start, end, news)
    return _blocked_once(lex.lang, cue, lower, start, end, news)


@lru_cache(maxsize=8192)
def _blocked_once(lang: str, cue: Cue, lower: str, start: int, end: int, news: tuple[int, int] | None) -> str:
    return _blocked(load_lexicon(lang), cue, lower, start, end, news)


def _blocked(lex: Lexicon, cue: Cue, lower: str, start: int, end: int, news: tuple[int, int] | None) -> str:
    after = _STOP.search(lower, end)  # where the cue's sentence part ends
    if ("?" in lower or "¿" in lower) and _asked(lower, start, _PART_END.search(lower, end)):
        return "question"  # "Who will replace X?", "¿Dimitirá X?"
    breaks = lex.blockers.get("clause")
    negation = lex.blockers.get("negation")
    if negation is not None and negation.search(_clause_before(lower, start, NEGATION_REACH, breaks)):
        return "negated"
    hedge = lex.blockers.get("hedge")
    if hedge is not None:
        # with the cue's first word: "likely to" + "to become", "expected to" + "to step down"
        first = _FIRST_WORD.match(lower, start, end)
        window = _clause_before(lower, start, HEDGE_REACH, None, _SENTENCE_BREAK) + (first.group() if first else "")
        if hedge.search(window):
            return "hedged"
    condition = lex.blockers.get("condition")
    if condition is not None and condition.search(lower, end, after.start() if after else len(lower)):
        return "hedged"  # "will leave Tesla if shareholders refuse"
    clause = _clause_around(lower, start, end)
    background = lex.blockers.get("background")
    if background is not None and background.search(clause):
        return "background"
    preceded = lex.blockers.get("preceded")
    before = lower[max(0, start - PRECEDED_REACH):start].rstrip()
    if preceded is not None and (_ends_with(preceded, before) or (
            cue.past and (first := _FIRST_WORD.match(lower, start, end)) is not None
            and _ends_with(preceded, f"{before} {first.group().strip()}".strip()))) \
            and not _backshifted(lex, lower, start):
        # "Ten years after taking over from X", "après avoir quitté", and the cue's own
        # auxiliary: "avait quitté Kervalon en novembre"
        return "background"
    dated = lex.blockers.get("dated")
    if dated is not None and dated.search(_clause_before(lower, start, DATED_REACH, None, _SENTENCE_BREAK)):
        return "background"  # "The event comes just days after X, ..., resigned", "weeks after the board ousted X"
    if cue.past or cue.noun:
        relative = lex.blockers.get("relative")
        reach = NOUN_RELATIVE_REACH if cue.noun else RELATIVE_REACH
        if relative is not None and relative.search(_clause_before(lower, start, reach, None)):
            return "background"
    if _in_subordinate_clause(lex, lower, start):
        return "background"
    if news:
        # a year in the clause, or opening the sentence ("Im Jahr 2027 setzte der Aufsichtsrat
        # ... vor die Tür", "In 2019 the board ..."): what happened then
        opening = _SENTENCE_BREAK.split(lower[:start])[-1] if start else ""  # this sentence, up to the cue
        head = " ".join(opening.split()[:OPENING_WORDS])
        # (not a year inside an aside after the subject: "X, sinds 2027 technologiedirecteur van Y, stapt over")
        opening_years = [m for m in _YEAR.finditer(head) if "," not in head[:m.start()]]
        for m in itertools.chain(_YEAR.finditer(clause), opening_years):
            if int(m.group()) < news[0]:
                return "background"
        if cue.past and lex.months:  # "two researchers left in May", in a June report
            # ... and "In February this year, X was named CEO": the date opens the sentence (not
            # "X, who joined in April, has left": a date inside an aside about the person)
            before = _clause_before(lower, start, DATED_REACH, None, _SENTENCE_BREAK)
            opening = before.split(",", 1)[0] if "," in before else ""
            for text in (clause, opening):
                for m in lex.months.finditer(text):
                    if lex.month_of[m.group()] < news[1] and not _YEAR.search(text):
                        return "background"
    return ""
