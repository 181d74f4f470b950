"""The cheap screen before any name is looked for: which sentences of an item hold a live change cue."""

from __future__ import annotations

import re
from operator import methodcaller

from streams.detect.context import MAX_CUES, blocked, item_veto
from streams.detect.lexicon import Lexicon
from streams.detect.segmenter import lower_aligned, split_parts
from streams.detect.triggers import WORD, has_word

TITLE_REACH = 40  # characters after "new"/"nuovo"/"neuer" where the title must start
APPOINTMENT_REACH = 90  # characters after "named"/"wird"/"sera" searched for the new title
PERSON_REACH = 80  # characters before or after a title-free change where its person's name may be
_CAP = "[^\\W\\d_a-zß-öø-ÿ][\\w'.-]*"  # a capitalised word
_FULL_NAME = re.compile(rf"(?<![\w'-]){_CAP}(?: (?:[a-z]{{1,3}} ){{0,2}}|\s+){_CAP}")
_NAME_OPENS = re.compile(rf"(?:[-–•*]\s*)?{_CAP} {_CAP}(?: {_CAP})?,")  # a sentence opening with a name and an apposition
_NAME_BEFORE = re.compile(rf"(?<![\w'-]){_CAP}(?:\s+[\w']+){{0,2}}\s+$")  # "Koum will also "
OBJECT_REACH = 40  # characters after a verb where its object's name or title starts
OBJECT_WORDS = 4  # words after a verb where its object's name or title starts
_CAPITAL_NEAR = re.compile(rf"(?:\W*[\w'-]+){{0,{OBJECT_WORDS - 1}}}?\W*(?<![\w'-]){_CAP}")
# a headline that opens with its subject's name and a comma or colon ("Stellantis, X si dimette",
# "Repsol: X dimite"): the organisation a change without a title is at
_LABELLED = re.compile(r"[^\W\d_a-zà-öø-ÿ][\w&.'-]*(?: [^\W\d_a-zà-öø-ÿ][\w&.'-]*){0,2} ?[,:] ")
_CAPITAL_AFTER = re.compile(r"[^,;:.!?]{0,80}?(?<![\w'-])[^\W\d_a-zà-öø-ÿ]")


def is_title_word(lex: Lexicon, word: str) -> bool:
    return word in lex.title_words or (bool(lex.gate_suffixes) and word.endswith(lex.gate_suffixes))


CueMatches = list[tuple[int, re.Match]]  # (cue number, match in the sentence's lowercase text)


def live_sentences(lex: Lexicon, lower: str, words: set[str], title: str, summary: str,
                   news: tuple[int, int] | None) -> tuple[list[tuple[bool, str]], dict[int, CueMatches]]:
    """The item's sentences ((in_title, text) of the title parts, then the summary sentences),
    and those that hold a live change cue, by index, each with its cue matches; both empty when
    the item cannot report a change. ``lower`` is the item's lowercase text and ``words`` its
    word set.

    On words first: an item needs all the words of some change cue ("take" and "over"), and a
    title word unless the cue needs none ("resigns", "replaces"). Then a sentence needs a live
    change cue; and the item must not be sports or fiction (the item veto).
    """
    anchors = lex.cue_index.present(words)
    if not anchors:
        return [], {}
    titles = words & lex.title_words
    titled = bool(titles) or (lex.gate_suffix_re is not None and lex.gate_suffix_re.search(lower) is not None)
    usable = lex.change_cues if titled else lex.untitled_cues
    if all(usable.isdisjoint(ids) for ids in anchors.values()):
        return [], {}
    if lex.gate_suffixes:  # (de, nl) compound titles: "Konzernchef", "Google-topman"
        titles.update(filter(methodcaller("endswith", lex.gate_suffixes), words))
    parts = split_parts(title, summary)
    lowered = [lower_aligned(text) for _, text in parts]
    titled_at = [any(w in low and has_word(low, w) for w in titles) for low in lowered]
    # ... and the headline's change to a title in the lead ("X retires" / "X, chief executive of Y, ...")
    lead = next((n for n, (in_title, _) in enumerate(parts) if not in_title), None)
    live = {}
    titled_before = False
    ids_at = [lex.cue_index.in_text(low, anchors) for low in lowered]
    for n, (in_title, text) in enumerate(parts):
        low = lowered[n]
        # a title binds to a change in its own sentence or the next one ("X quits. The CEO ..."),
        # and a successor's names the post a change before it leaves ("X retires. His son will
        # succeed him as chairman")
        titled_here = titled_at[n]
        ids = ids_at[n]
        titled_next = n + 1 < len(parts) and titled_at[n + 1] and any(lex.cues[k].succession for k in ids_at[n + 1])
        titled = titled_here or titled_before or titled_next or (in_title and lead is not None and titled_at[lead])
        # without a title near, "new", "will be", "sera" cannot make an event: not even scanned
        tried = ids if titled else [k for k in ids if k not in lex.titled_cues]
        if not lex.change_cues.isdisjoint(tried):  # idioms alone ("continues as") make no event
            matches = lex.cue_index.scan(low, limit=MAX_CUES, ids=tried)
            if live_cue(lex, text, low, matches, news, titled, parts[n][0]):
                live[n] = matches if tried is ids else lex.cue_index.scan(low, limit=MAX_CUES, ids=ids)
        titled_before = titled_here
    if not live or item_veto(lex, lower):
        return [], {}
    return parts, live


