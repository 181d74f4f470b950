"""Identifies the item language: the declared one when supported, else stopword profiles and script."""

from __future__ import annotations

import re
from functools import cache
from itertools import islice
from pathlib import Path

from streams.data_files import read_yaml
from streams.detect.lexicon import SUPPORTED, load_lexicon, stopwords_of

SAMPLE = 600  # characters looked at: enough for a title and the start of a summary
SHORT = 40  # distinct words in a bare headline, whose change verbs also tell its language
FOREIGN_SAMPLE = 24  # letters of another script looked at to tell which script it is
MIN_HITS = 2  # fewer stopword hits than this and we do not guess
OVERRULE_HITS = 4  # another language's stopwords that overrule a feed's declared language
_WORD = re.compile(r"[^\W\d_]+")
_NON_LATIN = re.compile(r"[^\W\d_\x00-\u024f]")  # a letter of a script beyond Latin
_SCRIPTS = (  # (first, last code point, language) for scripts no supported language uses
    (0x3040, 0x30FF, "ja"), (0xAC00, 0xD7AF, "ko"), (0x4E00, 0x9FFF, "zh"), (0x0400, 0x04FF, "ru"),
    (0x0600, 0x06FF, "ar"), (0x0590, 0x05FF, "he"), (0x0370, 0x03FF, "el"), (0x0900, 0x097F, "hi"),
    (0x0E00, 0x0E7F, "th"),
)


@cache
def _others() -> dict[str, list]:
    """The stopword profiles of the unsupported languages (``lang/others.yaml``)."""
    return read_yaml(Path(__file__).with_name("lang") / "others.yaml") or {}


@cache
def _languages() -> tuple[str, ...]:
    """Every profiled language: the supported ones first, so they win ties."""
    return SUPPORTED + tuple(_others())


@cache
def _profiles() -> dict[str, tuple[str, ...]]:
    """Each stopword and the languages whose profile holds it."""
    profiles = {lang: stopwords_of(lang) for lang in SUPPORTED}
    for lang, words in _others().items():
        profiles[lang] = frozenset(str(w).lower() for w in words)
    by_word: dict[str, list[str]] = {}
    for lang, words in profiles.items():
        for word in words:
            by_word.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in by_word.items()}


@cache
def _own_stopwords() -> dict[str, frozenset[str]]:
    """Each supported language's stopwords that no other supported language has."""
    every = {lang: stopwords_of(lang) for lang in SUPPORTED}
    return {lang: words - frozenset().union(*(w for other, w in every.items() if other != lang))
            for lang, words in every.items()}


@cache
def _verbs() -> dict[str, tuple[str, ...]]:
    """Each change-verb word of a supported language, and the languages it is one in."""
    by_word: dict[str, list[str]] = {}
    for lang in SUPPORTED:
        for word in load_lexicon(lang).verb_words:
            by_word.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in by_word.items()}


@cache
def _stopwords() -> frozenset[str]:
    """Every profiled stopword: an item's words meet them in one set operation."""
    return frozenset(_profiles())


def _script(sample: str) -> str:
    if sample.isascii():
        return ""
    # counted at C speed: the characters beyond Latin-1 ("…", "€", "ł", or a whole other script)
    # must be half of those that are not spaces
    beyond = len(sample) - len(sample.encode("latin-1", "ignore"))
    if beyond * 2 < len(sample) - sample.count(" ") or not _NON_LATIN.search(sample):
        return ""
    counts: dict[str, int] = {}
    for m in islice(_NON_LATIN.finditer(sample), FOREIGN_SAMPLE):
        code = ord(m.group())
        for lo, hi, lang in _SCRIPTS:
            if lo <= code <= hi:
                counts[lang] = counts.get(lang, 0) + 1
                break
    if counts.get("ja"):
        return "ja"
    return max(counts, key=counts.get) if counts else "und"


def identify_language(text: str, declared: str | None = None, words: set[str] | None = None) -> str:
    """A language code: ``declared`` when it is supported, else a guess; "und" when unsure.

    ``words`` are the text's lowercase words, when the caller has them already: the guess counts
    the distinct stopwords of each language among them.
    """
    sample = text[:SAMPLE]
    if declared:
        code = declared.strip().lower().replace("_", "-").split("-")[0]
        if code in SUPPORTED:
            return _unless_plainly_other(code, sample, words)
    script = _script(sample)
    if script:
        return script
    if words is None:
        words = set(_WORD.findall(sample.lower()))
    scores = dict.fromkeys(_languages(), 0)  # the supported ones first: they win ties
    profiles = _profiles()
    for word in words & _stopwords():
        for lang in profiles[word]:
            scores[lang] += 1
    if len(words) < SHORT and words and max(scores.values()) < 3:
        # a bare headline: its change verbs tell the language ("dimite", "tritt zurück")
        verbs = _verbs()
        for word in words & verbs.keys():
            for lang in verbs[word]:
                scores[lang] += 2
    best, best_hits = "und", MIN_HITS - 1
    for lang, hits in scores.items():
        if hits > best_hits:
            best, best_hits = lang, hits
    return best


def _unless_plainly_other(declared: str, sample: str, words: set[str] | None) -> str:
    """The declared language, unless the text plainly is another supported one: feeds tag a
    whole feed with one language, and some tag their Polish items "en". Plainly: OVERRULE_HITS
    distinct stopwords of the other language, and three times those of the declared one."""
    if words is None:
        words = set(_WORD.findall(sample.lower()))
    if len(words & _own_stopwords()[declared]) >= 2:
        return declared  # "the", "and": the declared language's own words, the usual case, decided at once
    hits = dict.fromkeys(SUPPORTED, 0)
    profiles = _profiles()
    for word in words & _stopwords():
        for lang in profiles[word]:
            if lang in hits:
                hits[lang] += 1
    best = max(hits, key=hits.get)
    if best != declared and hits[best] >= OVERRULE_HITS and hits[best] >= 3 * hits[declared]:
        return best
    return declared
