"""Loads the per-language data files (lang/<xx>.yaml) into compiled, read-only lookup tables."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path

from streams.data_files import read_yaml
from streams.detect.table_cache import cached
from streams.detect.triggers import WORD, CueIndex, anchors
from streams.models import CHANGE_TYPES

SUPPORTED = ("en", "it", "de", "fr", "es", "pt", "nl", "pl")
_DATA = Path(__file__).with_name("lang")
_CAPTURE = re.compile(r"(?<!\\)\((?!\?)")  # a "(" that opens a capturing group
ARGS = ("subj", "obj", "either", "none")


@dataclass(frozen=True, slots=True)
class Cue:
    """One trigger: a change verb/noun, a succession or destination phrase, or a blocking idiom."""

    cue_id: str  # "<lang>.<kind>.<n>", for explanations
    change: str | None  # a CHANGE_TYPES member; None for idioms that only block
    arg: str  # where the person is: subj (before), obj (after), either, none
    succession: str = ""  # "new-old" (subject succeeds object) or "old-new"
    role_next: bool = False  # "new CEO": valid only when a role title follows
    leads: bool = False  # "to lead", "takes the helm": implies a top (CEO) role
    dest: bool = False  # an organisation after the cue is where the person goes
    past: bool = False  # a past form: background when in a relative/temporal clause
    noun: bool = False  # a noun ("resignation"): background after "since"/"after"
    heir: bool = False  # "his successor is X", "will be led by X": the cue names the post itself


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the engine knows about one language; built once per process."""

    lang: str
    stopwords: frozenset[str]
    non_names: frozenset[str]  # capitalised words that never start a name (months, "The")
    particles: frozenset[str]  # name particles that may sit inside a person name
    honorifics: frozenset[str]
    roles: dict[tuple[str, ...], str]  # lowercase token tuple -> English title
    role_first: frozenset[str]  # first tokens of the multi-word roles, for a fast skip
    role_suffixes: tuple[tuple[str, str], ...]  # compound endings (de/nl): "chef" -> "head"
    non_leaders: frozenset[str]  # roles that are not leadership: engineer, coach, minister, ...
    non_leader_suffixes: tuple[str, ...]
    descriptors: frozenset[str]  # words between a role's preposition and its org: "group"
    descriptor_suffixes: tuple[str, ...]
    org_preps: frozenset[str]  # "of", "at", "di", "bei", ...
    from_preps: frozenset[str]  # "from": the predecessor after an appointment verb
    to_preps: frozenset[str]  # "for", "to join", "zu": a destination organisation follows
    sale_words: frozenset[str]  # "selling", "vendita": the organisation after is a buyer, not a destination
    as_words: frozenset[str]  # "as", "come", "als": a role follows
    relational: frozenset[tuple[str, ...]]  # titles whose "of X" is a person: "successor of X"
    former_words: frozenset[str]  # "former", "ex", "ehemalige": the title that follows is past
    coordinators: frozenset[str]  # "and", "e", "und": lists of people
    relative_pronouns: frozenset[str]  # "who", "qui", "der": a clause about someone named before it
    complementizers: frozenset[str]  # "that", "że", "dass": reported speech ("X said, that he leaves")
    subj_pronouns: frozenset[str]
    obj_pronouns: frozenset[str]
    person_pronouns: frozenset[str]  # pronouns that only stand for a person ("he", "she", "his")
    speech_words: frozenset[str]  # "said", "told", "according": who speaks is a person
    # ((given-name ending, its base), ((surname ending, its base), ...)) per grammatical case
    name_cases: tuple
    months: re.Pattern | None  # the month names, January first, each with its case forms
    month_of: dict[str, int]  # month name (any form) -> 1..12
    time_preps: frozenset[str]  # "after", "since": what follows dates the change, it names no party of it
    company_anaphors: frozenset[str]  # "the company", "the firm": the organisation the item is about
    org_case_endings: tuple[str, ...]  # case endings an organisation's name takes ("Polvexu")
    org_case_strip: tuple[str, ...]  # ... the ones safe to drop when the item never writes the base
    org_case_swap: tuple[tuple[str, str], ...]  # ... and endings safe to swap back ("Nokii": Nokia)
    org_case_alternations: tuple[tuple[str, str], ...]  # ... and those that change the stem, when the item writes the base ("Zefirnecie": Zefirnet)
    org_case_bases: tuple  # (nominative ending, endings whose presence tells it), e.g. ("", {"owi"})
    founding: re.Pattern | None  # "to start", "per fondare", "gründen": a leaver founds something
    venture_nouns: frozenset[str]  # "studio", "venture", "called": what is founded is named next
    org_possessives: frozenset[str]  # "its", "seinen", "son": a title after one is the organisation's before
    articles: frozenset[str]
    guarded_roles: dict[str, tuple[str, frozenset[str]]]  # "ad" -> ("CEO", words it must follow)
    collective_titles: frozenset[str]  # "leadership", "Führung", "vertice": no one person's title
    indefinites: frozenset[str]  # "a", "ein", "un": "a new CEO" is someone not named
    possessives: frozenset[str]  # "its", "son", "seinen": after a verb, its object is not its subject
    org_suffix_words: frozenset[str]  # "Inc", "Group", "Labs": a chunk holding one is an org
    vs_order: bool  # the subject may follow the verb (it, es, de, ...)
    capitalised_nouns: bool  # (de) every noun is capitalised: a capital says nothing of a name
    genitive_orgs: bool  # (pl) a title's organisation follows it in the genitive, no preposition
    person_possessives: frozenset[str]  # "his", "her": "her new EVP" is a colleague she has
    kin_words: frozenset[str]  # "son", "synowi": the name after one is a person ("his son Lachlan")
    source_words: frozenset[str]  # "reports", "przekazuje": "... - reports Reuters." credits an outlet
    clitics_before: bool  # object pronouns come before the verb (fr "l'a limogé", it "lo licenzia")
    verb_final: bool  # (de, nl) a clause may end with its verb, the object before it
    noun_determiners: frozenset[str]  # German: a capitalised word after "den"/"seinen" is a noun
    field_words: frozenset[str]  # "AI", "Research": what a title heads, never an organisation on its own
    title_genitives: frozenset[str]  # German "der", "des" after a title: "Chef der Telekom" names an org
    noun_suffixes: tuple[str, ...]  # German: "-ung", "-heit": a capitalised word, not a name
    adverb_endings: tuple[str, ...]  # "-mente": a capitalised word opening a sentence, not a name
    cues: tuple[Cue, ...]
    cue_index: CueIndex  # each cue's pattern, found through its anchor words
    blockers: dict[str, re.Pattern]  # negation, hedge, background, relative, veto
    roles_by_first: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = field(default_factory=dict)
    title_words: frozenset[str] = frozenset()  # one word of each title ("executive", "delegato")
    gate_suffixes: tuple[str, ...] = ()  # (de, nl) endings of compound titles ("Konzernchef")
    gate_suffix_re: re.Pattern | None = None  # a word of the text ends with one of them
    public_bodies: frozenset[str] = frozenset()  # government, parties, sports clubs: not companies
    place_pronouns: frozenset[str] = frozenset()  # "there", "dort", "en": the organisation named before
    public_offices: tuple[str, ...] = ()  # their offices ("minister", "député"): also non-leaders
    change_cues: frozenset[int] = frozenset()  # the cues that make events (not blocking idioms)
    untitled_cues: frozenset[int] = frozenset()  # those that need no title ("resigns", "replaces")
    titled_cues: frozenset[int] = frozenset()  # those that need one next to them ("new", "will be")
    verb_words: frozenset[str] = frozenset()  # anchors of change verbs: "dimite", "lascia", "quitte"
    new_words: frozenset[str] = frozenset()  # anchors of "new"-like cues: "new CEO", "neuer Chef"
    dest_words: frozenset[str] = frozenset()  # anchors of "joins"-like verbs: an organisation follows


