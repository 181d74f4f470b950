"""Anchor words for the cue patterns: a word-set lookup decides which cue regexes can match at all.

Every cue pattern is a regular expression over lowercase text. Running all of them on every
sentence costs about a microsecond per character, and almost no news sentence holds a cue. So each
pattern is expanded once into its literal forms ("was named", "is named", "named", ...) and every
form gives one anchor, its longest plain word: a pattern can only match a text that contains one
of its anchors. At run time the words of a sentence pick the few patterns worth running.
"""

from __future__ import annotations

import re
import re._parser as sre  # the stdlib's own regex parser: patterns are expanded, never re-parsed by hand
from dataclasses import dataclass
from itertools import islice

WORD = re.compile(r"\w+")
# The words of a lowercase text in a Latin script, as WORD finds them there, about a quarter faster
# (a character range, no Unicode category lookups); other scripts are told apart by their letters.
LATIN_WORD = re.compile(r"[0-9a-z_\xaa\xb5\xba\xdf-\xf6\xf8-\u024f]+")
# Text in Latin-1 (with "?" for anything else): every byte that is not a LATIN_WORD character
# becomes a space, then a C-speed split. Exact unless the text holds Latin Extended letters
# ("ł", "ő", "č"), which LATIN_WORD reads as letters: those texts take the regex.
_LATIN1_SPACES = bytes(c if LATIN_WORD.fullmatch(chr(c)) else 32 for c in range(256))
_EXTENDED_LETTER = re.compile("[\u0100-\u024f]")


def item_words(lower: str) -> set[str]:
    """The distinct words of a lowercase text (as LATIN_WORD reads them)."""
    try:
        raw = lower.encode("latin-1")  # most Western text: no character beyond Latin-1 at all
    except UnicodeEncodeError:
        if _EXTENDED_LETTER.search(lower):
            return set(LATIN_WORD.findall(lower))
        raw = lower.encode("latin-1", "replace")
    return set(raw.translate(_LATIN1_SPACES).decode("latin-1").split())
MAX_FORMS = 5000  # expansions of one pattern; a wider pattern is run on every sentence instead
_ANY = "\x00"  # stands for text the expansion cannot spell out (\w+, [^ ]...)
_SMALL_CLASS = 8  # character classes with at most this many literals are spelled out


class _TooWide(Exception):
    pass


def _seq(nodes, budget: int) -> list[str]:
    forms = [""]
    for op, av in nodes:
        options = _node(op, av, budget)
        forms = [a + b for a in forms for b in options]
        if len(forms) > budget:
            raise _TooWide
    return forms


def _node(op, av, budget: int) -> list[str]:
    if op is sre.LITERAL:
        return [chr(av).lower()]
    if op is sre.SUBPATTERN:
        return _seq(av[-1], budget)
    if op is sre.BRANCH:
        out: list[str] = []
        for alt in av[1]:
            out += _seq(alt, budget)
        return out
    if op is sre.IN:
        if len(av) <= _SMALL_CLASS and all(o is sre.LITERAL for o, _ in av):
            return [chr(c).lower() for _, c in av]
        return [_ANY]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        lo, hi, body = av
        inner = _seq(body, budget)
        if hi == 1:
            return ([""] if lo == 0 else []) + inner
        # a repeated chunk ("(?:[\w-]+ ){0,3}"): only its word boundaries matter for anchors
        spaced = any(" " in form for form in inner)
        wide = f" {_ANY} " if spaced else _ANY
        return ([""] if lo == 0 else []) + [wide]
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return [""]
    return [_ANY]  # ANY, CATEGORY, NOT_LITERAL, GROUPREF, ...


def word_sets(pattern: str, common: frozenset[str] = frozenset()) -> list[tuple[str, frozenset[str]]] | None:
    """For each literal form of ``pattern``: its anchor and all its words. Every match of the
    pattern holds all the words of one form; None when the forms cannot be told.

    A form's anchor is its longest word, preferring words not in ``common`` (stopwords), since a
    rarer anchor lets fewer sentences through.
    """
    try:
        forms = _seq(sre.parse(pattern), MAX_FORMS)
    except _TooWide:
        return None
    out = []
    for form in forms:
        pieces = [p for word in form.split() if _ANY not in word for p in WORD.findall(word)]
        if not pieces:
            return None
        # among equals the later word: it ends the phrase and is the rarer ("is the new": "new")
        out.append((max(reversed(pieces), key=lambda p: (p not in common, len(p))), frozenset(pieces)))
    return out


def anchors(pattern: str, common: frozenset[str] = frozenset()) -> frozenset[str] | None:
    """Words of which every match of ``pattern`` contains at least one; None if none can be told."""
    sets = word_sets(pattern, common)
    return None if sets is None else frozenset(anchor for anchor, _ in sets)


def _minimal(sets: set[frozenset[str]]) -> list[frozenset[str]]:
    """The word sets that hold no smaller one: "to step down" adds nothing to "step down"."""
    out: list[frozenset[str]] = []
    for words in sorted(sets, key=len):
        if not any(kept <= words for kept in out):
            out.append(words)
    return out


