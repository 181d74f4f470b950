"""Whether the words around a cue describe someone rather than report a change of theirs:
"X, the recently named head of Y, said", "as new CEO X outlines plan", "hired X, who ran ...,
as CDO" (the description ends where the sentence goes on)."""

from __future__ import annotations

from streams.detect.arguments import APPOSITION
from streams.detect.clause_orgs import ARTICLES, boundary
from streams.detect.lexicon import Lexicon
from streams.detect.mentions import Mentions, Name

__all__ = ["acts_after", "after_relative", "described_subject", "describes_person", "titled_object"]


def described_subject(m: Mentions, i: int, lex: Lexicon) -> bool:
    """Whether the sentence opens with a definite description of someone and then the verb at
    ``i``: "El magnate también sale ...", "The billionaire will also leave ..." (not "The company")."""
    tokens = m.sentence.tokens
    if not 2 <= i <= 5 or tokens[0].lower not in ARTICLES:
        return False
    words = tokens[1:i]
    return all(t.word and not t.cap for t in words) and not any(
        t.lower in lex.descriptors or t.lower in lex.public_bodies or t.lower.endswith(lex.descriptor_suffixes)
        for t in words)


def acts_after(m: Mentions, person: Name, lex: Lexicon) -> bool:
    """Whether a verb of its own follows the name ("new CEO X outlines a plan", "Interim CEO X
    said"): a speech verb, or a lowercase word that is no article, preposition or change cue."""
    tokens = m.sentence.tokens
    k = person.end
    if k >= len(tokens) or not tokens[k].word or tokens[k].cap:
        return False
    low = tokens[k].lower
    return low in lex.speech_words or (low not in lex.stopwords and low not in lex.cue_index.by_word)


def titled_object(m: Mentions, j: int, lex: Lexicon) -> bool:
    """Whether the verb ending at token ``j`` has an unnamed titled object: an article, maybe
    an adjective, a title ("the top executives", "den Vorstandschef")."""
    tokens = m.sentence.tokens
    if j >= len(tokens) or tokens[j].lower not in lex.articles:
        return False
    return any(k in m.role_at for k in range(j + 1, min(len(tokens), j + 4)))


RELATIVE_REACH = 20  # tokens a relative clause after a name may span ("X, who ran ... team,")


def after_relative(m: Mentions, k: int, lex: Lexicon) -> int | None:
    """Where the sentence resumes after a relative clause or an apposition opening at token
    ``k`` (", who ran Apple's design team, as chief design officer", ", until now its head of
    design, as chief product officer"): the token after its closing comma, when an "as"
    follows it; else None."""
    tokens = m.sentence.tokens
    if not (k + 1 < len(tokens) and tokens[k].text == ","):
        return None
    for q in range(k + 2, min(len(tokens) - 1, k + RELATIVE_REACH)):
        if boundary(m, q):
            return None
        if tokens[q].text == ",":
            return q + 1 if tokens[q + 1].lower in lex.as_words else None
    return None


def describes_person(m: Mentions, i: int, j: int, lex: Lexicon) -> bool:
    """Whether the cue at tokens [i, j) sits in an apposition that describes someone, before the
    sentence goes on with what they did: "X, the recently named head of Windows, hinted ...".
    (An apposition opens with an article or a title after the name's comma and closes with a
    comma.)"""
    tokens = m.sentence.tokens
    k = i - 1
    while k >= 0 and tokens[k].text != "," and i - k <= APPOSITION:
        if boundary(m, k) or k in m.name_at:
            return False
        k -= 1
    if k < 1 or tokens[k].text != "," or k + 1 >= i or not (tokens[k + 1].lower in lex.articles or k + 1 in m.role_at):
        return False  # ", the recently named head of", ", directrice générale par intérim de"
    holder = m.name_at.get(k - 1)
    if holder is None or holder.kind != "person":
        return False
    close = next((q for q in range(j, min(len(tokens), j + APPOSITION)) if tokens[q].text == ","), None)
    return close is not None and close + 1 < len(tokens) and tokens[close + 1].word \
        and not tokens[close + 1].cap
