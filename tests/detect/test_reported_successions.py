"""A change told as reported speech after a long description of the speaker, and the family
succession it often announces: invented names and companies, our own sentences."""

from __future__ import annotations

import pytest

from streams.detect.lexicon import load_lexicon
from streams.detect.mentions import bind_person_roles, find_mentions
from streams.detect.segmenter import build_sentence, split_parts
from tests.detect.detected import events


def changes(title: str, summary: str = "", lang: str = "en") -> set[tuple[str, str, str]]:
    return {(ev.person, ev.org, ev.change) for ev in events(title, summary, lang)}


# -- the speaker, described at length, is who leaves ----------------------------------------------

@pytest.mark.parametrize("lang, title, summary, expected", [
    # pro-drop: "poinformował w piątek, że przechodzi" has no pronoun; two descriptions in a row,
    # the second an owner's title whose company follows "m.in." and a descriptor
    ("pl", "Magnat Ivo Marren idzie na emeryturę",
     "Ivo Marren, 81-letni przedsiębiorca, właściciel m.in. telewizji Velmar i dziennika \"Kurier Orbu\", "
     "poinformował w piątek, że przechodzi na emeryturę.",
     {("Ivo Marren", "Velmar", "retirement")}),
    ("pl", "Prezes odchodzi",
     "Agnieszka Borowiec, od dekady prezeska zarządu spółki Trelvex, ogłosiła w poniedziałek, że rezygnuje "
     "z funkcji prezesa.",
     {("Agnieszka Borowiec", "Trelvex", "departure")}),
])
def test_the_speaker_of_reported_speech_is_the_subject(lang, title, summary, expected):
    assert changes(title, summary, lang) == expected


@pytest.mark.parametrize("lang, text, person, title, org", [
    ("pl", "Ivo Marren, 81-letni przedsiębiorca, właściciel spółki Velmar, rezygnuje.", "Ivo Marren", "owner", "Velmar"),
    ("en", "Dana Quint, a veteran of the chip industry, founder of Trelvex, is leaving.", "Dana Quint", "founder", "Trelvex"),
])
def test_a_description_before_the_title_does_not_hide_the_title(lang, text, person, title, org):
    """"X, 81, a media tycoon, owner of Y": the title of the second description is X's."""
    lex = load_lexicon(lang)
    m = find_mentions(build_sentence(text, False, 1), lex)
    bind_person_roles(m, lex)
    name = next(n for n in m.names if n.text == person)
    assert [(r.title, r.org) for r in name.roles] == [(title, org)]


def test_without_a_speech_verb_a_that_clause_names_no_speaker():
    """", że" after a clause with no speech verb is no reported speech: nobody is read into it."""
    assert changes("Trelvex bez prezesa", "Rada uznała, że odchodzi z firmy.", "pl") == set()


# -- the heir, named by a given name, takes the family name ---------------------------------------

@pytest.mark.parametrize("title, summary, present, absent", [
    # a son named by his given name in the next sentence bears the family name
    ("Ivo Marren idzie na emeryturę", "Ivo Marren, założyciel spółki Velmar, przechodzi na emeryturę. "
     "Na stanowisku prezesa zastąpi go najstarszy syn Aron.",
     ("Aron Marren", "Velmar", "appointment"), ("Aron", "Velmar", "appointment")),
    # power handed to a son in the dative is his appointment
    ("Ivo Marren rezygnuje z kierowania Velmar", "Ivo Marren ogłosił, że rezygnuje z kierowania spółką Velmar. "
     "Władzę nad spółką przekaże swojemu synowi Aronowi.",
     ("Aron Marren", "Velmar", "appointment"), ("Ivo Marren", "Velmar", "appointment")),
    # "Jego rolę ma przejąć jego córka X": "jego" owns the daughter, it is no object; X takes the role
    ("Ivo Marren ustępuje", "Ivo Marren ogłosił, że ustępuje ze stanowiska prezesa Velmar. "
     "Jego rolę ma przejąć teraz jego córka Nadia Marren.",
     ("Nadia Marren", "Velmar", "appointment"), ("Ivo Marren", "Velmar", "appointment")),
])
def test_the_heir_of_a_family_succession(title, summary, present, absent):
    found = changes(title, summary, "pl")
    assert present in found and absent not in found
    assert ("Ivo Marren", "Velmar", "departure") in found or ("Ivo Marren", "Velmar", "retirement") in found


# -- a company suffix can end a sentence ----------------------------------------------------------

@pytest.mark.parametrize("text, sentences", [
    ("He leaves Velmar and News Orb Corp. His role goes to Aron.", 2),
    ("He leaves Velmar Corp. The board names Aron.", 2),
    ("Jego następcą w Velmar Corp. Jego syn.", 2),
    # a title or a name after the suffix continues the sentence
    ("Velmar Corp. CEO Ivo Marren resigns.", 1),
    ("Shares of Velmar Inc. Marren said fell.", 1),
])
def test_a_function_word_after_a_company_suffix_starts_a_sentence(text, sentences):
    assert len(split_parts("", text)) == sentences
