"""Refines a change type from what the sentence says about it: "who already led it" makes an
appointment a return; "temporarily" makes a departure a leave."""

from __future__ import annotations

from streams.detect.lexicon import Lexicon

REACH = 120  # characters after the person (or between person and verb) a qualifying clause may span
TEMPORARY_REACH = 30  # characters after a departure verb where "temporarily", "vorerst" may sit


def refine_change(lex: Lexicon, change: str, lower: str, person: tuple[int, int],
                  cue: tuple[int, int]) -> str:
    """The change type for a cue at character span ``cue`` about a person at ``person``
    in the lowercase sentence ``lower``."""
    if change == "appointment":
        returning = lex.blockers.get("returning")
        # the clause about the person: after the name, up to the verb when the verb follows
        start = person[1]
        end = cue[0] if cue[0] > start else start + REACH
        if returning is not None and returning.search(lower, start, min(end, start + REACH)):
            return "return"
    elif change == "departure":
        temporary = lex.blockers.get("temporary")
        if temporary is not None and temporary.search(lower, cue[0], cue[1] + TEMPORARY_REACH):
            return "leave"
    return change
