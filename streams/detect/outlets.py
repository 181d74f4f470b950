"""The outlet a report is credited to ("... - reports Reuters.", "... – przekazuje BBC."): who
tells the news, not a party to it, in the sentence that credits it (``find_mentions`` records it
in ``Mentions.outlets``) and in every other one ("Jak poinformowało w czwartek BBC, ... -
przekazuje BBC.": the detector drops the name from all of them)."""

from __future__ import annotations

from streams.detect.lexicon import Lexicon
from streams.detect.names import Name
from streams.detect.segmenter import Token


def credited_outlet(tokens: list[Token], name: Name, lex: Lexicon) -> bool:
    """Whether ``name`` is the outlet a closing tail credits: "- reports Reuters." ends the sentence."""
    k = name.start
    return (k >= 2 and tokens[k - 1].lower in lex.source_words and tokens[k - 2].text == "-"
            and all(not t.word for t in tokens[name.end:]))

