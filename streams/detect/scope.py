"""Keeps events to companies and other organisations: government, politics and sport are out of scope.

A tech-news reader follows who runs companies, labs and foundations, not who heads a ministry,
a party or a football club. The per-language ``public_bodies`` words name those bodies; their
offices ("minister", "député", "Bürgermeister") are ``public_offices``, read as non-leader titles.
"""

from __future__ import annotations

from streams.detect.lexicon import Lexicon
from streams.detect.segmenter import Token
from streams.detect.titles import Role
from streams.detect.triggers import WORD

BODY_REACH = 30  # characters before a name where the public body it belongs to is written
COMPLEMENT_REACH = 6  # tokens after a title where what it heads is named ("head of the ... party")


def public_body(lex: Lexicon, name: str) -> bool:
    """Whether an organisation's name says it is a government body, a party or a sports club
    ("Ministry of Defence", "Assemblée nationale", "FC Nordstadt")."""
    return bool(name) and not lex.public_bodies.isdisjoint(WORD.findall(name.lower()))


def described_as_public(lex: Lexicon, lowers: list[str], org: str) -> bool:
    """Whether the text calls ``org`` a public body right after its name ("the Civic Forward
    party", "the Nordstadt club"), or the first word of an office ("Premier ministre");
    ``lowers`` are the item's sentences in lowercase."""
    name = org.lower()
    if not name:
        return False
    for lower in lowers:
        at = lower.find(name)
        while at >= 0:
            if _body_before(lex, lower[max(0, at - BODY_REACH):at]):
                return True  # "al ministero dell'Economia", "the Ministry of Digital Affairs"
            following = WORD.match(lower, _skip_space(lower, at + len(name)))
            # ... or an office right after it: "au Premier ministre", "the Finance Minister"
            if following is not None and (following.group() in lex.public_bodies
                                          or following.group().endswith(lex.public_offices)):
                return True
            at = lower.find(name, at + 1)
    return False


def _body_before(lex: Lexicon, before: str) -> bool:
    """Whether ``before`` (the text right before a name) ends with a public body's word and
    only prepositions and articles after it ("ministero dell'", "Ministry of the")."""
    words = WORD.findall(before)[-3:]
    for k in range(len(words) - 1, -1, -1):
        if words[k] in lex.public_bodies:
            return k < len(words) - 1  # "Ministero Economia" alone is no case of it
        if not any(w in lex.org_preps or w in lex.articles or (len(w) <= 5 and w in lex.stopwords)
                   for w in (words[k], words[k] + "'")):  # "dell'" is written elided
            return False
    return False


def _skip_space(text: str, k: int) -> int:
    while k < len(text) and text[k] == " ":
        k += 1
    return k


def public_office(lex: Lexicon, role: Role) -> bool:
    """Whether a title is an office of government or politics ("ministra", "Wirtschaftsminister")."""
    return not role.leader and role.title.endswith(lex.public_offices)


def heads_public_body(lex: Lexicon, tokens: list[Token], role: Role) -> bool:
    """Whether the words around a title say it heads a public body: "head a government",
    "leader of the Civic Forward party", "party leader", "président de la République"."""
    if role.start and tokens[role.start - 1].lower in lex.public_bodies:
        return True
    k = role.end
    while k < len(tokens) and k < role.end + COMPLEMENT_REACH:
        tok = tokens[k]
        if tok.lower in lex.public_bodies:
            return True
        # past prepositions, articles and the body's own name ("of the Civic Forward party")
        if not (tok.lower in lex.org_preps or (tok.lower in lex.stopwords and len(tok.lower) <= 3)
                or (tok.cap and tok.word)):
            return False
        k += 1
    return False


def out_of_scope(lex: Lexicon, tokens: list[Token] | None, org: str, roles: list[Role],
                 office_orgs: set[str] = frozenset()) -> bool:
    """Whether an event at ``org``, under the titles ``roles`` (found in ``tokens``, the event's
    sentence, when given), is about government, politics or sport; ``office_orgs`` are the
    organisations the item names as the seat of a public office ("ministro da Economia")."""
    if public_body(lex, org) or org in office_orgs or any(public_body(lex, r.org) for r in roles):
        return True
    return tokens is not None and any(heads_public_body(lex, tokens, r) for r in roles)
