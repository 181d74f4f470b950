"""Finds person and organisation names in a sentence, and binds them to the role titles around them."""

from __future__ import annotations

from dataclasses import dataclass, field

from streams.detect.lexicon import Lexicon
from streams.detect.segmenter import Sentence, Token
from streams.detect.titles import Role, find_titles, is_descriptor

__all__ = ["Mentions", "Name", "Role", "bind_person_roles", "find_mentions"]

MAX_NAME_TOKENS = 4  # a capitalised run longer than this is a brand or a headline, not a person


@dataclass(slots=True, eq=False)
class Name:
    """A run of capitalised tokens: a person or an organisation."""

    start: int
    end: int
    text: str
    kind: str  # "person" or "org"
    roles: list[Role] = field(default_factory=list)  # titles bound to a person in this sentence
    sentence_index: int = 0


@dataclass(slots=True)
class Mentions:
    """The roles and names of one sentence, indexed by token."""

    sentence: Sentence
    roles: list[Role]
    names: list[Name]
    role_at: dict[int, Role]
    name_at: dict[int, Name]

    def persons(self) -> list[Name]:
        return [n for n in self.names if n.kind == "person"]


def _name_token(tok: Token, lex: Lexicon) -> bool:
    return tok.cap and tok.word and tok.lower not in lex.stopwords


def _common_noun(tokens: list[Token], k: int, lex: Lexicon) -> bool:
    """A lone capitalised word that is a noun (German "den Posten", "die Führung"), not a name."""
    tok = tokens[k]
    if is_descriptor(tok, lex):
        return True
    if not lex.noun_determiners or tok.upper or tok.mixed:
        return False
    if k > 0 and (tokens[k - 1].lower in lex.noun_determiners or tokens[k - 1].text.isdigit()):
        return True  # "den Posten", "drei Jahrzehnten", "24 Stunden"
    if k > 1 and tokens[k - 2].lower in lex.noun_determiners and not tokens[k - 1].cap and tokens[k - 1].word:
        return True  # "des weltweiten Handelsgeschäfts", "seine erste Pause"
    return tok.lower.endswith(lex.noun_suffixes)


def _name_continues(tok: Token, lex: Lexicon) -> bool:
    # Outside English a capitalised stopword inside a run is a name part ("Jack Ma"); in English
    # it is a Title Case headline ("Dick Costolo To Step Down").
    if lex.lang == "en":
        return _name_token(tok, lex) and tok.lower not in lex.non_names
    return tok.cap and tok.word and (tok.lower not in lex.non_names or tok.lower in lex.stopwords)


def _after_title(tokens: list[Token], k: int, titles, lex: Lexicon) -> bool:
    """A capitalised word in a title's genitive ("Finanzvorstand der Telekom"): a name, though
    an article stands before it."""
    return (k >= 2 and tokens[k - 1].lower in lex.title_genitives and (k - 2) in titles
            and not is_descriptor(tokens[k], lex) and not tokens[k].lower.endswith(lex.noun_suffixes))


