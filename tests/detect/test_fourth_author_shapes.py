"""Failure classes found on the fourth invented set (eval/invented/set4.jsonl, read after its
first measurement): our own sentences and names, one test per class."""

from __future__ import annotations

import pytest

from tests.detect.detected import events


def found(title: str, summary: str = "", lang: str = "en") -> set[tuple]:
    return {(ev.person, ev.org, ev.change) for ev in events(title, summary, lang)}


@pytest.mark.parametrize("title, summary, expected", [
    ("Quillmark shakes up its finance team", "Quillmark, the Lisbon-based payments processor, said its chief "
     "financial officer Ravi Osei had resigned after a handover period.", ("Ravi Osei", "Quillmark", "departure")),
    ("Corvane names a chair", "Corvane said founder Ada Brannock will return as chief executive.\n\"Now we need "
     "to ship faster.\" The board also said director Ivo Marren will become chair.", ("Ivo Marren", "Corvane",
                                                                                      "appointment")),
    ("Payments firm Tarnwick's CFO resigns", "Deputy finance director Nadia Ferrell will run the finance function "
     "on an interim basis, the company said.", ("Nadia Ferrell", "Tarnwick", "appointment")),
])
def test_reported_speech_quotes_and_title_modifiers(title, summary, expected):
    got = found(title, summary)
    assert expected in got
    assert all(org not in ("Deputy", "Now") for _, org, _ in got)


@pytest.mark.parametrize("title, summary, org", [
    ("Polish software house Vardel dismisses CEO", "The supervisory board of Kraków-based Vardel has dismissed "
     "chief executive Jan Sowa.", "Vardel"),
    ("Milan-listed Corvane ousts founder", "The board of Milan-listed Corvane removed founder Ivo Marren as "
     "chief executive.", "Corvane"),
])
def test_place_and_nationality_words_before_a_company_are_no_company(title, summary, org):
    got = found(title, summary)
    assert got and {o for _, o, _ in got} == {org}


def test_a_german_title_in_the_genitive_is_no_company():
    got = found("Halvor Maschinenbau: Vorstandschef Oltmann tritt zurück", "Der Vorstandsvorsitzende der Halvor "
                "Maschinenbau AG, Henrik Oltmann, legt sein Amt nieder. Kommissarisch übernimmt Finanzvorständin "
                "Selin Aydın den Vorsitz des Vorstands, bis ein Nachfolger gefunden ist.", "de")
    assert all(org != "Vorstands" for _, org, _ in got)
    assert any(person == "Selin Aydın" for person, _, _ in got)


@pytest.mark.parametrize("title, summary, person, org", [
    ("Założyciel Kordex Soft wraca na fotel prezesa", "Marcin Wilk, współzałożyciel gdyńskiej spółki Kordex Soft, "
     "ponownie obejmuje funkcję prezesa zarządu.", "Marcin Wilk", "Kordex Soft"),
    ("Zmiana w Miravelu", "Rada nadzorcza Wiślanego Banku powołała Ewę Sowę na stanowisko członkini zarządu.",
     "Ewa Sowa", "Wiślanego Banku"),
])
def test_polish_company_words_in_their_cases_make_companies(title, summary, person, org):
    got = found(title, summary, "pl")
    assert {p for p, _, _ in got} == {person}
    assert any(o == org for _, o, _ in got)


def test_a_polish_legal_form_is_no_part_of_the_company_for_dedup():
    from streams.dedup.orgs import normalize_org
    assert normalize_org("Kordex Soft Sp. z o.o.") == normalize_org("Kordex Soft Sp") == normalize_org("Kordex Soft")


@pytest.mark.parametrize("lang, title, summary, org", [
    ("it", "Fontara, si dimette l'amministratrice delegata Marta Rugi", "Marta Rugi lascia Fontara. Contestualmente "
     "il cda ha nominato Paola Ghiri amministratrice delegata.", "Fontara"),
])
def test_an_adverb_opening_a_sentence_is_no_company(lang, title, summary, org):
    got = found(title, summary, lang)
    assert got and {o for _, o, _ in got} == {org}


def test_a_regional_government_is_out_of_scope():
    assert found("Valerio Santi nominato direttore generale della Regione Lombardia",
                 "La giunta ha nominato Valerio Santi direttore generale della Regione.", "it") == set()


def test_a_post_left_vacant_is_no_one_leaving():
    got = found("Arvona names CFO", "Arvona has hired Nora Livett as chief financial officer. She fills a post left "
                "vacant since Martin Dugg moved to a private-equity firm.")
    assert got == {("Nora Livett", "Arvona", "appointment")}


def test_a_date_in_may_is_no_hedge():
    got = found("Meridon hires a chief executive", "Meridon has hired Ivo Marren as chief executive. Marren starts on "
                "May 1, replacing Ruud Smit.")
    assert ("Ruud Smit", "Meridon", "departure") in got


def test_a_year_inside_an_aside_about_the_subject_dates_nothing():
    got = found("Change at Kadestra", "Ivo Marren, since 2027 chief technology officer of Kadestra, is stepping "
                "down, the company said.")
    assert ("Ivo Marren", "Kadestra", "departure") in got
    assert found("Change at Kadestra", "In 2027, Ivo Marren stepped down as chief technology officer of Kadestra.") \
        == set()