@dataclass(frozen=True, slots=True)
class CueIndex:
    """Each cue's own compiled pattern, and which cues each anchor word can start."""

    patterns: tuple[re.Pattern, ...]
    by_word: dict[str, tuple[int, ...]]
    always: tuple[int, ...]  # cues without anchors: tried on every sentence
    # A cue is a candidate for a text only if the text has all the words of one of its forms,
    # not just the anchor: per anchor, the cues one of whose forms is the anchor alone, and
    # (cue, the other words a form needs) for the others
    alone: dict[str, frozenset[int]]
    needs: dict[str, dict[str, tuple[tuple[int, frozenset[str]], ...]]]  # anchor -> second word -> ...
    anchor_words: frozenset[str]
    literals: tuple[frozenset[str], ...]  # each cue's own words ("steps", "down"), not its gaps

    @classmethod
    def build(cls, patterns: list[str], before: str, after: str,
              common: frozenset[str] = frozenset()) -> "CueIndex":
        """Index ``patterns``, each compiled as ``before + pattern + after`` (the word boundaries)."""
        by_word: dict[str, list[int]] = {}
        needs: dict[str, dict[int, set[frozenset[str]]]] = {}
        always = []
        literals: list[frozenset[str]] = []
        for n, pattern in enumerate(patterns):
            sets = word_sets(pattern, common)
            literals.append(frozenset().union(*(words for _, words in sets)) if sets else frozenset())
            if sets is None:
                always.append(n)
                continue
            for anchor, words in sets:
                if n not in by_word.setdefault(anchor, []):
                    by_word[anchor].append(n)
                needs.setdefault(anchor, {}).setdefault(n, set()).add(words - {anchor})
        alone = {w: frozenset(n for n, forms in by_cue.items() if frozenset() in forms)
                 for w, by_cue in needs.items()}
        # the forms an anchor needs more words for, indexed by their rarest other word, so an
        # item's words pick the few forms worth checking in one set operation
        second: dict[str, dict[str, list[tuple[int, frozenset[str]]]]] = {}
        for w, by_cue in needs.items():
            second[w] = {}
            for n, forms in by_cue.items():
                if n in alone[w]:
                    continue
                for rest in _minimal(forms):
                    key = max(sorted(rest), key=lambda p: (p not in common, len(p)))
                    second[w].setdefault(key, []).append((n, rest))
        return cls(tuple(re.compile(before + p + after) for p in patterns),
                   {w: tuple(ns) for w, ns in by_word.items()}, tuple(always), alone,
                   {w: {k: tuple(v) for k, v in by_key.items()} for w, by_key in second.items()},
                   frozenset(needs), tuple(literals))

    def candidates(self, words) -> list[int]:
        """The cues that may match a text made of ``words``, in priority order."""
        found = set(self.always)
        by_word = self.by_word
        for word in words:
            hit = by_word.get(word)
            if hit:
                found.update(hit)
        return sorted(found)

    def present(self, words: set[str]) -> dict[str, frozenset[int]]:
        """The anchor words among ``words``, each with the cues it anchors whose forms' words
        ``words`` all hold."""
        out = {}
        for anchor in words & self.anchor_words:  # a set operation over the item's few words
            ids = self.alone[anchor]
            needs = self.needs[anchor]
            if needs:
                more = [n for key in words.intersection(needs) for n, rest in needs[key] if rest <= words]
                if more:
                    ids = ids.union(more)
            if ids:
                out[anchor] = ids
        return out

    def in_text(self, text: str, anchors: dict[str, frozenset[int]]) -> list[int]:
        """The cues whose anchors (from ``present``) occur in ``text``: a substring test, so a
        sentence costs no tokenising; a false hit ("new" in "news") only costs a regex search."""
        found = set(self.always)
        for word, ids in anchors.items():
            if word in text:
                found.update(ids)
        return sorted(found)

    def scan(self, text: str, words=None, limit: int = 1_000_000,
             ids: list[int] | None = None) -> list[tuple[int, re.Match]]:
        """Non-overlapping cue matches in ``text`` from left to right, as one alternation of all
        the patterns in priority order would give them: at one position the first listed cue wins.
        Only the cues ``ids`` are tried when given; else those whose anchors are in ``words``.
        """
        if ids is None:
            ids = self.candidates(WORD.findall(text) if words is None else words)
        if not ids:
            return []
        if len(ids) == 1:  # one pattern: its own left-to-right matches, in one pass
            k = ids[0]
            return [(k, m) for m in islice(self.patterns[k].finditer(text), limit)]
        pending = {k: self.patterns[k].search(text) for k in ids}
        out: list[tuple[int, re.Match]] = []
        pos = 0
        while len(out) < limit:
            best_k, best = -1, None
            for k in ids:
                m = pending[k]
                if m is not None and m.start() < pos:
                    m = pending[k] = self.patterns[k].search(text, pos)
                if m is not None and (best is None or m.start() < best.start()):
                    best_k, best = k, m
            if best is None:
                break
            out.append((best_k, best))
            pos = max(best.end(), best.start() + 1)
        return out


def has_word(text: str, word: str) -> bool:
    """Whether ``word`` occurs in ``text`` as a whole word ("coo" is not in "cooperation")."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        at = text.find(word, at + 1)
    return False