def _chunks(tokens: list[Token], role_at, lex: Lexicon, titles=()) -> list[Name]:
    """Runs of name tokens; ``role_at`` holds the token indexes no name may cross (titles, verbs);
    ``titles`` the indexes of the titles alone."""
    names: list[Name] = []
    non_names = lex.non_names  # holds the stopwords
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        if not tok.cap or not tok.word or tok.lower in non_names or i in role_at:
            i += 1
            continue
        if tok.lower.rstrip(".") in lex.honorifics and not tok.upper:  # "Ing." is a title, "ING" a bank
            i += 1
            continue
        if "-" in tok.text and is_descriptor(Token(tok.text.rpartition("-")[2], 0, 0), lex):
            # "den Facebook-Konzern": the head is the organisation; but in "TikTok-Mutter
            # ByteDance" the compound only describes the name that follows
            if not (i + 1 < n and _name_token(tokens[i + 1], lex) and i + 1 not in role_at):
                names.append(Name(i, i + 1, tok.text.rpartition("-")[0].replace("-", " "), "org"))
            i += 1
            continue
        j = i + 1
        while j < n:
            nxt = tokens[j]
            if j in role_at:
                break
            if _name_continues(nxt, lex):
                j += 1
            elif (nxt.lower in lex.particles and j + 1 < n and _name_token(tokens[j + 1], lex)
                  and j + 1 not in role_at and not is_descriptor(tokens[j + 1], lex)):
                j += 2
            elif nxt.text in ("of", "&") and j == i + 1 and j + 1 < n \
                    and tokens[j + 1].cap and j + 1 not in role_at:
                j += 2  # "Nintendo of America", "Bank of America", "AT & T"
            else:
                break
        start = i
        if start == 0 and lex.vs_order and tokens[0].lower in lex.verb_words:
            if j == 1:  # "Sustituye a X": a verb opening the sentence, not a name
                i = j
                continue
            start = 1  # "Dimite Ana Ruiz", "Lascia Mario Rossi": the verb comes first, then the name
        while start < j - 1 and (is_descriptor(tokens[start], lex) or tokens[start].lower in lex.non_names
                                 or tokens[start].lower in lex.particles
                                 or (start == i and _common_noun(tokens, start, lex)
                                     and not _after_title(tokens, start, titles, lex))):
            start += 1  # German nouns before a name: "Großinvestor Softbank", "die Übernahme von Twitter"
        if j - start == 1 and _common_noun(tokens, start, lex) and not _after_title(tokens, start, titles, lex):
            i = j
            continue
        if j - start == 1 and start and tokens[start - 1].lower in lex.articles and j < n \
                and (tokens[j].lower in lex.descriptors or is_descriptor(tokens[j], lex)):
            i = j  # "de Zwitserse bank", "the Swiss bank": an adjective before a company noun
            continue
        if all(t.lower in lex.particles for t in tokens[start:j]):
            i = j  # "Ten years after", "De ..." opening a sentence: a particle alone is no name
            continue
        if all(t.lower in lex.field_words for t in tokens[start:j]):
            i = j  # "head of AI", "Head of Global Affairs": a field, not an organisation
            continue
        names.append(_classify(tokens, start, j, lex))
        i = j
    return names


def _classify(tokens: list[Token], start: int, end: int, lex: Lexicon) -> Name:
    parts = tokens[start:end]
    text = " ".join(t.text for t in parts)
    words = [t for t in parts if t.lower not in lex.particles]
    orgish = (len(words) == 1 or len(parts) > MAX_NAME_TOKENS
              or any(t.upper or t.mixed or t.lower in lex.org_suffix_words or not t.text[0].isalpha()
                     or t.text in ("of", "&") or "." in t.text for t in parts))
    return Name(start, end, text, "org" if orgish else "person")


def _personal(tok: Token, lex: Lexicon) -> bool:
    """A word that can be part of a person's name: capitalised, plain, not a company word."""
    return (tok.cap and tok.word and not tok.upper and not tok.mixed and tok.text[0].isalpha()
            and tok.lower not in lex.org_suffix_words and "." not in tok.text)


def _split_org_person(run: Name, tokens: list[Token], name_at: dict[int, Name], lex: Lexicon) -> Name:
    """Split "Alibaba Jack Ma" or "OpenAI John Schulman" (after "founder of") into the
    organisation and the person: the person is the last two words."""
    cut = run.end - 2
    org = Name(run.start, cut, " ".join(t.text for t in tokens[run.start:cut]), "org")
    person = _classify(tokens, cut, run.end, lex)
    person.kind = "person"
    for k in range(org.start, org.end):
        name_at[k] = org
    for k in range(person.start, person.end):
        name_at[k] = person
    return org


