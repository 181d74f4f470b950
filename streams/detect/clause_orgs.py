"""The organisation a clause is about: its subject ("Intel has named"), the one it opens on
("Payments company Stripe", "At Google, ..."), or the headline's label ("Stellantis, X ...")."""

from __future__ import annotations

from streams.detect.lexicon import Lexicon
from streams.detect.mentions import Mentions, Name
from streams.detect.titles import is_descriptor

_BOUNDARY = frozenset({";", ":", "!", "?", "|"})


def boundary(m: Mentions, k: int) -> bool:
    """Whether token ``k`` ends a clause for argument search (";", ":", "!", "?", "|")."""
    return m.sentence.tokens[k].text in _BOUNDARY


ARTICLES = frozenset({"the", "la", "le", "il", "lo", "der", "die", "das", "el", "o", "a", "de", "het"})


def clause_start(m: Mentions, k: int) -> bool:
    tokens = m.sentence.tokens
    return k <= 1 or tokens[k - 1].text in (",", ";", ":", "-") or (k == 2 and tokens[0].lower in ARTICLES)


def opens_clause(m: Mentions, name: Name, lex: Lexicon | None = None) -> bool:
    """Whether ``name`` starts its clause, or only a description of it comes first ("Payments
    company Stripe", "Software giant SAP", "Der Softwarekonzern SAP")."""
    if clause_start(m, name.start):
        return True
    tokens = m.sentence.tokens
    k = name.start - 1
    if lex is None or k < 1 or not (tokens[k].lower in lex.descriptors or is_descriptor(tokens[k], lex)):
        return False
    while k > 0 and not clause_start(m, k) and name.start - k < 4 and tokens[k - 1].word:
        k -= 1
    return clause_start(m, k)


def subject_org(m: Mentions, i: int, lex: Lexicon | None = None) -> Name | None:
    """The organisation acting at ``i`` ("Volkswagen ousts", "Intel has named"): a clause subject."""
    k = i - 1
    while k >= 0 and k >= i - 9 and not boundary(m, k):
        name = m.name_at.get(k)
        if name is not None and name.kind == "person":
            return None
        if name is not None and name.kind == "org" and opens_clause(m, name, lex):
            return name
        k -= 1
    return None


def first_org(m: Mentions, exclude: set[str], lex: Lexicon | None = None) -> Name | None:
    """The organisation opening the sentence ("Intel said ... its CEO"), if it does."""
    for name in m.names:
        if name.kind == "org" and name.text not in exclude and opens_clause(m, name, lex) \
                and not _described_next(m, name, lex):
            return name
    return None


def _described_next(m: Mentions, name: Name, lex: Lexicon | None) -> bool:
    """"Payments company Stripe": the first name only describes the one after the noun."""
    tokens = m.sentence.tokens
    k = name.end
    return (lex is not None and k + 1 < len(tokens) and (k + 1) in m.name_at
            and (tokens[k].lower in lex.descriptors or is_descriptor(tokens[k], lex)))


def scene_org(m: Mentions, lex: Lexicon) -> Name | None:
    """The organisation a sentence opens on as its setting: "At Google, ...", "Chez Renault, ...",
    "Bei Siemens, ..." (a preposition, the name, a comma)."""
    tokens = m.sentence.tokens
    name = m.name_at.get(1)
    if (len(tokens) > 3 and tokens[0].lower in lex.org_preps and name is not None and name.start == 1
            and name.kind == "org" and name.end < len(tokens) and tokens[name.end].text == ","):
        return name
    return None


def labelled_by_org(m: Mentions) -> bool:
    """Whether the sentence opens with an organisation's name and a comma or colon."""
    first = m.name_at.get(0)
    tokens = m.sentence.tokens
    return (first is not None and first.kind == "org" and first.end < len(tokens)
            and tokens[first.end].text in (",", ":"))
