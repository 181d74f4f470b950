"""Splits an item's (capped) text into sentences, and sentences into case-aware tokens."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

MAX_TITLE = 300  # characters of the title analysed
MAX_SUMMARY = 12_000  # characters of the summary analysed: a teaser in full, a long article (content:encoded) to its last paragraphs
MAX_TOKEN = 40  # longer "words" (base64, URLs, no-space junk) are cut to this
MAX_SENTENCES = 120  # title parts + summary sentences analysed: a teaser has 1 to 4, a long article a hundred

_CLEAN = (("\u2019", "'"), ("\u2018", "'"), ("\u00a0", " "), ("\u2013", "-"), ("\u2014", "-"),
          ("\u201c", '"'), ("\u201d", '"'), ("\u00ab", '"'), ("\u00bb", '"'))
# A sentence ends at . ! ? (and a closing quote) followed by space and a capital/quote/digit (group 1 is the space);
# not after an abbreviation or a number ("Corp. ", "Sept. ", "No. ", "2. ").
_SENTENCE_END = re.compile(r"[.!?][\"”»’]?(\s+)(?=[\"'(“„«A-ZÀ-ÖØ-Þ0-9])")  # ... or a quote closing it
_ABBREVIATIONS = frozenset("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mr Mrs Ms Dr St Jr Sr Inc "
                           "Corp Co Ltd No vs Prof Gen Sen Rep Gov ca bzw Nr Dott Ing Sig".split())
_COMPANY_SUFFIXES = frozenset("Inc Corp Co Ltd".split())
# After a company suffix a new sentence starts with a pronoun, article or other function word
# ("Acme Corp. The company ...", "News Corp. Jego rolę ..."), not with a title or a name
_OPENER = re.compile(r"\s+(?:The|This|That|These|It|Its|He|She|His|Her|They|Their|In|On|After|But|"
                     r"Il|La|Le|Les|Lo|Gli|Der|Die|Das|Er|Sie|El|Los|Las|Su|Sus|O|Os|De|Het|Hij|Zij|"
                     r"Jego|Jej|Ich|On|Ona|Ten|Ta|To|W|Na|Po)\b")
_ENGLISH_DATE = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|"
                           r"November|December) \d{1,2}$")
_BULLET = re.compile(r"\s*[\u2022\u25aa\u25cf]\s+")  # a list's bullets: each item its own sentence
_ABBREV_LEN = 4  # letters in the longest abbreviation
# Run over the lowercase text (same offsets): case-insensitive matching costs ~40% more.
# Elisions first (l', d', dell', quell'...), factored by first letter.
_TOKEN = re.compile(
    r"(?:[lmnstj]|c(?:oll|os)?|d(?:[ae]ll|[ae]gl)?|qu(?:ell)?|nell|sull|all|un|tutt|nessun)'(?=[^\W\d_])"
    r"|'s(?![\w])"
    r"|[^\W_][\w&]*(?:(?:[-.](?=[^\W_])|'(?!s(?![\w]))(?=[^\W\d_]))[\w&]*)*"
    r"|[^\w\s]")
_NAME_PREFIX = re.compile(r"(?:Mc|Mac|O'|D'|De|Di|Le|La)[A-Z]")


class Token:
    """One word or punctuation mark with its offsets and case flags."""

    __slots__ = ("text", "lower", "start", "end", "cap", "upper", "mixed", "word")

    def __init__(self, text: str, start: int, end: int, lower: str | None = None):
        self.text = text
        self.lower = low = text.lower() if lower is None else lower
        self.start = start
        self.end = end
        self.word = text[0].isalnum()
        # most tokens are lowercase words: one comparison settles all the case flags
        self.cap = self.upper = self.mixed = False
        if low[0] != text[0]:
            self.cap = True
            self.upper = len(text) > 1 and text.isupper()
            # Internal capitals mark brand names (OpenAI, TikTok); Mc/Mac/O' names are not brands.
            self.mixed = (not self.upper and text[1:] != low[1:] and "-" not in text
                          and not _NAME_PREFIX.match(text))
        elif text != low and self.word and "-" not in text:  # "xAI", "eBay": a brand, capitalised inside
            self.cap = self.mixed = True

    def __repr__(self) -> str:
        return f"Token({self.text!r})"


@dataclass(slots=True)
class Sentence:
    """A sentence of the title or summary, with its tokens and lowercase text (same offsets)."""

    text: str
    lower: str
    tokens: list[Token]
    starts: list[int]
    ends: list[int]
    in_title: bool
    index: int  # position in the item, 0 = title

    def token_span(self, start: int, end: int) -> tuple[int, int]:
        """Token indexes [i, j) covering character offsets [start, end)."""
        return bisect_right(self.ends, start), bisect_left(self.starts, end)


# a quoted nickname between a first name and a surname (quotes are plain after _CLEAN)
_NICKNAME = re.compile(r" (?:'[A-Z][\w.-]*'|\"[A-Z][\w. -]*\")(?= [A-Z][\w-]+)")


def clean(text: str, limit: int) -> str:
    """Normalise quotes/dashes/spaces and cut to ``limit`` characters (at a space if one is near)."""
    text = (text or "")[: limit + 1]
    if not text.isascii():  # str.replace beats str.translate, which is slow on non-ASCII text
        for typographic, plain in _CLEAN:
            if typographic in text:
                text = text.replace(typographic, plain)
    if len(text) > limit:
        cut = text.rfind(" ", limit - 80, limit)
        text = text[: cut if cut > 0 else limit]
    return text


def _drop_nicknames(text: str) -> str:
    """Text without quoted nicknames between two capitalised words, looked for only where a
    quote follows a space, and only in items that hold a change word (a regex over every item's
    text cost more than all of clean())."""
    for quote in (" '", ' "'):
        at = text.find(quote)
        while at > 0:
            m = _NICKNAME.match(text, at)
            if m is not None and text[text.rfind(" ", 0, at) + 1:at][:1].isupper():
                text = text[:at] + text[m.end():]
            at = text.find(quote, at + 1)
    return text


def lower_aligned(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):  # e.g. "İ": keep offsets aligned with the original
        low = "".join(c.lower()[:1] or c for c in text)
    return low


def tokenize(text: str, lower: str | None = None) -> list[Token]:
    """Words (with internal hyphens, dots, apostrophes), elisions (l', d'), 's and punctuation.

    ``lower`` is ``text`` in lowercase with the same offsets, when the caller has it.
    """
    if lower is None:
        lower = lower_aligned(text)
    tokens = []
    append = tokens.append
    for m in _TOKEN.finditer(lower):
        start, end = m.span()
        if end - start > MAX_TOKEN:
            end = start + MAX_TOKEN
        append(Token(text[start:end], start, end, lower[start:end]))
    return tokens


def _abbreviation(text: str, mark: int) -> bool:
    """Whether the "." at ``mark`` ends an abbreviation or a number rather than a sentence."""
    if text[mark] != "." or mark == 0:
        return False
    if text[mark - 1].isdigit():
        # "effective July 1. Founder X ...": a date written month first ends there; "am 1. April" does not
        return _ENGLISH_DATE.search(text, max(0, mark - 16), mark) is None
    start = mark
    while start > 0 and mark - start <= _ABBREV_LEN and text[start - 1].isalpha():
        start -= 1
    if start > 0 and text[start - 1].isalnum():
        return False  # a longer word
    word = text[start:mark]
    if word in _COMPANY_SUFFIXES:  # "... News Corp. His role goes to ...": a company's name ends a sentence
        return _OPENER.match(text, mark + 1) is None
    return word in _ABBREVIATIONS or (len(word) == 1 and "A" <= word <= "Z")


def _split(text: str) -> list[str]:
    parts, last = [], 0
    for m in _SENTENCE_END.finditer(text):
        if _abbreviation(text, m.start()):
            continue
        parts.append(text[last:m.start(1)])
        last = m.end()
    parts.append(text[last:])
    return [p for p in parts if p.strip()]


def split_parts(title: str, summary: str) -> list[tuple[bool, str]]:
    """(in_title, text) of the title parts and then the summary sentences, at most MAX_SENTENCES."""
    out: list[tuple[bool, str]] = []
    for in_title, text in ((True, title), (False, summary)):
        if " '" in text or ' "' in text:  # "Andrew 'Boz' Bosworth": the nickname splits the name
            text = _drop_nicknames(text)
        for part in (p for chunk in _BULLET.split(text) for p in _split(chunk)):  # "• Orvello ...": one story each
            out.append((in_title, part))
            if len(out) >= MAX_SENTENCES:
                return out
    return out


def build_sentence(text: str, in_title: bool, index: int) -> Sentence:
    """Tokenise one sentence (``index`` is its position in the item, 0 = title)."""
    lower = lower_aligned(text)
    tokens = tokenize(text, lower)
    return Sentence(text, lower, tokens, [t.start for t in tokens], [t.end for t in tokens],
                    in_title, index)


def split_sentences(title: str, summary: str) -> list[Sentence]:
    """The title (one sentence per ". "-separated part) and then the summary sentences."""
    parts = split_parts(clean(title, MAX_TITLE), clean(summary, MAX_SUMMARY))
    return [build_sentence(text, in_title, n) for n, (in_title, text) in enumerate(parts)]
