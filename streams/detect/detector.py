"""detect_leadership_changes: language, cheap pre-filter, mentions, cue binding, one event per change."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from streams.detect.arrivals import with_arrivals
from streams.detect.binding import RawEvent, SentenceBinder
from streams.detect.characters import drop_characters
from streams.detect.context import MAX_CUES, blocked, framed, news_date
from streams.detect.inflection import nominative
from streams.detect.language import identify_language
from streams.detect.lexicon import SUPPORTED, load_lexicon
from streams.detect.mentions import bind_person_roles, drop_names, find_mentions
from streams.detect.normalize import normalize_person
from streams.detect.prefilter import is_title_word, live_sentences
from streams.detect.salience import ItemContext
from streams.detect.segmenter import MAX_SUMMARY, MAX_TITLE, build_sentence, clean, lower_aligned
from streams.detect.triggers import WORD, item_words
from streams.detect.ventures import founded_venture
from streams.models import Detection, LeadershipEvent, NewsItem

# When one item gives one person several changes at one organisation, the most specific wins:
# "ousted" beats "will leave"; leaving the CEO job for the chair is a departure, not an appointment.
PRECEDENCE = {"firing": 6, "retirement": 5, "leave": 4, "return": 3, "departure": 2, "appointment": 1}
LEAD_CHARS = 600  # summary characters read first: the lead; the rest only when the lead reports a change
LEAD_SENTENCES = 2  # summary sentences after the headline that make a report's lead
FAMILY = {"firing": "exit", "retirement": "exit", "leave": "exit", "departure": "exit",
          "return": "in", "appointment": "in"}


@dataclass(slots=True)
class Analysis:
    """What the detector read in one item and found there: what ``shakeup explain`` shows."""

    item: NewsItem
    language: str
    supported: bool
    parts: list[tuple[bool, str]] = field(default_factory=list)  # (in_title, text) per sentence
    live: dict[int, list] = field(default_factory=dict)  # sentence -> its cue matches, when live
    chosen: list[int] = field(default_factory=list)  # the sentences read for names
    mentions: list = field(default_factory=list)
    ctx: ItemContext | None = None
    raw: list[RawEvent] = field(default_factory=list)  # the changes found at cues, before the merge
    events: tuple[LeadershipEvent, ...] = ()
    framing: str = ""  # why the headline makes the item no news of a change, if it does

    @property
    def detection(self) -> Detection:
        return Detection(self.item.item_id, self.language, self.supported, self.events)


def detect_leadership_changes(item: NewsItem) -> Detection:
    """The leadership changes ``item`` reports as news, each with its evidence and cue.

    Returns ``supported=False`` and no events when the item is not in a supported language.
    """
    return analyse_item(item, keep=False).detection


def analyse_item(item: NewsItem, keep: bool = True) -> Analysis:
    """``detect_leadership_changes`` with what it read kept: the sentences, the cues, the
    names and the raw events (``keep``: a copy of the raw events as the cues found them).

    The headline and the lead are read first: a report leads with its news. Only when they
    report a change is a long article (content:encoded) read to its end, for the second and
    third changes a roundup tells a paragraph each.
    """
    title = clean(item.title, MAX_TITLE)
    summary = clean(item.summary, LEAD_CHARS)
    text = f"{title}\n{summary}"
    lower = text.lower()
    words = item_words(lower)  # read once: for the language guess and the pre-filter
    language = identify_language(text, item.lang, words)
    if language not in SUPPORTED:
        return Analysis(item, language, False)
    lex = load_lexicon(language)
    found = _analyse(item, language, lex, title, summary, lower, words, keep)
    if found.events and len(item.summary) > LEAD_CHARS:
        summary = clean(item.summary, MAX_SUMMARY)
        lower = f"{title}\n{summary}".lower()
        found = _analyse(item, language, lex, title, summary, lower, item_words(lower), keep)
    return found


def _analyse(item: NewsItem, language: str, lex, title: str, summary: str, lower: str,
             words: set[str], keep: bool) -> Analysis:
    year = news_date(item.published)
    parts, live = live_sentences(lex, lower, words, title, summary, year)
    if not live or not _news_up_front(lex, parts, live, year, lex.cue_index.present(words)):
        return Analysis(item, language, True, parts, live)
    framing = framed(lex, title.lower())
    if framing:  # "Interview: ...", "Why X left Y": about a change, not its news
        return Analysis(item, language, True, parts, live, framing=framing)
    chosen = _sentences_to_read(parts, live, lex)
    mentions = [find_mentions(build_sentence(parts[k][1], parts[k][0], n), lex, live.get(k))
                for n, k in enumerate(chosen)]
    characters = drop_characters(mentions, lex)
    outlets = {text for m in mentions for text in m.outlets}  # dropped where credited; now everywhere
    drop_names(mentions, outlets.__contains__)
    ctx = ItemContext(mentions, lex)
    ctx.set_aside = {**{c: "a character or work the item likens someone to" for c in characters},
                     **{o: "the outlet the report is credited to" for o in outlets}}
    ctx.link = item.link or ""
    ctx.text_lower = lower
    for m in mentions:
        bind_person_roles(m, lex)
    ctx.index_roles()
    ctx.weigh_person_evidence()
    binder = SentenceBinder(lex, ctx, year)
    raw = [ev for m, k in zip(mentions, chosen) if k in live for ev in binder.bind(m, live[k])]
    kept = [replace(ev) for ev in raw] if keep else []  # the merge fills in and rewrites organisations
    events = _merge(raw, title.lower(), ctx)
    return Analysis(item, language, True, parts, live, chosen, mentions, ctx, kept,
                    tuple(with_arrivals(_with_ventures(events, raw, parts, lex), ctx)))


def _with_ventures(events: list[LeadershipEvent], raw: list[RawEvent], parts: list[tuple[bool, str]],
                   lex) -> list[LeadershipEvent]:
    """A leaver with no destination who sets out to found a named company goes there: looked
    for in the change's sentences, the sentence after each, and the headline."""
    out = []
    for ev in events:
        if ev.to_org is None and ev.change in ("departure", "retirement"):
            mine = [r for r in raw if normalize_person(r.person) == ev.person_norm]
            sentences = {r.sentence for r in mine} | {k for k, (in_title, _) in enumerate(parts) if in_title}
            left = {ev.org.lower()} | {o.lower() for r in mine for o in r.own_orgs}
            venture = founded_venture(lex, parts, sentences, left, {r.sentence + 1 for r in mine})
            if venture is not None:
                ev = replace(ev, to_org=venture)
        out.append(ev)
    return out


