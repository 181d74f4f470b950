"""Identifies the item language: the declared one when supported, else stopword profiles and script."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from streams.detect.lexicon import SUPPORTED, load_lexicon

SAMPLE = 600  # characters looked at: enough for a title and the start of a summary
CUE_SAMPLE = 160  # characters searched for change verbs (a headline): the cue tables are large
MIN_HITS = 2  # fewer stopword hits than this and we do not guess
_WORD = re.compile(r"[^\W\d_]+")
_SCRIPTS = (  # (first, last code point, language) for scripts no supported language uses
    (0x3040, 0x30FF, "ja"), (0xAC00, 0xD7AF, "ko"), (0x4E00, 0x9FFF, "zh"), (0x0400, 0x04FF, "ru"),
    (0x0600, 0x06FF, "ar"), (0x0590, 0x05FF, "he"), (0x0370, 0x03FF, "el"), (0x0900, 0x097F, "hi"),
    (0x0E00, 0x0E7F, "th"),
)


@cache
def _profiles() -> dict[str, frozenset[str]]:
    profiles = {lang: load_lexicon(lang).stopwords for lang in SUPPORTED}
    others = yaml.safe_load(Path(__file__).with_name("lang").joinpath("others.yaml").read_text("utf-8"))
    for lang, words in (others or {}).items():
        profiles[lang] = frozenset(str(w).lower() for w in words)
    return profiles


def _script(sample: str) -> str:
    letters = [c for c in sample if c.isalpha()]
    foreign = [c for c in letters if ord(c) > 0x24F]
    if not letters or len(foreign) * 2 < len(letters):
        return ""
    counts: dict[str, int] = {}
    for c in foreign:
        code = ord(c)
        for lo, hi, lang in _SCRIPTS:
            if lo <= code <= hi:
                counts[lang] = counts.get(lang, 0) + 1
                break
    if counts.get("ja"):
        return "ja"
    return max(counts, key=counts.get) if counts else "und"


def identify_language(text: str, declared: str | None = None) -> str:
    """A language code: ``declared`` when it is supported, else a guess; "und" when unsure."""
    if declared:
        code = declared.strip().lower().replace("_", "-").split("-")[0]
        if code in SUPPORTED:
            return code
    sample = text[:SAMPLE]
    script = _script(sample)
    if script:
        return script
    words = _WORD.findall(sample.lower())
    best, best_hits = "und", MIN_HITS - 1
    scores = {lang: sum(1 for w in words if w in profile) for lang, profile in _profiles().items()}
    if max(scores.values()) < 3 and words and len(words) < 40:
        head = sample[:CUE_SAMPLE].lower()  # a bare headline: its change verbs tell the language
        for lang in SUPPORTED:
            scores[lang] += 2 * sum(1 for _ in load_lexicon(lang).cue_regex.finditer(head))
    for lang, hits in scores.items():
        if hits > best_hits:
            best, best_hits = lang, hits
    return best
