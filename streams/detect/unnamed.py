"""A post filled by someone the item does not name: "Musk says he found a new CEO for Twitter"."""

from __future__ import annotations

from streams.detect.arguments import window_after
from streams.detect.clause_orgs import subject_org
from streams.detect.given_names import given_name
from streams.detect.lexicon import Cue, Lexicon
from streams.detect.mentions import Mentions
from streams.detect.person_evidence import common_word
from streams.detect.raw_event import RawEvent
from streams.detect.salience import ItemContext
from streams.detect.scope import out_of_scope

EXITS = ("departure", "firing", "retirement", "leave")
INTENT_REACH = 40  # characters before "a new <title>" where "to name", "per nominare" make it a plan


def unnamed_post(m: Mentions, cue: Cue, i: int, j: int, lex: Lexicon, ctx: ItemContext) -> list[RawEvent] | None:
    """"Musk says he found a new CEO for X": a post filled by someone the item does not
    name (an event with no person, which dedup merges with the report that names her);
    None when the cue is no such "a new <title>"."""
    tokens = m.sentence.tokens
    if not cue.role_next or i == 0 or tokens[i - 1].lower not in lex.indefinites:
        return None
    if i >= 2 and tokens[i - 2].lower in (lex.org_preps | lex.from_preps) - lex.to_preps:
        return []  # "now under control of a new CEO", "a memo from a new CEO": a state, not news
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


def unnamed_hire(m: Mentions, cue: Cue, i: int, j: int, lex: Lexicon, ctx: ItemContext) -> list[RawEvent]:
    """A headline where a company fills a post and names no one: "Maveron hires CFO", "Kestrel
    names new chief executive", "Tech Moves: ...; Orbly taps CTO". An event for the post, with
    no person (dedup merges it with the report that names her); [] when a name follows."""
    if cue.change != "appointment" or cue.arg != "obj" or not m.sentence.in_title:
        return []
    tokens = m.sentence.tokens
    k = j
    while k < len(tokens) and k < j + 3 and (tokens[k].lower in lex.indefinites or tokens[k].lower in lex.possessives
                                            or tokens[k].lower in lex.new_words):
        k += 1  # "hires a CFO", "names its new CEO"
    role = m.role_at.get(k)
    if role is None or not role.leader or role.relational or role.former:
        return []
    if any(n.kind == "person" and n.start >= role.start for n in m.names) or (
            role.end < len(tokens) and tokens[role.end].word and tokens[role.end].cap):
        return []  # "names new CFO Ida Sorn": hers
    hirer = subject_org(m, i, lex)
    if hirer is None:
        return []
    if role.end < len(tokens) and tokens[role.end].lower in lex.as_words and role.end + 1 in m.role_at:
        # "Vantorix holt Heliotrope-Mitgründer als Strategiechef": what the hire is now, then the post
        role = m.role_at[role.end + 1]
        return [RawEvent(person="", role=role.title, org=hirer.text, change="appointment", to_org=None, cue=cue,
                         evidence=m.sentence.text, sentence=m.sentence.index, org_explicit=True,
                         role_explicit=True, fallback_org=ctx.topic_org())]
    w = window_after(m, role.end, lex, arriving=True)  # "names new CEO for Royal Mail": the post's
    org = role.org or (w.org.text if w.org else "") or (w.dest.text if w.dest else "") or hirer.text
    if out_of_scope(lex, tokens, hirer.text, [role]) or out_of_scope(lex, tokens, org, [role]):
        return []  # "Ministry of Finance appoints new director"
    return [RawEvent(person="", role=role.title, org=org, change="appointment", to_org=None, cue=cue,
                     evidence=m.sentence.text, sentence=m.sentence.index, org_explicit=True,
                     role_explicit=True, fallback_org=ctx.topic_org())]


