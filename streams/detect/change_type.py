"""Refines a change type from what the sentence says about it: "who already led it" makes an
appointment a return; "temporarily" makes a departure a leave."""

from __future__ import annotations

import re

from streams.detect.lexicon import Lexicon

_CLAUSE_END = re.compile(r"[,;:.]")
_NAME = re.compile(r"(?<![\w'-])[^\W\d_a-zà-öø-ÿ]")  # a capitalised word
REACH = 120  # characters after the person (or between person and verb) a qualifying clause may span
TEMPORARY_REACH = 30  # characters after a departure verb where "temporarily", "vorerst" may sit


AGAIN_REACH = 25  # characters around an appointment's cue where "again" makes it a return


def refine_change(lex: Lexicon, change: str, lower: str, person: tuple[int, int],
                  cue: tuple[int, int], org: str = "", text: str = "") -> str:
    """The change type for a cue at character span ``cue`` about a person at ``person``
    in the lowercase sentence ``lower`` (``text`` as written); ``org`` is where the change is."""
    if change == "appointment":
        returning = lex.blockers.get("returning")
        # the clause about the person: after the name, up to the verb when the verb follows
        start = person[1]
        end = cue[0] if cue[0] > start else start + REACH
        led = returning.search(lower, start, min(end, start + REACH)) if returning is not None else None
        if led is not None and not (text and _led_elsewhere(text, led.end(), org)):
            return "return"
        again = lex.blockers.get("again")  # "wordt opnieuw ceo", "ponownie stanie na czele"
        if again is not None and again.search(lower, max(0, cue[0] - AGAIN_REACH), cue[1] + AGAIN_REACH):
            return "return"
    elif change == "departure":
        temporary = lex.blockers.get("temporary")
        if temporary is not None and temporary.search(lower, cue[0], cue[1] + TEMPORARY_REACH):
            return "leave"
    return change


def _led_elsewhere(text: str, at: int, org: str) -> bool:
    """Whether "previously headed ..." goes on to name another organisation ("previously
    headed advertising at NBCUniversal"): then taking this post is no return."""
    stop = _CLAUSE_END.search(text, at)
    clause = text[at:stop.start() if stop else len(text)]
    if org and org.lower() in clause.lower():
        return False
    return _NAME.search(clause) is not None
