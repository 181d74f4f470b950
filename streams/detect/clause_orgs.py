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
    if lex is None or k < 1:
        return False
    if tokens[k].lower in lex.descriptors or is_descriptor(tokens[k], lex):
        while k > 0 and not clause_start(m, k) and name.start - k < 4 and tokens[k - 1].word:
            k -= 1
        return clause_start(m, k)
    # "La empresa de logística Aurendo": the descriptor, then its complement, then the name
    while k > 0 and name.start - k <= 5 and tokens[k - 1].text not in (",", ";", ":", "-"):
        k -= 1
    span = tokens[k:name.start]
    return (k == 0 or tokens[k - 1].text in (",", ";", ":", "-")) \
        and all(t.word and (not t.cap or n == 0) for n, t in enumerate(span)) \
        and any(t.lower in lex.descriptors or is_descriptor(t, lex) for t in span)


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
                and not described_next(m, name, lex):
            return name
    return None


def described_next(m: Mentions, name: Name, lex: Lexicon | None) -> bool:
    """"Payments company Stripe": the first name only describes the one after the noun; so
    does "Media" in "Media mogul X" (a word, then a person: what the person is known for)."""
    tokens = m.sentence.tokens
    k = name.end
    if lex is None or k + 1 >= len(tokens) or (k + 1) not in m.name_at:
        return False
    if tokens[k].lower in lex.descriptors or is_descriptor(tokens[k], lex):
        return True
    # a lowercase noun between: not in a language that capitalises its nouns ("Brennholt hat X"),
    # nor a cue or a function word ("Intel replaces X", "Acme and X")
    after = m.name_at[k + 1]
    return (after.kind == "person" and tokens[k].word and not tokens[k].cap and k not in m.role_at
            and not lex.capitalised_nouns and tokens[k].lower not in lex.stopwords
            and tokens[k].lower not in lex.cue_index.by_word)


def scene_org(m: Mentions, lex: Lexicon) -> Name | None:
    """The organisation a sentence opens on as its setting: "At Google, ...", "Chez Renault, ...",
    "Bei Siemens, ..." (a preposition, the name, a comma)."""
    tokens = m.sentence.tokens
    name = m.name_at.get(1)
    if (len(tokens) > 3 and tokens[0].lower in lex.org_preps and name is not None and name.start == 1
            and name.kind == "org" and name.end < len(tokens) and tokens[name.end].text == ","):
        return name
    return None


def main_clause_org(m: Mentions, person: Name) -> Name | None:
    """The organisation opening the main clause after a phrase that ends with the person named
    ("With today's departure of X, Microsoft is ...", "Après le départ de X, Orbly ..."): the one
    the change is at."""
    tokens = m.sentence.tokens
    k = person.end
    if k + 1 >= len(tokens) or tokens[k].text != "," or person.start == 0:
        return None
    name = m.name_at.get(k + 1)
    return name if name is not None and name.kind == "org" and name.start == k + 1 else None


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
            # "names X prime minister": the title after the name is the post, so not this; one
            # before it is what the person is now ("Nuvérance poaches Solvanthe CTO X")
            and not any(r.start >= j and r.start >= person.end for r in m.roles)
            and subject_org(m, i, lex) is not None)


def orgs_listed_with(m: Mentions, org: str, lex: Lexicon, person: str) -> list[str]:
    """The organisations listed right after ``org`` in the sentence, one post at each ("chairman
    of Acme Corp. and Borel Corp.", "prezesa Acme i Borel", "the Acme, Borel and Cirta boards").
    A comma alone lists nothing ("leaves Acme, Borel's rival"): the list ends on "and". The
    ``person`` must come before the list, with no one else between ("Changes at Acme and Borel:
    X leaves, Y takes over" lists two changes, not one post at each)."""
    tokens = m.sentence.tokens
    first = next((n for n in m.names if n.kind == "org" and n.text == org), None)
    holder = next((n for n in m.names if n.kind == "person" and n.text == person), None)
    if first is None or holder is None or holder.start > first.start or any(
            n.kind == "person" and holder.end <= n.start < first.start for n in m.names):
        return []
    found: list[tuple[bool, str]] = []  # (linked by a coordinator, name)
    k = first.end
    while k < len(tokens):
        if tokens[k].text == ".":  # "Corp." written with its full stop
            k += 1
        if k >= len(tokens) or not (tokens[k].text == "," or tokens[k].lower in lex.coordinators):
            break
        by_and = tokens[k].text != ","
        k += 1
        while k < len(tokens) and (tokens[k].lower in lex.articles or tokens[k].lower in lex.coordinators):
            by_and = by_and or tokens[k].lower in lex.coordinators  # ", and"
            k += 1
        name = m.name_at.get(k)
        if name is None or name.kind != "org" or name.start != k or name.text == org \
                or any(text == name.text for _, text in found):
            break
        found.append((by_and, name.text))
        k = name.end
    last = max((n for n, (by_and, _) in enumerate(found) if by_and), default=-1)
    return [text for _, text in found[:last + 1]]


def place_named_before(m: Mentions, i: int, j: int, lex: Lexicon, mentions: list[Mentions]) -> str:
    """With "there"/"dort"/"en" at the cue at tokens ``i:j``, the organisation named just before:
    the nearest in the sentence, else the first of the sentence before (from the item's ``mentions``)."""
    tokens = m.sentence.tokens
    near = [k for k in (i - 1, j, j + 1, j + 2) if 0 <= k < len(tokens)]
    if not any(tokens[k].lower in lex.place_pronouns for k in near):
        return ""
    before = [n for n in m.names if n.kind == "org" and n.end <= i]
    if before:
        return before[-1].text
    index = m.sentence.index
    previous = mentions[index - 1].names if index else []
    return next((n.text for n in previous if n.kind == "org"), "")