def _words(raw: list | None) -> frozenset[str]:
    return frozenset(str(w).lower() for w in raw or ())


def _alternation(patterns: list[str]) -> re.Pattern:
    body = "|".join(f"(?:{_CAPTURE.sub('(?:', p)})" for p in patterns)
    return re.compile(rf"(?<![\w'-])(?:{body})(?![\w-])")


def _cues(lang: str, raw: list[dict], common: frozenset[str]) -> tuple[tuple[Cue, ...], CueIndex]:
    cues, patterns = [], []
    for n, spec in enumerate(raw):
        change = spec.get("change")
        if change is not None and change not in CHANGE_TYPES:
            raise ValueError(f"{lang}.yaml cue {n}: unknown change {change!r}")
        arg = spec.get("arg", "subj")
        if arg not in ARGS:
            raise ValueError(f"{lang}.yaml cue {n}: unknown arg {arg!r}")
        kind = "block" if change is None and not spec.get("succession") else (change or "succession")
        cues.append(Cue(
            cue_id=f"{lang}.{kind}#{n}", change=change, arg=arg,
            succession=spec.get("succession", ""), role_next=bool(spec.get("role_next")),
            leads=bool(spec.get("leads")), dest=bool(spec.get("dest")),
            past=bool(spec.get("past")), noun=bool(spec.get("noun")), heir=bool(spec.get("heir"))))
        patterns.append(f"({_CAPTURE.sub('(?:', spec['re'])})")
    return tuple(cues), CueIndex.build(patterns, r"(?<![\w'-])", r"(?![\w-])", common)


