"""Anchor words and the anchored cue scan: the same matches as one big alternation, far fewer regexes run."""

from __future__ import annotations

import re

import pytest

from streams.detect.lexicon import SUPPORTED, load_lexicon
from streams.detect.triggers import CueIndex, anchors


@pytest.mark.parametrize("pattern,expected", [
    ("(?:was |is )?named", {"named"}),
    ("resign(?:s|ed)?|quits", {"resign", "resigns", "resigned", "quits"}),
    ("dimess[oa]", {"dimesso", "dimessa"}),
    ("tritt (?:[\\w.-]+ ){0,6}?zurück", {"zurück"}),
    ("(?:gli|le) succede", {"succede"}),
    ("l'incarico", {"incarico"}),
    ("co-ceo", {"ceo"}),
])
def test_every_form_of_a_pattern_has_an_anchor(pattern, expected):
    assert anchors(pattern) == expected


def test_stopwords_are_avoided_as_anchors_when_a_rarer_word_exists():
    assert anchors("is the new", frozenset({"is", "the"})) == {"new"}


@pytest.mark.parametrize("pattern", ["\\w+", "[a-z]+ [a-z]+", "(?:\\w+ ){1,3}"])
def test_a_pattern_without_literal_words_has_no_anchor(pattern):
    assert anchors(pattern) is None


def test_every_cue_of_every_language_has_anchors():
    for lang in SUPPORTED:
        assert not load_lexicon(lang).cue_index.always, lang


SENTENCES = [
    "Zentrix names Kofi Mensah chief executive, replacing Hana Kowalczyk, who will step down",
    "Marta Lindqvist steps down as CEO; she will remain chairman and is replaced by Omar Haddad",
    "Solvex, si dimette l'amministratore delegato Bruno Castellani: lascia la guida a Giulia Ferretti",
    "Corvana-Chef Jürgen Albrecht tritt zurück, Nachfolger wird Tobias Reinhardt; er bleibt im Aufsichtsrat",
    "Le patron de Nuvaro quitte ses fonctions et sera remplacé par Julien Morel, qui prend la tête du groupe",
    "Lucía Ferreira dimite y deja el cargo de consejera delegada; le sustituirá Diego Salvatierra",
    "Rafaela Monteiro deixa o cargo e será substituída por Paulo Tavares, que assume o comando",
    "Dirk Vermeulen stapt op als topman; zijn opvolger wordt Anke de Wit, die de leiding overneemt",
    "resigns named appointed ousted fired replaces succeeds quits retires returns leaves joins " * 3,
]


def _alternation(index: CueIndex) -> re.Pattern:
    bodies = [p.pattern[len("(?<![\\w'-])"):-len("(?![\\w-])")] for p in index.patterns]
    return re.compile("(?<![\\w'-])(?:" + "|".join(bodies) + ")(?![\\w-])")  # each body is one group


@pytest.mark.parametrize("lang", SUPPORTED)
@pytest.mark.parametrize("sentence", SENTENCES)
def test_anchored_scan_finds_what_one_alternation_of_all_cues_finds(lang, sentence):
    index = load_lexicon(lang).cue_index
    text = sentence.lower()
    expected = [(m.lastindex - 1, m.span()) for m in _alternation(index).finditer(text)]
    assert [(k, m.span()) for k, m in index.scan(text)] == expected


@pytest.mark.parametrize("text", [
    "zentrix ceo marta lindqvist steps down; \"we'll miss her\" (reuters) - 3.5% lower",
    "l'amministratore delegato di solvex lascia… il cda è d'accordo — più utili per l'azienda",
    "corvana-chef jürgen albrecht tritt zurück: „überraschend“ für die börse, 12 € je aktie",
    "łukasz nowak odchodzi z firmy; zarząd się zgodził — ść, ő and č are letters here",
    "генеральный директор ушёл в отставку, tessarix said",
    "ªº µ ß ÿ ø × ÷ _under_score_ 2031",
])
def test_item_words_are_the_latin_word_regex_words(text):
    from streams.detect.triggers import LATIN_WORD, item_words
    assert item_words(text) == set(LATIN_WORD.findall(text))
