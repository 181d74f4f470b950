"""The outlet a report is credited to ("... - reports Reuters.", "... – przekazuje BBC."): who
tells the news, not a party to it, in the sentence that credits it and in every other one
("Jak poinformowało w czwartek BBC, ... - przekazuje BBC.")."""

from __future__ import annotations

from streams.detect.characters import drop_names
from streams.detect.lexicon import Lexicon
from streams.detect.names import Name
from streams.detect.segmenter import Token


def credited_outlet(tokens: list[Token], name: Name, lex: Lexicon) -> bool:
    """Whether ``name`` is the outlet a closing tail credits: "- reports Reuters." ends the sentence."""
    k = name.start
    return (k >= 2 and tokens[k - 1].lower in lex.source_words and tokens[k - 2].text == "-"
            and all(not t.word for t in tokens[name.end:]))


def drop_outlets(mentions: list) -> set[str]:
    """Remove the names of the outlets some sentence credits (``Mentions.outlets``) from every
    sentence: the outlet's name elsewhere ("as the BBC reported on Thursday") is no party either.
    Returns the outlets' names."""
    outlets = {text for m in mentions for text in m.outlets}
    if outlets:
        drop_names(mentions, outlets.__contains__)
    return outlets
