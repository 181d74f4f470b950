"""Runs of capitalised tokens in a sentence, each a person or an organisation."""

from __future__ import annotations

from dataclasses import dataclass, field

from streams.detect.given_names import given_name
from streams.detect.lexicon import Lexicon
from streams.detect.segmenter import Token
from streams.detect.titles import Role, is_descriptor

_QUANTIFIERS = frozenset("one two three four five some many most all each none both several any".split())  # "One of X"
PLACE_MODIFIERS = ("-based", "-listed", "-owned", "-backed", "-headquartered")
MAX_NAME_TOKENS = 4  # a capitalised run longer than this is a brand or a headline, not a person


@dataclass(slots=True, eq=False)
class Name:
    """A run of capitalised tokens: a person or an organisation."""

    start: int
    end: int
    text: str
    kind: str  # "person" or "org"
    roles: list[Role] = field(default_factory=list)  # titles bound to a person in this sentence
    sentence_index: int = 0


def _name_token(tok: Token, lex: Lexicon) -> bool:
    return tok.cap and tok.word and tok.lower not in lex.stopwords


def _describes(tok: Token, lex: Lexicon) -> bool:
    return tok.lower in lex.descriptors or is_descriptor(tok, lex)


def _common_noun(tokens: list[Token], k: int, lex: Lexicon) -> bool:
    """A lone capitalised word that is a noun (German "den Posten", "die Führung"), not a name."""
    tok = tokens[k]
    if is_descriptor(tok, lex):
        return True
    if not lex.noun_determiners or tok.upper or tok.mixed:
        return False
    if k > 0 and (tokens[k - 1].lower in lex.noun_determiners or tokens[k - 1].text.isdigit()):
        return True  # "den Posten", "drei Jahrzehnten", "24 Stunden"
    if k > 1 and tokens[k - 2].lower in lex.noun_determiners and not tokens[k - 1].cap and tokens[k - 1].word:
        return True  # "des weltweiten Handelsgeschäfts", "seine erste Pause"
    return tok.lower.endswith(lex.noun_suffixes)


def _name_continues(tok: Token, lex: Lexicon) -> bool:
    # Outside English a capitalised stopword inside a run is a name part ("Jack Ma"); in English
    # it is a Title Case headline ("Dick Costolo To Step Down").
    if lex.lang == "en":
        return _name_token(tok, lex) and tok.lower not in lex.non_names
    return tok.cap and tok.word and (tok.lower not in lex.non_names or tok.lower in lex.stopwords)


def _after_title(tokens: list[Token], k: int, titles, lex: Lexicon) -> bool:
    """A capitalised word in a title's genitive ("Finanzvorstand der Telekom"): a name, though
    an article stands before it."""
    return (k >= 2 and tokens[k - 1].lower in lex.title_genitives and (k - 2) in titles
            and not is_descriptor(tokens[k], lex) and not tokens[k].lower.endswith(lex.noun_suffixes)
            and not _genitive_of_title(tokens[k].lower, lex))  # "den Vorsitz des Vorstands": a body, no name


def _genitive_of_title(low: str, lex: Lexicon) -> bool:
    """Whether ``low`` is a title or a descriptor in the genitive ("Vorstands", "Aufsichtsrates")."""
    for ending in ("es", "s"):
        stem = low[:-len(ending)] if low.endswith(ending) else ""
        if stem and ((stem,) in lex.roles or stem in lex.descriptors or stem.endswith(lex.gate_suffixes)):
            return True
    return False