def _read(name: str) -> dict:
    return read_yaml(_DATA / f"{name}.yaml") or {}


@cache
def stopwords_of(lang: str) -> frozenset[str]:
    """A supported language's stopwords, read without building its lexicon (the language guess
    needs every language's, the detector only the item's)."""
    return _words(_read(lang).get("stopwords")) | _words(_read("common").get("stopwords"))


def _merged(common: dict, own: dict) -> dict:
    """Language data on top of the shared data: lists and tables are joined, scalars replaced."""
    out = dict(common)
    for key, value in own.items():
        base = out.get(key)
        if isinstance(base, list) and isinstance(value, list):
            out[key] = value + base
        elif isinstance(base, dict) and isinstance(value, dict):
            merged = dict(base)
            for k, v in value.items():
                merged[k] = v + merged[k] if isinstance(v, list) and isinstance(merged.get(k), list) else v
            out[key] = merged
        else:
            out[key] = value
    return out


def _title_words(roles: dict[tuple[str, ...], str], stopwords: frozenset[str],
                 weak: frozenset[str]) -> frozenset[str]:
    """One word for each title, the one that best tells the title is there: a word that is a
    title of its own ("chief" of "chief technology officer"), else the longest word that is
    not common outside titles ("manager" of "country manager", not "country")."""
    out = set()
    for key in roles:
        pieces = [w for w in WORD.findall(" ".join(key)) if w not in stopwords] or list(key)
        own = [w for w in pieces if (w,) in roles]
        strong = [w for w in pieces if w not in weak]
        if own or strong or len(pieces) == 1:  # "top job", only common words, gives none
            out.add(max(own or strong or pieces, key=len))
    return frozenset(out)


def _with_cases(roles: dict[tuple[str, ...], str], cases: dict) -> dict[tuple[str, ...], str]:
    """Each title also in each case form of its words, for inflected languages: "prezes zarządu"
    is also "prezesa zarządu", "prezesem zarządu"; "dyrektor generalny" also "dyrektora
    generalnego" (every combination: a mismatched one is harmless, it never occurs)."""
    forms = {str(k).lower(): [str(k).lower(), *(str(f).lower() for f in v)] for k, v in cases.items()}
    out = dict(roles)
    for key, title in roles.items():
        for combo in itertools.product(*(forms.get(word, [word]) for word in key)):
            out.setdefault(combo, title)
    return out


def _with_word_forms(roles: dict[tuple[str, ...], str], word_forms: dict) -> dict[tuple[str, ...], str]:
    """Each title also in another form, word by word: the feminine ("director financiero" ->
    "directora financiera") or the plural ("directeur général délégué" -> "directeurs généraux
    délégués"), so a language file lists a title once."""
    forms = {str(k).lower(): str(v).lower() for k, v in word_forms.items()}
    out = dict(roles)
    for key, title in roles.items():
        female = tuple(forms.get(word, word) for word in key)
        if female != key:
            out.setdefault(female, title)
    return out


