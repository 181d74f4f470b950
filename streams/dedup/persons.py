"""Person names compared across outlets: accents, transliteration, name order, surname-only mentions."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from anyascii import anyascii

from streams.data_files import read_yaml

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
_JOINERS = re.compile(r"['\u2019\-.]")  # "Fils-Aimé", "O'Brien": one word, whatever the outlet wrote
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Transliteration and spelling variants, applied in order to both sides of a comparison:
# Gorbatschow/Gorbachev, Sergej/Sergey/Sergei, Aleksandr/Alexander, Müller/Mueller/Muller.
_SPELLING = [("tsch", "ch"), ("tch", "ch"), ("sch", "sh"), ("kh", "h"), ("ch", "h"), ("ph", "f"),
             ("ck", "k"), ("x", "ks"), ("w", "v"), ("ou", "u"), ("ue", "u"), ("oe", "o"), ("ae", "a"),
             ("j", "i"), ("y", "i")]
_DOUBLED = re.compile(r"(.)\1+")

PERSON = "person"  # full names agree
SURNAME = "surname"  # one side names only the surname, and it agrees
UNNAMED = "person-unnamed"  # one side names nobody


@lru_cache(maxsize=1)
def _words() -> dict:
    data = read_yaml(Path(__file__).with_name("person_names.yaml"))
    groups: dict[str, set[int]] = {}
    for index, names in enumerate(data["nicknames"]):
        for name in names:
            groups.setdefault(name, set()).add(index)
    return {"drop": set(data["titles"]) | set(data["suffixes"]), "particles": set(data["particles"]),
            "nicknames": groups}


def ascii_fold(text: str) -> str:
    """Lowercase ASCII with German umlauts expanded, so 'Müller' and 'Mueller' agree."""
    return anyascii((text or "").translate(_UMLAUTS)).lower()


@lru_cache(maxsize=65536)
def person_tokens(name: str) -> tuple[str, ...]:
    """The words we compare a name on: 'Dr. Ursula von der Leyen' -> ('ursula', 'leyen')."""
    words = _words()
    tokens = [t for t in _NON_ALNUM.split(_JOINERS.sub("", ascii_fold(name))) if t]
    tokens = [t for t in tokens if t not in words["drop"]]
    kept = [t for i, t in enumerate(tokens)
            if t not in words["particles"] or (i == len(tokens) - 1)]
    return tuple(kept)


def surname(name: str) -> str:
    """The last word we compare on: 'Sam Altman' -> 'altman'; '' for nobody."""
    tokens = person_tokens(name)
    return tokens[-1] if tokens else ""


def spelling_key(word: str) -> str:
    """One spelling for the transliterations of a name word: 'volkonow', 'volkonov' -> 'volkonov'."""
    return _spelling(word)


@lru_cache(maxsize=4096)
def _spelling(token: str) -> str:
    for old, new in _SPELLING:
        token = token.replace(old, new)
    token = _DOUBLED.sub(r"\1", token)
    return token[:-2] + "ov" if token.endswith("of") and len(token) > 4 else token


@lru_cache(maxsize=65536)
def _initials(tokens: tuple[str, ...]) -> frozenset[str]:
    """The first letters of the words as ``same_word`` compares them (after ``_spelling``)."""
    return frozenset(spelled[0] for t in tokens if (spelled := _spelling(t)))


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@lru_cache(maxsize=262144)
def same_word(a: str, b: str) -> bool:
    """Two name words agree: same spelling after transliteration, or a typo inside a long word.

    Short words must agree exactly: 'tim' and 'tom' are different people. So must the ends of
    words, where many languages mark gender: 'Daniel'/'Daniela', 'Petrov'/'Petrova'.
    """
    if a == b:
        return True
    a, b = _spelling(a), _spelling(b)
    if a == b:
        return True
    shorter = min(len(a), len(b))
    allowed = 2 if shorter >= 9 else 1 if shorter >= 6 else 0
    return (allowed > 0 and a[0] == b[0] and a[-1] == b[-1] and abs(len(a) - len(b)) <= allowed
            and _edit_distance(a, b) <= allowed)


@lru_cache(maxsize=65536)
def _same_given_name(a: str, b: str) -> bool:
    if len(a) == 1 or len(b) == 1:  # an initial: "J. Schulman"
        return a[0] == b[0]
    if same_word(a, b):
        return True
    groups = _words()["nicknames"]
    return bool(groups.get(a, set()) & groups.get(b, set()))


@lru_cache(maxsize=262144)
def compare_people(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    """How two names (as ``person_tokens``) agree: PERSON, SURNAME, UNNAMED, or '' when they don't.

    Name order does not matter ('Zhang Yiming' = 'Yiming Zhang'); a lone word matches the other
    name's surname ('Altman' = 'Sam Altman'); when both give a first name, it must agree too,
    so 'Tim Cook' and 'Tom Cook' are two people.
    """
    if not a or not b:
        return UNNAMED
    if _initials(a).isdisjoint(_initials(b)):
        return ""  # every match needs two words that agree, and words that agree start alike
    if len(a) == 1 or len(b) == 1:
        word, other = (a[0], b) if len(a) == 1 else (b[0], a)
        if len(other) == 1:
            return SURNAME if same_word(word, other[0]) else ""
        if any(same_word(word, t) for t in other[1:]) or same_word(word, "".join(other[1:])):
            return SURNAME
        # a surname-first name ("Liang Xiaoru"): its first word can be the surname
        return SURNAME if len(other) == 2 and same_word(word, other[0]) else ""
    for first_a, last_a in ((a[0], a[1:]), (a[-1], a[:-1])):
        for first_b, last_b in ((b[0], b[1:]), (b[-1], b[:-1])):
            if not _same_given_name(first_a, first_b):
                continue
            # family names: the last word of each, or one contained in the other (two surnames)
            if same_word(last_a[-1], last_b[-1]) or any(same_word(last_a[-1], t) for t in last_b) \
                    or any(same_word(last_b[-1], t) for t in last_a) \
                    or same_word("".join(last_a), "".join(last_b)):  # "Dubois-Ferrand" / "Dubois Ferrand"
                return PERSON
    return ""
