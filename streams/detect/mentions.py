"""Finds person and organisation names in a sentence, and binds them to the role titles around them."""

from __future__ import annotations

from dataclasses import dataclass

from streams.detect.lexicon import Lexicon
from streams.detect.segmenter import Sentence, Token
from streams.detect.outlets import credited_outlet
from streams.detect.names import PLACE_MODIFIERS, Name, name_runs, classify_run, personal_word
from streams.detect.titles import Role, find_titles, is_descriptor

__all__ = ["Mentions", "Name", "Role", "bind_person_roles", "drop_names", "find_mentions"]

@dataclass(slots=True)
class Mentions:
    """The roles and names of one sentence, indexed by token."""

    sentence: Sentence
    roles: list[Role]
    names: list[Name]
    role_at: dict[int, Role]
    name_at: dict[int, Name]
    outlets: tuple[str, ...] = ()  # the names of the outlets the sentence is credited to (outlets.py)

    def persons(self) -> list[Name]:
        return [n for n in self.names if n.kind == "person"]

    def drop(self, name: Name) -> None:
        """Forget ``name``: it is no name of this sentence after all."""
        self.names.remove(name)
        for k in range(name.start, name.end):
            if self.name_at.get(k) is name:
                del self.name_at[k]


def drop_names(mentions: list[Mentions], drop) -> set[str]:
    """Forget, in every sentence, the names whose text ``drop`` accepts; returns their texts."""
    dropped = set()
    for m in mentions:
        for name in [n for n in m.names if drop(n.text)]:
            dropped.add(name.text)
            m.drop(name)
    return dropped


def _split_org_person(run: Name, tokens: list[Token], name_at: dict[int, Name], lex: Lexicon) -> Name:
    """Split "Alibaba Jack Ma" or "OpenAI John Schulman" (after "founder of") into the
    organisation and the person: the person is the last two words."""
    cut = run.end - 2
    org = Name(run.start, cut, " ".join(t.text for t in tokens[run.start:cut]), "org")
    person = classify_run(tokens, cut, run.end, lex)
    person.kind = "person"
    for k in range(org.start, org.end):
        name_at[k] = org
    for k in range(person.start, person.end):
        name_at[k] = person
    return org


def _org_then_person(run: Name, tokens: list[Token], lex: Lexicon) -> bool:
    """A run that is a company written like one, then a two-word personal name: "ASML Peter
    Wennink" after a title ("Topman ASML Peter Wennink")."""
    return (run.end - run.start >= 3 and all(personal_word(t, lex) for t in tokens[run.end - 2:run.end])
            and not any(personal_word(t, lex) for t in tokens[run.start:run.end - 2]))


def _field(tok: Token, lex: Lexicon) -> bool:
    """A lowercase word naming what a title heads ("graphics", "hardware", "devices")."""
    return tok.word and not tok.cap and tok.lower not in lex.stopwords and tok.lower not in lex.roles_by_first \
        and tok.lower not in lex.former_words and len(tok.lower) > 2 and tok.lower not in lex.cue_index.by_word \
        and not tok.lower.endswith(("ed", "ing", "ly"))  # "Klein named co-CEOs": a verb, no field


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


def _past_descriptors(tokens: list[Token], j: int, name_at: dict[int, Name], lex: Lexicon) -> int:
    """The token after at most three descriptors or stopwords from ``j`` ("m.in. telewizji Fox":
    among others, of the TV channel, Fox), where a genitive organisation would start; ``j``
    when there is none there."""
    k, n = j, len(tokens)
    while k < n and k - j < 4 and k not in name_at and (
            tokens[k].lower in lex.stopwords or is_descriptor(tokens[k], lex)
            or (tokens[k].text == "." and k > j and tokens[k - 1].lower in lex.stopwords)):
        k += 1
    return k if k in name_at and k < n else j


