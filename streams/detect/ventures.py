"""Where someone who leaves goes when they found something: "leaves Apple to start a design firm
called LoveFrom", "per fondare uno studio, LoveFrom", "will eine Designfirma namens X gründen"."""

from __future__ import annotations

from streams.detect.lexicon import Lexicon
from streams.detect.mentions import Mentions, Name, find_mentions
from streams.detect.segmenter import build_sentence, lower_aligned
from streams.detect.titles import is_descriptor

VENTURE_REACH = 8  # tokens between a founding verb and the name of what is founded
VERB_FINAL_REACH = 6  # (de, nl) tokens before the verb: "eine Designfirma namens X gründen"


def founded_venture(lex: Lexicon, parts: list[tuple[bool, str]], sentences: set[int],
                    left: set[str], followers: set[int] = frozenset()) -> str | None:
    """The organisation a leaver sets out to found, named in one of the ``sentences`` (indexes
    into ``parts``); not one of ``left`` (the organisations left, lowercase). It must be called
    a company ("a design firm called X", "uno studio, X"): "to launch Gemini" founds nothing.
    In the ``followers`` (sentences after the change's) the founder must be no company
    ("Google will launch a fund called X" is not where the leaver goes)."""
    if lex.founding is None:
        return None
    for n in sorted(sentences | followers):
        if not 0 <= n < len(parts):
            continue
        in_title, text = parts[n]
        if lex.founding.search(lower_aligned(text)) is None:
            continue  # most sentences: no founding verb, nothing to tokenise
        sentence = build_sentence(text, in_title, n)
        verbs = list(lex.founding.finditer(sentence.lower))
        m = find_mentions(sentence, lex)
        for verb in verbs:
            i, j = sentence.token_span(verb.start(), verb.end())
            venture = _named_near(m, i, j, lex, left)
            if venture is None:
                continue
            if n in followers and n not in sentences and any(
                    o.kind == "org" and o.end <= i and o is not venture for o in m.names):
                continue  # another company does the founding
            return venture.text
    return None


def _named_near(m: Mentions, i: int, j: int, lex: Lexicon, left: set[str]) -> Name | None:
    """The first organisation named soon after the verb at tokens [i, j) (in verb-final
    languages, also just before it) with a company noun between ("a firm called X")."""
    tokens = m.sentence.tokens
    for name in m.names:
        if name.kind != "org" or name.text.lower() in left:
            continue
        if j <= name.start < j + VENTURE_REACH:
            between = tokens[j:name.start]
        elif lex.verb_final and i - VERB_FINAL_REACH <= name.start < i:
            between = tokens[max(0, name.start - 4):name.start]
        else:
            continue
        if any(t.lower in lex.venture_nouns or is_descriptor(t, lex) for t in between):
            return name
    return None
