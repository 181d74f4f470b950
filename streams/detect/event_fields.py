"""The fields of one raw event: for a person a change cue binds, the title, the organisation
and the destination the sentence and the item give, or no event at all when the person is no
company leader (an engineer, a minister) or nothing says this is a person."""

from __future__ import annotations

from functools import partial

from streams.detect.arguments import Window, window_after
from streams.detect.change_type import refine_change
from streams.detect.clause_orgs import (first_org, hired_by_org, labelled_by_org, leaves_the_company,
                                       main_clause_org, place_named_before, right_after, scene_org, subject_org, to_lead_after)
from streams.detect.descriptions import after_relative
from streams.detect.lexicon import Cue, Lexicon
from streams.detect.mentions import Mentions, Name
from streams.detect.new_post import new_post_title
from streams.detect.raw_event import RawEvent
from streams.detect.salience import ItemContext
from streams.detect.scope import described_as_public, out_of_scope, public_office

__all__ = ["UNIT_TITLES", "bound_event"]

# Titles that head a unit or a product line, not a company ("Windows chief", "Surface head"): a
# holder who leaves a company named after the verb leaves it ("... leaves Microsoft"). A founder
# or a CEO heads a company of its own, even one another owns ("WhatsApp founder X leaves Facebook").
UNIT_TITLES = frozenset({"head", "executive", "vice president", "senior vice president",
                         "executive vice president", "director", "general manager"})


