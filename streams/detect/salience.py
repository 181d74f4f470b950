"""Item-wide context: who a surname or pronoun refers to, a person's titles, the item's main organisation."""

from __future__ import annotations

from collections import Counter

from streams.detect.lexicon import Lexicon
from streams.detect.mentions import Mentions, Name, Role, kin_before
from streams.detect.given_names import given_name
from streams.detect.clause_orgs import described_next
from streams.detect.inflection import uninflected_org
from streams.detect.org_units import find_parents
from streams.detect.person_evidence import common_word, person_evidence
from streams.detect.titles import is_descriptor


class ItemContext:
    """What the whole item says, so a sentence can use names and titles given in another."""

    def __init__(self, mentions: list[Mentions], lex: Lexicon):
        self.mentions = mentions
        self.lex = lex
        _drop_sentence_openers(mentions, lex)
        self._resolve_surnames()
        self._roles: dict[str, list[Role]] = {}
        self._topic: list[str] | None = None  # candidates, best first
        self._offices: set[str] | None = None
        self._aliases: dict[str, str] | None = None
        self._parents: dict[str, str] | None = None
        self.link = ""  # the item's link: a name it holds when the text names no one
        self.text_lower = ""  # the item's whole text, lowercase: other case forms of a name
        self.evidence: dict[str, str] = {}  # why each person is one (see person_evidence)
        self.unproven: set[str] = set()  # person-shaped names the text gives no sign of being one
        self.set_aside: dict[str, str] = {}  # names that are no party, and why (characters, outlets)

    def index_roles(self) -> None:
        """Collect each person's titles (call once the titles are bound to names)."""
        for m in self.mentions:
            for name in m.persons():
                self._roles.setdefault(name.text, []).extend(name.roles)

    def weigh_person_evidence(self) -> None:
        """Note which person-shaped names the item gives a sign of being a person (call after
        ``index_roles``); the others ("Search Chat", "Nest Hub Max") make an event only when
        the change itself gives them a title."""
        lowers = [m.sentence.lower for m in self.mentions]
        alone = frozenset(n.text for m in self.mentions for n in m.names if " " not in n.text)
        org_words = frozenset(n.text for m in self.mentions for n in m.names if " " not in n.text and n.kind == "org")
        # "het energiesoftwarebedrijf Norrfjord Energi": what the item calls a company is none
        described = {name.text for m in self.mentions for name in m.persons()
                     if name.start and is_descriptor(m.sentence.tokens[name.start - 1], self.lex)}
        for n, m in enumerate(self.mentions):
            for name in m.persons():
                if name.text in self.evidence:
                    continue
                end = m.sentence.tokens[name.end - 1].end
                later = lowers[n][end:] + " " + " ".join(lowers[n + 1:n + 3])
                why = person_evidence(m, name, self.lex, self._roles.get(name.text, []), later, alone,
                                      org_words)
                if name.text in described and why.endswith(("is no common word", "next to it")):
                    why = ""  # the weakest signs, against the text's own word for it
                if why:
                    self.evidence[name.text] = why
        for m in self.mentions:  # ... it is the company the text calls it
            for name in m.persons():
                if name.text in described and name.text not in self.evidence:
                    name.kind = "org"
        self.unproven = {name.text for m in self.mentions for name in m.persons()
                         if name.text not in self.evidence}

    def _resolve_surnames(self) -> None:
        single_orgs = {n.text.lower() for m in self.mentions for n in m.names
                       if n.kind == "org" and " " not in n.text and self._org_evidence(m, n)}
        for m in self.mentions:  # "Alibaba Partnership" next to "Alibaba": an organisation
            for name in m.persons():
                words = name.text.split()
                if words[0].lower() in single_orgs:
                    name.kind = "org"
                elif len(words) == 2 and words[1].lower() in single_orgs and not given_name(words[0], self.lex.lang, False) \
                        and common_word(words[0].lower(), self.lex.lang):
                    # "Longtime Microsoft hardware leader": an adjective before the company's name
                    name.kind, name.text, name.start = "org", words[1], name.end - 1
                    m.name_at.pop(name.start - 1, None)
        full: dict[str, str] = {}
        clash: set[str] = set()
        for m in self.mentions:
            for name in m.persons():
                words = [w for w in name.text.split() if w.lower() not in self.lex.particles]
                if len(words) < 2:
                    continue
                # surnames; short first tokens, for family-name-first names ("Zhang said"); and
                # given names, as family successions write them ("hands the reins to son Lachlan")
                first = len(words[0]) <= 5 or given_name(words[0], self.lex.lang, False)
                keys = {words[-1].lower()} | ({words[0].lower()} if first else set())
                for key in keys:
                    if full.get(key, name.text) != name.text:
                        clash.add(key)
                    full[key] = name.text
        for key in clash:
            full.pop(key, None)
        self._kin_surnames(full)
        if not full:
            return
        fulls = set(full.values())
        for m in self.mentions:
            for name in m.names:
                if " " in name.text:
                    if name.kind == "person" and name.text not in fulls:  # "Android Andy Rubin"
                        tail = " ".join(name.text.split()[-2:])
                        longer = [f for f in fulls if f.endswith(" " + name.text)]
                        if tail in fulls:
                            name.text = tail
                        elif len(longer) == 1:  # "García Ortega": a double surname of "Lucía García Ortega"
                            name.text = longer[0]
                    continue
                target = full.get(name.text.lower())
                if target is not None:  # "Costolo" -> "Dick Costolo"
                    name.kind, name.text = "person", target

    def _kin_surnames(self, full: dict[str, str]) -> None:
        """"Murdoch hands leadership to son Lachlan": a relative named by a given name alone,
        that the item names nowhere in full, bears the surname of the person named before (in its
        sentence, else the last one named in full: "... zastąpi go najstarszy syn Lachlan")."""
        last = None
        for m in self.mentions:
            for name in m.persons():
                if " " in name.text or name.text.lower() in full or not kin_before(m.sentence.tokens, name.start, self.lex):
                    continue
                elder = next((n for n in reversed(m.persons()) if n.end <= name.start and " " in n.text), last)
                if elder is not None:
                    name.text = f"{name.text} {elder.text.split()[-1]}"
            last = next((n for n in reversed(m.persons()) if " " in n.text), last)

    def _org_evidence(self, m: Mentions, name: Name) -> bool:
        """Whether the text marks this run as an organisation, not just a capitalised word."""
        tokens = m.sentence.tokens
        prev = tokens[name.start - 1].lower if name.start else ""
        nxt = tokens[name.end].text if name.end < len(tokens) else ""
        return (any(r.org == name.text for r in m.roles) or prev in self.lex.org_preps
                or any(t.mixed or t.upper for t in tokens[name.start:name.end])
                or (name.start == 0 and nxt in (",", ":")) or nxt == "'s")

    def open_post(self) -> Role | None:
        """A post the headline announces without naming who takes it ("Sony appoints new head
        of PlayStation Studios"): its title, for the person the summary then names."""
        if not self.mentions or not self.mentions[0].sentence.in_title:
            return None
        m = self.mentions[0]
        if m.persons():
            return None
        tokens = m.sentence.tokens
        return next((r for r in m.roles if r.leader and not r.relational and r.start
                     and tokens[r.start - 1].lower in self.lex.new_words), None)

    def roles_of(self, person: str) -> list[Role]:
        """Every title written next to this person anywhere in the item."""
        return self._roles.get(person, [])

    def office_orgs(self, is_office) -> set[str]:
        """The organisations the item names as the seat of an office ``is_office`` accepts
        ("ministro da Economia": Economia)."""
        if self._offices is None:
            self._offices = {r.org for m in self.mentions for r in m.roles if r.org and is_office(r)}
        return self._offices

    def leader_context(self) -> bool:
        """Whether the item mentions any leadership title at all."""
        return any(r.leader for m in self.mentions for r in m.roles)

    def salient(self, sentence: int, token: int, exclude: Name | None = None) -> Name | None:
        """The person a pronoun at (sentence, token) most likely means: the nearest one named
        before it in its sentence, else the first one (the subject) of the sentence before."""
        skip = exclude.text if exclude is not None else None
        here = self.mentions[sentence]
        tokens = here.sentence.tokens
        preps = self.lex.org_preps | self.lex.from_preps
        for name in reversed(here.names):
            if name.kind == "person" and name.end <= token and name.text != skip and not (
                    name.start and tokens[name.start - 1].lower in preps):  # "le rachat de Red Hat"
                return name
        for m in reversed(self.mentions[:sentence]):
            for name in m.names:
                if name.kind == "person" and name.text != skip:
                    return name
        return None

    def canonical_org(self, org: str) -> str:
        """The fullest name the item gives an organisation: "Telecom Italia" for "TIM" when the
        text writes "Telecom Italia (TIM)", "Volkswagen" for "VW" when both occur."""
        if self._aliases is None:
            self._aliases = self._find_aliases()
        return self._aliases.get(org.lower(), org) if org else org

    def _find_aliases(self) -> dict[str, str]:
        aliases: dict[str, str] = {}
        orgs = {n.text for m in self.mentions for n in m.names if n.kind == "org"}
        for m in self.mentions:  # "Long Name (SHORT)" or "SHORT (Long Name)"
            tokens = m.sentence.tokens
            for name in m.names:
                k = name.end
                inner = m.name_at.get(k + 1) if k + 2 < len(tokens) and tokens[k].text == "(" else None
                if inner is not None and inner.end < len(tokens) and tokens[inner.end].text == ")" \
                        and name.kind == inner.kind == "org":  # "Giulia Bianchi (Lumetra)": her company
                    short, full = sorted((name.text, inner.text), key=len)
                    aliases[short.lower()] = full
        for short in orgs:  # an acronym of another organisation the item names
            if 2 <= len(short) <= 5 and short.isupper() and short.lower() not in aliases:
                full = next((o for o in orgs if len(o) > len(short) and not o.isupper()
                             and _abbreviates(short, o)), None)
                if full is not None:
                    aliases[short.lower()] = full
        lowered = {o.lower() for o in orgs}
        for name in orgs:  # "Microsoft AI", "Microsoft Research": a division of Microsoft, named too
            words = name.split()
            for cut in range(len(words) - 1, 0, -1):
                head = " ".join(words[:cut])
                if head.lower() in lowered and all(w.lower() in self.lex.field_words for w in words[cut:]):
                    aliases.setdefault(name.lower(), aliases.get(head.lower(), head))
                    break
        for name in orgs:  # "Polvexu", "Orlenowi": the nominative the item writes, else the stem
            base = uninflected_org(name, lowered, self.lex, self.text_lower)
            if base:
                aliases.setdefault(name.lower(), next((o for o in orgs if o.lower() == base.lower()), base))
        return aliases

    def parent_org(self, org: str) -> str:
        """The company ``org`` is a unit of, when the item says so ("Microsoft's Surface chief",
        "Microsoft Windows and Surface leader", "Amazon's AWS"), else ``org``."""
        if self._parents is None:
            self._parents = find_parents(self.mentions, self.unproven, self.lex)
        seen = set()
        while org.lower() in self._parents and org.lower() not in seen:
            seen.add(org.lower())
            org = self._parents[org.lower()]
        return org

    def add_parent(self, unit: str, parent: str) -> None:
        """Note that ``unit`` belongs to ``parent`` (read from a change: "Windows chief X leaves Microsoft")."""
        if self._parents is None:
            self._parents = find_parents(self.mentions, self.unproven, self.lex)
        if unit.lower() != parent.lower():
            self._parents.setdefault(unit.lower(), parent)

    def headline_org(self) -> str:
        """The organisation the headline opens with ("Ombrix fires ...", "Ombrix, X lascia"), if any."""
        names = self.mentions[0].names if self.mentions else []
        return names[0].text if names and names[0].start == 0 and names[0].kind == "org" else ""

    def topic_org(self, exclude: frozenset[str] = frozenset()) -> str:
        """The organisation the item is about: bound to titles, repeated, in the title; not one
        of ``exclude`` (lowercase names)."""
        if self._topic is None:
            score: Counter[str] = Counter()
            spelled: dict[str, str] = {}
            first: dict[str, int] = {}
            order = 0
            headline: set[str] = set()
            for m in self.mentions:
                bound = {r.org for r in m.roles if r.org}
                if m.sentence.in_title:
                    headline.update(n.text.lower() for n in m.names if n.kind == "org")
                for name in m.names:
                    if name.kind != "org" or described_next(m, name, self.lex):
                        continue  # "Media mogul X", "Magnat medialny X": what X is known for
                    key = name.text.lower()
                    spelled.setdefault(key, name.text)
                    first.setdefault(key, order)
                    order += 1
                    evidence = self._org_evidence(m, name)
                    # a headline that opens with an organisation is about it ("Ombrix fires ...");
                    # a lone word opening a headline fragment ("Koniec epoki.", "End of an era.")
                    # is only the headline's first word
                    opens = m.sentence.index == 0 and name.start == 0 and not (
                        name.end == 1 and len(m.sentence.tokens) <= 3 and not evidence)
                    score[key] += (2 if evidence else 0) + (1 if m.sentence.in_title else 0) + 1 + opens
                for org in bound:
                    key = org.lower()
                    spelled.setdefault(key, org)
                    first.setdefault(key, order)
                    score[key] += 1
            ranked = sorted(score, key=lambda k: (-score[k], first[k]))
            self._topic = [spelled[k] for k in ranked if score[k] >= 3]
            if not self._topic and len(score) == 1 and next(iter(score)) in headline:
                self._topic = [spelled[ranked[0]]]  # "Addio di Colao a Vodafone": the only one named
        return next((org for org in self._topic if org.lower() not in exclude), "")