def _lead_end(parts: list[tuple[bool, str]]) -> int:
    """The index of the last sentence of the lead: the headline's parts and the first
    LEAD_SENTENCES sentences after them."""
    return next((k for k, (in_title, _) in enumerate(parts) if not in_title), len(parts)) + LEAD_SENTENCES - 1


def _news_up_front(lex, parts: list[tuple[bool, str]], live: dict, year: tuple[int, int] | None, anchors: dict) -> bool:
    """Whether the headline or the lead holds a change cue that is not blocked: a report
    leads with its news. A change told only further down ("The event comes days after X
    resigned", a profile's career) is background to something else."""
    if _headline_doubts(lex, parts, year, anchors):
        return False
    lead = _lead_end(parts)
    return any(k <= lead for k in live) or _cue_up_front(lex, parts, year, anchors)


def _headline_doubts(lex, parts: list[tuple[bool, str]], year: tuple[int, int] | None, anchors: dict) -> bool:
    """Whether the headline's every change cue is a rumour, a question or a denial ("New report
    claims X is jumping ship", "Will X step down?"): the item then reports no change, whatever
    its summary goes on to say."""
    titles = sum(1 for in_title, _ in parts if in_title)
    verdicts = list(_cue_verdicts(lex, parts[:titles], year, anchors))
    return bool(verdicts) and all(v in ("hedged", "question", "negated") for v in verdicts)


def _cue_up_front(lex, parts: list[tuple[bool, str]], year: tuple[int, int] | None, anchors: dict) -> bool:
    """Whether the headline or the lead holds a change cue (not only "new") that no rule blocks;
    ``anchors`` are the item's cue anchors (``CueIndex.present``)."""
    return any(not v for v in _cue_verdicts(lex, parts[:_lead_end(parts) + 1], year, anchors))


def _cue_verdicts(lex, parts: list[tuple[bool, str]], year: tuple[int, int] | None, anchors: dict):
    """For each change cue in ``parts`` (not "new", which needs a title after it), why it is
    blocked, or "" (``context.blocked``)."""
    for _, text in parts:
        low = lower_aligned(text)
        ids = [n for n in lex.cue_index.in_text(low, anchors) if n in lex.change_cues and not lex.cues[n].role_next]
        for n, match in lex.cue_index.scan(low, limit=MAX_CUES, ids=ids) if ids else ():
            yield blocked(lex, lex.cues[n], low, match.start(), match.end(), year)