def _month_of(data: dict) -> dict[str, int]:
    """Each month name of the language (``months``: twelve entries, each a name or a list of its
    forms) with its number."""
    out = {}
    for n, forms in enumerate(data.get("months") or (), 1):
        for form in ([forms] if isinstance(forms, str) else forms):
            out[str(form).lower()] = n
    return out


@cache
def load_lexicon(lang: str) -> Lexicon:
    """The compiled lexicon for a supported language (from the table cache when the CLI set
    one). Raises KeyError for any other."""
    if lang not in SUPPORTED:
        raise KeyError(lang)
    return cached(f"lexicon-{lang}", partial(_build_lexicon, lang))


def _build_lexicon(lang: str) -> Lexicon:
    data = _merged(_read("common"), _read(lang))
    roles: dict[tuple[str, ...], str] = {}
    for phrase, title in (data.get("roles") or {}).items():
        roles[tuple(str(phrase).lower().split())] = str(title)
    roles = _with_word_forms(roles, data.get("feminine") or {})
    roles = _with_word_forms(roles, data.get("plural") or {})
    roles = _with_cases(roles, data.get("cases") or {})
    by_first: dict[str, list] = {}
    for key, title in roles.items():
        by_first.setdefault(key[0], []).append((key, title))
    stopwords = _words(data.get("stopwords"))
    cues, cue_index = _cues(lang, data.get("cues") or [], stopwords)
    blockers = {name: _alternation(pats) for name, pats in (data.get("blockers") or {}).items()
                if pats}
    title_words = _title_words(roles, stopwords, _words(data.get("weak_title_words")))
    guarded = {str(k).lower(): (str(v["title"]), _words(v["after"]))
               for k, v in (data.get("guarded_roles") or {}).items()}
    verb_words, dest_words, new_words = set(), set(), set()
    for spec in data.get("cues") or ():
        if spec.get("role_next"):
            new_words |= anchors(spec["re"], frozenset()) or set()
        if (spec.get("change") or spec.get("succession")) and not (spec.get("noun") or spec.get("role_next")):
            verb_words |= anchors(spec["re"], stopwords) or set()
        if spec.get("dest"):
            dest_words |= anchors(spec["re"], stopwords) or set()
        if (spec.get("change") or spec.get("succession")) and anchors(spec["re"], stopwords) is None:
            raise ValueError(f"{lang}.yaml: cue {spec['re']!r} has no anchor word")
    return Lexicon(
        lang=lang,
        stopwords=_words(data.get("stopwords")),
        non_names=_words(data.get("stopwords")) | _words(data.get("non_names")) | _words(data.get("former_words")),
        particles=_words(data.get("particles")),
        honorifics=_words(data.get("honorifics")),
        roles=roles,
        role_first=frozenset(by_first),
        role_suffixes=tuple(sorted(((str(k).lower(), str(v)) for k, v in
                                    (data.get("role_suffixes") or {}).items()),
                                   key=lambda kv: -len(kv[0]))),
        non_leaders=_words(data.get("non_leaders")) | _words(data.get("public_offices")),
        non_leader_suffixes=tuple(_words(data.get("non_leader_suffixes"))),
        descriptors=_words(data.get("descriptors")),
        descriptor_suffixes=tuple(_words(data.get("descriptor_suffixes"))),
        org_preps=_words(data.get("org_preps")),
        from_preps=_words(data.get("from_preps")),
        to_preps=_words(data.get("to_preps")),
        sale_words=_words(data.get("sale_words")),
        as_words=_words(data.get("as_words")),
        former_words=_words(data.get("former_words")),
        relational=frozenset(tuple(str(p).lower().split()) for p in data.get("relational") or ()),
        coordinators=_words(data.get("coordinators")),
        relative_pronouns=_words(data.get("relative_pronouns")),
        complementizers=_words(data.get("complementizers")),
        subj_pronouns=_words(data.get("subj_pronouns")),
        obj_pronouns=_words(data.get("obj_pronouns")),
        person_pronouns=_words(data.get("person_pronouns")),
        speech_words=_words(data.get("speech_words")),
        name_cases=tuple((tuple(c["given"]), tuple(tuple(r) for r in c["surname"]))
                         for c in data.get("name_cases") or ()),
        months=_alternation(sorted(_month_of(data).keys(), key=len, reverse=True)) if data.get("months") else None,
        month_of=_month_of(data),
        time_preps=_words(data.get("time_preps")),
        company_anaphors=_words(data.get("company_anaphors")),
        org_case_endings=tuple(sorted(_words(data.get("org_case_endings")), key=len, reverse=True)),
        org_case_bases=tuple((str(k) if k is not None else "", frozenset(_words(v)))
                             for k, v in (data.get("org_case_bases") or {}).items()),
        org_case_strip=tuple(sorted(_words(data.get("org_case_strip")), key=len, reverse=True)),
        org_case_swap=tuple((str(a), str(b)) for a, b in data.get("org_case_swap") or ()),
        org_case_alternations=tuple((str(a), str(b)) for a, b in data.get("org_case_alternations") or ()),
        possessives=_words(data.get("possessives")),
        articles=_words(data.get("articles")),
        indefinites=_words(data.get("indefinites")),
        collective_titles=_words(data.get("collective_titles")),
        guarded_roles=guarded,
        org_possessives=_words(data.get("org_possessives")),
        founding=_alternation(data["founding"]) if data.get("founding") else None,
        venture_nouns=_words(data.get("venture_nouns")),
        org_suffix_words=_words(data.get("org_suffix_words")),
        vs_order=bool(data.get("vs_order", False)),
        capitalised_nouns=bool(data.get("capitalised_nouns", False)),
        genitive_orgs=bool(data.get("genitive_orgs", False)),
        person_possessives=_words(data.get("person_possessives")),
        kin_words=_words(data.get("kin_words")),
        source_words=_words(data.get("source_words")) | _words(data.get("speech_words")),
        clitics_before=bool(data.get("clitics_before", False)),
        verb_final=bool(data.get("verb_final", False)),
        noun_determiners=_words(data.get("noun_determiners")),
        title_genitives=_words(data.get("title_genitives")),
        field_words=_words(data.get("field_words")),
        noun_suffixes=tuple(_words(data.get("noun_suffixes"))),
        adverb_endings=tuple(_words(data.get("adverb_endings"))),
        cues=cues,
        cue_index=cue_index,
        blockers=blockers,
        roles_by_first={k: tuple(sorted(v, key=lambda kv: -len(kv[0]))) for k, v in by_first.items()},
        public_bodies=_words(data.get("public_bodies")),
        place_pronouns=_words(data.get("place_pronouns")),
        public_offices=tuple(sorted(_words(data.get("public_offices")))),
        change_cues=frozenset(n for n, cue in enumerate(cues) if cue.change or cue.succession),
        # "BigSoft hires X" needs no title: a verb acting on a person (see prefilter.live_cue)
        untitled_cues=frozenset(n for n, cue in enumerate(cues) if cue.succession or cue.heir or cue.leads
                                or cue.change not in (None, "appointment") or cue.arg == "obj"),
        titled_cues=frozenset(n for n, cue in enumerate(cues) if cue.role_next or (
            cue.change == "appointment" and not (cue.leads or cue.dest or cue.heir or cue.succession
                                                 or cue.arg == "obj"))),
        title_words=frozenset(title_words) | frozenset(guarded),  # the gate is a cheap superset
        verb_words=frozenset(verb_words) - stopwords,
        dest_words=frozenset(dest_words) - stopwords,
        new_words=frozenset(new_words),
        gate_suffixes=tuple(str(k).lower() for k in (data.get("role_suffixes") or {})),
        gate_suffix_re=re.compile("(?:" + "|".join(sorted(map(re.escape, (str(k).lower() for k in
                                                                            data["role_suffixes"])), key=len, reverse=True))
                                  + r")(?!\w)") if data.get("role_suffixes") else None,
    )
