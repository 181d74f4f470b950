"""Finds a cue's arguments in its sentence: subject, object, listed people, what follows the cue."""

from __future__ import annotations

from dataclasses import dataclass

from streams.detect.lexicon import Lexicon
from streams.detect.mentions import Mentions, Name, Role
from streams.detect.clause_orgs import boundary

SUBJECT_REACH = 22  # tokens before a verb where its subject may start (appositions included)
OBJECT_REACH = 10  # tokens after a verb where its object may be
APPOSITIONS = 3  # comma-separated descriptions of a subject in a row, read past to its name
TITLED_REACH = 20  # tokens after a succession where a titled successor may be named
WINDOW = 10  # tokens after a cue (or its person) searched for "as CEO of X", "from Yahoo"
def subject_before(m: Mentions, i: int, lex: Lexicon, depth: int = 0) -> Name | None:
    """The subject of the verb at ``i``: past an apposition ("X, CFO of Y, will ...") to X."""
    tokens = m.sentence.tokens
    k = i - 1
    while k >= 0 and tokens[k].word and not tokens[k].cap and k not in m.name_at and k not in m.role_at:
        k -= 1  # auxiliaries, adverbs, "said she is"
    if k > 0 and tokens[k].text == "," and tokens[k + 1].lower in lex.complementizers and depth < 1:
        speech = _speech_verb_before(m, k, lex)  # "X, owner of Y, announced on Thursday, that he retires"
        if speech is not None:
            name = subject_before(m, speech, lex, depth + 1)
            if name is not None:
                return name
    if k > 0 and tokens[k].text == "," and tokens[k + 1].lower in lex.relative_pronouns:
        name = m.name_at.get(k - 1)  # "... de Pedro Gómez, que se jubila": the relative's antecedent
        if name is not None and name.kind == "person":
            return name
    if k > 0 and tokens[k].text == ",":
        opening = k - 1
        for segment in range(APPOSITIONS):  # "X, 92, a media magnate, owner of Y, announced": in a row
            while opening >= 0 and tokens[opening].text != "," and not boundary(m, opening):
                opening -= 1
            name = m.name_at.get(opening - 1) if opening > 0 and tokens[opening].text == "," else None
            if name is not None and name.kind == "person" and i - opening <= 30:
                return name
            if not segment and opening >= 0 and opening + 1 < i and tokens[opening + 1].lower in lex.relative_pronouns:
                return person_before(m, opening, lex=lex)  # ", qui a piloté le rachat de Red Hat, succède"
            if name is not None or opening <= 0 or tokens[opening].text != "," or i - opening > 30:
                break
            opening -= 1
    return person_before(m, i, lex=lex)


def described_by_relative(m: Mentions, i: int, lex: Lexicon, unproven: set[str]) -> Name | None:
    """"X, a marketing exec who led teams at A, B, and C, is now ...": the person whose
    description is a relative clause, whatever commas its lists hold; no one else (no name
    ``unproven`` to be a person) named between."""
    tokens = m.sentence.tokens
    relative = False
    for k in range(i - 1, max(-1, i - 31), -1):
        if boundary(m, k):
            return None
        name = m.name_at.get(k)
        if name is not None and name.kind == "person" and name.text not in unproven:
            return name if relative and name.end < i and tokens[name.end].text == "," else None
        relative = relative or tokens[k].lower in lex.relative_pronouns
    return None


def _speech_verb_before(m: Mentions, comma: int, lex: Lexicon) -> int | None:
    """The speech verb of the clause that ends at ``comma`` ("..., poinformował w czwartek, że")."""
    tokens = m.sentence.tokens
    k = comma - 1
    while k >= 0 and tokens[k].text != "," and not boundary(m, k) and comma - k <= 6:
        if tokens[k].lower in lex.speech_words or tokens[k].lower in lex.source_words:
            return k
        k -= 1
    return None


def person_before(m: Mentions, i: int, reach: int = SUBJECT_REACH, lex: Lexicon | None = None,
                  by_phrase: bool = False) -> Name | None:
    """The nearest person before token ``i``; with ``lex``, a subject: not a name right after a
    preposition ("the director of ... for Disease Control has resigned", "von X"). ``reach``
    counts tokens, or with ``by_phrase`` a title or an organisation name as one ("hat X zum
    Chief Technology Officer ernannt").
    """
    tokens = m.sentence.tokens
    k, steps = i - 1, 0
    while k >= 0 and (steps < reach if by_phrase else k >= i - reach) and not boundary(m, k):
        name = m.name_at.get(k)
        if name is not None and name.kind == "person":
            prev = tokens[name.start - 1].lower if name.start else ""
            if lex is None or not (prev in lex.org_preps or prev in lex.from_preps):
                return name
            k = name.start
        elif by_phrase and (span := m.role_at.get(k) or name) is not None:
            k = span.start
        k -= 1
        steps += 1
    return None


