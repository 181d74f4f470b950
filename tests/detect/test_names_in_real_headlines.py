"""Capitalised words in real headlines that are not the people or organisations of a change:
products, what a person is known for, asides about someone's post, and Polish headline shapes
(invented names and companies, our own sentences)."""

from __future__ import annotations

import pytest

from tests.detect.detected import events


def changes(title: str, summary: str = "", lang: str = "en") -> set[tuple[str, str, str]]:
    return {(ev.person, ev.org, ev.change) for ev in events(title, summary, lang)}


@pytest.mark.parametrize("title, summary", [
    ("Orbix Studio 4.2 leaves beta", "The update is out today."),  # a version number: a product
    ("Dead Horizon leaves early access", "He said the studio spent six years on it."),  # common words
    ("Vantor Mesh Router leaves the Quantora lineup", "He said it was old."),
])
def test_products_are_not_people_even_next_to_a_pronoun(title, summary):
    assert changes(title, summary) == set()


def test_a_name_mostly_of_words_no_dictionary_has_is_still_a_person():
    assert changes("Zorvan Quillet leaves Brightloop", "He said he wants to rest.") == {
        ("Zorvan Quillet", "Brightloop", "departure")}


def test_a_capitalised_new_inside_a_product_name_is_no_appointment():
    assert changes("Quantora unveils new Fire Beam speakers with Dolby sound", "The speakers ship in June.") == set()


def test_a_capitalised_new_in_a_title_case_headline_is_still_a_post():
    assert changes("Quantora Names New CEO", "Quantora named Ida Sorn its new CEO.") == {
        ("Ida Sorn", "Quantora", "appointment")}


@pytest.mark.parametrize("title, summary", [
    ("Media mogul Halvor Brekke steps down", ""),
    ("Media mogul Halvor Brekke steps down", "The 81-year-old founder steps down as chairman."),
])
def test_what_a_person_is_known_for_is_not_their_organisation(title, summary):
    assert all(org != "Media" for _, org, _ in changes(title, summary))


def test_a_known_for_phrase_does_not_hide_the_organisation_named_later():
    assert changes("Media mogul Halvor Brekke steps down",
                   "Halvor Brekke, chairman of Quantora, steps down after 40 years.") == {
        ("Halvor Brekke", "Quantora", "departure")}


def test_a_verb_between_company_and_person_is_not_a_description():
    # "Quantora replaces X" is not "Media mogul X": the company stays the organisation of the change
    assert ("Halvor Brekke", "Quantora", "departure") in changes("Quantora replaces Halvor Brekke with Ida Sorn")
    assert ("Halvor Brekke", "Quantora", "departure") in changes("Quantora remplace Halvor Brekke par Ida Sorn",
                                                                 lang="fr")


@pytest.mark.parametrize("title, summary", [
    ("Ida Sorn, the recently named head of Quantora Labs, hinted at a new chip", "Sorn spoke at a conference."),
    ("Ida Sorn, the new head of Quantora Labs, said the chip ships in May", ""),
    ("Quantora CEO Ida Sorn welcomes her new EVP of software Torvik Aln", ""),
])
def test_an_aside_about_someones_post_is_not_news_of_a_change(title, summary):
    assert changes(title, summary) == set()


def test_the_same_post_as_news_is_still_found():
    assert changes("Quantora names Torvik Aln new EVP of software") == {("Torvik Aln", "Quantora", "appointment")}


# -- Polish headline shapes -------------------------------------------------------------------

def test_polish_title_takes_the_organisation_after_it_in_the_genitive():
    found = changes("Odwołanie prezesa Quantory", "Rada nadzorcza odwołała prezesa Quantory Jana Wróbla.", "pl")
    assert {(org, change) for _, org, change in found} == {("Quantory", "firing")}


def test_polish_going_into_retirement_is_a_retirement():
    assert changes("Jan Wróbel idzie na emeryturę. Kto go zastąpi w Quantorze?",
                   "Jan Wróbel, prezes Quantory, idzie na emeryturę po 30 latach.", "pl") == {
        ("Jan Wróbel", "Quantory", "retirement")}


@pytest.mark.parametrize("title, summary", [
    ("Kim jest Jan Wróbel, nowy prezes Quantory?", "Sylwetka menedżera."),  # "who is": a profile
    ("Czy Jan Wróbel, m.in. były prezes Quantory, odejdzie z Velmontu?", ""),  # a question, "m.in." inside
])
def test_polish_questions_and_profiles_are_not_news(title, summary):
    assert changes(title, summary, "pl") == set()


def test_a_headline_fragment_opening_with_one_word_does_not_name_the_organisation():
    assert changes("Koniec epoki. Jan Wróbel odchodzi z Quantory", "Jan Wróbel po 30 latach odchodzi z firmy.",
                   "pl") == {("Jan Wróbel", "Quantory", "departure")}


# -- "a new CEO" as a state, not news ----------------------------------------------------------

def test_a_company_under_a_new_chief_is_a_state_not_news_of_the_post():
    assert changes("Halvor Brekke's parents accused of taking millions from Quantora",
                   "A lawsuit filed by Quantora, now bankrupt and under control of a new CEO, says so.") == set()


def test_a_company_that_found_a_new_chief_is_still_news_of_the_post():
    assert changes("Quantora says it has found a new CEO") == {("", "Quantora", "appointment")}


# -- a headline naming the person and the change, the lead naming the post --------------------

@pytest.mark.parametrize("title, summary, lang, expected", [
    ("Halvor Brekke retires", "Halvor Brekke, chief executive of Quantora, turns 80 this year.", "en",
     ("Halvor Brekke", "Quantora", "retirement")),
    ("Halvor Brekke steps down", "Brekke, chief executive of Quantora since 2001, told staff on Thursday.", "en",
     ("Halvor Brekke", "Quantora", "departure")),
    ("Jan Wróbel idzie na emeryturę", "Jan Wróbel, prezes Quantory, kończy w tym roku 80 lat.", "pl",
     ("Jan Wróbel", "Quantory", "retirement")),
])
def test_a_headline_change_takes_the_post_the_lead_gives_its_person(title, summary, lang, expected):
    assert changes(title, summary, lang) == {expected}


def test_a_step_taken_is_no_move_to_a_destination():
    assert changes("Halvor Brekke moves to quash the Quantora audit report",
                   "Halvor Brekke, the former chief executive of Quantora, filed a motion on Monday.") == set()


# -- a date opening the sentence dates the change ----------------------------------------------

def test_an_appointment_dated_earlier_in_the_year_is_background():
    # the test items are published in May
    assert changes("Velmont shares rise after a quiet quarter",
                   "In February this year, Ida Sorn was named the CEO of Velmont after years as its CFO.") == set()


def test_a_date_inside_an_aside_about_the_person_does_not_date_the_change():
    assert changes("Velmont's CFO leaves after three months",
                   "Ida Sorn, who joined the company in February, has left.") == {("Ida Sorn", "Velmont", "departure")}


@pytest.mark.parametrize("title, expected", [
    ("Halvor Brekke is heading Quantora again after its current CEO steps down", {("Halvor Brekke", "Quantora", "return")}),
    ("Halvor Brekke will be leading Quantora again", {("Halvor Brekke", "Quantora", "return")}),
    ("Halvor Brekke is running for office again", set()),
    ("Halvor Brekke is heading to Quantora", {("Halvor Brekke", "Quantora", "departure")}),  # a move, not a return
])
def test_heading_a_company_again_is_a_return(title, expected):
    assert changes(title) == expected
