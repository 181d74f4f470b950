"""Names in the nominative, for languages that inflect them: people ("zastąpi Łukasza Szymaka"
is about Łukasz Szymak) and organisations ("prezes Polvexu" is Polvex's): the form the item
writes elsewhere, else the language's case endings."""

from __future__ import annotations

from streams.detect.given_names import given_name
from streams.detect.lexicon import Lexicon
from streams.detect.triggers import has_word

STEM_SLACK = 3  # letters an inflected form may add or change at the end of a name's word


def nominative(name: str, lex: Lexicon, others: set[str] | frozenset[str]) -> str:
    """``name`` in the nominative: one of ``others`` (the item's other person names) that is
    the same name in its base form, else ``name`` with the case endings of ``lex.name_cases``
    undone; ``name`` itself when nothing says it is inflected."""
    if not lex.name_cases:
        return name
    words = name.split()
    if len(words) < 2 or given_name(words[0], lex.lang, False):
        return name
    for other in others:
        theirs = other.split()
        # the other form is the nominative when it opens with a known given name, or, for a
        # name no table has ("Bartłomiej"), when it is the shorter ("Bartłomieja Zawadzkiego")
        if other != name and len(theirs) == len(words) \
                and (given_name(theirs[0], lex.lang, False) or len(other) < len(name)) \
                and all(_same_word(a, b) for a, b in zip(words, theirs)):
            return other
    for (ending, base), surname_rules in lex.name_cases:
        first = words[0]
        if first.endswith(ending) and given_name(first[:len(first) - len(ending)] + base, lex.lang, False):
            # each part of a double surname is inflected: "Zawadzkiego-Krenca" is "Zawadzki-Krenc"
            last = "-".join(_uninflected(part, surname_rules) for part in words[-1].split("-"))
            return " ".join([first[:len(first) - len(ending)] + base, *words[1:-1], last])
    return name


def _uninflected(surname: str, rules) -> str:
    for inflected, plain in rules:
        if surname.lower().endswith(inflected) and len(surname) > len(inflected) + 1:
            return surname[:len(surname) - len(inflected)] + plain
    return surname


def _same_word(form: str, base: str) -> bool:
    """One name word in two cases, part by part for a double surname."""
    parts, bases = form.split("-"), base.split("-")
    return len(parts) == len(bases) and all(_same_stem(a, b) for a, b in zip(parts, bases))


def _same_stem(form: str, base: str) -> bool:
    """"Wilczka" and "Wilczek", "Agnieszkę" and "Agnieszka": one word in two cases."""
    a, b = form.lower(), base.lower()
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= max(3, min(len(a), len(b)) - STEM_SLACK) and len(a) - common <= STEM_SLACK + 1


def inflected_given_name(word: str, lex: Lexicon) -> str:
    """The known given name ``word`` is a case form of ("Łukasza" -> "Łukasz"), or ""."""
    for (ending, base), _ in lex.name_cases:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            stem = word[:len(word) - len(ending)] + base
            if given_name(stem, lex.lang, False):
                return stem
    return ""


def uninflected_org(name: str, lowered: set[str], lex: Lexicon, text_lower: str) -> str:
    """The nominative of an organisation named in another case ("Polvexu", "Intela"), or "":
    the form the item also writes (``lowered``: its organisations, lowercase), else the one its
    other case forms tell (``text_lower``: the item's text), else a stem that is safe to take."""
    lower = name.lower()
    for ending in lex.org_case_endings:
        stem = name[:len(name) - len(ending)]
        if lower.endswith(ending) and len(stem) >= 3 and stem.lower() in lowered:
            return stem
    for ending, base_ending in lex.org_case_alternations:  # "Zefirnecie" next to "Zefirnet"
        stem = name[:len(name) - len(ending)]
        base = (stem + base_ending).lower()
        if lower.endswith(ending) and len(stem) >= 3 and (base in lowered or has_word(text_lower, base)):
            return stem + base_ending
    base = _base_from_text(name, lex, text_lower)
    if base:
        return base
    for ending in lex.org_case_strip:  # safe without the base: "Microsoftu", "Intelem"
        stem = name[:len(name) - len(ending)]
        if lower.endswith(ending) and len(stem) >= 4 and stem[-1].lower() not in "aeiouyąęó" \
                and " " not in name:
            return stem
    for ending, base in lex.org_case_swap:  # "Quorvii", "Nokii": the -ia names' other cases
        if lower.endswith(ending) and len(name) > len(ending) + 3 and " " not in name:
            return name[:len(name) - len(ending)] + base
    return ""


def _base_from_text(name: str, lex: Lexicon, text_lower: str) -> str:
    """The nominative the item's other case forms tell ("Intela" with "Intelowi" elsewhere:
    Intel; "Tesli" with "Teslę": Tesla), from ``lex.org_case_bases``; "" when they do not."""
    lower = name.lower()
    if " " in name or not text_lower:
        return ""
    for ending in lex.org_case_endings:
        stem = lower[:len(lower) - len(ending)]
        if not lower.endswith(ending) or len(stem) < 3:
            continue
        seen = set()
        at = text_lower.find(stem)
        while at >= 0:
            if at == 0 or not text_lower[at - 1].isalnum():
                end = at + len(stem)
                while end < len(text_lower) and text_lower[end].isalnum():
                    end += 1
                seen.add(text_lower[at + len(stem):end])
            at = text_lower.find(stem, at + 1)
        for base, telling in lex.org_case_bases:
            if seen & telling:
                return name[:len(stem)] + base
    return ""