def _sentences_to_read(parts: list[tuple[bool, str]], live: list[int], lex) -> list[int]:
    """The title, each sentence with a live cue, and the sentence before it (where a pronoun's
    person or a title's organisation is often named), and with a live headline that names no
    post the lead (where the headline's person gets one: "X retires" / "X, chief executive of
    Y, ..."): the rest of a long summary is not read."""
    chosen = {k for k, (in_title, _) in enumerate(parts) if in_title}
    for k in live:
        chosen.update((k - 1, k) if k else (k,))
    lead = next((k for k, (in_title, _) in enumerate(parts) if not in_title), None)
    if lead is not None and lead not in chosen and any(
            parts[k][0] and not any(is_title_word(lex, w) for w in WORD.findall(parts[k][1].lower()))
            for k in live):
        chosen.add(lead)
    return sorted(chosen)


def _most_specific(evs: list[RawEvent]) -> RawEvent:
    # "returns to the company" naming neither post nor company yields to an appointment that
    # names the company ("Intel names X CEO ... X returns to the company he worked at")
    named_post = any(e.change == "appointment" and (e.org_explicit or e.role_explicit) for e in evs)

    def specific(ev: RawEvent) -> tuple:
        vague = ev.change == "return" and named_post and not (ev.org_explicit or ev.role_explicit)
        return 0 if vague else PRECEDENCE[ev.change], ev.org_explicit, ev.role_explicit
    return max(evs, key=specific)


def _successors_placed(raw: list[RawEvent]) -> list[RawEvent]:
    """A successor whose post the sentence does not place takes the post of the one replaced,
    at each organisation the item says they leave ("X steps down as chairman of A and B. His
    son Y will replace him": Y at A and at B)."""
    out = []
    for ev in raw:
        left = [] if ev.org_explicit or not ev.succeeds else [
            o for o in raw if o.person == ev.succeeds and o.org_explicit and o.org and FAMILY[o.change] == "exit"]
        left = list({o.org: o for o in reversed(left)}.values())[::-1]  # one per organisation, the first
        out += [replace(ev, org=o.org, org_explicit=True, role=ev.role if ev.role_explicit else o.role,
                        role_explicit=ev.role_explicit or o.role_explicit) for o in left] or [ev]
    return out


def _exits_alike(raw: list[RawEvent]) -> None:
    """One person's exits in one item are one exit: "X is retiring ... steps down as chairman
    of A and B" retires from A and B; a plain departure takes the most specific change given."""
    exits: dict[str, str] = {}
    for ev in raw:
        if ev.person and FAMILY[ev.change] == "exit" and PRECEDENCE[ev.change] > PRECEDENCE[exits.get(ev.person, "departure")]:
            exits[ev.person] = ev.change
    for ev in raw:
        if ev.change == "departure" and ev.person in exits:
            ev.change = exits[ev.person]


def _short_names_filled(raw: list[RawEvent]) -> None:
    """One person's one change in one post told under a company's short and full names
    ("Velmora CTO X quits", "Velmora Systems' chief technology officer X is leaving"): the full
    name, so the item makes one event. Only for that person's post (or move: a destination is
    where they arrive): "Fox News founder X" who steps down as "chairman of Fox" leaves two,
    and "Siemens" and "Siemens Energy" are two companies elsewhere."""
    for ev in raw:
        for field in ("org", "to_org"):
            short = getattr(ev, field)
            if not short:
                continue
            words = short.casefold().split()
            names = [name for other in raw if other.person == ev.person
                     and (field == "to_org" or (FAMILY[other.change] == FAMILY[ev.change]
                                                and other.role == ev.role))
                     for name in (other.org, other.to_org)]
            fuller = [name for name in names
                      if name and len(name.split()) > len(words) and name.casefold().split()[:len(words)] == words]
            if fuller:
                setattr(ev, field, max(fuller, key=len))


