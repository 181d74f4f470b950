"""A post filled by someone the item does not name: "Musk says he found a new CEO for Twitter"."""

from __future__ import annotations

from streams.detect.arguments import window_after
from streams.detect.clause_orgs import subject_org
from streams.detect.lexicon import Cue, Lexicon
from streams.detect.mentions import Mentions
from streams.detect.raw_event import RawEvent
from streams.detect.salience import ItemContext

INTENT_REACH = 40  # characters before "a new <title>" where "to name", "per nominare" make it a plan


def unnamed_post(m: Mentions, cue: Cue, i: int, j: int, lex: Lexicon, ctx: ItemContext) -> list[RawEvent] | None:
    """"Musk says he found a new CEO for X": a post filled by someone the item does not
    name (an event with no person, which dedup merges with the report that names her);
    None when the cue is no such "a new <title>"."""
    tokens = m.sentence.tokens
    if not cue.role_next or i == 0 or tokens[i - 1].lower not in lex.indefinites:
        return None
    intent = lex.blockers.get("intent")
    before = m.sentence.lower[max(0, tokens[i - 1].start - INTENT_REACH):tokens[i - 1].start]
    if intent is not None and intent.search(before):
        return []  # "will meet to name a new CEO": nobody has the post yet
    role = next((m.role_at[k] for k in range(j, min(len(tokens), j + 3)) if k in m.role_at), None)
    if role is None or not role.leader or role.relational or \
            " ".join(t.lower for t in tokens[role.start:role.end]) in lex.collective_titles:
        return None  # "hat eine neue Führung": a new leadership, no one person's post
    for k in range(role.end, min(len(tokens), role.end + 4)):  # "a new CEO: Jane Doe"
        name = m.name_at.get(k)
        if name is not None and name.kind == "person":
            return None
        if tokens[k].word and tokens[k].lower not in lex.stopwords:
            break
    w = window_after(m, role.end, lex, arriving=True)
    org = role.org or (w.org.text if w.org else "") or (w.dest.text if w.dest else "")
    if not org:
        subj = subject_org(m, i, lex)
        org = subj.text if subj is not None else ""
    return [RawEvent(person="", role=role.title, org=org, change="appointment", to_org=None, cue=cue,
                     evidence=m.sentence.text, sentence=m.sentence.index, org_explicit=bool(org),
                     role_explicit=True, fallback_org=ctx.topic_org())]