def person_after(m: Mentions, j: int, reach: int = OBJECT_REACH, clause: bool = False,
                 kin: frozenset[str] = frozenset()) -> Name | None:
    """The nearest person from token ``j``; with ``clause``, not past a comma, except one after
    a title or a ``kin`` word ("to his son, X")."""
    tokens = m.sentence.tokens
    k = j
    while k < len(tokens) and k < j + reach and not boundary(m, k) and not (
            clause and tokens[k].text == "," and (k - 1) not in m.role_at and tokens[k - 1].lower not in kin):
        name = m.name_at.get(k)
        if name is not None and name.kind == "person":
            return name
        k += 1
    return None


def titled_person_after(m: Mentions, j: int, reach: int = TITLED_REACH, of: frozenset[str] | None = None) -> Name | None:
    """The first person after token ``j`` in the sentence, past commas and phrases of time, when
    a title is bound to them: the successor a Romance sentence names last ("La sustituirá a
    partir del 1 de abril el hasta ahora director de producto, X", "Al suo posto, in via
    provvisoria, il direttore finanziario X"); with ``of``, only one whose title follows one of
    these words ("le départ ... de son directeur général X": the departure's holder)."""
    tokens = m.sentence.tokens
    for k in range(j, min(len(tokens), j + reach)):
        if boundary(m, k):
            return None
        name = m.name_at.get(k)
        if name is not None and name.kind == "person":
            titles = [*name.roles, *(r for r in m.roles if r.leader and j <= r.start and 0 <= name.start - r.end <= 3)]
            if of is not None:  # "de son directeur général X", "of its chief executive X"
                titles = [r for r in titles if any(tokens[q].lower in of for q in range(max(j, r.start - 2), r.start))]
            return name if titles else None  # "director de producto, X": the title a few words before
    return None


def is_pronoun(m: Mentions, k: int, words: frozenset[str]) -> bool:
    tokens = m.sentence.tokens
    return 0 <= k < len(tokens) and tokens[k].lower in words


def coordinated(m: Mentions, first: Name, forward: bool, lex: Lexicon) -> list[Name]:
    """"Morgan and Klein", "CEO X, CFO Y and Z": people listed with the one bound to the cue."""
    tokens = m.sentence.tokens
    out, cur = [first], first
    while True:
        k = cur.end if forward else cur.start - 1
        step = 1 if forward else -1
        seen_link = in_title = False
        gap = 0
        while 0 <= k < len(tokens) and gap < 9:
            tok = tokens[k]
            if tok.text == "," or tok.lower in lex.coordinators:
                seen_link, in_title = True, False
            elif k in m.role_at:
                in_title = True
            elif tok.lower in lex.stopwords:
                pass  # articles
            elif in_title and forward and tok.word and not tok.cap:
                pass  # a title's own words: "la responsabile degli affari legali X"
            elif forward and seen_link and (skip := _apposition_end(m, k, lex)) is not None:
                k = skip  # "X, prima donna alla guida di un gruppo del Dax, e Y"
                continue
            else:
                break  # "co-CEO, sharing the top job with X": X is not listed
            k += step
            gap += 1
        name = m.name_at.get(k) if 0 <= k < len(tokens) else None
        if not seen_link or name is None or name.kind != "person" or name in out:
            return out
        if not forward and name.start and (tokens[name.start - 1].lower in lex.org_preps
                                           or tokens[name.start - 1].lower in lex.from_preps):
            return out  # "le dimissioni di X, Y guiderà": X is a complement, not listed with Y
        out.append(name)
        cur = name


APPOSITION = 14  # tokens an apposition between two listed people may span


def _apposition_end(m: Mentions, k: int, lex: Lexicon) -> int | None:
    """After "X, " at ``k``: the index of the "and" that resumes the list past an apposition
    ("X, prima donna alla guida di un gruppo del Dax, e Y"), or None."""
    tokens = m.sentence.tokens
    if not (k and tokens[k - 1].text == "," and tokens[k].word and not tokens[k].cap):
        return None
    for q in range(k + 1, min(len(tokens) - 2, k + APPOSITION)):
        if tokens[q].text == ",":
            name = m.name_at.get(q + 2)
            if tokens[q + 1].lower in lex.coordinators and name is not None and name.kind == "person":
                return q + 1
            return None
    return None


@dataclass(slots=True)
class Window:
    """What follows a cue or its person: "as CEO of X", "from Yahoo", "for rival Y", "from Z"."""

    role: Role | None = None
    org: Name | None = None
    dest: Name | None = None
    from_person: Name | None = None
    role_org: str = ""  # the first role's organisation, or that of a title listed with it


