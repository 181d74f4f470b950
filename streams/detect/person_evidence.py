"""Whether a capitalised run is a person: two capitalised words are not evidence enough.

Product and company names look like names ("Search Chat", "Nest Hub Max", "Game Companies"). A
run becomes a person only when the text gives a sign that it is one: a given name known in some
language (not one that is also a common word of the item's language, in a Title Case headline
where every word is capitalised), an honorific, a word of kinship ("his son X"), a title bound to it ("CEO X", "X, founder of
Y"), a verb of speech next to it ("X said", "according to X"), or an age ("X, 52,"); or, for a
name at least half of whose words no dictionary has, a personal pronoun soon after it, or
those words themselves.
A name followed by a version number ("Alpha 3.20") is a product.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, partial

from streams.detect.given_names import given_name
from streams.detect.inflection import inflected_given_name
from streams.detect.lexicon import Lexicon
from streams.detect.mentions import Mentions, Name, kin_before
from streams.detect.names import PLACE_MODIFIERS
from streams.detect.table_cache import cached
from streams.detect.triggers import has_word

TITLE_REACH = 6  # tokens between a name and a title written next to it ("la responsabile degli affari legali X")
PRONOUN_REACH = 160  # characters after a name where "he"/"she" may refer back to it
TITLE_CASE_SHARE = 0.7  # share of a sentence's longer words written capitalised in Title Case
_AGE = re.compile(r"\s*(?:,\s*|\()\d{2}(?:,|\)|\s)")
_VERSION = re.compile(r"v?\d+(?:\.\d+)+$|v\d+$|\d$")  # "3.20", "v2", "2": not an age ("52")


def title_case(m: Mentions, lex: Lexicon) -> bool:
    """Whether the sentence capitalises (almost) every word, as headlines in Title Case do."""
    words = [t for t in m.sentence.tokens if t.word and len(t.lower) > 3 and t.lower not in lex.stopwords
             and t.text[0].isalpha()]
    return len(words) >= 3 and sum(t.cap for t in words) >= TITLE_CASE_SHARE * len(words)


def person_evidence(m: Mentions, name: Name, lex: Lexicon, titles, later_text: str,
                    alone: frozenset[str] = frozenset(), org_words: frozenset[str] = frozenset()) -> str:
    """Why ``name`` (in ``m``) is a person, or "" when nothing says so. ``titles`` are the
    titles bound to it anywhere in the item; ``later_text`` is the item's lowercase text after
    the name; ``alone`` the capitalised words the item also writes on their own elsewhere
    ("Rometty, who has led ..."); ``org_words`` the one-word organisations it names."""
    tokens = m.sentence.tokens
    words = [t for t in tokens[name.start:name.end] if t.lower not in lex.particles]
    if not words or any(t.lower.endswith(PLACE_MODIFIERS) for t in words):
        return ""  # "Los Angeles-based": a place describing a company
    if name.end < len(tokens) and _VERSION.match(tokens[name.end].text):
        return ""  # "Star Citizen Alpha 3.20", "Nova Pad 2": a product and its version
    if given_name(words[0].text, lex.lang, title_case(m, lex)):
        return f"given name '{words[0].text}'"
    if lex.name_cases and inflected_given_name(words[0].text, lex):
        return f"given name '{inflected_given_name(words[0].text, lex)}' in another case"
    if words[0].text in org_words:
        return ""  # "Microsoft Windows (and Surface) leader": a company's product or unit
    if titles:
        return f"title '{titles[0].title}'"
    near = _title_near(m, name)
    if near and not all(common_word(t.lower, lex.lang) for t in words):
        return f"title '{near}' next to it"  # not "Most Important Executives": common words
    if len(words) > 1 and words[-1].text in alone:
        return f"surname '{words[-1].text}' used alone"
    before = tokens[name.start - 1] if name.start else None
    if before is not None and before.lower.rstrip(".") in lex.honorifics:
        return f"honorific '{before.text}'"
    if kin_before(tokens, name.start, lex):
        return f"kin '{kin_before(tokens, name.start, lex)}'"
    if before is not None and before.lower in lex.speech_words:
        return f"speech '{before.text}'"
    after = tokens[name.end] if name.end < len(tokens) else None
    if after is not None and after.lower in lex.speech_words:
        return f"speech '{after.text}'"
    if after is not None and _AGE.match(m.sentence.text, after.start):
        return "age"
    odd = [t.text for t in words if t.text[:1].isupper() and not common_word(t.lower, lex.lang)]
    if 2 * len(odd) < len(words):
        # the weak signs below need a name mostly of words no dictionary has ("Panos Panay",
        # "Arvind Krishna"): "Dead Space" before "he" created it, "Roku Wireless Speakers",
        # "Single-File Python Script" are things
        return ""
    near = later_text[:PRONOUN_REACH]
    for pronoun in lex.person_pronouns:
        if has_word(near, pronoun):
            return f"pronoun '{pronoun}'"
    # a name is made of words no dictionary has ("Panos Panay"); "Search Chat", "Blue
    # Snowball", "Identity Panel" are made of common words
    return f"'{odd[0]}' is no common word" if odd else ""


def common_word(word: str, lang: str) -> bool:
    """Whether ``word`` (lowercase) is a common English word: product names are English in every
    language ("Search Chat", "Blue Snowball"). simplemma's English table, loaded on first use
    (0.2 s); the other languages' tables cost seconds to load (Polish 4.5 s), more than a
    ``shakeup classify`` run of thousands of items, for a check that rarely needs them."""
    return _known(word, "en")


@cache
def _known(word: str, lang: str) -> bool:
    try:
        return _lookup().get_lemma(unicodedata.normalize("NFC", word), lang) is not None
    except (ValueError, KeyError, OSError):  # a language simplemma has no table for: nothing is known
        return False


@cache
def _lookup():
    """simplemma's own dictionary lookup (as ``simplemma.is_known`` does it), its word tables
    read through the table cache: the English one takes 0.2 s to build and 0.05 s to load."""
    import simplemma
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory
    from simplemma.strategies.dictionary_lookup import DictionaryLookupStrategy

    shipped = DefaultDictionaryFactory()

    class CachedTables:
        @cache
        def get_dictionary(self, lang: str):
            return cached(f"simplemma-{simplemma.__version__}-{lang}", partial(shipped.get_dictionary, lang))

    return DictionaryLookupStrategy(CachedTables())


def _title_near(m: Mentions, name: Name) -> str:
    """A leadership title a few tokens before or after the name, with no other name or clause
    break between ("names X CEO", "will be chief architect", "X, bislang Produktchef")."""
    tokens = m.sentence.tokens
    for step, start in ((-1, name.start - 1), (1, name.end)):
        k = start
        while 0 <= k < len(tokens) and abs(k - start) < TITLE_REACH:
            role = m.role_at.get(k)
            if role is not None:
                return role.title if role.leader else ""
            other = m.name_at.get(k)
            if (other is not None and other is not name and other.kind == "person") or tokens[k].text in (";", ":", "|"):
                break
            k += step
    return ""