def _after_description(tokens: list[Token], org: Name, name_at: dict[int, Name], lex: Lexicon) -> Name:
    """"Norwegian warehouse-robot maker Fjellbru Robotics": a one-word name that only describes
    the name after a few lowercase words and a descriptor; else ``org``."""
    if org.end - org.start != 1:
        return org
    k = org.end
    while k < len(tokens) and k - org.end < 4 and tokens[k].word and not tokens[k].cap:
        if is_descriptor(tokens[k], lex) and k + 1 in name_at and name_at[k + 1].start == k + 1:
            return name_at[k + 1]
        k += 1
    return org


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
        if org is None and not possessive and lex.lang == "en" and before > 0 and _field(tokens[before], lex):
            field = name_at.get(before - 1)  # "Intel graphics chief", "Microsoft hardware leader"
            if field is not None and field.end == before and field.kind == "org":
                org, before = field, before - 1
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
        if lex.genitive_orgs:
            g = _past_descriptors(tokens, j, name_at, lex)  # "właściciel m.in. telewizji Fox"
            run = name_at.get(g) if g != j else run
            if run is not None and run.start == g and run.kind == "org":
                role.org, role.org_end = run.text, run.end  # "prezesa Orlenu", "prezes Acme i Borel"
                continue
        if j < n and (tokens[j].lower in lex.org_preps or tokens[j].lower in lex.title_genitives):
            j += 1
            skipped, described = 0, False
            # ... and a lowercase adjective where nouns are capitalised ("des norwegischen Herstellers
            # X") or after the descriptor ("del diario digital portugués X")
            while j < n and skipped < 4 and (tokens[j].lower in lex.stopwords or is_descriptor(tokens[j], lex)
                                              or tokens[j].lower in lex.descriptors
                                              or ((lex.capitalised_nouns or described) and tokens[j].word
                                                  and not tokens[j].cap)
                                              or (skipped and _adjective_before_org(tokens, j, name_at))
                                              or tokens[j].lower.endswith(PLACE_MODIFIERS)):
                if tokens[j].cap and j in name_at:
                    break
                described = described or is_descriptor(tokens[j], lex) or tokens[j].lower in lex.descriptors
                j += 1
                skipped += 1
            org = name_at.get(j)
            if org is not None and org.start == j:
                org = _after_description(tokens, org, name_at, lex)  # "of Norwegian robot maker Fjellbru"
                k = org.end  # "TikTok owner ByteDance": the organisation after the descriptor
                if k + 1 < n and is_descriptor(tokens[k], lex) and name_at.get(k + 1):
                    org = name_at[k + 1]
                if org.end - org.start >= 3 and all(personal_word(t, lex) for t in tokens[org.end - 2:org.end]) \
                        and (org.kind == "person" or not personal_word(tokens[org.end - 3], lex)):
                    org = _split_org_person(org, tokens, name_at, lex)  # "di Alibaba Jack Ma"
                org.kind = "org"
                role.org, role.org_end = org.text, org.end


def _adjective_before_org(tokens: list[Token], j: int, name_at: dict[int, Name]) -> bool:
    """A lowercase word right before a company's name, after an article ("de la francesa
    Cantalis", "della torinese Lumetra"): an adjective of it."""
    nxt = name_at.get(j + 1)
    return tokens[j].word and not tokens[j].cap and nxt is not None and nxt.start == j + 1 and nxt.kind == "org"


def _apposition_title(tokens: list[Token], k: int, role_at: dict[int, Role], name_at: dict[int, Name],
                      lex: Lexicon) -> int:
    """Where the title of an apposition starting at ``k`` is ("the 38-year-old founder of ..."),
    past articles, numbers, descriptors and organisations; else where the skipping stopped."""
    n = len(tokens)
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
    return k


