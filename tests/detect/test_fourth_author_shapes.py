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
