"""Binds each change cue to the people, role titles and organisations around it in its sentence."""

from __future__ import annotations

import re
from dataclasses import replace

from streams.detect.arguments import (coordinated, described_by_relative, gapped, is_pronoun, person_after,
                                      person_before, subject_before, titled_person_after, window_after)
from streams.detect.clause_orgs import orgs_listed_with
from streams.detect.context import blocked
from streams.detect.descriptions import acts_after, described_subject, describes_person, titled_object
from streams.detect.event_fields import bound_event
from streams.detect.lexicon import Cue, Lexicon
from streams.detect.mentions import Mentions, Name
from streams.detect.person_evidence import title_case
from streams.detect.prefilter import named_adjective
from streams.detect.raw_event import RawEvent
from streams.detect.salience import ItemContext
from streams.detect.unnamed import unnamed_exit, unnamed_hire, unnamed_post

__all__ = ["RawEvent", "SentenceBinder"]

ROUNDUP_REACH = 8  # tokens after a noun of change ("exits at Kestrel Labs") where its list's colon may be

STALE_EXITS = ("departure", "firing", "retirement")
STALE_REACH = 4  # tokens after a predecessor's name where a relative clause tells their exit

class SentenceBinder:
    """Turns the cues of one sentence into raw events, using the item context for the rest."""

    def __init__(self, lex: Lexicon, ctx: ItemContext, news: tuple[int, int] | None):
        self.lex = lex
        self.ctx = ctx
        self.news = news

    def bind(self, m: Mentions, matches: list[tuple[int, re.Match]]) -> list[RawEvent]:
        """The raw events of the cue ``matches`` (found in ``m``'s lowercase text)."""
        events: list[RawEvent] = []
        s = m.sentence
        previous_end = -2
        # exits the sentence tells as background ("succeeding X, who retired in December")
        stale_exits = {s.token_span(match.start(), match.end())[0] for k, match in matches
                             if self.lex.cues[k].change in STALE_EXITS
                             and blocked(self.lex, self.lex.cues[k], s.lower, match.start(), match.end(),
                                         self.news) == "background"}
        for k, match in matches:
            cue = self.lex.cues[k]
            after_verb, previous_end = match.start() <= previous_end + 1, match.end()
            if cue.change is None and not cue.succession:
                continue
            if cue.role_next and after_verb:
                continue  # "wird neuer Chef", "named new CEO": the adjective belongs to the verb before
            if named_adjective(s.text, match.start()) and (cue.role_next or not (
                    self.lex.capitalised_nouns or title_case(m, self.lex))
                    and s.text[match.end():].lstrip()[:1].isupper()):
                continue  # "in New York", "w Nowym Jorku", "Exit Games ships": part of a name
            if blocked(self.lex, cue, s.lower, match.start(), match.end(), self.news):
                continue
            i, j = s.token_span(match.start(), match.end())
            if i >= j:
                continue
            if cue.dest and j < len(s.tokens) and s.tokens[j].word and not s.tokens[j].cap \
                    and s.tokens[j].lower not in self.lex.articles:
                continue  # "moves to quash a report": a step taken, no destination
            if cue.change in ("firing", "departure", "retirement") and not cue.role_next \
                    and (i == 0 or s.tokens[i - 1].text in (",", ":")) and j in m.role_at \
                    and m.name_at.get(m.role_at[j].end) and m.name_at[m.role_at[j].end].kind == "person":
                continue  # "Ontslagen topvrouw X keert terug", "Ousted CEO X returns": an epithet, not news
            if describes_person(m, i, j, self.lex):
                continue  # "X, the recently named head of Y, said ...": who X is, not news
            if cue.role_next and i and m.sentence.tokens[i - 1].lower in self.lex.person_possessives:
                continue  # "her new EVP of software X": someone's current colleague
            found = self._succession(m, cue, i, j, stale_exits) if cue.succession else self._change(m, cue, i, j)
            for ev in found:
                ev.trigger = match.group()
            events += found + self._also_at(m, found)
        return events

    def _also_at(self, m: Mentions, found: list[RawEvent]) -> list[RawEvent]:
        """The same change at each organisation listed with the one found ("steps down as
        chairman of Acme Corp. and Borel Corp."): one post at each, one event each. Not in
        "Changes at Acme and Borel: X leaves, Y takes over": each their own."""
        return [replace(ev, org=other) for ev in found if ev.org_explicit and ev.org
                for other in orgs_listed_with(m, ev.org, self.lex, ev.person)]

    def _subject(self, m: Mentions, i: int, j: int) -> Name | None:
        person = subject_before(m, i, self.lex)
        if person is None or (person.text in self.ctx.unproven and not person.roles):
            person = described_by_relative(m, i, self.lex, self.ctx.unproven) or person
        if person is None and described_subject(m, i, self.lex):
            # "Le cofondateur en prend la direction, X en devient président": not X
            person = self.ctx.salient(m.sentence.index, i)
        if person is None and i and is_pronoun(m, i - 1, self.lex.subj_pronouns):
            person = self.ctx.salient(m.sentence.index, i)  # "Hij volgt X op": he, not X inside the verb
        if person is None and self.lex.vs_order:  # "si dimette il ceo X", "übernimmt X"
            # inside a split verb: "übergab Joe Kaeser ... den Vorsitz an", "zieht sich X ... zurück"
            person = next((n for n in m.names if n.kind == "person" and i < n.start and n.end < j), None) \
                or person_after(m, j, 8, clause=True)
            if person is not None and person.start > 0 and (
                    m.sentence.tokens[person.start - 1].lower in self.lex.org_preps
                    or m.sentence.tokens[person.start - 1].lower in self.lex.from_preps):
                person = None  # "l'eredità di X": a complement, not the subject
        if person is None and any(is_pronoun(m, k, self.lex.subj_pronouns) for k in range(max(0, i - 4), i)):
            person = self.ctx.salient(m.sentence.index, i)
        return person

    def _possessive_at(self, m: Mentions, k: int) -> bool:
        """"jego syn X", "her son X": a pronoun that owns the kin or the title after it, no object."""
        nxt = k + 1
        return nxt < len(m.sentence.tokens) and m.sentence.tokens[k].lower in self.lex.possessives and (
            m.sentence.tokens[nxt].lower in self.lex.kin_words or nxt in m.role_at or nxt in m.name_at)

    def _object(self, m: Mentions, i: int, j: int, subject: Name | None = None,
                noun: bool = False, active: bool = False) -> Name | None:
        # object pronouns: after the verb in English and German ("fires him"); clitics before
        # it in Romance languages ("il l'a limogé"), where "le"/"la" after the verb are articles,
        # as they are before a noun ("la salida")
        tokens = m.sentence.tokens
        if noun and self.lex.clitics_before:
            places = ()
        elif self.lex.clitics_before:  # right before the verb, or before its auxiliary ("l'a")
            places = (i - 1, i - 2) if i >= 2 and tokens[i - 1].lower in self.lex.stopwords else (i - 1,)
        else:
            places = (j, j + 1, i - 1)
        if any(is_pronoun(m, k, self.lex.obj_pronouns) and not self._possessive_at(m, k) for k in places):
            return self.ctx.salient(m.sentence.index, i, exclude=subject)
        # "names X", else the headline passive "X named CEO", "Satya Nadella, nombrado presidente";
        # but "X bought Twitter and fired its top executives": the object is their own people
        after = person_after(m, j, clause=True, kin=self.lex.kin_words) or person_after(m, i + 1, j - i - 1)
        if after is not None or (j < len(tokens) and tokens[j].lower in self.lex.possessives):
            return after
        if self.lex.verb_final:  # "Vantorix hat X als CSO verpflichtet": before a final verb, a company acting
            before = person_before(m, i, lex=self.lex, by_phrase=True)
            opener = m.names[0] if m.names else None
            if before is not None and opener is not None and opener.kind == "org" and opener.end <= before.start:
                return before
        if active and titled_object(m, j, self.lex):
            return None  # "X fired the top executives": X is who fires
        return person_before(m, i, 6 if self.lex.verb_final else 4, by_phrase=self.lex.verb_final)

    def _either(self, m: Mentions, i: int, j: int, adjective: bool = False, noun: bool = False) -> Name | None:
        after = person_after(m, j, 5, clause=True)
        if after is not None and any(k in m.name_at for k in range(j, after.start)):
            after = None  # "una pausa da Uber, Mayer ...": another name between
        if after is not None and adjective and after.start and \
                m.sentence.tokens[after.start - 1].lower in self.lex.org_preps | self.lex.from_preps:
            after = None  # "guidava ad interim dalle dimissioni di X": X is no new anything
        # an adjective's person is a subject, not "le dimissioni di X" named before it
        return after or person_before(m, i, 12, lex=self.lex if adjective else None) \
            or self._object(m, i, j, noun=noun)

    def _change(self, m: Mentions, cue: Cue, i: int, j: int) -> list[RawEvent]:
        unnamed = unnamed_post(m, cue, i, j, self.lex, self.ctx)
        if unnamed is not None:
            return unnamed
        if cue.arg == "obj":  # someone fired is never the one firing: "X fired the CEO"
            first = self._object(m, i, j, active=cue.change == "firing")
        elif cue.arg == "either":
            first = self._either(m, i, j, adjective=cue.role_next, noun=cue.noun or cue.role_next)
            if first is None and cue.change == "leave":
                # a leave taken, past a long description of who takes it ("X, fundadora y
                # presidenta del fabricante noruego de robots Y, se tomará un periodo sabático")
                first = subject_before(m, i, self.lex)
        else:
            first = self._subject(m, i, j)
        if first is None and cue.heir:
            first = titled_person_after(m, j)  # "Al suo posto, in via provvisoria, il cfo X"
        if first is None and cue.noun and cue.change != "appointment":
            # "le départ à la retraite, fin juin, de son directeur général X": the noun's holder
            first = titled_person_after(m, j, of=self.lex.org_preps)
        if first is not None and first.text in self.ctx.unproven and not first.roles:
            first = None  # "Most Important Executives Just Left": no one's name
        if first is None and cue.noun and cue.change != "appointment":
            return self._roundup(m, cue, i, j)
        if first is None:  # "Kestrel's CEO resigns", "Maveron hires CFO": the post, no one named
            return unnamed_exit(m, cue, i, self.lex, self.ctx) or unnamed_hire(m, cue, i, j, self.lex, self.ctx)
        if cue.role_next and not any(k in m.role_at for k in range(i, j + 3)):
            return []
        if cue.role_next and first.start >= j and acts_after(m, first, self.lex):
            return []  # "as new CEO X outlines plan": a description of who she is now
        forward = first.start >= j
        people = coordinated(m, first, forward, self.lex) if first.sentence_index == m.sentence.index else [first]
        shared = tuple(r for p in people for r in p.roles)  # "Velmora co-founders X and Y"
        out = []
        for person in people:
            ev = self._event(m, cue, cue.change, person, i, j, own_roles=shared)
            if ev is not None:
                out.append(ev)
        if cue.change == "appointment" and out:
            w = window_after(m, max(j, first.end), self.lex, arriving=True)
            if w.from_person is not None and w.from_person not in people:
                gone = self._event(m, cue, "departure", w.from_person, i, j, org_hint=out[0].org)
                if gone is not None:
                    out.append(gone)
            gap = gapped(m, max(w.role.end, w.role.org_end), self.lex) if w.role is not None else None
            if gap is not None:  # "... and Y its president": Y shares the verb and the company
                name, role = gap
                out.append(replace(out[0], person=name.text, role=role.title, org=role.org or out[0].org,
                                   role_explicit=True, org_explicit=bool(role.org) or out[0].org_explicit))
        return out

    def _roundup(self, m: Mentions, cue: Cue, i: int, j: int) -> list[RawEvent]:
        """A roundup that names the change with a noun and lists its people after a colon
        ("Another wave of exits at Kestrel: this time A, co-founder, B, president, and C"):
        one event each. Else, as with no person, the headline's post (``unnamed_exit``)."""
        tokens = m.sentence.tokens
        colon = next((k for k in range(j, min(len(tokens), j + ROUNDUP_REACH)) if tokens[k].text == ":"), None)
        people = [n for n in m.names if n.kind == "person" and colon is not None and n.start > colon]
        out = [ev for person in people if (ev := self._event(m, cue, cue.change, person, i, j)) is not None]
        return out or unnamed_exit(m, cue, i, self.lex, self.ctx)

    def _succession(self, m: Mentions, cue: Cue, i: int, j: int, stale_exits: set[int]) -> list[RawEvent]:
        """``stale_exits``: where the sentence's exits told as background start (token indexes)."""
        subj = self._subject(m, i, j)
        obj = self._object(m, i, j, subject=subj)
        if subj is None and cue.succession == "new-old" and obj is not None and obj.start < i:
            subj = titled_person_after(m, j)  # "La sustituirá ... el director de producto, X"
        if obj is not None and subj is not None and obj.text == subj.text:
            if subj.start >= j:  # "laissera les commandes à X", "sustituye a X": X is the object
                subj = self.ctx.salient(m.sentence.index, i, exclude=obj)
            else:
                obj = None
        new, old = (subj, obj) if cue.succession == "new-old" else (obj, subj)
        out = []
        ev_new = self._event(m, cue, "appointment", new, i, j) if new is not None else None
        # "X gibt den Chefposten an Cloud-Chef Y ab": what follows the cue is Y's, not X's
        theirs = new is not None and old is not None and old.end <= i and new.start >= j
        if old is not None and any(old.end <= k <= old.end + STALE_REACH for k in stale_exits):
            old = None  # "succeeding X, who retired in December": X's exit is background, not this news
        ev_old = self._event(m, cue, "departure", old, i, j, org_hint=ev_new.org if ev_new else "",
                             read_after=not theirs) if old is not None else None
        if ev_new is not None and ev_old is not None:
            ev_new.succeeds = ev_old.person
            if not ev_new.org_explicit and ev_old.org_explicit:
                ev_new.org = ev_old.org
            if not ev_new.role_explicit and ev_old.role_explicit:
                ev_new.role = ev_old.role
        out += [e for e in (ev_new, ev_old) if e is not None]
        if ev_new is not None and new.sentence_index == m.sentence.index:
            # "Lo sostituiscono come co-CEO X, ..., e Y": every successor listed
            out += [replace(ev_new, person=other.text)
                    for other in coordinated(m, new, new.start >= j, self.lex)[1:] if other is not old]
        return out

    def _event(self, m: Mentions, cue: Cue, change: str, person: Name, i: int, j: int,
               org_hint: str = "", own_roles: tuple = (), read_after: bool = True) -> RawEvent | None:
        return bound_event(self.lex, self.ctx, m, cue, change, person, i, j, org_hint=org_hint,
                           own_roles=own_roles, read_after=read_after)
