"""One change reported at several organisations, successors who take the post of the one they
replace, family successions and news-agency credits: the shapes of a real succession story
(invented names and companies, our own sentences)."""

from __future__ import annotations

import pytest

from tests.detect.detected import events


def changes(title: str, summary: str = "", lang: str = "en") -> set[tuple[str, str, str]]:
    return {(ev.person, ev.org, ev.change) for ev in events(title, summary, lang)}


# -- one post at each organisation listed ------------------------------------------------------

@pytest.mark.parametrize("title, summary, lang, expected", [
    ("Halvor Brekke steps down as chairman of Quantora Corp. and Velmont Corp.",
     "The 81-year-old said he will stay on as an adviser.", "en",
     {("Halvor Brekke", "Quantora Corp", "departure"), ("Halvor Brekke", "Velmont Corp", "departure")}),
    ("Halvor Brekke rezygnuje z funkcji prezesa Quantory i Velmontu", "", "pl",
     {("Halvor Brekke", "Quantory", "departure"), ("Halvor Brekke", "Velmont", "departure")}),
])
def test_a_change_at_organisations_listed_together_is_one_at_each(title, summary, lang, expected):
    assert changes(title, summary, lang) == expected


def test_organisations_listed_before_the_people_are_not_one_post_each():
    # two changes, one per company: not both people at both
    found = changes("Changes at Quantora and Velmont: Halvor Brekke leaves, Ida Sorn takes over")
    assert ("Halvor Brekke", "Velmont", "departure") not in found
    assert ("Ida Sorn", "Quantora", "appointment") not in found


def test_a_comma_alone_lists_no_second_post():
    found = changes("Halvor Brekke leaves Quantora, Velmont's longtime partner", "He quit on Friday.")
    assert found == {("Halvor Brekke", "Quantora", "departure")}


# -- successors ------------------------------------------------------------------------------

def test_a_successor_takes_the_post_of_the_one_replaced_at_each_organisation():
    found = changes("Halvor Brekke steps down as chairman of Quantora and Velmont",
                    "His daughter Ida Brekke will replace him.")
    assert found == {("Halvor Brekke", "Quantora", "departure"), ("Halvor Brekke", "Velmont", "departure"),
                     ("Ida Brekke", "Quantora", "appointment"), ("Ida Brekke", "Velmont", "appointment")}
    roles = {(ev.person, ev.org): ev.role for ev in events("Halvor Brekke steps down as chairman of Quantora "
                                                           "and Velmont", "His daughter Ida Brekke will replace him.",
                                                           "en")}
    assert roles[("Ida Brekke", "Velmont")] == "chairman"


@pytest.mark.parametrize("title, summary, expected", [
    ("Halvor Brekke hands control of Quantora to his son Torvik", "",
     {("Torvik Brekke", "Quantora", "appointment"), ("Halvor Brekke", "Quantora", "departure")}),
    ("Halvor Brekke passes the torch to daughter Ida at Quantora", "",
     {("Ida Brekke", "Quantora", "appointment"), ("Halvor Brekke", "Quantora", "departure")}),
    ("Halvor Brekke passes the torch to Ida Sorn at Quantora", "",
     {("Ida Sorn", "Quantora", "appointment"), ("Halvor Brekke", "Quantora", "departure")}),
])
def test_handing_the_torch_to_a_son_or_daughter_is_a_succession_in_the_family(title, summary, expected):
    # a given name after a word of kinship is a person, with the family's surname
    assert changes(title, summary) == expected


def test_a_retirement_and_a_plain_step_down_are_one_retirement_at_each_organisation():
    found = changes("Quantora founder Halvor Brekke is retiring",
                    "Halvor Brekke steps down as chairman of Quantora and Velmont.")
    assert found == {("Halvor Brekke", "Quantora", "retirement"), ("Halvor Brekke", "Velmont", "retirement")}


# -- the outlet credited is not a party to the change -------------------------------------------

@pytest.mark.parametrize("title, summary, lang, outlet", [
    ("Halvor Brekke leaves Quantora", "Ida Sorn will replace him as CEO - reports Newswire.", "en", "Newswire"),
    ("Jan Wróbel odchodzi z firmy", "Na stanowisku prezesa Quantory zastąpi go Ewa Lis – przekazuje Telewizja Polna.",
     "pl", "Telewizja Polna"),
])
def test_a_news_agency_credited_at_the_end_is_not_the_organisation(title, summary, lang, outlet):
    found = changes(title, summary, lang)
    assert found and all(org != outlet for _, org, _ in found)


def test_an_outlet_credited_after_a_lone_headline_is_not_taken_for_the_organisation():
    assert all(org != "Newswire" for _, org, _ in changes("Halvor Brekke steps down as CEO - reports Newswire"))


def test_a_comma_after_the_kinship_word_still_names_the_successor():
    assert ("Torvik Brekke", "Quantora", "appointment") in changes(
        "Halvor Brekke to step down at Quantora", "He will pass the torch to his son, Torvik Brekke, next year.")


def test_boards_after_a_company_name_are_its_boards_not_part_of_its_name():
    assert changes("Halvor Brekke to Retire From Quantora and Velmont Corporation Boards", "He is 80.") == {
        ("Halvor Brekke", "Quantora", "retirement"), ("Halvor Brekke", "Velmont Corporation", "retirement")}
