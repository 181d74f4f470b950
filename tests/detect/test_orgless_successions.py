"""Failure classes of the real corpus's last missed Polish item: a report that names no company
("X retires; his son will succeed him as head of the media empire"), likens its subject to a TV
character, and credits the outlet that reported it. Our own sentences and names."""

from __future__ import annotations

import pytest

from tests.detect.detected import events


def found(title: str, summary: str = "", lang: str = "en") -> set[tuple]:
    return {(ev.person, ev.org, ev.change) for ev in events(title, summary, lang)}


@pytest.mark.parametrize("title, summary, lang, expected", [
    ("Halvard Brenn retires at 88", "Halvard Brenn, the model for Magnus Tarr, the hero of the series \"Tarr "
     "House\", is retiring. His eldest son Ingmar will succeed him as head of the family's media empire.", "en",
     {("Halvard Brenn", "", "retirement"), ("Ingmar Brenn", "", "appointment")}),
    ("Brenn przechodzi na emeryturę", "Będący pierwowzorem Magnusa Tarra, bohatera serialu \"Dom Tarrów\", "
     "Halvard Brenn przechodzi na emeryturę. Na stanowisku szefa medialnego imperium zastąpi go najstarszy "
     "syn Ingmar.", "pl", {("Halvard Brenn", "", "retirement"), ("Ingmar Brenn", "", "appointment")}),
])
def test_someone_likened_to_a_character_is_news_and_the_character_is_no_one(title, summary, lang, expected):
    assert found(title, summary, lang) == expected


@pytest.mark.parametrize("title, summary, lang", [
    ("'Tarr House' season 3 opens with Magnus Tarr ousted as CEO", "In the series, the board of Tarr Media "
     "fires its founder after a takeover bid.", "en"),
    ("Finał serialu: Magnus Tarr odchodzi z Tarr Media", "W ostatnim odcinku serialu prezes Magnus Tarr "
     "rezygnuje z funkcji.", "pl"),
])
def test_fiction_without_a_likeness_stays_out(title, summary, lang):
    assert found(title, summary, lang) == set()


def test_the_outlet_a_sentence_is_credited_to_is_no_party_anywhere_in_the_item():
    got = found("Brenn idzie na emeryturę", "Jak poinformowało w czwartek Radio Wisła, Halvard Brenn przechodzi "
                "na emeryturę. Na stanowisku prezesa zastąpi go syn Ingmar - przekazuje Radio Wisła.", "pl")
    assert got and all(org == "" for _, org, _ in got)
    assert ("Halvard Brenn", "", "retirement") in got


def test_a_change_at_no_company_without_a_succession_is_no_alert():
    # a body the text never calls a company, and no post handed on: nothing to alert on
    assert found("Nordic Rowing says veterans no longer eligible for junior events",
                 "They will be excluded from the junior races, said Ole Brandt, president of the federation.") == set()
    assert found("Halvard Brenn retires", "Halvard Brenn, who led the family's media empire, is retiring.") == set()


@pytest.mark.parametrize("title, summary, lang", [
    ("He will take over his father's empire. Who is Ingmar Brenn?", "Brenn Media founder Halvard Brenn named "
     "his eldest son Ingmar Brenn chairman of Brenn Media on Monday.", "en"),
    ("To on przejmie imperium ojca. Kim jest Ingmar Brenn?", "Założyciel Brenn Media Halvard Brenn powołał "
     "najstarszego syna Ingmara Brenna na prezesa Brenn Media.", "pl"),
])
def test_a_headline_closing_with_who_someone_is_is_a_profile(title, summary, lang):
    assert found(title, summary, lang) == set()


def test_pay_ends_a_company_name():
    got = found("Corvina Pay, Marta Ruggeri nominata presidente", "L'assemblea degli azionisti di Corvina Pay ha "
                "nominato Marta Ruggeri presidente del consiglio di amministrazione.", "it")
    assert got == {("Marta Ruggeri", "Corvina Pay", "appointment")}


@pytest.mark.parametrize("title, summary, lang, expected", [
    ("Quellwerk reorganises its cloud and devices teams", "With today's departure of Ilse Vandermeer, Quellwerk "
     "is making changes to its cloud and devices teams.", "en", ("Ilse Vandermeer", "Quellwerk", "departure")),
    ("Orbly réorganise ses équipes", "Avec le départ de Ilse Vandermeer, Orbly confie ses équipes cloud à deux "
     "responsables.", "fr", ("Ilse Vandermeer", "Orbly", "departure")),
])
def test_a_change_noun_in_an_opening_phrase_is_at_the_main_clause_s_company(title, summary, lang, expected):
    assert expected in found(title, summary, lang)