def _abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` is an acronym of ``full``: its words' initials ("AMD", "Advanced Micro
    Devices"), or for one word its letters in order from the first ("VW", "Volkswagen")."""
    words = [w for w in full.split() if w[:1].isupper()]
    if len(words) > 1:
        return "".join(w[0] for w in words).lower() == short.lower()
    low, pos = full.lower(), 0
    for n, letter in enumerate(short.lower()):
        pos = low.find(letter, pos) if n else (0 if low.startswith(letter) else -1)
        if pos < 0:
            return False
        pos += 1
    return True


def _drop_sentence_openers(mentions: list[Mentions], lex: Lexicon) -> None:
    """A summary sentence's first word, capitalised only because it opens the sentence, before a
    comma or colon ("Separately, ...", "Juriste, ancienne directrice ...", "Ingénieure de
    formation, ..."), is no name unless the item writes it capitalised somewhere else too. A
    headline's ("Stellantis, X si dimette") stays: headlines label their story with a name."""
    inner = Counter(t.text for m in mentions for t in m.sentence.tokens[1:] if t.cap)
    for m in mentions:
        if m.sentence.in_title or not m.names:
            continue
        first = m.names[0]
        tokens = m.sentence.tokens
        if first.start == 0 and first.end == 1 and tokens[0].upper and len(tokens) > 3 and tokens[1].text == "," \
                and (tokens[2].text[:1].isdigit() or (lex.months is not None and lex.months.fullmatch(tokens[2].lower))):
            m.drop(first)  # a press release's dateline: "AUSTIN, June 12, 2032 - Caldris ..."
            continue
        if first.start != 0 or first.end != 1 or first.roles or len(tokens) < 3 or inner[tokens[0].text] \
                or tokens[0].upper or tokens[0].mixed:
            continue
        comma = next((k for k in range(1, min(len(tokens), 9)) if not (tokens[k].word and not tokens[k].cap)), 0)
        if comma and tokens[comma].text in (",", ":"):  # "Separately,", "Durante su ausencia,"
            m.drop(first)