def live_cue(lex: Lexicon, text: str, lower: str, matches: CueMatches, news: tuple[int, int] | None,
             has_title: bool, in_title: bool = False) -> bool:
    """Whether the sentence (``text``, and ``lower`` aligned with it) holds a change cue, among
    its cue ``matches``, that can make an event: a cheap check on words and capitals, made before
    the sentence is tokenised and its names are looked for.

    An appointment cue that is only a verb ("will be", "wird", "sera") or an adjective ("new")
    makes an event only with a title next to it. Without a title in the sentence or the one
    before, only a succession ("replaces", "al suo posto"), or a change followed by the
    organisation's name, can make one.
    """
    for k, match in matches:
        cue = lex.cues[k]
        if cue.change is None and not cue.succession:
            continue
        start, end = match.start(), match.end()
        if cue.role_next and named_adjective(text, start):
            continue
        title_free = not (cue.succession or cue.heir) and cue.change != "appointment"
        hire = in_title and cue.change == "appointment" and cue.arg == "obj" and _hire_shape(text, start, end)
        if not has_title and not (cue.succession or cue.heir or hire) and (
                (cue.change == "appointment" and not cue.leads)
                or not (_capital_after(text, end) or _LABELLED.match(text))
                or not _person_near(lex, text, lower, start, end)):
            continue
        if title_free and has_title and not (_person_near(lex, text, lower, start, end)
                                             or _title_near(lex, lower, start, end)):
            continue  # "the boat left Lebanon", "families returning to what is left"
        if title_free and cue.arg == "obj" and not lex.verb_final and not _object_after(lex, text, lower, end):
            continue  # "North Korea fires a missile", "fields removed in this release"
        if cue.role_next or (cue.change == "appointment" and not (cue.leads or cue.dest or hire)):
            reach = TITLE_REACH if cue.role_next else APPOINTMENT_REACH
            near = WORD.findall(lower, match.start(), match.end() + reach)
            if cue.role_next:
                near = near[:len(WORD.findall(match.group())) + 2]
            else:
                # the title may come first and the verb later ("Stanowisko prezesa X obejmuje Y")
                back = TITLE_REACH * 2 if lex.vs_order else TITLE_REACH
                near += WORD.findall(lower, max(0, match.start() - back), match.start())[-(8 if lex.vs_order else 3):]
            if not any(is_title_word(lex, w) for w in near):
                continue
        if not blocked(lex, cue, lower, match.start(), match.end(), news):
            return True
    return False


_HIRER = re.compile(rf"(?:^|\s){_CAP}(?:'s)?\s+$")  # "BigSoft " before "hires"
_HIRED = re.compile(rf"\s+{_CAP}\s+{_CAP}")  # " Ivo Marren" after it


def _hire_shape(text: str, start: int, end: int) -> bool:
    """A headline where a company hires a named person: "BigSoft hires Ivo Marren"."""
    return _HIRER.search(text, max(0, start - 40), start) is not None and _HIRED.match(text, end) is not None


def named_adjective(text: str, start: int) -> bool:
    """"New" capitalised inside a sentence is part of a name ("w Nowym Jorku", "New Jersey"),
    not a new post."""
    return start > 0 and text[start].isupper() and text[:start].rstrip()[-1:] not in ("", ".", ":", "!", "?", "|", "-")


def _person_near(lex: Lexicon, text: str, lower: str, start: int, end: int) -> bool:
    """Someone the change at [start, end) can be about: a two-word name near it, a capitalised
    word just before it ("Ive leaves", "Koum will also step down"), a name opening the sentence, or a subject or relative
    pronoun ("she quits", "Gelsinger, who will step down")."""
    if _FULL_NAME.search(text, max(0, start - PERSON_REACH), start) or _FULL_NAME.search(
            text, end, end + PERSON_REACH) or _NAME_BEFORE.search(text, max(0, start - 30), start):
        return True
    if _NAME_OPENS.match(text):
        return True  # "Jony Ive, Apple's chief design officer and ..., will leave"
    before = WORD.findall(lower, max(0, start - 20), start)
    return not (lex.subj_pronouns.isdisjoint(before) and lex.relative_pronouns.isdisjoint(before))


def _title_near(lex: Lexicon, lower: str, start: int, end: int) -> bool:
    """A title word among the few words around a change ("the CEO resigned", "quits as chair")."""
    near = WORD.findall(lower, max(0, start - TITLE_REACH), start)[-4:] + WORD.findall(lower, end, end + TITLE_REACH)[:5]
    return any(is_title_word(lex, w) for w in near)


def _object_after(lex: Lexicon, text: str, lower: str, end: int) -> bool:
    """Someone a verb acts on, in the few words after it: a name, a title ("fires its chief
    executive"), or an object pronoun ("ousts him")."""
    words = WORD.findall(lower, end, end + OBJECT_REACH)[:OBJECT_WORDS]
    pronouns = () if lex.clitics_before else lex.obj_pronouns  # "la destituye": before the verb
    if any(is_title_word(lex, w) or w in pronouns for w in words):
        return True
    return _CAPITAL_NEAR.match(text, end, end + OBJECT_REACH) is not None


def _capital_after(text: str, end: int) -> bool:
    """A capitalised word soon after ``end`` in its clause: where an organisation's name would be."""
    m = _CAPITAL_AFTER.match(text, end)
    return m is not None