def name_runs(tokens: list[Token], role_at, lex: Lexicon, titles=()) -> list[Name]:
    """Runs of name tokens; ``role_at`` holds the token indexes no name may cross (titles, verbs);
    ``titles`` the indexes of the titles alone."""
    names: list[Name] = []
    non_names = lex.non_names  # holds the stopwords
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        if not tok.cap or not tok.word or tok.lower in non_names or i in role_at:
            i += 1
            continue
        if tok.lower.rstrip(".") in lex.honorifics and not tok.upper:  # "Ing." is a title, "ING" a bank
            i += 1
            continue
        if "-" in tok.text and is_descriptor(Token(tok.text.rpartition("-")[2], 0, 0), lex):
            # "den Facebook-Konzern": the head is the organisation; but in "TikTok-Mutter
            # ByteDance" the compound only describes the name that follows
            if not (i + 1 < n and _name_token(tokens[i + 1], lex) and i + 1 not in role_at):
                names.append(Name(i, i + 1, tok.text.rpartition("-")[0].replace("-", " "), "org"))
            i += 1
            continue
        j = i + 1
        while j < n:
            nxt = tokens[j]
            if j in role_at:
                break
            if _name_continues(nxt, lex):
                j += 1
            elif (nxt.lower in lex.particles and j + 1 < n and _name_token(tokens[j + 1], lex)
                  and j + 1 not in role_at and not is_descriptor(tokens[j + 1], lex)):
                j += 2
            elif nxt.text in ("of", "&") and j == i + 1 and j + 1 < n and tok.lower not in _QUANTIFIERS \
                    and tok.lower not in lex.roles_by_first \
                    and tokens[j + 1].cap and j + 1 not in role_at:
                j += 2  # "Nintendo of America", "Bank of America", "AT & T"
            else:
                break
        start = i
        if start == 0 and lex.vs_order and tokens[0].lower in lex.verb_words:
            if j == 1:  # "Sustituye a X": a verb opening the sentence, not a name
                i = j
                continue
            start = 1  # "Dimite Ana Ruiz", "Lascia Mario Rossi": the verb comes first, then the name
        while start < j and tokens[start].lower.endswith(PLACE_MODIFIERS):
            start += 1  # "Milan-listed Velatrix", "Nijmegen-based": where a company sits, not its name
        if start == j:
            i = j
            continue
        while start < j - 1 and (is_descriptor(tokens[start], lex) or tokens[start].lower in lex.non_names
                                 or tokens[start].lower in lex.particles
                                 or (start == i and _common_noun(tokens, start, lex)
                                     and not _after_title(tokens, start, titles, lex))):
            start += 1  # German nouns before a name: "Großinvestor Softbank", "die Übernahme von Twitter"
        if j - start == 1 and _common_noun(tokens, start, lex) and not _after_title(tokens, start, titles, lex):
            i = j
            continue
        if start == 0 and j == 1 and tokens[0].lower.endswith(lex.adverb_endings):
            i = j  # "Contestualmente, ...", "Finalmente": an adverb opening the sentence
            continue
        if start == 0 and j == 1 and j < n and tokens[j].lower in lex.time_preps:
            i = j  # "Tydzień po powrocie", "Journaliste depuis quinze ans": a noun opening the sentence
            continue
        if j - start == 1 and start and tokens[start - 1].lower in lex.articles and j < n \
                and (_describes(tokens[j], lex) or (j + 1 < n and not tokens[j].cap and tokens[j].word
                                                    and _describes(tokens[j + 1], lex))):
            i = j  # "de Zwitserse bank", "the Swiss bank", "the Redmond tech giant": an adjective
            continue
        if j - start == 1 and _adjective_of_named(tokens, start, lex):
            i = j  # "Polish software maker Vistulon": the word describes the company named after it
            continue
        first = tokens[start].lower
        if first in lex.particles and all(t.lower in lex.particles for t in tokens[start + 1:j]):
            i = j  # "Ten years after", "De ..." opening a sentence: a particle alone is no name
            continue
        if first in lex.field_words and all(t.lower in lex.field_words for t in tokens[start + 1:j]):
            i = j  # "head of AI", "Head of Global Affairs": a field, not an organisation
            continue
        split = _person_inside(tokens, start, j, lex)
        if split:  # "Prezes Kwantex Jarosław Wilczek": the company, then the person
            names.append(Name(start, split, " ".join(t.text for t in tokens[start:split]), "org"))
            start = split
        names.append(classify_run(tokens, start, j, lex))
        i = j
    return names


def _adjective_of_named(tokens: list[Token], k: int, lex: Lexicon) -> bool:
    """Whether the capitalised word at ``k``, a common English word, is followed by what
    describes a company and then its name ("Polish software maker Vistulon", "Dutch regional
    daily De Waalbode"): an adjective, not a second company."""
    from streams.detect.person_evidence import common_word  # (person_evidence builds on names)
    q = k + 1
    while q < len(tokens) and q <= k + 3 and tokens[q].word and not tokens[q].cap:
        if _describes(tokens[q], lex):
            nxt = tokens[q + 1] if q + 1 < len(tokens) else None
            return nxt is not None and nxt.cap and nxt.word and common_word(tokens[k].lower, lex.lang)
        q += 1
    return False


def _person_inside(tokens: list[Token], start: int, end: int, lex: Lexicon) -> int:
    """Where a person's name starts inside a run of three or more capitalised words that opens
    with something else ("Kwantex Jarosław Wilczek", "Bitnova Dana Ruiz"): at a given name
    followed by one or two more words, when the run's first word is no given name, or a company
    word comes before it ("Hallberg Software Matthias Schreiber": a surname can be a given name
    too); else 0."""
    if end - start < 3:
        return 0
    first_given = given_name(tokens[start].text, lex.lang, True)
    for k in range(start + 1, end - 1):
        if first_given and not any(t.lower in lex.org_suffix_words for t in tokens[start + 1:k]):
            continue
        if end - k <= 3 and personal_word(tokens[k], lex) and all(personal_word(t, lex) for t in tokens[k + 1:end]) \
                and (given_name(tokens[k].text, lex.lang, True)
                     or (end - k == 2 and k - 1 > start and tokens[k - 1].lower in lex.org_suffix_words)):
            return k  # ... or two words after a company's last word: "Velmory Systems Chidi Okafor"
    return 0


def classify_run(tokens: list[Token], start: int, end: int, lex: Lexicon) -> Name:
    parts = tokens[start:end]
    text = " ".join(t.text for t in parts)
    words = [t for t in parts if t.lower not in lex.particles]
    orgish = (len(words) == 1 or len(parts) > MAX_NAME_TOKENS
              or any(t.upper or t.mixed or t.lower in lex.org_suffix_words or not t.text[0].isalpha()
                     or t.text in ("of", "&") or "." in t.text for t in parts))
    return Name(start, end, text, "org" if orgish else "person")


def personal_word(tok: Token, lex: Lexicon) -> bool:
    """A word that can be part of a person's name: capitalised, plain, not a company word."""
    return (tok.cap and tok.word and not tok.upper and not tok.mixed and tok.text[0].isalpha()
            and tok.lower not in lex.org_suffix_words and "." not in tok.text)