def window_after(m: Mentions, j: int, lex: Lexicon, dest_first: bool = False,
                 arriving: bool = False) -> Window:
    """The first role, organisation, destination and "from"-person in the tokens after ``j``;
    ``arriving``: for someone taking a post, so "from Y" names no organisation of it."""
    tokens = m.sentence.tokens
    w = Window()
    k = j
    dest_from = -1  # token index after which an organisation is a destination ("for rival Y")
    sold = False
    while k < len(tokens) and k < j + WINDOW and not boundary(m, k) and tokens[k].text != ",":
        if tokens[k].lower in lex.coordinators and k > j and not _title_list(m, k, lex):
            break  # "leaves X and joins Y": Y belongs to the next verb
        if k > j and tokens[k].lower in lex.time_preps:
            break  # "leaves after five years battling Nvidia": no organisation of the change
        if tokens[k].lower in lex.sale_words:
            sold = True  # "years after selling it to Y": Y bought the company, nobody moved there
        elif not sold and (tokens[k].lower in lex.to_preps
                           or (k > j and tokens[k].lower in lex.dest_words)):
            dest_from = k  # "for rival Y", "pour rejoindre son concurrent Y"
        r = m.role_at.get(k)
        if r is not None:
            dest = None if w.role is not None or not r.leader or arriving or dest_from < 0 or w.dest is not None \
                or not r.org else next((m.name_at[q] for q in range(r.end, r.org_end) if q in m.name_at
                                        and m.name_at[q].kind == "org"), None)
            if dest is not None:
                # "quits to become CEO of rival Y": the post taken at the destination, not the one left
                w.dest = dest
                k = r.end
                continue
            if w.role is None and r.leader:
                w.role = r
            if w.role is not None and not w.role_org and r.leader:
                w.role_org = r.org  # "as CEO and president of Alphabet": the list's organisation
            k = r.end
            continue
        name = m.name_at.get(k)
        if name is not None:
            prev = tokens[name.start - 1].lower if name.start else ""
            if name.kind == "org" and sold:
                pass  # the buyer: neither where the person goes nor where they work
            elif name.kind == "org" and arriving and prev in lex.from_preps and prev not in lex.org_preps:
                pass  # "hires X from Google": where the person comes from, not the new post's
            elif name.kind == "org":
                if w.dest is None and ((dest_from >= 0 and name.start - dest_from <= 3
                                        and _only_articles(tokens, dest_from + 1, name.start, lex))
                                       or (dest_first and w.org is None)):
                    w.dest = name
                elif w.org is None and w.role is None:
                    w.org = name
            elif name.kind == "person" and prev in lex.from_preps and prev not in lex.org_preps:
                w.from_person = name
            k = name.end
            continue
        k += 1
    return w


def gapped(m: Mentions, k: int, lex: Lexicon) -> tuple[Name, Role] | None:
    """"X will be A's CEO and Y its president": the person and title of a second conjunct that
    shares the first one's verb, starting at token ``k`` (just after the first title)."""
    tokens = m.sentence.tokens
    if k >= len(tokens) or tokens[k].lower not in lex.coordinators:
        return None
    name = m.name_at.get(k + 1)
    if name is None or name.kind != "person" or name.start != k + 1:
        return None
    q = name.end
    while q < len(tokens) and q <= name.end + 2 and tokens[q].lower in lex.stopwords:
        q += 1  # "its", "sein", "son"
    role = m.role_at.get(q)
    if role is None or not role.leader or role.relational or role.start != q:
        return None
    after = tokens[role.end] if role.end < len(tokens) else None
    if after is not None and after.word and after.lower not in lex.org_preps:
        return None  # a verb of its own follows: no gap
    return name, role


def _title_list(m: Mentions, k: int, lex: Lexicon) -> bool:
    """Whether the coordinator at ``k`` joins two titles ("CEO and president", "de directeur
    général et de président")."""
    tokens = m.sentence.tokens
    if k - 1 not in m.role_at:
        return False
    q = k + 1
    while q < len(tokens) and q <= k + 2 and tokens[q].lower in lex.stopwords:
        q += 1
    return q in m.role_at


def _only_articles(tokens, start: int, end: int, lex: Lexicon) -> bool:
    """Whether only articles and company nouns lie between a "to" and a name ("for rival Y",
    "pour rejoindre son concurrent Y"; not "nach fast drei Jahrzehnten")."""
    return all(tokens[q].lower in lex.stopwords or tokens[q].lower in lex.descriptors
               or tokens[q].lower in lex.dest_words for q in range(start, end))