def _merge(raw: list[RawEvent], title: str, ctx: ItemContext) -> list[LeadershipEvent]:
    """One event per (person, organisation): the most specific change, the best-bound fields;
    ``title`` is the item's headline in lowercase."""
    # an event whose organisation the text never gave ("Sein Nachfolger wird X") is at the
    # organisation the item's other changes name: a succession happens in one place
    # ... when the headline names it too; else it is the item's topic
    named = [ev.org for ev in raw if ev.org_explicit and ev.org and ev.org.lower() in title]
    if ctx.lex.name_cases:  # "zastąpi Łukasza Szymaka": Łukasz Szymak
        people = {name.text for m in ctx.mentions for name in m.persons()}
        for ev in raw:
            if ev.person:
                ev.person = nominative(ev.person, ctx.lex, people)
    # nor is it the company someone named to a post works for now ("X, Ombrix's CEO, will lead ...")
    movers = frozenset(o.lower() for ev in raw if ev.change in ("appointment", "return")
                       for o in ev.own_orgs if o.lower() != ev.org.lower()) - {ctx.headline_org().lower()}
    # ... unless the item names no other: then the new post is at the same company ("Il
    # presidente di Stellantis X nominato anche amministratore delegato")
    for post in (ev for ev in raw if not ev.person and ev.role_explicit):
        # "Kestrel's CEO resigns. Mara Quint stepped down on Friday": her post is the headline's
        for ev in raw:
            if ev.person and FAMILY[ev.change] == FAMILY[post.change] \
                    and (not ev.org_explicit or ev.org.lower() == post.org.lower()):
                if not ev.role_explicit:
                    ev.role, ev.role_explicit = post.role, True
                if not ev.org_explicit and post.org_explicit:
                    ev.org, ev.org_explicit = post.org, True
    raw = _successors_placed(raw)
    _exits_alike(raw)
    for ev in raw:
        if not ev.org:
            ev.org = max(named, key=named.count) if named else (
                (ctx.topic_org(movers) or ev.fallback_org) if ev.fallback_org.lower() in movers
                else ev.fallback_org)
    # a change at no organisation the item names is no alert ... unless no change of the item
    # is at one and it tells a succession to a post: "Murdoch retires; his son will succeed him
    # as head of the media empire" (people named in full: dedup routes their reports by name)
    orgless = not any(ev.org for ev in raw) and ctx.leader_context() and any(
        ev.cue.succession and ev.person for ev in raw)
    raw = [ev for ev in raw if ev.org or (orgless and " " in ev.person)]
    # a post whose holder is not named is the news only of an item that names no change at all
    # ("Musk says he found a new CEO for Twitter"); next to a named one it is background or hers,
    # unless a headline that tells several stories gives it at another company ("Tech Moves: X
    # lands new gig; Outreach exec resigns; Maveron hires CFO")
    if any(ev.person for ev in raw):
        orgs = {ev.org.lower() for ev in raw if ev.person}
        raw = [ev for ev in raw if ev.person or (
            ev.org_explicit and ev.org.lower() not in orgs and ctx.mentions[ev.sentence].sentence.in_title
            and ";" in title)]
    for ev in raw:
        ev.org = ctx.parent_org(ctx.canonical_org(ev.org))
        ev.to_org = ctx.canonical_org(ev.to_org) if ev.to_org else ev.to_org
    _short_names_filled(raw)
    explicit: dict[tuple[str, str], str] = {}
    for ev in raw:
        if ev.org_explicit:
            explicit.setdefault((normalize_person(ev.person), FAMILY[ev.change]), ev.org)
    groups: dict[tuple[str, str], list[RawEvent]] = {}
    for ev in raw:
        person = normalize_person(ev.person)
        org = ev.org if ev.org_explicit else explicit.get((person, FAMILY[ev.change]), ev.org)
        ev.org = org
        groups.setdefault((person, org.casefold()), []).append(ev)
    moves = {(p, ev.org.casefold()): ev.org for (p, _), evs in groups.items() for ev in evs
             if ev.change in ("appointment", "return")}
    out = []
    for (person, org_key), evs in groups.items():
        if any(e.change == "return" for e in evs) and len({FAMILY[e.change] for e in evs}) > 1:
            # back from a leave: the headline's change
            first = min(e.sentence for e in evs)
            evs = [e for e in evs if e.sentence == first]
        best = _most_specific(evs)
        role = next((e.role for e in evs if e.role_explicit and e.change == best.change), None) or \
            next((e.role for e in evs if e.role_explicit), best.role)
        to_org = next((e.to_org for e in evs if e.to_org), None)
        if to_org is None and FAMILY[best.change] == "exit" and person:  # two unnamed people are no move
            to_org = next((o for (p, k), o in moves.items() if p == person and k != org_key), None)
        if to_org and to_org.casefold() == org_key:
            to_org = None
        confidence = 0.5 + 0.2 * best.org_explicit + 0.15 * any(e.role_explicit for e in evs) \
            + 0.1 * any(e.sentence == 0 for e in evs) + 0.05 * (len(evs) > 1)
        out.append((min(e.sentence for e in evs), LeadershipEvent(
            person=best.person, person_norm=person, role=role, org=best.org, change=best.change,
            to_org=to_org, confidence=round(min(confidence, 0.99), 2), evidence=best.evidence,
            cue=f"{best.cue.cue_id} '{best.trigger}'")))
    out.sort(key=lambda pair: pair[0])
    return [ev for _, ev in out]
