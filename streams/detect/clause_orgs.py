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


def right_after(m: Mentions, j: int, name: Name, lex: Lexicon) -> bool:
    """Whether ``name`` is the object of the verb ending at ``j``: right after it, or after
    "from" ("steps down from X")."""
    tokens = m.sentence.tokens
    k = j
    while k < name.start and k < j + 2 and (tokens[k].lower in lex.from_preps or tokens[k].lower in lex.org_preps):
        k += 1
    return name.start == k


def leaves_the_company(m: Mentions, j: int, lex: Lexicon) -> bool:
    """Whether the verb ending at ``j`` acts on "the company", "the firm": the organisation the
    item is about, not the unit its person led."""
    tokens = m.sentence.tokens
    k = j
    while k < len(tokens) and k < j + 3 and (tokens[k].lower in lex.articles or tokens[k].lower in lex.from_preps):
        k += 1
    return j < k < len(tokens) and tokens[k].lower in lex.company_anaphors


def to_lead_after(m: Mentions, w, lex: Lexicon) -> str | None:
    """ "head" when the clause goes on "to lead/head/run ..." after where the person goes (``w``:
    ``arguments.window_after``; "X joins BigSoft to lead its new AI project"), else None."""
    lead = lex.blockers.get("to_lead")
    if lead is None or w.dest is None and w.org is None:
        return None
    end = (w.dest or w.org).end
    tokens = m.sentence.tokens
    at = tokens[end].start if end < len(tokens) else len(m.sentence.lower)
    return "head" if lead.match(m.sentence.lower, at) else None


def hired_by_org(m: Mentions, cue, person: Name, i: int, j: int, lex: Lexicon, unproven: set[str]) -> bool:
    """A headline in which a company hires a named person ("BigSoft hires X and Y", "BigSoft
    snatches X from Kestrel"): news of a senior hire, though it names no title."""
    return (m.sentence.in_title and cue.arg == "obj" and person.start >= j
            and person.sentence_index == m.sentence.index and person.text not in unproven
            and not any(r.start >= j for r in m.roles)  # "names X prime minister": a title, so not this
            and subject_org(m, i, lex) is not None)