def bound_event(lex: Lexicon, ctx: ItemContext, m: Mentions, cue: Cue, change: str, person: Name, i: int, j: int,
                org_hint: str = "", own_roles: tuple = (), read_after: bool = True) -> RawEvent | None:
    """The raw event of ``person`` for the cue at tokens [i, j): the title, the organisation
    and the destination the sentence and the item give, or None when what is bound is no
    company leader's change (an engineer, a minister, a product, a user back on a site)."""
    here = person.sentence_index == m.sentence.index
    after = max(j, person.end) if here and person.start >= j else j
    arriving = change in ("appointment", "return")
    w = window_after(m, after, lex, dest_first=cue.dest, arriving=arriving) if read_after else Window()
    if (w.role is None or w.role.former or not w.role.leader or _possessed(m, w.role, lex)) and w.org is None \
            and read_after and here and person.start >= j:
        resumed = after_relative(m, person.end, lex)  # "hired X, who ran ..., as CDO"
        if resumed is not None:
            w = window_after(m, resumed, lex, dest_first=cue.dest, arriving=arriving)
    w_role, w_org = w.role, w.org
    if w_org is None and here and change == "return":  # inside a split verb: "kehrt zu Zeltrava zurück"
        w_org = next((n for n in m.names if n.kind == "org" and i < n.start and n.end < j), None)
    if w_org is None and here and cue.noun and not arriving:
        w_org = main_clause_org(m, person)  # "With the departure of X, Microsoft is ...": Microsoft's
    known = ctx.roles_of(person.text)
    if any(not r.leader for r in known) and not any(r.leader and not r.relational for r in known) \
            and w_role is None:
        return None  # an engineer or a coach, not a leader
    to_org = w.dest.text if w.dest is not None and change in ("departure", "retirement") else None
    if cue.dest and change == "departure" and w.dest is None and not m.sentence.in_title:
        return None  # "Elle rejoindra le comité exécutif": joining no named company is no move
    if w.dest is not None and change in ("appointment", "return") and w_org is None:
        w_org = w.dest  # "joins Intel as ..." / "moves to Intel as CFO": the new post's org
    if w_role is not None and w_role.relational:
        w_role = None
    if change == "appointment" and w_role is None:
        w_role = new_post_title(m, i, j, person, here, lex, acts_on=cue.arg == "obj")
    role_title_hint = ""  # "joins X to lead ...": the post the cue's sentence gives
    hirer = None  # the company of a headline hire that names no post
    role_org = (w.role_org if w_role is w.role else "") or (w_role.org if w_role is not None else "")
    role = w_role if (w_role is not None and (change == "appointment" or not person.roles
                                              or role_org)) else None
    if role is None and change != "appointment" and here:
        # "ziehen sich von der Alphabet-Spitze zurück": the post left is named inside the cue
        role = next((r for r in m.roles if i <= r.start and r.end <= j and r.leader and r.org), None)
        role_org = role.org if role is not None else ""
    if change == "appointment" and role is None and cue.leads and m.sentence.index > 0 and not known:
        role = ctx.open_post()  # "Sony appoints new head of X. Hermen Hulst will lead ..."
        role_org = role.org if role is not None else ""
    if change == "appointment" and role is None and not cue.succession:
        # "takes over" needs someone with a title ("Musk übernimmt Twitter" is an acquisition)
        has_title = any(r.leader and not r.relational for r in known + (person.roles if here else []))
        if not ((cue.leads or cue.role_next) and has_title) and not cue.heir:
            lead = to_lead_after(m, w, lex)
            if lead is None:
                if not hired_by_org(m, cue, person, i, j, lex, ctx.unproven):
                    return None
                hirer = subject_org(m, i, lex)  # "Intel hires AMD's X to build GPUs": Intel's
            role_title_hint = lead or "executive"
    if role is None and person.text in ctx.unproven:
        return None  # "Nest Hub Max leaves ...": nothing says this is a person
    org = (role_org or role.org) if role is not None else ""
    if not org and change != "appointment" and here:
        # "Instagram co-founders X and Y resign from Facebook": they leave Instagram
        # ... and "Corvana CEO X, CFO Y out": Y's title names no company, X's does
        org = next((r.org for r in [*person.roles, *own_roles] if r.org and not r.former), "")
    if not org and hirer is not None:
        org = hirer.text
    if not org and w_org is not None:
        org = w_org.text
    if not org and here:  # "At Google, cloud boss X will step down"
        scene = scene_org(m, lex)
        org = scene.text if scene is not None else ""
    if change in ("appointment", "return"):  # the new post's organisation, not the person's current one
        if not org:
            org = place_named_before(m, i, j, lex, ctx.mentions)
        if not org and person.start >= j and here:
            subj_org = subject_org(m, i, lex)
            org = subj_org.text if subj_org is not None else ""
        if not org and cue.arg == "obj" and here:  # "Rada nadzorcza Fintory powołała X": Fintory's board
            org = next((r.org for r in m.roles if r.org and r.title == "board member" and r.end <= i), "")
        if not org:
            first = first_org(m, {r.org for r in known if r.org}, lex)
            org = first.text if first is not None and first.end <= max(i, person.start) else ""
    else:
        if not org and here:
            org = next((r.org for r in person.roles if r.org and not r.former), "")
        if not org and cue.arg == "obj":
            subj_org = subject_org(m, i, lex)
            org = subj_org.text if subj_org is not None else ""
        if not org and cue.arg == "obj" and here:  # "Der Aufsichtsrat von X hat Y abberufen": X's board
            headline = ctx.mentions[0].sentence.text if ctx.mentions else ""
            org = next((r.org for r in m.roles if r.org and r.title == "board member" and r.end <= i
                        and r.org in headline), "")
        if not org:
            org = next((r.org for r in known if r.org and not r.former), "")
    if change not in ("appointment", "return") and w_org is not None and org and org != w_org.text \
            and right_after(m, j, w_org, lex) \
            and all(r.title in UNIT_TITLES for r in [*([role] if role else []), *(person.roles if here else []), *known, *own_roles]
                    if r.leader and r.org.lower() == org.lower()):
        ctx.add_parent(org, w_org.text)  # "Windows chief X leaves Microsoft": the company
        org = w_org.text  # left, not the unit led; the unit is Microsoft's for the whole item
    held = [r for r in [*([role] if role else []), *(person.roles if here else []), *known, *own_roles]
            if r.leader and org and r.org.lower() == org.lower()]
    if change not in ("appointment", "return") and leaves_the_company(m, j, lex) \
            and not (held and any(r.title not in UNIT_TITLES for r in held)):
        # "Surface chief X is leaving the company": the company the item is about, not the unit
        # ... nor the rival the sentence says they go to ("abandona el grupo para ... de Y"); a
        # company's own CTO leaving "the company" leaves that one
        org = ctx.topic_org(frozenset({to_org.lower()}) if to_org else frozenset()) or org
    org_explicit = bool(org)
    org = org or org_hint  # else the organisation of the item's other changes (see _merge)
    topic = ctx.topic_org()
    if to_org and to_org.lower() == (org or topic).lower():
        to_org = None
    title = role.title if role is not None else role_title_hint
    if not title:
        leaders = [r for r in (person.roles if here else []) + known if r.leader]
        title = leaders[0].title if leaders else ""
    if not title and not (cue.leads or cue.succession or cue.role_next or cue.dest):
        # a named person leaving a named organisation ("X resigns from Yahoo") is enough;
        # a firing needs a title: companies fire engineers too
        # ... but "X returns to OpenAI" in an item about its president is back at the helm
        labelled = m.sentence.index == 0 and labelled_by_org(m)  # "Stellantis, X si dimette"
        if change == "appointment" or (change == "return" and cue.arg != "obj"
                                       and not (w_org is not None and ctx.leader_context())) \
                or not (w_org is not None or labelled or ctx.leader_context()):
            return None  # "X est de retour sur Twitter" is back as a user; "Y brings back X" names a post
    titles = ([role] if role is not None else []) + [r for r in (person.roles if here else []) if r.leader]
    seat = org or topic
    if out_of_scope(lex, m.sentence.tokens, seat, titles, ctx.office_orgs(partial(public_office, lex))) \
            or (role is None and any(public_office(lex, r) and not r.former for r in known)) \
            or described_as_public(lex, [mm.sentence.lower for mm in ctx.mentions], seat):
        return None  # a minister, a party, a club: not a company's leadership
    if here:
        tokens = m.sentence.tokens
        change = refine_change(lex, change, m.sentence.lower,
                               (tokens[person.start].start, tokens[person.end - 1].end),
                               (tokens[i].start, tokens[j - 1].end), org or topic, m.sentence.text)
    return RawEvent(person=person.text, role=title or ("CEO" if cue.leads else "executive"),
                    org=org, change=change, to_org=to_org, cue=cue, evidence=m.sentence.text,
                    sentence=m.sentence.index, org_explicit=org_explicit,
                    role_explicit=role is not None, fallback_org=topic,
                    own_orgs=tuple(r.org for r in known if r.org and not r.former))


def _possessed(m: Mentions, role, lex: Lexicon) -> bool:
    """"its head of design": a post someone holds now, said with a possessive, not the new one."""
    return role.start > 0 and m.sentence.tokens[role.start - 1].lower in lex.possessives