def unnamed_exit(m: Mentions, cue: Cue, i: int, lex: Lexicon, ctx: ItemContext) -> list[RawEvent]:
    """A headline whose subject is a title, not a person ("Kestrel's CEO resigns", "Exchange CEO
    steps down", "Robotaxi unit CEO Resigns"): an event for the post, its holder taken from the
    item's link when the link names one ("/velocar-ceo-mara-quint-resigns"), else unnamed (the
    summary's named report of the same change replaces it in the merge)."""
    if cue.change not in EXITS or not m.sentence.in_title:
        return []
    tokens = m.sentence.tokens
    fired_by = subject_org(m, i, lex) if cue.arg == "obj" and not lex.vs_order else None
    if cue.arg == "obj" and not lex.vs_order and fired_by is None:
        return []  # "Pixaline ousts chief executive": the company acts on its own post
    k = i - 1
    while k >= 0 and tokens[k].word and (tokens[k].lower in lex.stopwords or tokens[k].lower.endswith("ly")
                                         or tokens[k].lower in ("just", "now")):
        k -= 1  # "CEO has resigned", "CEO is stepping down", "Executives Just Left"
    role = m.role_at.get(k) if cue.arg != "obj" else None  # "Kestrel's CEO resigns"
    if role is None and (lex.vs_order or fired_by is not None):
        # "Sornet, licenziato il direttore marketing", "Pixaline ousts chief executive": the post after the verb
        q = i + 1
        while q < len(tokens) and q < i + 4 and q not in m.role_at and (
                tokens[q].lower in lex.stopwords or tokens[q].lower in lex.possessives or not tokens[q].word):
            q += 1
        after = m.role_at.get(q)
        if after is not None and not any(n.kind == "person" and n.start >= after.end for n in m.names):
            role, k = after, q
    org_before = m.name_at.get(k)
    if role is None and org_before is not None and org_before.kind == "org":
        # "La directrice générale de Quorvia démissionne": the title's company ends the subject;
        # "Topman Zelvix stapt op": the title right before the company
        role = next((r for r in m.roles if r.org and r.org_end == org_before.end), None) or (
            m.role_at.get(org_before.start - 1) if cue.arg != "obj" else None)
    if role is None or not role.leader or role.relational or role.former or \
            any(k2 in m.name_at and m.name_at[k2].kind == "person" for k2 in range(role.end, i)):
        return []
    holder = m.name_at.get(role.start - 1) if role.start else None
    if holder is not None and holder.kind == "person" and holder.text not in ctx.unproven:
        return []  # "X, CEO, resigns" is X's; "Most Important Executives" is nobody's name
    org = role.org or ""
    if not org and org_before is not None and org_before.kind == "org" and role.end == org_before.start:
        org = org_before.text  # "Topman Zelvix"
    if not org and fired_by is not None:
        org = fired_by.text
    if not org:
        subj = next((n for n in reversed(m.names) if n.kind == "org" and n.end <= role.start), None)
        org = subj.text if subj is not None else ""
    if out_of_scope(lex, tokens, org, [role]):
        return []  # "Director of the Ministry of Transport resigns": a public office
    person = person_in_link(ctx.link, lex)
    return [RawEvent(person=person, role=role.title, org=org, change=cue.change, to_org=None, cue=cue,
                     evidence=m.sentence.text, sentence=m.sentence.index, org_explicit=bool(org),
                     role_explicit=True, fallback_org=ctx.topic_org())]


def person_in_link(link: str, lex: Lexicon) -> str:
    """A person's name in a link's slug ("/2031/05/velocar-ceo-mara-quint-resigns" gives "Mara
    Quint"): a known given name followed by a word that is no common word; "" when none."""
    slug = link.rstrip("/").rpartition("/")[2].partition("?")[0].partition(".")[0].lower()
    words = [w for w in slug.replace("_", "-").split("-") if w]
    for a, b in zip(words, words[1:]):
        if a.isalpha() and b.isalpha() and len(b) > 2 and given_name(a, lex.lang, True) \
                and b not in lex.stopwords and not common_word(b, lex.lang):
            return f"{a.capitalize()} {b.capitalize()}"
    return ""