def _org_then_person(run: Name, tokens: list[Token], lex: Lexicon) -> bool:
    """A run that is a company written like one, then a two-word personal name: "ASML Peter
    Wennink" after a title ("Topman ASML Peter Wennink")."""
    return (run.end - run.start >= 3 and all(_personal(t, lex) for t in tokens[run.end - 2:run.end])
            and not any(_personal(t, lex) for t in tokens[run.start:run.end - 2]))


POSSESSIVE_REACH = 5  # tokens between an organisation and "its" title ("Amazon said its ... chief")


def _possessive_owner(tokens: list[Token], role: Role, name_at: dict[int, Name], lex: Lexicon) -> Name | None:
    """The organisation an "its"/"sein"/"son" before a title refers to: the one named just
    before it in the clause, with no person between."""
    k = role.start - 1
    while k >= 0 and role.start - k <= 3 and tokens[k].word and not tokens[k].cap \
            and tokens[k].lower not in lex.org_possessives:
        k -= 1  # adjectives: "its consumer chief", "its longtime head"
    if k < 0 or tokens[k].lower not in lex.org_possessives:
        return None
    for q in range(k - 1, max(-1, k - 1 - POSSESSIVE_REACH), -1):
        if tokens[q].text in (",", ";", ":", "."):
            return None
        name = name_at.get(q)
        if name is not None:
            return name if name.kind == "org" else None
    return None


def _bind_role_orgs(tokens: list[Token], roles: list[Role], name_at: dict[int, Name], lex: Lexicon) -> None:
    n = len(tokens)
    for role in roles:
        if role.org or role.relational:
            continue
        before = role.start - 1
        possessive = before >= 0 and tokens[before].text == "'s"
        if possessive:
            before -= 1
        org = name_at.get(before)
        # "Reddit's interim CEO"; in English also "Twitter CEO", and "Red Hat CEO Jim Whitehurst"
        # (but not "names Bob Chapek CEO", where the run before the title is the person)
        if org is not None and org.end == before + 1 and (
                possessive or (lex.lang == "en" and (org.kind == "org" or role.end in name_at))):
            org.kind = "org"
            role.org, role.org_end = org.text, org.end
            continue
        owner = _possessive_owner(tokens, role, name_at, lex)
        if owner is not None:  # "Amazon said its consumer chief X": Amazon's
            role.org, role.org_end = owner.text, owner.end
            continue
        j = role.end
        run = name_at.get(j)
        if run is not None and run.start == j and _org_then_person(run, tokens, lex):
            org = _split_org_person(run, tokens, name_at, lex)  # "Topman ASML Peter Wennink"
            role.org, role.org_end = org.text, org.end
            continue
        if j < n and (tokens[j].lower in lex.org_preps or tokens[j].lower in lex.title_genitives):
            j += 1
            skipped = 0
            while j < n and skipped < 3 and (tokens[j].lower in lex.stopwords or is_descriptor(tokens[j], lex)
                                              or tokens[j].lower in lex.descriptors):
                if tokens[j].cap and j in name_at:
                    break
                j += 1
                skipped += 1
            org = name_at.get(j)
            if org is not None and org.start == j:
                k = org.end  # "TikTok owner ByteDance": the organisation after the descriptor
                if k + 1 < n and is_descriptor(tokens[k], lex) and name_at.get(k + 1):
                    org = name_at[k + 1]
                if org.end - org.start >= 3 and all(_personal(t, lex) for t in tokens[org.end - 2:org.end]) \
                        and (org.kind == "person" or not _personal(tokens[org.end - 3], lex)):
                    org = _split_org_person(org, tokens, name_at, lex)  # "di Alibaba Jack Ma"
                org.kind = "org"
                role.org, role.org_end = org.text, org.end