def _bind_person_roles(tokens: list[Token], names: list[Name], role_at: dict[int, Role],
                       name_at: dict[int, Name], lex: Lexicon) -> None:
    n = len(tokens)
    for name in names:
        if name.kind != "person":
            continue
        j = name.start - 1
        comma = j >= 0 and tokens[j].text == ","
        if comma:
            j -= 1
        if j >= 0:
            role = role_at.get(j)
            if role is None and j in name_at:  # "Le patron d'Uber, Travis Kalanick"
                org = name_at[j]
                role = next((r for r in role_at.values() if r.org_end == org.end), None)
            holder = name_at.get(role.start - 1) if role is not None and role.start else None
            if role is not None and not (comma and holder is not None and holder.kind == "person"):
                name.roles.append(role)  # ... not "X prezesem Fintory, Y odchodzi": X's title
        k = name.end
        if k < n and tokens[k].text in (",", "("):
            k = _apposition_title(tokens, k + 1, role_at, name_at, lex)
            if k not in role_at:  # "X, 92-letni magnat medialny, właściciel Y": the next description
                comma = next((q for q in range(k, min(n, k + 6)) if tokens[q].text == "," or q in name_at), n)
                if comma < n and tokens[comma].text == ",":
                    k = _apposition_title(tokens, comma + 1, role_at, name_at, lex)
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
    names = name_runs(tokens, barrier, lex, role_at)
    name_at = {k: name for name in names for k in range(name.start, name.end)}
    _bind_role_orgs(tokens, roles, name_at, lex)
    names = list({id(name_at[k]): name_at[k] for k in sorted(name_at)}.values())  # runs may be split
    outlets = tuple(n.text for n in names if credited_outlet(tokens, n, lex))
    names = [n for n in names if n.text not in outlets or _drop(n, name_at)]
    for name in names:  # "Red Hat CEO Jim Whitehurst": a run right before a title is its org
        if name.kind == "person" and name.end in role_at and role_at[name.end].org == name.text:
            name.kind = "org"
        # "Continental-Chef Setzer", "Apple CEO Cook": a lone word after a company's title is its holder
        title = role_at.get(name.start - 1)
        if name.kind == "org" and name.end - name.start == 1 and title is not None and title.leader \
                and title.org and title.org != name.text and personal_word(tokens[name.start], lex) \
                and (name.end == len(tokens) or tokens[name.end].text != "'s"):
            name.kind = "person"
        if name.kind == "org" and kin_before(tokens, name.start, lex):
            name.kind = "person"  # "leaves his son Lachlan as the sole executive"
    for name in names:
        name.sentence_index = sentence.index
    return Mentions(sentence, roles, names, role_at, name_at, outlets)


def _drop(name: Name, name_at: dict[int, Name]) -> bool:
    for k in range(name.start, name.end):
        name_at.pop(k, None)
    return False


def kin_before(tokens: list[Token], start: int, lex: Lexicon) -> str:
    """The word of kinship right before a name ("his son Lachlan", "her daughter, Ana"), or ""."""
    k = start - 1 if start and tokens[start - 1].text != "," else start - 2
    return tokens[k].text if k >= 0 and tokens[k].lower in lex.kin_words else ""


def _cue_words(sentence: Sentence, lex: Lexicon, cues: list) -> set[int]:
    """The capitalised tokens that are words of a change verb matched in the sentence (or of a
    change noun opening it): in a Title Case headline they would otherwise run into the names
    around them."""
    out = set()
    tokens = sentence.tokens
    for k, match in cues:
        cue = lex.cues[k]
        if cue.change is None and not cue.succession or cue.role_next:
            continue
        words = lex.cue_index.literals[k]
        i, j = sentence.token_span(match.start(), match.end())
        # a noun only where it opens the sentence: "Odejście Okafora z Velmory" names no "Odejście Okafora"
        out.update(q for q in range(i, j) if tokens[q].cap and tokens[q].lower in words and (not cue.noun or q == 0))
    return out


def bind_person_roles(m: Mentions, lex: Lexicon) -> None:
    """Attach to each person the titles written next to it ("CEO X", "X, founder of Y")."""
    _bind_person_roles(m.sentence.tokens, m.names, m.role_at, m.name_at, lex)