def _bind_person_roles(tokens: list[Token], names: list[Name], role_at: dict[int, Role],
                       name_at: dict[int, Name], lex: Lexicon) -> None:
    n = len(tokens)
    for name in names:
        if name.kind != "person":
            continue
        j = name.start - 1
        if j >= 0 and tokens[j].text == ",":
            j -= 1
        if j >= 0:
            role = role_at.get(j)
            if role is None and j in name_at:  # "Le patron d'Uber, Travis Kalanick"
                org = name_at[j]
                role = next((r for r in role_at.values() if r.org_end == org.end), None)
            if role is not None:
                name.roles.append(role)
        k = name.end
        if k < n and tokens[k].text in (",", "("):
            k += 1
            for _ in range(4):  # "Zhang Yiming, the 38-year-old founder of ..."
                if k >= n or k in role_at:
                    break
                org = name_at.get(k)
                if org is not None and org.kind == "org":
                    k = org.end + (1 if org.end < n and tokens[org.end].text == "'s" else 0)
                    continue
                low = tokens[k].lower
                if not (low in lex.stopwords or low in lex.former_words or is_descriptor(tokens[k], lex)
                        or any(c.isdigit() for c in low)):
                    break
                k += 1
            if k in role_at:
                role = role_at[k]
                name.roles.append(role)
                # "X, cofondatore e amministratore delegato di Y": the titles listed with it too
                while role.end + 1 < n and tokens[role.end].lower in lex.coordinators \
                        and role_at.get(role.end + 1) is not None:
                    role = role_at[role.end + 1]
                    name.roles.append(role)
            else:  # "Blake Lemoine, a software engineer who ...": non-leaders sit further in
                for q in range(name.end + 1, min(n, name.end + 6)):
                    role = role_at.get(q)
                    if role is not None:
                        if not role.leader:
                            name.roles.append(role)
                        break


def find_mentions(sentence: Sentence, lex: Lexicon, cues: list | None = None) -> Mentions:
    """Tag the roles, names and their bindings in one sentence; ``cues`` are its change-cue
    matches, whose own words are verbs, not names ("Marta Lindqvist Retires", "Corvana Names")."""
    tokens = sentence.tokens
    roles, role_at = find_titles(tokens, lex)
    barrier = role_at
    if cues:
        verbs = _cue_words(sentence, lex, cues)
        if verbs:
            barrier = role_at.keys() | verbs
    names = _chunks(tokens, barrier, lex, role_at)
    name_at = {k: name for name in names for k in range(name.start, name.end)}
    _bind_role_orgs(tokens, roles, name_at, lex)
    names = list({id(name_at[k]): name_at[k] for k in sorted(name_at)}.values())  # runs may be split
    for name in names:  # "Red Hat CEO Jim Whitehurst": a run right before a title is its org
        if name.kind == "person" and name.end in role_at and role_at[name.end].org == name.text:
            name.kind = "org"
        # "Continental-Chef Setzer", "Apple CEO Cook": a lone word after a company's title is its holder
        title = role_at.get(name.start - 1)
        if name.kind == "org" and name.end - name.start == 1 and title is not None and title.leader \
                and title.org and title.org != name.text and _personal(tokens[name.start], lex) \
                and (name.end == len(tokens) or tokens[name.end].text != "'s"):
            name.kind = "person"
    for name in names:
        name.sentence_index = sentence.index
    return Mentions(sentence, roles, names, role_at, name_at)


def _cue_words(sentence: Sentence, lex: Lexicon, cues: list) -> set[int]:
    """The capitalised tokens that are words of a change verb matched in the sentence: in a
    Title Case headline they would otherwise run into the names around them."""
    out = set()
    tokens = sentence.tokens
    for k, match in cues:
        cue = lex.cues[k]
        if cue.change is None and not cue.succession or cue.noun or cue.role_next:
            continue
        words = lex.cue_index.literals[k]
        i, j = sentence.token_span(match.start(), match.end())
        out.update(q for q in range(i, j) if tokens[q].cap and tokens[q].lower in words)
    return out


def bind_person_roles(m: Mentions, lex: Lexicon) -> None:
    """Attach to each person the titles written next to it ("CEO X", "X, founder of Y")."""
    _bind_person_roles(m.sentence.tokens, m.names, m.role_at, m.name_at, lex)
